#!/usr/bin/env bash
# Peak memory of a sweep of tiny runs, 20 runs against 2000 (issue: "memory stays flat":
# runs stream to the store, so the second must stay close to the first).
#   bench/memory_flat.sh [path/to/runner]      (default: build/release/bin/runner)
set -euo pipefail
runner=${1:-build/release/bin/runner}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in 20 2000; do
  cat > "$work/mem$n.yaml" <<YAML
name: mem$n
seed: 1
dataset: {plugin: xor, n_samples: 300}
model: {layers: [3, 1]}
loss: {plugin: binary_cross_entropy}
optimizer: {plugin: sgd, learning_rate: 0.1}
training: {iterations: 20}
repeats: $n
YAML
  printf '%5d runs: ' "$n"
  "$runner" "$work/mem$n.yaml" --out "$work/out" --no-plots --jobs 2 | grep '^results:'
done
