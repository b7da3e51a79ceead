#!/usr/bin/env bash
# Builds the .deb for one Debian suite and architecture, in a clean root of
# that suite made with mmdebstrap, so that its Depends name that suite's
# libraries (trixie's libgumbo3 and libunibreak6, bookworm's libgumbo1 and
# libunibreak1). arm64 is cross-compiled there with the suite's own cross
# compiler and arm64 libraries; nothing runs under emulation.
#   platform/release/suite-build.sh --suite bookworm|trixie --arch amd64|arm64 [--out DIR]
# The package's version says its suite: 0.1.0+deb12 for bookworm, 0.1.0+deb13
# for trixie, so trixie's sorts after bookworm's and upgrades it. It is put in
# DIR (default dist/) and its path printed last. Needs root (mmdebstrap) and
# 5 minutes on two cores for amd64 (1.5 for the root, the rest the build),
# 6 to 10 for arm64.
set -euo pipefail
cd "$(dirname "$0")/../.."

suite="" arch="" out=dist
usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --suite) suite=${2:-}; shift 2 || true ;;
    --arch) arch=${2:-}; shift 2 || true ;;
    --out) out=${2:-}; shift 2 || true ;;
    -h|--help) usage; exit 0 ;;
    *) echo "suite-build: unknown option \"$1\"; see $0 --help" >&2; exit 2 ;;
  esac
done
case "$suite" in
  bookworm) number=12 ;;
  trixie) number=13 ;;
  *) echo "suite-build: --suite must be bookworm or trixie (got \"$suite\")" >&2; exit 2 ;;
esac
case "$arch" in
  amd64|arm64) ;;
  *) echo "suite-build: --arch must be amd64 or arm64 (got \"$arch\")" >&2; exit 2 ;;
esac
[ "$(id -u)" = 0 ] || { echo "suite-build: needs root (mmdebstrap makes the $suite root)" >&2; exit 3; }
[ "$(dpkg --print-architecture)" = amd64 ] ||
  { echo "suite-build: run it on an amd64 Debian PC (this is $(dpkg --print-architecture))" >&2; exit 3; }
# shellcheck source=platform/build/install-packages.sh
. platform/build/install-packages.sh
install_missing suite-build mmdebstrap

# The same packages platform/build/setup.sh installs on a PC, minus the test
# tools; for arm64 the -dev packages in their arm64 builds and the cross compiler.
mapfile -t libraries < <(printf '%s\n' "${placard_packages[@]}" | grep -E '^lib.+-dev$')
tools=(cmake ninja-build pkg-config dpkg-dev file nlohmann-json3-dev doctest-dev git)
if [ "$arch" = amd64 ]; then
  packages=(build-essential "${tools[@]}" "${libraries[@]}")
  architectures=amd64
  toolchain=""
else
  # qemu-user only because the toolchain file names the emulator that runs tests.
  packages=(crossbuild-essential-arm64 qemu-user "${tools[@]}" "${libraries[@]/%/:arm64}")
  architectures=amd64,arm64
  toolchain=-DCMAKE_TOOLCHAIN_FILE=platform/build/cmake/aarch64-linux-gnu.cmake
fi
version=$(sed -n 's/^project(placard VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
deb_version="$version+deb$number"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/placard-suite-build.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
# The sources as they are in this checkout (committed or not), without builds.
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf "$scratch/source.tar"
mkdir -p "$scratch/out" "$out"
# A non-multi-arch -dev package (bookworm's libunibreak-dev) puts its arm64
# library and pkg-config file in /usr/lib: the cross pkg-config is told to look there too.
build="set -e; cd /src
export PKG_CONFIG_PATH=/usr/lib/pkgconfig
cmake -S . -B build -G Ninja $toolchain -DPLACARD_TESTS=OFF -DCMAKE_INSTALL_PREFIX=/usr -DPLACARD_PACKAGE_VERSION=$deb_version >/dev/null
cmake --build build -j $(nproc)
cd build && DEB_HOST_ARCH=$arch cpack >/dev/null
cp placard_*.deb /out/"
echo "suite-build: building placard $deb_version for $suite $arch in a clean $suite root"
started=$(date +%s)
list=$(IFS=,; echo "${packages[*]}")
nice -n 10 mmdebstrap --quiet --variant=apt --architectures="$architectures" --include="$list" \
  --customize-hook='mkdir "$1/src" "$1/out"' \
  --customize-hook="tar-in $scratch/source.tar /src" \
  --customize-hook="chroot \"\$1\" sh -c '$build'" \
  --customize-hook="sync-out /out $scratch/out" \
  "$suite" /dev/null </dev/null
deb=$(find "$scratch/out" -name "placard_${deb_version}_$arch.deb" | head -n 1)
[ -n "$deb" ] || { echo "suite-build: the $suite $arch build made no placard_${deb_version}_$arch.deb" >&2; exit 1; }
[ "$(dpkg-deb -f "$deb" Architecture)" = "$arch" ] || { echo "suite-build: $deb is not marked $arch" >&2; exit 1; }
cp "$deb" "$out/"
echo "suite-build: Depends: $(dpkg-deb -f "$deb" Depends)"
echo "suite-build: made in $(( $(date +%s) - started )) s"
echo "$out/${deb##*/}"
