#!/usr/bin/env bash
# Issue 8's identity check by hand: the same sweep in one process and under mpirun, then
# h5diff of the two stores. Every dataset under /runs (cost and accuracy series, weights)
# is compared by h5diff; the root's attributes (provenance, command line) and each run's
# (start and end time, wall time, and its config and status) are left to a second
# comparison, of h5dump's attribute listing without the times and the command line.
#   bash bench/mpi_identity.sh [path/to/runner] [ranks] [iterations]
#   (default: build/release/bin/runner 3 500)
set -euo pipefail
runner=$(realpath "${1:-build/release/bin/runner}")
ranks=${2:-3}
iterations=${3:-500}
experiment=$(realpath "$(dirname "$0")/../experiments/momentum.yaml")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=""
[ "$(id -u)" = 0 ] && root="--allow-run-as-root"

set -x
"$runner" "$experiment" --out "$work/one" --no-plots -q --jobs 2 "training.iterations=$iterations"
mpirun $root --oversubscribe -np "$ranks" "$runner" "$experiment" --out "$work/mpi" --no-plots -q \
  "training.iterations=$iterations"
set +x
a=$work/one/momentum/runs.h5 b=$work/mpi/momentum/runs.h5
excludes=(--exclude-attribute /)
for id in $(h5ls "$a/runs" | awk '{print $1}'); do excludes+=(--exclude-attribute "/runs/$id"); done
echo "h5diff -r ${excludes[*]:0:4} ... (${#excludes[@]} options) one/runs.h5 mpi/runs.h5 /runs /runs"
h5diff -r "${excludes[@]}" "$a" "$b" /runs /runs | tail -1
# The run attributes but the clock's: start_time, end_time, wall_time_s.
attributes() {
  h5dump -A -g /runs "$1" | awk '
    /ATTRIBUTE "(start_time|end_time|wall_time_s)"/ { skip = 1; depth = 0 }
    skip { depth += gsub(/{/, "{") - gsub(/}/, "}"); if (depth == 0) skip = 0; next }
    !/^HDF5 "/ { print }'
}
if diff <(attributes "$a") <(attributes "$b") >/dev/null; then
  echo "run attributes (config, seed, status, iterations, ... but the times): identical," \
    "$(attributes "$a" | grep -c 'ATTRIBUTE') attributes compared"
else
  echo "run attributes differ:"; diff <(attributes "$a") <(attributes "$b") | head -20; exit 1
fi
