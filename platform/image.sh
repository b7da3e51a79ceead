#!/usr/bin/env bash
# Writes the SD-card image an organiser puts on a card with Raspberry Pi
# Imager: Debian trixie from Debian's own packages (the Pi firmware package
# raspi-firmware and Debian's arm64 kernel, as Debian's own Raspberry Pi
# images are made), NetworkManager, cloud-init for Imager's settings, and
# Placard's trixie package installed and enabled.
#   platform/image.sh [--arch arm64|amd64] [--deb FILE] [--out DIR] [--raw]
#                     [--add-root DIR] [--boot]
#     --arch     arm64 (default): the Raspberry Pi image. amd64: the same
#                recipe for a PC, which CI boots under QEMU (platform/vm/vm-test.sh)
#     --deb      Placard's trixie package for that architecture; without it,
#                platform/release/suite-build.sh builds one
#     --out      where the image goes (default dist/)
#     --raw      leave the image uncompressed (.img, not .img.xz)
#     --add-root files put into the root as they are (the tests' own agent)
#     --boot     then boot the image under QEMU to the first slide and compare
#                the screen with placard-feed preview (tests/guest/image_boot.py;
#                arm64 also tries QEMU's raspi3b machine)
# Makes placard-VERSION-ARCH.img.xz: a FAT partition labelled bootfs (the
# firmware, config.txt, cmdline.txt, README.txt and the example files) and an
# ext4 root that cloud-init grows to the card's size at the first start.
# Needs root. The arm64 root is made under qemu-user (about 30 minutes on two
# cores the first time; the package root is kept in PLACARD_IMAGE_CACHE,
# default ~/.cache/placard-image); amd64 takes about 5.
set -euo pipefail
cd "$(dirname "$0")/.."

arch=arm64 deb="" out=dist raw=no add_root="" boot=no
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) arch=${2:-}; shift 2 || true ;;
    --deb) deb=${2:-}; shift 2 || true ;;
    --out) out=${2:-}; shift 2 || true ;;
    --raw) raw=yes; shift ;;
    --add-root) add_root=${2:-}; shift 2 || true ;;
    --boot) boot=yes; shift ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "image: unknown option \"$1\"; see $0 --help" >&2; exit 2 ;;
  esac
done
case "$arch" in amd64|arm64) ;; *) echo "image: --arch must be arm64 or amd64 (got \"$arch\")" >&2; exit 2 ;; esac
[ "$(id -u)" = 0 ] || { echo "image: needs root (mmdebstrap, chroot and the file systems)" >&2; exit 3; }
[ "$(dpkg --print-architecture)" = amd64 ] ||
  { echo "image: run it on an amd64 Debian PC (this is $(dpkg --print-architecture))" >&2; exit 3; }
[ -z "$add_root" ] || [ -d "$add_root" ] || { echo "image: --add-root $add_root: no such folder" >&2; exit 2; }
# shellcheck source=platform/build/install-packages.sh
. platform/build/install-packages.sh
tools=(mmdebstrap dosfstools mtools e2fsprogs fdisk xz-utils dpkg-dev)
install_missing image "${tools[@]}"
# arm64 programs (dpkg's scripts in the new root) run under qemu-user.
[ "$arch" = amd64 ] || enable_arm64_programs image

version=$(sed -n 's/^project(placard VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
mkdir -p "$out"
if [ -z "$deb" ]; then
  deb=$(platform/release/suite-build.sh --suite trixie --arch "$arch" --out "$out" | tail -n 1)
fi
[ -f "$deb" ] || { echo "image: $deb: no such package" >&2; exit 2; }
[ "$(dpkg-deb -f "$deb" Architecture)" = "$arch" ] || { echo "image: $deb is not an $arch package" >&2; exit 2; }
dpkg-deb -f "$deb" Depends | grep -q 'libgumbo3' ||
  { echo "image: $deb was not built for trixie (its Depends name no libgumbo3); use platform/release/suite-build.sh --suite trixie" >&2; exit 2; }

# --- The root's packages, made once and cached -------------------------------------
# What a screen runs on: systemd, Debian's kernel, NetworkManager (with
# netplan, through which cloud-init hands it Imager's Wi-Fi), cloud-init and
# what it needs to grow the root, SSH (off until asked for), avahi (the
# screen answers as NAME.local), and Placard's own dependencies. On arm64
# the Pi's firmware and the Wi-Fi chips' firmware.
base=(systemd-sysv udev dbus linux-image-"$arch" initramfs-tools network-manager netplan.io wpasupplicant
      cloud-init cloud-guest-utils fdisk e2fsprogs dosfstools openssh-server avahi-daemon sudo tzdata
      keyboard-configuration console-setup locales ca-certificates less nano python3)
[ "$arch" = amd64 ] || base+=(raspi-firmware firmware-brcm80211 wireless-regdb)
# PLACARD_IMAGE_TEST_PACKAGES: packages only the guest's checks use (platform/vm/vm-test.sh:
# cec-ctl and cec-follower, a broker), never set for a release image.
# shellcheck disable=SC2206  # a list of package names
[ -z "${PLACARD_IMAGE_TEST_PACKAGES:-}" ] || base+=(${PLACARD_IMAGE_TEST_PACKAGES})
mapfile -t depends < <(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/ //g' | sed '/^$/d')
mapfile -t packages < <(printf '%s\n' "${base[@]}" "${depends[@]}" | sort -u)
cache=${PLACARD_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/placard-image}
key=$(printf '%s\n' "trixie $arch image 1" "${packages[@]}" | sha256sum | cut -c1-16)
root_tar="$cache/trixie-$arch-$key.tar"
mkdir -p "$cache"
if [ -f "$root_tar" ]; then
  echo "image: packages from the cache, $root_tar"
else
  echo "image: making a trixie $arch root with ${#packages[@]} packages (kept in $cache/)"
  started=$(date +%s)
  list=$(IFS=,; echo "${packages[*]}")
  # raspi-firmware's kernel hook writes the boot partition's files into
  # /boot/firmware as the kernel is installed; it is told the root's label first.
  nice -n 10 mmdebstrap --quiet --variant=apt --format=tar --architectures="$arch" --components="main non-free-firmware" \
    --essential-hook='mkdir -p "$1/etc/default" "$1/boot/firmware" && echo "ROOTPART=LABEL=rootfs" >"$1/etc/default/raspi-firmware" && echo "consoleblank=0" >"$1/etc/default/raspi-extra-cmdline"' \
    --dpkgopt='force-confold' --include="$list" trixie "$root_tar.part" </dev/null
  mv "$root_tar.part" "$root_tar"
  find "$cache" -maxdepth 1 -name "trixie-$arch-*.tar" ! -name "${root_tar##*/}" -delete
  echo "image: root made in $(( $(date +%s) - started )) s"
fi

# --- Placard and the image's own settings -------------------------------------------
scratch=$(mktemp -d "${TMPDIR:-/tmp}/placard-image.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
root="$scratch/root"
mkdir "$root"
tar -C "$root" --numeric-owner -xf "$root_tar"
cp -a platform/image/root/. "$root/"
[ -z "$add_root" ] || cp -a "$add_root/." "$root/"
cp "$deb" "$root/tmp/placard.deb"
# shellcheck disable=SC2016  # expanded in the chroot
configure='set -e
export DEBIAN_FRONTEND=noninteractive SYSTEMD_OFFLINE=1
# Offline: every dependency is in the root already.
apt-get install -y -qq --no-install-recommends /tmp/placard.deb >/dev/null
rm /tmp/placard.deb
placard-kiosk-setup --no-start
systemctl enable placard-hostname.service placard-ssh.service getty@tty2.service
systemctl disable ssh.service ssh.socket 2>/dev/null || true
mkdir -p /var/lib/placard && touch /var/lib/placard/name-me
chmod 600 /etc/netplan/*.yaml
# Each card makes its own: SSH host keys (cloud-init), machine id (systemd).
rm -f /etc/ssh/ssh_host_*
: >/etc/machine-id
rm -f /var/lib/dbus/machine-id
echo placard >/etc/hostname
printf "127.0.0.1\tlocalhost\n127.0.1.1\tplacard\n::1\tlocalhost ip6-localhost ip6-loopback\n" >/etc/hosts
printf "LABEL=rootfs\t/\text4\tdefaults,noatime\t0\t1\nLABEL=bootfs\t/boot/firmware\tvfat\tdefaults\t0\t2\n" >/etc/fstab
apt-get clean
rm -rf /var/lib/apt/lists/*'
echo "image: installing ${deb##*/} and configuring the root"
# shellcheck disable=SC2016  # the inner shell expands them
unshare --mount sh -c 'mount -t proc proc "$1/proc" && mount --rbind /dev "$1/dev" && mount -t tmpfs tmpfs "$1/run" && shift && exec chroot "$@"' \
  - "$root" "$root" sh -c "$configure" 2>&1 | sed 's/^/      /'

# --- The boot partition's files ---------------------------------------------------------
bootfs="$scratch/bootfs"
mkdir "$bootfs"
if [ "$arch" = arm64 ]; then
  # raspi-firmware put the firmware, Debian's kernel and initrd, the device
  # trees, config.txt and cmdline.txt there when the kernel was installed.
  cp -a "$root/boot/firmware/." "$bootfs/"
  for f in config.txt cmdline.txt start4.elf bootcode.bin; do
    [ -e "$bootfs/$f" ] || { echo "image: raspi-firmware wrote no $f into /boot/firmware" >&2; exit 1; }
  done
  grep -q 'root=LABEL=rootfs' "$bootfs/cmdline.txt" ||
    { echo "image: cmdline.txt does not name root=LABEL=rootfs: $(cat "$bootfs/cmdline.txt")" >&2; exit 1; }
else
  # A PC has no Pi firmware: the kernel and initrd sit where raspi-firmware
  # puts them, and cmdline.txt is the line QEMU is given, as the Pi's firmware reads it.
  kernel=$(find "$root/boot" -maxdepth 1 -name 'vmlinuz-*' | sort | tail -n 1)
  cp "$kernel" "$bootfs/${kernel##*/}"
  cp "$root/boot/initrd.img-${kernel##*/vmlinuz-}" "$bootfs/"
  echo "console=ttyS0,115200 console=tty1 root=LABEL=rootfs rw fsck.repair=yes net.ifnames=0 rootwait consoleblank=0" >"$bootfs/cmdline.txt"
fi
cp platform/image/bootfs/* "$bootfs/"
rm -rf "${root:?}/boot/firmware/"*

# --- The disk: an MBR with bootfs (FAT32, 512 MiB) then the root --------------------------
img="$scratch/placard.img"
boot_mib=512
used_mib=$(du -sm --apparent-size "$root" | cut -f1)
root_mib=$(( used_mib + used_mib / 4 + 256 ))
truncate -s "$(( 4 + boot_mib + root_mib ))M" "$img"
sfdisk --quiet "$img" <<EOF
label: dos
start=4MiB, size=${boot_mib}MiB, type=c, bootable
start=$(( 4 + boot_mib ))MiB, type=83
EOF
truncate -s "${boot_mib}M" "$scratch/bootfs.img"
mkfs.vfat -F 32 -n bootfs "$scratch/bootfs.img" 2>&1 | sed "/lowercase labels/d; /^mkfs.fat [0-9]/d"
MTOOLS_SKIP_CHECK=1 mcopy -s -i "$scratch/bootfs.img" "$bootfs"/* ::/
dd if="$scratch/bootfs.img" of="$img" bs=1M seek=4 conv=notrunc,sparse status=none
rm "$scratch/bootfs.img"
mkfs.ext4 -q -F -L rootfs -d "$root" "$scratch/root.img" "${root_mib}M"
dd if="$scratch/root.img" of="$img" bs=1M seek=$(( 4 + boot_mib )) conv=notrunc,sparse status=none
rm -rf "$scratch/root.img" "$root"

name="placard-$version-$arch.img"
card_mib=$(du -m --apparent-size "$img" | cut -f1)
if [ "$raw" = yes ]; then
  final="$out/$name"
  mv "$img" "$final"
else
  echo "image: compressing (xz)"
  final="$out/$name.xz"
  nice -n 10 xz -T0 -6 -c "$img" >"$final.part"
  mv "$final.part" "$final"
  (cd "$out" && sha256sum "$name.xz" >"$name.xz.sha256")
fi
echo "image: $card_mib MiB on the card before its root grows; $final is $(du -m --apparent-size "$final" | cut -f1) MiB"
if [ "$boot" = yes ]; then
  if [ "$arch" = amd64 ]; then install_missing image qemu-system-x86 python3-pil; else install_missing image qemu-system-arm python3-pil; fi
  preview=${PLACARD_PREVIEW_TOOL:-build/kiosk/placard-feed}
  [ -x "$preview" ] || platform/build/setup.sh --build-dir build >/dev/null
  [ -x "$preview" ] || preview=build/kiosk/placard-feed
  also=()
  [ "$arch" = amd64 ] || also=(--raspi3b)
  /usr/bin/python3 tests/guest/image_boot.py --image "$final" --arch "$arch" --out "$out/boot-$arch" \
    --preview "$preview" --demo feeds/demo.json "${also[@]}"
fi
echo "$final"
