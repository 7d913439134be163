#!/usr/bin/env bash
# Scale of the store (issue 19; not part of the test suite): a sweep of 100,000 tiny runs,
# then every command that reads the store, each timed with its peak memory.
#   bash bench/store_scale.sh [path/to/runner] [runs] [work folder]
#   (default: build/release/bin/runner 100000, a fresh temporary folder)
# The sweep is a 10 x 10 grid (momentum's learning_rate and momentum) with runs/100 seeds
# per point, each run a 2-3-1 net on 300 XOR samples for 20 iterations, trained with
# --jobs 2. Its resident and peak memory (VmRSS, VmHWM) are printed every tenth of the runs:
# they must stay flat. Then, each on the finished store, with its wall time and peak
# resident memory (GNU time's %e and %M), and the CPU time it took (user + system, its
# children's included: on a machine shared with other work the wall time is mostly theirs):
#   report   the same command again: nothing to train, summary.csv, plots and report.html
#   plot     runner plot STORE --out DIR
#   compare  runner compare STORE COPY --table (a copy of the store in another folder)
#   status   runner status STORE (when this runner has the command)
# Goals: under 60 s and 500 MB each. A work folder given is kept (to measure again
# without the sweep: the store is reused when it already holds every run).
set -euo pipefail
runner=$(realpath "${1:-build/release/bin/runner}")
runs=${2:-100000}
if [ -n "${3:-}" ]; then
  work=$(realpath -m "$3")
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
seeds=$((runs / 100))
cat > "$work/scale.yaml" <<YAML
name: scale
seed: 1
dataset: {plugin: xor, n_samples: 300}
model: {layers: [3, 1]}
loss: {plugin: binary_cross_entropy}
optimizer: {plugin: momentum, learning_rate: 0.1, momentum: 0.9}
training: {iterations: 20}
repeats: $seeds
sweep:
  optimizer.learning_rate: [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5]
  optimizer.momentum: [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
YAML
store="$work/out/scale/runs.h5"
memory_mb() { # VmRSS and VmHWM of a process, in MB, and the CPU time it has used
  local cpu
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat" 2>/dev/null)
  awk -v cpu="${cpu:-?}" '/^VmRSS/ {r = $2} /^VmHWM/ {h = $2}
    END {printf "%.1f MB (peak %.1f MB), %s s of CPU", r / 1024, h / 1024, cpu}' \
    "/proc/$1/status" 2>/dev/null || echo "?"
}
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "store scale: $runner; $((seeds * 100)) runs (10 x 10 points x $seeds seeds) of a 2-3-1 net" \
  "(xor, 300 samples, 20 iterations), --jobs 2; load average $(load)"
stored=0
[ -f "$store" ] && stored=$(h5ls "$store/runs" 2>/dev/null | wc -l)
if [ "$stored" -ne $((seeds * 100)) ]; then
  echo "sweep: resident memory every $((runs / 10)) finished runs:"
  SECONDS=0
  coproc RUNNER { exec "$runner" "$work/scale.yaml" --out "$work/out" --no-plots --jobs 2; }
  pid=$RUNNER_PID
  finished=0
  while IFS= read -r line <&"${RUNNER[0]}"; do
    case "$line" in
    "["*) finished=$((finished + 1))
          if (( finished % (runs / 10) == 0 )); then
            printf '  after %6d runs, %5d s: %s\n' "$finished" "$SECONDS" "$(memory_mb "$pid")"
          fi ;;
    results:*) echo "  $line" ;;
    esac
  done
  status=0
  wait "$pid" || status=$?
  echo "sweep: exit status $status after $SECONDS s; load average $(load)"
  [ "$status" -eq 0 ] || exit 1
  stored=$(h5ls "$store/runs" | wc -l)
fi
echo "store: $stored runs, $(du -h "$store" | cut -f1)"

mkdir -p "$work/copy/scale"
cp "$store" "$work/copy/scale/runs.h5"
failed=0
measure() { # name, then the command: one line "name  wall s  CPU s  peak MB  exit status"
  local name=$1
  shift
  local status=0
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" > "$work/$name.out" 2>&1 || status=$?
  read -r wall user sys peak_kb < <(tail -1 "$work/time.txt")
  local peak_mb=$((peak_kb / 1024))
  local cpu
  cpu=$(awk "BEGIN {print $user + $sys}")
  local verdict=ok
  if [ "$status" -ne 0 ] || awk "BEGIN {exit !($wall >= 60)}" || [ "$peak_mb" -ge 500 ]; then
    verdict=FAILED
    failed=1
  fi
  printf '  %-8s %7.1f s (CPU %6.1f s)  %5d MB  exit %d  %s\n' "$name" "$wall" "$cpu" "$peak_mb" \
    "$status" "$verdict"
}
echo "commands on the store (goal: < 60 s, < 500 MB each); load average $(load):"
measure report "$runner" "$work/scale.yaml" --out "$work/out" --jobs 2
measure plot "$runner" plot "$store" --out "$work/plots"
measure compare "$runner" compare "$store" "$work/copy/scale/runs.h5" --table
if "$runner" help status > /dev/null 2>&1; then
  measure status "$runner" status "$store"
else
  echo "  status   (this runner has no status command)"
fi
echo "load average after: $(load)"
if [ "$failed" -ne 0 ]; then
  echo "store scale: FAILED (outputs in $work/*.out)" >&2
  exit 1
fi
echo "store scale: PASS"
