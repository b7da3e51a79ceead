"""Boots a Placard SD-card image once under QEMU, as platform/image.sh --boot
asks: the kernel, initrd and cmdline.txt from the image's own bootfs
partition, one virtio-gpu screen, no network. It waits for systemd to say
"Started placard.service" (the kiosk is Type=notify: that is READY=1, sent
after its first frame), takes QEMU's screendump and compares it with
placard-feed preview of the demo feed at the same size. arm64 boots on
QEMU's generic "virt" board (a Raspberry Pi's display hardware is not
emulated well enough for KMS); --raspi3b also tries QEMU's raspi3b machine
with the image's own device tree and reports how far it got.
The screen is dumped every ten seconds until it shows a slide of the demo
feed as placard-feed preview draws it: the band between the header and the
footer must match (the kiosk adds its own DEMO FEED badge and interleaves
the set-up card, so the header and the page counter differ from preview's).
Prints the time to that first slide, the match and where the pictures are;
exits 1 when no slide came in 25 minutes."""

import argparse
import lzma
import os
import re
import shutil
import socket
import subprocess
import sys
import time

from PIL import Image, ImageChops

from guest import BootPartition

MATCH_TOLERANCE = 0.002


def body_differs(shot, expected):
    """The fraction of pixels differing by more than 40 in a channel in the
    band between a slide's header and its footer."""
    a = Image.open(shot).convert("RGB")
    b = Image.open(expected).convert("RGB")
    if a.size != b.size:
        return 1.0
    box = (0, int(a.size[1] * 0.13), a.size[0], int(a.size[1] * 0.86))
    r, g, bl = ImageChops.difference(a.crop(box), b.crop(box)).split()
    mask = ImageChops.lighter(ImageChops.lighter(r, g), bl).point(lambda v: 255 if v > 40 else 0)
    return mask.histogram()[255] / ((box[2] - box[0]) * (box[3] - box[1]))


def card_from(image, work):
    """A writable copy of the image (decompressed), grown to a 4 GB card."""
    card = os.path.join(work, "card.img")
    if image.endswith(".xz"):
        with lzma.open(image) as src, open(card, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    else:
        shutil.copyfile(image, card)
    os.truncate(card, 4 << 30)
    return card


def monitor(path, command):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    s.settimeout(30)
    data = b""
    while not data.endswith(b"(qemu) "):
        data += s.recv(65536)
    s.sendall(command.encode() + b"\n")
    data = b""
    while not data.endswith(b"(qemu) "):
        data += s.recv(65536)
    s.close()


def boot(argv, serial, mon, timeout, pattern):
    """Starts QEMU; seconds until the serial log shows pattern, or None."""
    started = time.monotonic()
    process = subprocess.Popen(["nice", "-n", "10", *argv, "-serial", f"file:{serial}",
                                "-monitor", f"unix:{mon},server=on,wait=off", "-display", "none", "-no-reboot"],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    found = None
    while time.monotonic() - started < timeout and process.poll() is None:
        time.sleep(2)
        try:
            with open(serial, errors="replace") as f:
                if re.search(pattern, f.read()):
                    found = time.monotonic() - started
                    break
        except OSError:
            pass
    return process, found


def stop(process):
    if process.poll() is None:
        process.kill()
        process.wait()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--image", required=True)
    p.add_argument("--arch", choices=("arm64", "amd64"), required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--preview", required=True, help="placard-feed, to draw the demo feed as the screen should show it")
    p.add_argument("--demo", required=True, help="the demo feed (feeds/demo.json)")
    p.add_argument("--raspi3b", action="store_true", help="also try QEMU's raspi3b machine")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    work = a.out
    card = card_from(a.image, work)
    bootfs = BootPartition(card)
    kernel, initrd, cmdline = bootfs.firmware_files(work)
    width, height = 1280, 720
    serial = os.path.join(work, "serial.log")
    mon = os.path.join(work, "monitor.sock")
    if a.arch == "arm64":
        machine = ["qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a72", "-smp", "2", "-m", "1024"]
        console = "console=ttyAMA0"
    else:
        machine = ["qemu-system-x86_64", "-accel", "tcg", "-M", "pc", "-smp", "1", "-m", "1024", "-vga", "none"]
        console = "console=ttyS0 edd=off"
    argv = [*machine, "-kernel", kernel, "-initrd", initrd,
            "-append", f"{cmdline} {console}", "-drive", f"file={card},format=raw,if=virtio",
            "-device", f"virtio-gpu-pci,xres={width},yres={height}", "-nic", "none"]
    print(f"image-boot: {' '.join(argv)}", flush=True)
    previews = os.path.join(work, "preview")
    subprocess.run([a.preview, "preview", a.demo, "--out", previews, "--size", f"{width}x{height}"], check=True,
                   stdout=subprocess.DEVNULL)
    slides = [os.path.join(previews, f) for f in sorted(os.listdir(previews)) if f.endswith(".png")]
    process, _ = boot(argv, serial, mon, 0, r"$^")
    started = time.monotonic() - 2
    shot_ppm = os.path.join(work, "screen.ppm")
    shot = os.path.join(work, f"screen-{a.arch}.png")
    best = (1.0, "")
    while time.monotonic() - started < 1500 and best[0] > MATCH_TOLERANCE and process.poll() is None:
        time.sleep(10)
        try:
            monitor(mon, f"screendump {shot_ppm}")
        except OSError:
            continue  # QEMU's monitor is not up yet
        time.sleep(1)
        if not os.path.exists(shot_ppm):
            continue
        Image.open(shot_ppm).convert("RGB").save(shot)
        os.unlink(shot_ppm)
        best = min((body_differs(shot, s), os.path.basename(s)) for s in slides)
    ok = best[0] <= MATCH_TOLERANCE
    if ok:
        print(f"image-boot: the first slide on screen {time.monotonic() - started:.0f} s after QEMU started "
              f"({a.arch}, TCG); it matches placard-feed preview {best[1]} ({best[0]:.3%} of the body differs); {shot}")
    else:
        print(f"image-boot: FAILED: no slide of the demo on screen in 25 minutes; the last dump: {shot}; "
              f"the serial console: {serial}")
    status = 0 if ok else 1
    with open(serial, errors="replace") as f:
        log = f.read()
    grew = re.search(r"resized filesystem to \d+", log)
    print(f"image-boot: first-boot resize: {grew.group(0) if grew else 'not seen on the console'}")
    stop(process)
    if a.raspi3b and a.arch == "arm64":
        try_raspi3b(work, card, bootfs, kernel, initrd, cmdline)
    return status


def try_raspi3b(work, card, bootfs, kernel, initrd, cmdline):
    """QEMU's raspi3b: the card must be a power of two in size; the device tree is the image's own."""
    dtb = "bcm2837-rpi-3-b.dtb"
    if dtb not in bootfs.names():
        print(f"image-boot: raspi3b: no {dtb} on bootfs")
        return
    bootfs.copy_out(dtb, os.path.join(work, dtb))
    serial = os.path.join(work, "raspi3b-serial.log")
    argv = ["qemu-system-aarch64", "-M", "raspi3b", "-kernel", kernel,
            "-initrd", initrd, "-dtb", os.path.join(work, dtb),
            "-append", f"{cmdline} console=ttyAMA0,115200", "-drive", f"file={card},format=raw,if=sd"]
    process, reached = boot(argv, serial, os.path.join(work, "raspi3b-monitor.sock"), 600,
                            r"Started placard\.service|login:")
    stop(process)
    with open(serial, errors="replace") as f:
        lines = [line.strip() for line in f if line.strip()]
    print(f"image-boot: raspi3b: {'reached ' + repr(reached) if reached else 'did not reach a login or the kiosk'} "
          f"in 600 s; the console's last lines:")
    for line in lines[-8:]:
        print(f"      {line[:160]}")


if __name__ == "__main__":
    sys.exit(main())
