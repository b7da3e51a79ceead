"""A QEMU guest seen from outside: Placard's SD-card image (platform/image.sh)
started with one virtio-gpu screen and no network device, as a Pi's
firmware starts it (the kernel, initrd and command line from the card's
bootfs partition), driven through a serial line (a root shell on the
guest's ttyS1, started by vm-agent.service) and QEMU's human monitor
(screendump, sendkey). The kernel's own console, ttyS0, is logged to a file
for failure reports."""

import json
import os
import re
import select
import socket
import subprocess
import time

from PIL import Image, ImageChops


class GuestError(Exception):
    pass


class Guest:
    def __init__(self, card, work, name, xres, yres, append="", second_screen=False):
        self.work = work
        self.name = name
        self.serial_log = os.path.join(work, f"{name}-serial.log")
        self.last_shot = None
        self._cmd_sock = os.path.join(work, f"{name}-cmd.sock")
        self._mon_sock = os.path.join(work, f"{name}-mon.sock")
        self._count = 0
        self._buffer = b""
        # What the Pi's firmware reads from bootfs: the kernel and initrd that
        # raspi-firmware put there (on a PC image, image.sh), and cmdline.txt,
        # with what Raspberry Pi Imager may have added to it.
        kernel, initrd, self.cmdline = BootPartition(card).firmware_files(work)
        # -vga none: the only DRM device is virtio-gpu's (with the standard VGA
        # as well, SDL opens card0, the VGA, and the dump shows that head).
        self.argv = [
            "nice", "-n", "10", "qemu-system-x86_64", "-accel", "tcg", "-M", "pc", "-smp", "1", "-m", "1536",
            "-vga", "none", "-device", f"virtio-gpu-pci,id=gpu0,xres={xres},yres={yres}",
            "-kernel", kernel, "-initrd", initrd,
            "-append", f"{self.cmdline} edd=off modprobe.blacklist=floppy {append}".strip(),
            "-drive", f"file={card},format=raw,if=virtio",
            "-display", "none", "-nic", "none", "-no-reboot",
            "-serial", f"file:{self.serial_log}",
            "-chardev", f"socket,id=cmd,path={self._cmd_sock},server=on,wait=off", "-serial", "chardev:cmd",
            "-monitor", f"unix:{self._mon_sock},server=on,wait=off",
        ]
        # A second display device (the guest's card1), for the choice of device.
        if second_screen:
            self.argv[self.argv.index("-kernel"):self.argv.index("-kernel")] = [
                "-device", f"virtio-gpu-pci,id=gpu1,xres={xres},yres={yres}"]
        self.process = None
        self.started_at = None

    # --- life -------------------------------------------------------------------------
    def start(self):
        for path in (self._cmd_sock, self._mon_sock):
            if os.path.exists(path):
                os.unlink(path)
        self.started_at = time.monotonic()
        self.process = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=open(os.path.join(self.work, f"{self.name}-qemu.log"), "w"))
        self._cmd = self._connect(self._cmd_sock)
        self._mon = self._connect(self._mon_sock)
        self._monitor_read()

    def _connect(self, path):
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                raise GuestError(f"qemu exited with {self.process.returncode} at start")
            try:
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(path)
                return s
            except OSError:
                if time.monotonic() > deadline:
                    raise GuestError(f"qemu made no socket {path} in 30 s")
                time.sleep(0.2)

    def wait_for_shell(self, timeout):
        """Until the guest's root shell on ttyS1 answers; seconds since qemu started."""
        deadline = time.monotonic() + timeout
        k = 0
        while time.monotonic() < deadline:
            k += 1
            # Quoted apart, so that an echo of the line itself never matches.
            self._cmd.sendall(f"stty -echo; echo @@re''ady{k}\n".encode())
            if self._read_until(re.compile(rb"@@ready\d+\r?\n"), min(3, deadline - time.monotonic())):
                return time.monotonic() - self.started_at
            if self.process.poll() is not None:
                raise GuestError(f"qemu exited with {self.process.returncode} during boot")
        raise GuestError(f"the guest's shell on ttyS1 did not answer in {timeout} s")

    def poweroff(self, timeout=120):
        try:
            self._cmd.sendall(b"systemctl poweroff\n")
        except OSError:
            pass
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise GuestError(f"the guest did not power off in {timeout} s")

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    # --- the serial shell -----------------------------------------------------------
    def _read_until(self, pattern, timeout):
        deadline = time.monotonic() + max(0, timeout)
        while True:
            m = pattern.search(self._buffer)
            if m:
                before = self._buffer[:m.start()]
                self._buffer = self._buffer[m.end():]
                return before, m
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self._cmd], [], [], left)
            if ready:
                data = self._cmd.recv(65536)
                if not data:
                    raise GuestError("the guest's serial line closed")
                self._buffer += data

    def run(self, command, timeout=60):
        """Runs a shell command in the guest as root: (exit status, output)."""
        self._count += 1
        n = self._count
        self._cmd.sendall(f"( {command} ) </dev/null 2>&1; echo \"@@do\"\"ne{n} $?\"\n".encode())
        found = self._read_until(re.compile(rf"@@done{n} (\d+)\r?\n".encode()), timeout)
        if not found:
            raise GuestError(f"no answer in {timeout} s to: {command}")
        before, m = found
        text = before.decode(errors="replace").replace("\r", "")
        text = re.sub(r"@@ready\d+\n", "", text)
        return int(m.group(1)), text

    def out(self, command, timeout=60):
        """The output of a command that must succeed."""
        rc, text = self.run(command, timeout)
        if rc != 0:
            raise GuestError(f"'{command}' exited with {rc}: {text.strip()}")
        return text.strip()

    # --- the monitor ------------------------------------------------------------------
    def _monitor_read(self, timeout=60):
        data = b""
        deadline = time.monotonic() + timeout
        while not data.endswith(b"(qemu) "):
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._mon], [], [], max(0, left))
            if not ready:
                raise GuestError("QEMU's monitor did not answer")
            chunk = self._mon.recv(65536)
            if not chunk:
                raise GuestError("QEMU's monitor closed")
            data += chunk
        return data.decode(errors="replace")

    def monitor(self, command):
        self._mon.sendall(command.encode() + b"\n")
        return self._monitor_read()

    def sendkey(self, keys):
        """A key press on the guest's keyboard, in QEMU's names: ctrl-alt-f2."""
        self.monitor(f"sendkey {keys}")

    def screendump(self, label, device=None):
        """The screen as QEMU shows it (that of the display device with
        this id, else the first), saved as a PNG; returns its path."""
        ppm = os.path.join(self.work, f"{self.name}-{label}.ppm")
        png = os.path.join(self.work, f"{self.name}-{label}.png")
        # QEMU's monitor: screendump FILENAME [-f FORMAT] [DEVICE [HEAD]]
        answer = self.monitor(f"screendump {ppm}" + (f" {device}" if device else ""))
        if not os.path.exists(ppm):
            raise GuestError(f"screendump wrote no {ppm}; the monitor said: {' '.join(str(answer).split())[-300:]}")
        Image.open(ppm).convert("RGB").save(png)
        os.unlink(ppm)
        self.last_shot = png
        return png


class BootPartition:
    """The card's FAT partition labelled bootfs, the guest's /boot/firmware,
    read and written from the host with mtools while the guest is off, as a
    laptop does the SD card's bootfs drive."""

    def __init__(self, card):
        table = json.loads(subprocess.run(["sfdisk", "--json", card], check=True, stdout=subprocess.PIPE).stdout)
        first = table["partitiontable"]["partitions"][0]
        self.image = f"{card}@@{first['start'] * table['partitiontable'].get('sectorsize', 512)}"

    def _mtools(self, *argv, check=True):
        return subprocess.run(list(argv), env=dict(os.environ, MTOOLS_SKIP_CHECK="1"), check=check,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def names(self):
        listing = self._mtools("mdir", "-b", "-i", self.image, "::/").stdout.decode()
        return sorted(line.strip().removeprefix("::/") for line in listing.splitlines() if line.strip())

    def read(self, name):
        done = self._mtools("mtype", "-i", self.image, f"::/{name}", check=False)
        return done.stdout.decode(errors="replace") if done.returncode == 0 else None

    def write(self, name, text, work):
        local = os.path.join(work, f"bootfs-{name}")
        with open(local, "w", newline="") as f:
            f.write(text)
        self._mtools("mcopy", "-o", "-i", self.image, local, f"::/{name}")

    def copy_out(self, name, path):
        self._mtools("mcopy", "-o", "-i", self.image, f"::/{name}", path)

    def firmware_files(self, work):
        """What a Pi's firmware boots from bootfs: the newest kernel and its
        initrd (copied into work: their paths) and cmdline.txt's line."""
        names = self.names()
        kernel = max((n for n in names if n.startswith("vmlinuz-")), default=None)
        if kernel is None:
            raise GuestError(f"no vmlinuz-* on the card's bootfs: {' '.join(names)}")
        initrd = "initrd.img-" + kernel.removeprefix("vmlinuz-")
        for n in (kernel, initrd):
            self.copy_out(n, os.path.join(work, n))
        return os.path.join(work, kernel), os.path.join(work, initrd), self.read("cmdline.txt").strip()

    def remove(self, name):
        self._mtools("mdel", "-i", self.image, f"::/{name}", check=False)


# --- pictures -----------------------------------------------------------------------------
def footer_top(layout_slide):
    """The first row below the footer's text: only the progress track is drawn
    there, and it grows while the slide stands, so it is not compared."""
    bottoms = [line["box"][1] + line["box"][3] for line in layout_slide["lines"]
               if line["role"] in ("position", "hashtag")]
    return max(bottoms) if bottoms else None


def differences(shot, expected, above_row=None, threshold=40):
    """Pixels whose colour differs by more than threshold in any channel, above
    above_row: (fraction of the compared area, bounding box or None)."""
    a = Image.open(shot).convert("RGB")
    b = Image.open(expected).convert("RGB")
    if a.size != b.size:
        return 1.0, (0, 0) + a.size, f"sizes differ: screen {a.size[0]}x{a.size[1]}, expected {b.size[0]}x{b.size[1]}"
    rows = above_row if above_row else a.size[1]
    box = (0, 0, a.size[0], rows)
    r, g, bl = ImageChops.difference(a.crop(box), b.crop(box)).split()
    mask = ImageChops.lighter(ImageChops.lighter(r, g), bl).point(lambda v: 255 if v > threshold else 0)
    count = mask.histogram()[255]
    return count / (a.size[0] * rows), mask.getbbox(), ""


def lit_fraction(shot, background_distance=48):
    """How much of the screen is not near black: a dark theme's background is
    dark blue-grey, text is light; a screen that shows nothing is all 0."""
    img = Image.open(shot).convert("L")
    hist = img.histogram()
    return sum(hist[background_distance:]) / (img.size[0] * img.size[1]), max(i for i, v in enumerate(hist) if v)


def tell_failure(g):
    print(f"---- serial console ({g.serial_log}), last 60 lines")
    try:
        with open(g.serial_log, errors="replace") as f:
            print("".join(f.readlines()[-60:]))
    except OSError as e:
        print(e)
    try:
        if g.process.poll() is None:
            print("---- journalctl -u placard, last 40 lines")
            print(g.run("journalctl -b -u placard -o short-monotonic --no-pager 2>/dev/null | tail -n 40", 30)[1])
    except GuestError as e:
        print(e)
    print(f"---- last screendump: {g.last_shot}")
