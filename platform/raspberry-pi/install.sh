#!/usr/bin/env bash
# Installs Placard as the screen's kiosk on Raspberry Pi OS Lite (bookworm,
# 64-bit or 32-bit): builds a .deb from this checkout (or installs the one
# given), which brings the placard user, the systemd units and
# /etc/placard/placard.json (from the example, only when there is none yet);
# then runs kiosk-setup.sh (installed as placard-kiosk-setup): console
# blanking off, the services enabled and started.
#   platform/raspberry-pi/install.sh [--deb FILE] [--no-start] [--dry-run]
#     --deb FILE   install this package instead of building one
#     --no-start   enable the service for the next boot, but do not start it now
#     --dry-run    only print what it would do; changes nothing, needs no root
# Safe to run again: it rebuilds only what changed and keeps the organiser's config.
set -euo pipefail
cd "$(dirname "$0")/../.."

deb=""
start=yes
dry_run=no
while [ $# -gt 0 ]; do
  case "$1" in
    --deb) [ $# -ge 2 ] || { echo "install: --deb needs a .deb file" >&2; exit 2; }; deb=$2; shift 2 ;;
    --no-start) start=no; shift ;;
    --dry-run) dry_run=yes; shift ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install: unknown option \"$1\"; see $0 --help" >&2; exit 2 ;;
  esac
done

say() { echo "install: $*"; }

# Runs a command that changes the system, as root; in a dry run, prints it.
as_root() {
  if [ "$dry_run" = yes ]; then
    echo "would run: $*"
  elif [ "$(id -u)" = 0 ]; then
    "$@"
  else
    sudo "$@"
  fi
}

# Runs a command that only builds in this checkout; in a dry run, prints it.
run() {
  if [ "$dry_run" = yes ]; then echo "would run: $*"; else "$@"; fi
}

# --- Where we are -----------------------------------------------------------
[ -r /etc/os-release ] || { echo "install: /etc/os-release is missing; this needs Raspberry Pi OS or Debian" >&2; exit 3; }
# shellcheck disable=SC1091
. /etc/os-release
case " ${ID:-} ${ID_LIKE:-} " in
  *" debian "*|*" raspbian "*) ;;
  *) echo "install: this is ${PRETTY_NAME:-an unknown system}; it needs Raspberry Pi OS or Debian" >&2; exit 3 ;;
esac
[ "${VERSION_CODENAME:-}" = bookworm ] || say "warning: made for bookworm; this is ${VERSION_CODENAME:-unknown}"
arch=$(dpkg --print-architecture)
say "${PRETTY_NAME:-Debian}, $arch"
if [ "$dry_run" = no ] && [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
  echo "install: run it as root, or install sudo" >&2
  exit 3
fi
# Only on a running system: in a chroot (an image being made) systemctl
# answers is-active with success without asking anything.
if [ -d /run/systemd/system ] && systemctl is-active --quiet display-manager.service 2>/dev/null; then
  say "warning: a desktop is running. The kiosk needs the screen's console (Raspberry Pi OS Lite,"
  say "  or: sudo raspi-config nonint do_boot_behaviour B1, then reboot); until then it cannot take the screen."
fi

# --- The package --------------------------------------------------------------
if [ -z "$deb" ]; then
  build_dir=${PLACARD_BUILD_DIR:-build-release}
  # About 1 GB of memory per compiler: a Pi 3 has 1 GB, a Pi 5 up to 16.
  mem_mib=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)
  jobs=$(( mem_mib / 1000 ))
  [ "$jobs" -ge 1 ] || jobs=1
  [ "$jobs" -le "$(nproc)" ] || jobs=$(nproc)
  say "building a package in $build_dir/ with $jobs jobs"
  if [ "$dry_run" = no ]; then
    # cpack's .deb: dpkg-shlibdeps (dpkg-dev) and file work out its dependencies.
    missing=()
    for p in dpkg-dev file; do
      dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
      as_root apt-get update -qq
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
  fi
  run env CMAKE_BUILD_PARALLEL_LEVEL="$jobs" PLACARD_BUILD_DIR="$build_dir" \
    platform/build/setup.sh --build-dir "$build_dir" -DPLACARD_TESTS=OFF -DCMAKE_INSTALL_PREFIX=/usr
  run rm -f "$build_dir"/placard_*.deb
  run cpack --config "$build_dir/CPackConfig.cmake" -B "$build_dir"
  if [ "$dry_run" = yes ]; then
    deb="$build_dir/placard_VERSION_$arch.deb"
  else
    deb=$(find "$build_dir" -maxdepth 1 -name "placard_*_$arch.deb" | head -n 1)
    [ -n "$deb" ] || { echo "install: cpack made no package in $build_dir/" >&2; exit 1; }
  fi
fi
[ "$dry_run" = yes ] || [ -f "$deb" ] || { echo "install: $deb: no such file" >&2; exit 3; }
case "$deb" in /*) ;; *) deb="./$deb" ;; esac
say "installing $deb (apt brings its dependencies: SDL2, fonts, GL drivers)"
as_root apt-get update -qq
# --reinstall: a rebuilt package with the same version number still replaces the old one.
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --reinstall --no-install-recommends "$deb"

# --- What the package made ------------------------------------------------------
if [ "$dry_run" = no ]; then
  id placard >/dev/null || { echo "install: the package did not create the placard user" >&2; exit 1; }
  say "user placard, groups: $(id -nG placard)"
  [ -f /etc/placard/placard.json ] || { echo "install: /etc/placard/placard.json is missing" >&2; exit 1; }
fi
say "config: /etc/placard/placard.json (kept as it is when it already exists)"

# --- The kiosk: console blanking off, the services enabled and started -----------
# The package's own copy, just installed (the same steps as a downloaded .deb
# takes); a dry run installed nothing, so it shows the checkout's.
if [ "$dry_run" = yes ]; then setup=(platform/raspberry-pi/kiosk-setup.sh); else setup=(/usr/sbin/placard-kiosk-setup); fi
[ "$start" = yes ] || setup+=(--no-start)
[ "$dry_run" = no ] || setup+=(--dry-run)
if [ "$dry_run" = yes ] || [ "$(id -u)" = 0 ]; then "${setup[@]}"; else sudo "${setup[@]}"; fi
