#!/usr/bin/env bash
# Boots the .deb in a real Debian system and checks the console path from
# outside: a bookworm root made with mmdebstrap (cached), the package put in
# it by platform/raspberry-pi/install.sh --deb, booted under QEMU's software
# emulation (TCG) with one virtio-gpu screen and no network device, and
# watched through a serial line and QEMU's monitor (screendump). As on a
# Raspberry Pi, a FAT partition (a second disk) is /boot/firmware: the
# package is installed from there (guide step 3) and the test writes
# placard.json and placard-wifi.txt on it between boots with mtools, as a
# laptop would (guide steps 4 and 5).
#   platform/vm/vm-test.sh [--root-only]
#     --root-only   only make (or find) the cached root, then stop
# The root is kept in PLACARD_VM_CACHE (default ~/.cache/placard-vm), keyed by
# a hash of its package list; making it takes 2 to 5 minutes, a run with it
# cached 6 to 8 (three boots; 6.4 on 2 cores at a load of 2 to 3).
# Screendumps, previews and the serial log go to PLACARD_VM_OUT (default
# build-deb/vm-test/). Ends with "N passed, N failed"; a failure prints the
# serial log and the last screendump's path.
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=${PLACARD_BUILD_DIR:-build-deb}
out=${PLACARD_VM_OUT:-$build_dir/vm-test}
cache=${PLACARD_VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/placard-vm}
root_only=no
[ "${1:-}" = --root-only ] && root_only=yes

[ "$(id -u)" = 0 ] || { echo "vm-test: needs root (mmdebstrap, chroot and mkfs of the guest's files)" >&2; exit 3; }
# shellcheck source=platform/build/install-packages.sh
. platform/build/install-packages.sh
install_missing vm-test qemu-system-x86 mmdebstrap e2fsprogs dosfstools mtools python3-pil dpkg-dev file

# --- The package ------------------------------------------------------------------
CMAKE_BUILD_PARALLEL_LEVEL=${PLACARD_JOBS:-2} nice -n 10 platform/build/setup.sh --build-dir "$build_dir" \
  -DPLACARD_TESTS=OFF -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
rm -f "$build_dir"/placard_*.deb
(cd "$build_dir" && cpack >/dev/null)
deb=$(find "$build_dir" -maxdepth 1 -name "placard_*_amd64.deb" | head -n 1)
[ -n "$deb" ] || { echo "vm-test: cpack made no .deb in $build_dir/" >&2; exit 1; }
echo "vm-test: $deb"

# --- The root, cached ----------------------------------------------------------------
# A console system, nothing more: no X server, no Wayland compositor, no
# network device. python3 serves the feed inside the guest; NetworkManager is
# what Raspberry Pi OS bookworm manages the network with (placard-wifi writes
# its keyfiles), dosfstools checks the FAT boot partition at boot as there.
# Everything else comes from the package's own Depends (without recommends),
# so a dependency the package forgets to name is missing here as it would be
# on a small image.
base=(systemd-sysv udev linux-image-amd64 python3 network-manager dosfstools)
mapfile -t depends < <(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/ //g' | sed '/^$/d')
mapfile -t packages < <(printf '%s\n' "${base[@]}" "${depends[@]}" | sort -u)
key=$(printf '%s\n' "bookworm amd64 apt-variant 1" "${packages[@]}" | sha256sum | cut -c1-16)
root_tar="$cache/bookworm-amd64-$key.tar"
mkdir -p "$cache"
if [ -f "$root_tar" ]; then
  echo "vm-test: root from the cache, $root_tar"
else
  echo "vm-test: making a bookworm root with ${#packages[@]} packages (about 5 minutes; kept in $cache/)"
  started=$(date +%s)
  list=$(IFS=,; echo "${packages[*]}")
  nice -n 10 mmdebstrap --quiet --variant=apt --format=tar --include="$list" bookworm "$root_tar.part" </dev/null
  mv "$root_tar.part" "$root_tar"
  # Older roots (another package list) are not needed again.
  find "$cache" -maxdepth 1 -name 'bookworm-amd64-*.tar' ! -name "${root_tar##*/}" -delete
  echo "vm-test: root made in $(( $(date +%s) - started )) s"
fi
[ "$root_only" = no ] || exit 0

# --- The guest's disk: the root, the package installed as an organiser would ---------
scratch=$(mktemp -d "${TMPDIR:-/tmp}/placard-vm.XXXXXX")
# PLACARD_VM_KEEP=1 keeps the kernel and the disk, to boot them again by hand.
if [ "${PLACARD_VM_KEEP:-0}" = 1 ]; then echo "vm-test: keeping $scratch/"; else trap 'rm -rf "$scratch"' EXIT; fi
root="$scratch/root"
mkdir "$root"
tar -C "$root" --numeric-owner -xf "$root_tar"
# Offline, like the guest: apt finds every dependency in the root or fails.
: >"$root/etc/apt/sources.list"
rm -f "$root"/etc/apt/sources.list.d/*
mkdir -p "$root/opt/placard-install/platform/raspberry-pi"
cp platform/raspberry-pi/install.sh "$root/opt/placard-install/platform/raspberry-pi/"
# The boot partition's files, in the root's /boot/firmware while the package is
# installed, then moved onto the FAT image: the package, copied there from a
# laptop (guide step 1.7), and a Pi's one-line cmdline.txt, where
# placard-kiosk-setup adds consoleblank=0.
firmware="$root/boot/firmware"
mkdir -p "$firmware"
cp "$deb" "$firmware/"
echo "console=serial0,115200 console=tty1 root=PARTUUID=0000-02 rootfstype=ext4 fsck.repair=yes rootwait" >"$firmware/cmdline.txt"
# The user the organiser logs in as (the Imager makes one), for what the guide has them run without sudo.
chroot "$root" useradd --create-home --shell /bin/bash organiser
echo "vm-test: install.sh --deb /boot/firmware/${deb##*/} in the root"
# --no-start: it starts at boot. (In a chroot systemctl would start nothing anyway.)
# systemctl tells a chroot by /proc/1/root, which a container may not let it
# read; SYSTEMD_OFFLINE says so outright. The mounts are private to this command.
# shellcheck disable=SC2016  # the inner shell expands them
unshare --mount sh -c 'mount -t proc proc "$1/proc" && mount --rbind /dev "$1/dev" && shift && exec chroot "$@"' \
  - "$root" "$root" env SYSTEMD_OFFLINE=1 /opt/placard-install/platform/raspberry-pi/install.sh --no-start --deb "/boot/firmware/${deb##*/}" 2>&1 |
  sed 's/^/      /'
# The test's own parts: the shell on ttyS1 and the feeds the guest serves itself.
cp platform/vm/vm-agent.service "$root/etc/systemd/system/"
mkdir -p "$root/etc/systemd/system/sysinit.target.wants" "$root/srv/feed" "$root/root/vm"
ln -sf /etc/systemd/system/vm-agent.service "$root/etc/systemd/system/sysinit.target.wants/vm-agent.service"
cp platform/vm/feed-first.json platform/vm/feed-second.json platform/vm/feed-boot.json platform/vm/placard-http.json \
  platform/vm/placard-etc.json "$root/root/vm/"
echo placard-vm >"$root/etc/hostname"
kernel=$(find "$root/boot" -name 'vmlinuz-*' | sort | tail -n 1)
cp "$kernel" "$scratch/vmlinuz"
cp "$root/boot/initrd.img-${kernel##*/vmlinuz-}" "$scratch/initrd.img"
mkdir -p "$out"
cp "$root/usr/share/placard/demo.json" "$out/demo.json"
# The FAT boot partition, labelled as Raspberry Pi OS's; mounted like it, from fstab.
truncate -s 256M "$scratch/boot.img"
# (Lowercase, as the Pi's is: mkfs.vfat warns that some systems mind.)
mkfs.vfat -F 32 -n bootfs "$scratch/boot.img" 2>&1 | sed "/lowercase labels/d; /^mkfs.fat [0-9]/d"
MTOOLS_SKIP_CHECK=1 mcopy -i "$scratch/boot.img" "$firmware"/* ::/
rm -rf "${firmware:?}"/*
echo "LABEL=bootfs /boot/firmware vfat defaults 0 2" >>"$root/etc/fstab"
# Room for the journal and the cache; the image is sparse.
mkfs.ext4 -q -F -L root -d "$root" "$scratch/disk.img" 3G
rm -rf "$root"

# --- Boot it and look ---------------------------------------------------------------
# Debian's python3, which has python3-pil (not whatever python3 comes first in PATH).
nice -n 10 /usr/bin/python3 tests/guest/checks.py --kernel "$scratch/vmlinuz" --initrd "$scratch/initrd.img" \
  --disk "$scratch/disk.img" --boot-disk "$scratch/boot.img" --out "$out" --preview "$build_dir/kiosk/placard-feed" --feeds platform/vm \
  --guide platform/raspberry-pi/README.md
