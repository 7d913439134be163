#!/usr/bin/env bash
# Installs the Debian packages nnlab needs to build, test and plot.
#   scripts/install-deps.sh           the packages to build, test and plot
#   scripts/install-deps.sh --bench   those, plus the benchmark's peers (bench/README.md)
# Idempotent: when every package is already present it only checks and exits.
# Runs as root, or through sudo when not root.
set -euo pipefail

bench=0
for arg in "$@"; do
  case "$arg" in
  --bench) bench=1 ;;
  *) echo "install-deps: unknown option '$arg' (known: --bench)" >&2; exit 2 ;;
  esac
done

packages=(
  build-essential cmake ninja-build pkg-config git
  libarmadillo-dev libopenblas-dev
  libhdf5-dev hdf5-tools
  libyaml-cpp-dev
  libboost-dev libboost-program-options-dev libboost-filesystem-dev libboost-iostreams-dev
  catch2
  # gnuplot-nox in the same call as gnuplot-iostream, so apt does not pick the Qt gnuplot
  gnuplot-nox libgnuplot-iostream-dev
  libopenmpi-dev openmpi-bin
  libssl-dev   # OpenSSL libcrypto: SHA-256 of plugin libraries (provenance)
  nlohmann-json3-dev  # the runner's --json output
  libonnx-dev libprotobuf-dev  # runner export --format onnx writes through ONNX's protos
  python3-onnx   # the ONNX export's test: onnx.checker and the model's operators
  python3-h5py python3-pandas python3-yaml  # nnlab_store, the Python helper (and its test)
  zsh            # the zsh completion's test
  file           # cpack -G DEB: dpkg-shlibdeps finds the package's binaries with it
  debootstrap    # the package test: the .deb installed in a brand-new Debian 12 chroot
  python3-numpy  # the course notebook's NumPy loop, which numpy_legacy must reproduce (tests)
  chromium       # headless, opens report.html in the tests
  clang libclang-rt-14-dev  # libFuzzer and its sanitizers: the fuzz preset (tests/fuzz)
)
if [ "$bench" -eq 1 ]; then
  # bench/peers/: PyTorch (CPU, float64) and scikit-learn's MLPClassifier against nnlab
  packages+=(python3-torch python3-sklearn)
fi

missing=()
for p in "${packages[@]}"; do
  # dpkg-query prints "install ok installed" only for a fully installed package
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: not root and no sudo; install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "install-deps: done"
