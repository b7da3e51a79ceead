#!/usr/bin/env bash
# Boots Placard's SD-card image for real and checks it from outside: the
# amd64 image made by platform/image.sh (the same recipe as the Raspberry Pi
# image: Debian trixie, cloud-init, NetworkManager, Placard's trixie package
# built in a trixie root), booted under QEMU's software emulation (TCG) with
# one virtio-gpu screen (two on the second boot, a 3840x2160 one on the third
# and fourth, the fourth given a 1080p mode with video=) and no network device, the kernel, initrd and
# command line read from the image's own bootfs partition as a Pi's firmware
# reads them, and watched through a serial line and QEMU's monitor
# (screendump). Between boots the test writes on bootfs with mtools, as a
# laptop would: placard.json, placard-wifi.txt, and the files Raspberry Pi
# Imager writes for its OS customisation (user-data, network-config,
# meta-data, and its additions to cmdline.txt).
#   platform/vm/vm-test.sh [--build-only | --boot-only]
#     --build-only  only build the package and the image, then stop
#     --boot-only   boot the image an earlier --build-only made
# (platform/test.sh builds while the fuzz targets run, and boots after ctest.)
# The image's package root is kept in PLACARD_IMAGE_CACHE (default
# ~/.cache/placard-image); the package build takes about 5 minutes, the root
# 2 to 3 more the first time, and the four boots (one virtual CPU each) 14 to 16.
# Screendumps, previews and the serial logs go to PLACARD_VM_OUT (default
# build-image/vm-test/). Ends with "N passed, N failed"; a failure prints the
# serial log and the last screendump's path.
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=${PLACARD_VM_BUILD_DIR:-build-image}
out=${PLACARD_VM_OUT:-$build_dir/vm-test}
stage=all
case "${1:-}" in
  --build-only) stage=build ;;
  --boot-only) stage=boot ;;
  "") ;;
  *) echo "vm-test: unknown option \"$1\"; use --build-only or --boot-only" >&2; exit 2 ;;
esac

[ "$(id -u)" = 0 ] || { echo "vm-test: needs root (mmdebstrap, chroot and the image's file systems)" >&2; exit 3; }
# shellcheck source=platform/build/install-packages.sh
. platform/build/install-packages.sh
install_missing vm-test qemu-system-x86 mmdebstrap e2fsprogs dosfstools mtools fdisk python3-pil dpkg-dev file

# --- The package (trixie, built in a trixie root) and the image ----------------------
mkdir -p "$build_dir" "$out"
built="$build_dir/vm-image.path"
if [ "$stage" != boot ]; then
  rm -f "$built"
  # PLACARD_VM_DEB: a trixie amd64 package made already (by suite-build.sh), to boot that one.
  deb=${PLACARD_VM_DEB:-}
  if [ -z "$deb" ]; then
    rm -f "$build_dir"/placard_*+deb13_amd64.deb
    deb=$(platform/release/suite-build.sh --suite trixie --arch amd64 --out "$build_dir" | tail -n 1)
  fi
  echo "vm-test: $deb"
  # The test's own parts, added to the image's root: the shell on ttyS1 and
  # the feeds the guest serves itself. Nothing else differs from a release image.
  agent=$(mktemp -d "${TMPDIR:-/tmp}/placard-vm-agent.XXXXXX")
  mkdir -p "$agent/etc/systemd/system/sysinit.target.wants" "$agent/srv/feed" "$agent/root/vm"
  cp platform/vm/vm-agent.service "$agent/etc/systemd/system/"
  ln -s /etc/systemd/system/vm-agent.service "$agent/etc/systemd/system/sysinit.target.wants/vm-agent.service"
  cp platform/vm/feed-first.json platform/vm/feed-second.json platform/vm/feed-boot.json platform/vm/placard-http.json \
    platform/vm/placard-etc.json "$agent/root/vm/"
  # And, for the TV's checks, v4l-utils (cec-ctl, cec-follower: the TV on vivid's
  # emulated CEC bus) and mosquitto (the fleet's tv-on and tv-off).
  image=$(PLACARD_IMAGE_TEST_PACKAGES="v4l-utils mosquitto" \
    platform/image.sh --arch amd64 --deb "$deb" --raw --out "$build_dir" --add-root "$agent" | tail -n 1)
  rm -rf "$agent"
  echo "$image" >"$built"
  [ "$stage" = all ] || exit 0
fi
image=$(cat "$built" 2>/dev/null) || { echo "vm-test: no image built yet: run $0 --build-only first" >&2; exit 3; }
[ -f "$image" ] || { echo "vm-test: $image is gone: run $0 --build-only again" >&2; exit 3; }
scratch=$(mktemp -d "${TMPDIR:-/tmp}/placard-vm.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# --- The preview tool: the test build's (platform/test.sh), else one built here ---------
preview=${PLACARD_PREVIEW_TOOL:-build/kiosk/placard-feed}
if [ ! -x "$preview" ]; then
  CMAKE_BUILD_PARALLEL_LEVEL=${PLACARD_JOBS:-2} nice -n 10 platform/build/setup.sh --build-dir "$build_dir/host" \
    -DPLACARD_TESTS=OFF >/dev/null
  preview="$build_dir/host/kiosk/placard-feed"
fi
# The card: the image as written, on a 4 GB card (the root grows to it at the first start).
cp --sparse=always "$image" "$scratch/card.img"
truncate -s 4G "$scratch/card.img"
cp feeds/demo.json "$out/demo.json"

# --- Boot it and look ---------------------------------------------------------------
# Debian's python3, which has python3-pil (not whatever python3 comes first in PATH).
nice -n 10 /usr/bin/python3 tests/guest/checks.py --card "$scratch/card.img" --out "$out" \
  --preview "$preview" --feeds platform/vm --guide platform/raspberry-pi/README.md
