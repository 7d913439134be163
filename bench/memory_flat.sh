#!/usr/bin/env bash
# Memory over a sweep of 2,000 tiny runs: runs stream to the store as they finish, so the
# runner's resident memory must stay flat while they train (sampled every 200 finished
# runs from /proc), and the peak must not grow with the number of runs stored.
#   bench/memory_flat.sh [path/to/runner] [runs]   (default: build/release/bin/runner 2000)
set -euo pipefail
runner=${1:-build/release/bin/runner}
runs=${2:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/mem.yaml" <<YAML
name: mem
seed: 1
dataset: {plugin: xor, n_samples: 300}
model: {layers: [3, 1]}
loss: {plugin: binary_cross_entropy}
optimizer: {plugin: sgd, learning_rate: 0.1}
training: {iterations: 20}
repeats: $runs
YAML
rss_mb() { awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }

echo "runner: $runner; $runs runs of a 2-3-1 net, 20 iterations each, --jobs 2"
echo "resident memory while training (MB), every $((runs / 10)) finished runs:"
coproc RUNNER { exec "$runner" "$work/mem.yaml" --out "$work/out" --no-plots --jobs 2; }
pid=$RUNNER_PID
finished=0
samples=""
while IFS= read -r line <&"${RUNNER[0]}"; do
  case "$line" in
  "["*) finished=$((finished + 1))
        if (( finished % (runs / 10) == 0 )); then samples+=" $finished:$(rss_mb "$pid")"; fi ;;
  results:*) echo "$samples" | tr ' ' '\n' | sed '/^$/d; s/^/  after /; s/:/ runs: /'
             echo "$line" ;;
  esac
done
wait "$pid"
