#!/usr/bin/env bash
# Installs a release .deb the way the Pi guide tells an organiser (apt update,
# then apt install of the file, then placard-kiosk-setup) into a clean root of
# the Debian suite it was built for, made with mmdebstrap, and runs it there:
# placard --version, placard --check on the bundled demo feed, placard-feed
# validate. arm64 runs under qemu-user (binfmt_misc). Exits non-zero when
# apt cannot install it (a Depends the suite does not have) or a check fails.
#   platform/release/install-test.sh DEB...
# The suite comes from the package's version: +deb12 is bookworm, +deb13 trixie.
# One or two minutes for amd64; five or six for arm64, whose package scripts
# run emulated.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -gt 0 ] || { echo "install-test: name one or more .deb files; see $0 --help" >&2; exit 2; }
case "$1" in -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
[ "$(id -u)" = 0 ] || { echo "install-test: needs root (mmdebstrap)" >&2; exit 3; }
# shellcheck source=platform/build/install-packages.sh
. platform/build/install-packages.sh
install_missing install-test mmdebstrap dpkg-dev

status=0
for deb in "$@"; do
  [ -f "$deb" ] || { echo "install-test: $deb: no such file" >&2; exit 2; }
  version=$(dpkg-deb -f "$deb" Version)
  arch=$(dpkg-deb -f "$deb" Architecture)
  case "$version" in
    *+deb12) suite=bookworm ;;
    *+deb13) suite=trixie ;;
    *) echo "install-test: $deb: version $version names no suite (+deb12 or +deb13); build it with platform/release/suite-build.sh" >&2; exit 2 ;;
  esac
  if [ "$arch" != amd64 ]; then
    enable_arm64_programs install-test
  fi
  echo "install-test: ${deb##*/} into a clean $suite $arch root"
  started=$(date +%s)
  # What the guide has an organiser type, without recommends (as a small image
  # has them), then the kiosk run as far as a root without a screen allows.
  steps='set -e
export DEBIAN_FRONTEND=noninteractive SYSTEMD_OFFLINE=1
apt-get update -qq
apt-get install -y -qq --no-install-recommends /tmp/placard.deb >/dev/null
placard-kiosk-setup --no-start >/dev/null
placard --version
placard --check --feed /usr/share/placard/demo.json | sed -n "/^Result/p"
placard-feed validate /usr/share/placard/demo.json | tail -n 1
test -x /usr/lib/placard/placard-wifi
placard --check --cache-dir /tmp/fetch-cache --feed file:///usr/share/placard/demo.json | grep -qx "Result: accepted"
test -L /etc/systemd/system/multi-user.target.wants/placard.service'
  if nice -n 10 mmdebstrap --quiet --variant=apt --architectures="$arch" --include=systemd-sysv \
       --customize-hook="copy-in $deb /tmp" \
       --customize-hook="chroot \"\$1\" mv /tmp/${deb##*/} /tmp/placard.deb" \
       --customize-hook="chroot \"\$1\" sh -c '$steps'" \
       "$suite" /dev/null </dev/null 2>&1 | sed 's/^/      /'; then
    echo "install-test: passed: ${deb##*/} installs and runs on $suite $arch ($(( $(date +%s) - started )) s)"
  else
    echo "install-test: FAILED: ${deb##*/} on $suite $arch"
    status=1
  fi
done
exit "$status"
