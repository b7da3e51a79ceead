#!/usr/bin/env bash
# Makes an installed Placard package the screen's kiosk on Raspberry Pi OS
# Lite: turns console blanking off, enables placard-wifi.service (the Wi-Fi
# from placard-wifi.txt on the boot partition) and placard.service, and starts
# the kiosk. The package installs it as /usr/sbin/placard-kiosk-setup, so a
# downloaded .deb needs one command line:
#   sudo apt install ./placard_VERSION_arm64.deb && sudo placard-kiosk-setup
#   placard-kiosk-setup [--no-start] [--dry-run]
#     --no-start   enable the services for the next boot, but do not start the kiosk now
#     --dry-run    only print what it would do; changes nothing, needs no root
# Safe to run again.
set -euo pipefail

start=yes
dry_run=no
while [ $# -gt 0 ]; do
  case "$1" in
    --no-start) start=no; shift ;;
    --dry-run) dry_run=yes; shift ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "kiosk-setup: unknown option \"$1\"; see $0 --help" >&2; exit 2 ;;
  esac
done

say() { echo "kiosk-setup: $*"; }
as_root() {
  if [ "$dry_run" = yes ]; then echo "would run: $*"; else "$@"; fi
}
if [ "$dry_run" = no ] && [ "$(id -u)" != 0 ]; then
  echo "kiosk-setup: run it as root: sudo $0" >&2
  exit 3
fi
if [ "$dry_run" = no ] && ! command -v placard >/dev/null; then
  echo "kiosk-setup: placard is not installed; install the package first (sudo apt install ./placard_*.deb)" >&2
  exit 3
fi

# --- No console blanking ----------------------------------------------------------
# The unit turns blanking off when it starts (setterm); consoleblank=0 on the
# kernel command line covers the boot and any time the kiosk is restarting.
cmdline=""
for f in /boot/firmware/cmdline.txt /boot/cmdline.txt; do
  if [ -f "$f" ]; then cmdline=$f; break; fi
done
if [ -z "$cmdline" ]; then
  say "no cmdline.txt (not a Raspberry Pi?): leaving the kernel command line alone"
elif grep -q 'consoleblank=' "$cmdline"; then
  say "$cmdline already sets consoleblank"
else
  say "adding consoleblank=0 to $cmdline (from the next boot)"
  # cmdline.txt is a single line: append to it, never add a second one.
  as_root sed -i '1 s/$/ consoleblank=0/' "$cmdline"
fi

# --- The service -------------------------------------------------------------------
as_root systemctl daemon-reload
# Before NetworkManager at every boot, when placard-wifi.txt is there.
as_root systemctl enable placard-wifi.service
as_root systemctl enable placard.service
if [ "$dry_run" = yes ]; then
  [ "$start" = no ] || as_root systemctl restart placard.service
  say "dry run: nothing was changed"
  exit 0
elif [ "$start" = yes ]; then
  as_root systemctl restart placard.service
  say "started. What it says: journalctl -u placard -f"
else
  say "enabled: it starts at the next boot"
fi
say "next: the screen shows its name, its address and where the settings go. From a laptop,"
say "  put placard.json with your feed (\"feed\") on the SD card's boot partition, or edit"
say "  /etc/placard/placard.json here; check it with placard --check, then restart the screen"
