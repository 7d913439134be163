#!/usr/bin/env bash
# package_test.sh BUILD_DIR WORK [DEB]
# The Debian package as a user meets it: make it from BUILD_DIR with cpack (or take DEB),
# install it with `apt-get install ./nnlab_*.deb` in a brand-new Debian 12 chroot
# (debootstrap --variant=minbase bookworm), then, there, with no environment variable:
#   - the runner finds its plugins; man page, completions, examples and nnlab_store are there;
#   - an example experiment runs from /usr/share/nnlab into ./results of the folder it runs in;
#   - python3 -m nnlab_store reads the store it wrote;
#   - `runner new optimizer` writes a plugin project that builds against /usr alone
#     (find_package(nnlab)), passes its check-plugin test and trains.
# Needs root, debootstrap and the Debian mirror: without them it exits 77 (ctest: skipped),
# except under CI (CI=true), where it must run and so fails instead.
set -euo pipefail
build=$(realpath "$1")
work=$2
deb=${3:-}
skip() {
  if [ "${CI:-}" = true ]; then
    echo "package test: cannot run under CI: $*" >&2
    exit 1
  fi
  echo "package test: skipped: $*"
  exit 77
}
[ "$(id -u)" = 0 ] || skip "needs root (debootstrap, chroot)"
command -v debootstrap >/dev/null || skip "needs debootstrap (scripts/install-deps.sh installs it)"
mirror=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | grep -i debian | grep -vi security |
  head -1 | awk '{print $2}' || true)
[ -n "$mirror" ] || mirror=$(grep -hs '^deb ' /etc/apt/sources.list | head -1 | awk '{print $2}' || true)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
host=$(echo "$mirror" | sed -E 's|^[a-z]+://([^/:]+).*|\1|')
timeout 10 bash -c "exec 3<>/dev/tcp/$host/80" 2>/dev/null || skip "no network to $mirror"

start=$SECONDS
step() { printf '[%4ds] %s\n' $((SECONDS - start)) "$*"; }
root=$work/root
# The chroot lives in memory (tmpfs): apt unpacks faster, and the test leaves nothing behind
# (deleting a few hundred MB of headers from disk took minutes on a busy machine).
cleanup() {
  for m in proc dev/pts dev ""; do umount -l "$root/$m" 2>/dev/null || true; done
}
trap cleanup EXIT
cleanup
rm -rf "$work" && mkdir -p "$root"
mount -t tmpfs -o size=6g,mode=0755 nnlab-package-test "$root"

if [ -z "$deb" ]; then
  step "cpack -G DEB from $build"
  (cd "$build" && cpack -G DEB -B "$work/deb" >"$work/cpack.log" 2>&1) ||
    { cat "$work/cpack.log"; exit 1; }
  deb=$(ls "$work"/deb/nnlab_*.deb)
fi
step "package: $deb"

# The bare system debootstrap makes is kept beside WORK (a clean checkout has none), so a
# rerun starts from a fresh copy of it instead of downloading it again.
base=$(dirname "$work")/bookworm-minbase.tar
if [ -f "$base" ]; then
  step "a fresh copy of $base (debootstrap --variant=minbase bookworm, made before)"
  tar -C "$root" -xf "$base"
else
  step "debootstrap --variant=minbase bookworm ($mirror)"
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log"; exit 1; }
  tar -C "$root" -cf "$base.tmp" . && mv "$base.tmp" "$base"
fi
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts" 2>/dev/null || true
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
cp "$deb" "$root/tmp/"
cat >"$root/tmp/inside.sh" <<'INSIDE'
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
start=$SECONDS
step() { printf '[+%3ds] %s\n' $((SECONDS - start)) "$*"; }
apt-get update -qq
step "apt-get install ./nnlab_*.deb"
cd /tmp && apt-get install -y -qq ./nnlab_*.deb >/tmp/apt.log 2>&1 || { cat /tmp/apt.log; exit 1; }
fail() { echo "FAIL: $*" >&2; exit 1; }

step "installed files"
for f in /usr/bin/runner /usr/share/man/man1/runner.1.gz \
  /usr/share/bash-completion/completions/runner /usr/share/zsh/vendor-completions/_runner \
  /usr/share/nnlab/experiments/xor.yaml /usr/share/nnlab/data/xor_train.csv \
  /usr/lib/python3/dist-packages/nnlab_store/__init__.py /usr/include/nnlab/plugin.hpp; do
  [ -e "$f" ] || fail "not installed: $f"
done
libdir=$(dirname "$(ls /usr/lib/*/libnnlab.so.0)")
runner list >/tmp/list.txt
grep -q "^  $libdir/nnlab/plugins  (built in)$" /tmp/list.txt || { cat /tmp/list.txt; fail "plugins not found"; }
grep -q "nnlab_optimizer_momentum.so" /tmp/list.txt || fail "momentum not listed"
runner --version | tee /tmp/version.txt
grep -q "^BLAS: OpenBLAS" /tmp/version.txt || fail "the runner does not use OpenBLAS"

step "an example experiment from /usr/share/nnlab"
mkdir -p /tmp/user && cd /tmp/user
runner /usr/share/nnlab/experiments/xor.yaml --jobs 2 >/tmp/xor.txt 2>&1 || { cat /tmp/xor.txt; fail "xor.yaml"; }
grep -q "1 trained" /tmp/xor.txt || { cat /tmp/xor.txt; fail "xor.yaml trained nothing"; }
[ -f results/xor/runs.h5 ] && [ -f results/xor/summary.csv ] || fail "no store in ./results/xor"
ls results/xor/plots/*.png >/dev/null || fail "no plots"
grep -q ",done," results/xor/summary.csv || fail "the run is not done"
tail -3 /tmp/xor.txt

step "python3 -m nnlab_store, once the Python packages it suggests are there"
if command -v python3 >/dev/null; then # (the package pulls no python3 in)
  python3 -m nnlab_store results/xor/runs.h5 2>/tmp/store.err && fail "nnlab_store ran without pandas?"
  grep -q "apt-get install python3-h5py python3-pandas python3-yaml" /tmp/store.err ||
    { cat /tmp/store.err; fail "nnlab_store does not say what it needs"; }
fi
apt-get install -y -qq --no-install-recommends python3-h5py python3-pandas python3-yaml \
  >/tmp/apt-python.log 2>&1 || { cat /tmp/apt-python.log; exit 1; }
python3 -m nnlab_store results/xor/runs.h5 >/tmp/store.txt || fail "nnlab_store"
cat /tmp/store.txt
grep -q "done" /tmp/store.txt || fail "nnlab_store shows no done run"

step "a plugin of one's own: runner new optimizer my_rule, built against /usr"
apt-get install -y -qq --no-install-recommends cmake g++ make libarmadillo-dev libboost-dev \
  >/tmp/apt-dev.log 2>&1 || { cat /tmp/apt-dev.log; exit 1; }
cd /tmp/user && runner new optimizer my_rule >/dev/null
cmake -S my_rule -B my_rule/build -DCMAKE_BUILD_TYPE=Release >/tmp/cmake.log 2>&1 ||
  { cat /tmp/cmake.log; fail "configure"; }
grep -q "^nnlab_DIR:PATH=$libdir/cmake/nnlab$" my_rule/build/CMakeCache.txt || fail "found another nnlab"
cmake --build my_rule/build >/tmp/build.log 2>&1 || { cat /tmp/build.log; fail "build"; }
ctest --test-dir my_rule/build --output-on-failure >/tmp/ctest.log 2>&1 || { cat /tmp/ctest.log; fail "check-plugin"; }
runner my_rule/my_rule.yaml --plugin-path my_rule/build/plugins --jobs 2 >/tmp/mine.txt 2>&1 ||
  { cat /tmp/mine.txt; fail "training with my_rule"; }
grep -q "1 trained" /tmp/mine.txt || { cat /tmp/mine.txt; fail "my_rule trained nothing"; }
tail -3 /tmp/mine.txt
step "all checks passed inside"
INSIDE
step "inside the chroot (env -i: no NNLAB_PLUGIN_PATH, no LD_LIBRARY_PATH)"
chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin /bin/bash /tmp/inside.sh
cleanup
trap - EXIT
step "package test passed in $((SECONDS - start)) s"
