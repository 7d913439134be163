#!/usr/bin/env bash
# Soak (issue 7; not part of the test suite): a sweep of 10,000 tiny runs with --jobs 2.
# Runs stream to the store as they finish, so the runner's memory must stay flat: its
# resident and peak memory (VmRSS, VmHWM from /proc) are printed every tenth of the runs,
# and the store must end with exactly as many complete runs as the sweep has.
#   bash bench/soak.sh [path/to/runner] [runs]   (default: build/release/bin/runner 10000)
set -euo pipefail
runner=${1:-build/release/bin/runner}
runs=${2:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/soak.yaml" <<YAML
name: soak
seed: 1
dataset: {plugin: xor, n_samples: 300}
model: {layers: [3, 1]}
loss: {plugin: binary_cross_entropy}
optimizer: {plugin: sgd, learning_rate: 0.1}
training: {iterations: 20}
repeats: $runs
YAML
memory_mb() { # VmRSS and VmHWM of a process, in MB
  awk '/^VmRSS/ {r = $2} /^VmHWM/ {h = $2} END {printf "%.1f MB (peak %.1f MB)", r / 1024, h / 1024}' \
    "/proc/$1/status" 2>/dev/null || echo "?"
}

echo "soak: $runner; $runs runs of a 2-3-1 net (xor, 300 samples, 20 iterations), --jobs 2"
echo "resident memory while training, every $((runs / 10)) finished runs:"
SECONDS=0
coproc RUNNER { exec "$runner" "$work/soak.yaml" --out "$work/out" --no-plots --jobs 2; }
pid=$RUNNER_PID
finished=0
while IFS= read -r line <&"${RUNNER[0]}"; do
  case "$line" in
  "["*) finished=$((finished + 1))
        if (( finished % (runs / 10) == 0 )); then
          printf '  after %6d runs: %s\n' "$finished" "$(memory_mb "$pid")"
        fi ;;
  results:*) echo "$line" ;;
  esac
done
status=0
wait "$pid" || status=$?
echo "exit status $status after $SECONDS s"

# Exactly `runs` runs, each complete: one summary row per stored run, every one done, and
# as many groups under /runs in runs.h5.
store="$work/out/soak/runs.h5"
done_rows=$(awk -F, 'NR > 1 && $5 == "done"' "$work/out/soak/summary.csv" | wc -l)
groups=$(h5ls "$store/runs" | wc -l)
journal=$(find "$work/out/soak/runs.h5.journal" -type f 2>/dev/null | wc -l)
echo "store: $groups runs in $(du -h "$store" | cut -f1) runs.h5, $done_rows done in summary.csv," \
  "$journal left in the journal"
if [ "$status" -ne 0 ] || [ "$groups" -ne "$runs" ] || [ "$done_rows" -ne "$runs" ] || [ "$journal" -ne 0 ]; then
  echo "soak: FAILED" >&2
  exit 1
fi
echo "soak: PASS"
