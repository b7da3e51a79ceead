#!/usr/bin/env bash
# Builds the release packages on a Debian PC: the amd64 .deb (checked by
# platform/test/package-test.sh) and the arm64 .deb for 64-bit Raspberry Pi OS
# (cross-built and tested under emulation by platform/test/cross-test.sh), then
# puts both in dist/ with SHA256SUMS beside them. The Pi guide installs the
# arm64 one with a single command; no one builds on the Pi.
#   platform/release/release.sh [--arch amd64|arm64]...   (default: both)
# Slow: the arm64 build and its tests take a quarter of an hour on two cores.
set -euo pipefail
cd "$(dirname "$0")/../.."

arches=()
while [ $# -gt 0 ]; do
  case "$1" in
    --arch)
      [ $# -ge 2 ] || { echo "release: --arch needs amd64 or arm64" >&2; exit 2; }
      case "$2" in amd64|arm64) arches+=("$2") ;; *) echo "release: no such architecture \"$2\"; use amd64 or arm64" >&2; exit 2 ;; esac
      shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "release: unknown option \"$1\"; see $0 --help" >&2; exit 2 ;;
  esac
done
[ ${#arches[@]} -gt 0 ] || arches=(amd64 arm64)
[ "$(dpkg --print-architecture)" = amd64 ] ||
  { echo "release: run it on an amd64 Debian PC (this is $(dpkg --print-architecture))" >&2; exit 3; }

version=$(sed -n 's/^project(placard VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
dist=dist
mkdir -p "$dist"
for arch in "${arches[@]}"; do
  case "$arch" in
    amd64)
      build_dir=${PLACARD_BUILD_DIR_AMD64:-build-deb}
      PLACARD_BUILD_DIR=$build_dir platform/test/package-test.sh ;;
    arm64)
      build_dir=${PLACARD_BUILD_DIR_ARM64:-build-arm64}
      PLACARD_BUILD_DIR=$build_dir platform/test/cross-test.sh ;;
  esac
  deb="$build_dir/placard_${version}_${arch}.deb"
  [ -f "$deb" ] || { echo "release: the $arch build made no $deb" >&2; exit 1; }
  [ "$(dpkg-deb -f "$deb" Architecture)" = "$arch" ] || { echo "release: $deb is not marked $arch" >&2; exit 1; }
  cp "$deb" "$dist/"
  echo "release: $dist/${deb##*/}"
done
# Checksums of every package in dist/, so a download can be checked with
# "sha256sum -c SHA256SUMS --ignore-missing" before it is installed.
(cd "$dist" && sha256sum placard_*.deb >SHA256SUMS && sha256sum -c --quiet SHA256SUMS)
echo "release: $dist/SHA256SUMS"
cat "$dist/SHA256SUMS"
