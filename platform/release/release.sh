#!/usr/bin/env bash
# Makes a release on a Debian PC, in dist/:
#   placard_VERSION+deb13_arm64.deb   Raspberry Pi OS (trixie, today's), 64-bit
#   placard_VERSION+deb12_arm64.deb   Raspberry Pi OS Legacy (bookworm), 64-bit
#   placard_VERSION+deb13_amd64.deb, placard_VERSION+deb12_amd64.deb   PCs
#   placard-VERSION-arm64.img.xz      the SD-card image for Raspberry Pi Imager
#   placard-imager.json               Imager's OS list for that image, so that
#                                     Imager offers its settings (host name, Wi-Fi);
#                                     only with --image-url
#   placard-check-VERSION.zip         the feed checker for editors (feeds/check/):
#                                     unzipped, check/index.html opens in any browser
#   SHA256SUMS                        for "sha256sum -c SHA256SUMS --ignore-missing"
# Each package is built in a clean root of its own suite (suite-build.sh)
# and installed with apt into another (install-test.sh; arm64 under
# qemu-user); the arm64 unit tests run under emulation (test/cross-test.sh);
# the image is booted under qemu-system-aarch64 to its first slide and
# compared with placard-feed preview (image.sh --boot).
#   platform/release/release.sh [--suite S]... [--arch A]... [--no-image] [--image-url URL]
#     --suite       bookworm or trixie (default: both)
#     --arch        amd64 or arm64 (default: both)
#     --no-image    packages only
#     --image-url   where the image will be published (an https:// address
#                   ending in the image's file name): Imager downloads it from
#                   there, so placard-imager.json is written only with it
# Slow: about an hour and a half on two cores, most of it arm64 under
# emulation. platform/test.sh --slow runs it.
set -euo pipefail
cd "$(dirname "$0")/../.."

suites=() arches=() image=yes image_url=""
while [ $# -gt 0 ]; do
  case "$1" in
    --suite)
      case "${2:-}" in bookworm|trixie) suites+=("$2") ;; *) echo "release: --suite takes bookworm or trixie (got \"${2:-}\")" >&2; exit 2 ;; esac
      shift 2 ;;
    --arch)
      case "${2:-}" in amd64|arm64) arches+=("$2") ;; *) echo "release: --arch takes amd64 or arm64 (got \"${2:-}\")" >&2; exit 2 ;; esac
      shift 2 ;;
    --no-image) image=no; shift ;;
    --image-url) image_url=${2:-}; shift 2 || true ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "release: unknown option \"$1\"; see $0 --help" >&2; exit 2 ;;
  esac
done
[ ${#suites[@]} -gt 0 ] || suites=(bookworm trixie)
[ ${#arches[@]} -gt 0 ] || arches=(amd64 arm64)
[ "$(id -u)" = 0 ] || { echo "release: needs root (mmdebstrap makes each suite's root)" >&2; exit 3; }
version=$(sed -n 's/^project(placard VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
dist=dist
mkdir -p "$dist"
started=$(date +%s)

debs=()
for suite in "${suites[@]}"; do
  for arch in "${arches[@]}"; do
    debs+=("$(platform/release/suite-build.sh --suite "$suite" --arch "$arch" --out "$dist" | tail -n 1)")
  done
done
platform/release/install-test.sh "${debs[@]}"
if printf '%s\n' "${arches[@]}" | grep -qx arm64; then
  platform/test/cross-test.sh
fi

if [ "$image" = yes ]; then
  trixie_arm64="$dist/placard_${version}+deb13_arm64.deb"
  [ -f "$trixie_arm64" ] || trixie_arm64=$(platform/release/suite-build.sh --suite trixie --arch arm64 --out "$dist" | tail -n 1)
  img=$(platform/image.sh --arch arm64 --deb "$trixie_arm64" --out "$dist" --boot | tail -n 1)
  # Raspberry Pi Imager offers its OS customisation only for an image its OS
  # list describes with init_format "cloudinit" ("Use custom" gets none):
  # App Options > Content Repository > Use custom file (or URL).
  if [ -z "$image_url" ]; then
    echo "release: no placard-imager.json: give --image-url with the address the image will be published at"
  else
  /usr/bin/python3 - "$img" "$image_url" "$version" >"$dist/placard-imager.json" <<'EOF'
import hashlib, json, lzma, os, sys, datetime
image, url, version = sys.argv[1:4]
extracted = hashlib.sha256()
size = 0
with lzma.open(image) as f:
    for block in iter(lambda: f.read(1 << 20), b""):
        extracted.update(block)
        size += len(block)
with open(image, "rb") as f:
    download = hashlib.sha256(f.read()).hexdigest()
json.dump({"os_list": [{
    "name": f"Placard {version}",
    "description": "The event screen for statements and tallies (Debian trixie, Raspberry Pi 3, 4, 400, Zero 2 W)",
    "url": url,
    "icon": "",
    "release_date": datetime.date.today().isoformat(),
    "extract_size": size,
    "extract_sha256": extracted.hexdigest(),
    "image_download_size": os.path.getsize(image),
    "image_download_sha256": download,
    "init_format": "cloudinit",
    "devices": ["pi3-64bit", "pi4-64bit"],
}]}, sys.stdout, indent=2)
print()
EOF
  fi
fi
# The feed checker, the same for every screen: its folder, zipped as check/.
platform/build/checker.sh --build-dir build-release-check | tail -n 1
rm -f "$dist/placard-check-$version.zip"
/usr/bin/python3 - build-release-check/feeds-check "$dist/placard-check-$version.zip" <<'EOF'
import pathlib, sys, zipfile
folder, out = pathlib.Path(sys.argv[1]), sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for f in sorted(folder.iterdir()):
        z.write(f, "check/" + f.name)
EOF
# Checksums of everything in dist/, so a download can be checked before it is installed.
(cd "$dist" && shopt -s nullglob && sha256sum placard_*.deb placard-*.img.xz placard-check-*.zip >SHA256SUMS && sha256sum -c --quiet SHA256SUMS)
echo "release: made in $(( ($(date +%s) - started) / 60 )) minutes:"
cat "$dist/SHA256SUMS"
