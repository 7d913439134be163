#!/usr/bin/env bash
# Where the time of W1 and W2 goes (issue 6): perf samples nnlab_bench (the training phase
# only) and prints the symbols above 2 % of the samples, hottest first.
#   bash bench/profile.sh [BUILD] [WORK]
# BUILD: a release build with the bench tools (default build/release); WORK: the workloads'
# files written by bench/run.sh (default build/release/bench-work). Needs linux-perf and
# perf_event_paranoid <= 2 (or root).
set -euo pipefail
build=${1:-build/release}
work=${2:-build/release/bench-work}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
for w in W1 W2; do
  echo "== $w: $build/bin/nnlab_bench $work/$w.yaml"
  perf record -q -F 4000 -o "$tmp/perf.data" -- \
    "$build/bin/nnlab_bench" "$work/$w.yaml" "$tmp/$w.json" >/dev/null 2>&1
  perf report -q -i "$tmp/perf.data" --stdio --sort symbol --percent-limit 2 2>/dev/null |
    sed -E 's/\[\.\] //; s/^ +//; s/[ -]+$//'
done
