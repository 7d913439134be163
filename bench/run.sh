#!/usr/bin/env bash
# The benchmark in one command, from the repository's folder (bench/README.md):
#   bash bench/run.sh [--rounds N] [--only W1,W2,W3,W4,memory] [--memory-iterations N]
# Installs the peers' Debian packages (scripts/install-deps.sh --bench), builds the release
# preset with the bench tools, then runs bench/run_bench.py on Debian's python3 (the one
# python3-numpy, -torch and -sklearn serve), every process single-threaded.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh --bench
cmake --preset release >/dev/null
cmake --build --preset release --target bench_tools -j 2

export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
exec /usr/bin/python3 bench/run_bench.py --build build/release "$@"
