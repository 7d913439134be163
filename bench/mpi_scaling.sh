#!/usr/bin/env bash
# Runs per second of a sweep of small runs: threads of one process versus MPI ranks
# (rank 0 coordinates and stores, the others train; beyond the machine's cores the ranks
# are oversubscribed), and the per-run overhead of the MPI path over threads.
#   bench/mpi_scaling.sh [path/to/runner] [runs] [iterations]
#   (default: build/release/bin/runner 96 500)
set -euo pipefail
runner=${1:-build/release/bin/runner}
runs=${2:-96}
iterations=${3:-500}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/scale.yaml" <<YAML
name: scale
seed: 1
dataset: {plugin: xor, n_samples: 300}
model: {layers: [3, 2, 1]}
loss: {plugin: binary_cross_entropy}
optimizer: {plugin: sgd, learning_rate: 0.05}
training: {iterations: $iterations}
repeats: $runs
YAML
root=""
[ "$(id -u)" = 0 ] && root="--allow-run-as-root"

# Seconds of one sweep (fresh store, no plots), from the runner's own summary line.
sweep_seconds() {
  local out=$1; shift
  rm -rf "$work/$out"
  "$@" "$work/scale.yaml" --out "$work/$out" --no-plots -q |
    sed -n 's/.* failed; \([0-9.]*\) s,.*/\1/p'
}

echo "nnlab MPI scaling: $runs runs of a 2-3-2-1 net, $iterations iterations each; $(nproc) cores; $(date -u +%Y-%m-%d)"
printf "%-34s %10s %10s %14s\n" "how" "seconds" "runs/s" "ms per run"
report() {
  awk -v how="$1" -v s="$2" -v n="$runs" \
    'BEGIN { printf "%-34s %10.2f %10.1f %14.2f\n", how, s, n / s, 1000 * s / n }'
}
t1=$(sweep_seconds t1 "$runner" --jobs 1);           report "1 process, --jobs 1" "$t1"
t2=$(sweep_seconds t2 "$runner" --jobs 2);           report "1 process, --jobs 2" "$t2"
for np in 1 2 3 4; do
  t=$(sweep_seconds "np$np" mpirun -np "$np" --oversubscribe $root "$runner" --jobs 1)
  report "mpirun -np $np (workers: $((np > 1 ? np - 1 : 0)))" "$t"
  [ "$np" = 2 ] && t_np2=$t
done
# One worker rank trains like one thread: the difference per run is the MPI path's cost
# (hand-out, encoding the run as an HDF5 image, sending it, decoding it on rank 0).
awk -v a="$t_np2" -v b="$t1" -v n="$runs" \
  'BEGIN { printf "MPI overhead per run (np 2 vs --jobs 1): %.2f ms\n", 1000 * (a - b) / n }'
