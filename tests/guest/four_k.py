"""Two more boots on a 4K screen (a virtio-gpu output of 3840x2160): as it
comes, and given a 1080p mode on the kernel's command line, as the Pi guide
tells organisers with a 4K TV to do (video=HDMI-A-1:1920x1080@60 on a Pi; the
connector is Virtual-1 here). The TV scales the 1080p signal up itself; the
kiosk then draws and holds 1080p pictures.

The guest's KMS has no GPU: Mesa draws with llvmpipe, whose LLVM and buffers
are most of the kiosk's memory here (about 150 MiB PSS whichever renderer SDL
uses), so what the guest can show is the difference the mode makes, not the
figure a Pi would have; the kiosk's own figures at 1080p and 4K are the
memory benchmark's (tests/bench/memory_bench.py)."""

import json
import time

from PIL import Image

MODE = "1920x1080"
# A 4K frame is 3840x2160x4 bytes, 31.6 MiB; a 1080p one 7.9 MiB. The kiosk
# holds at least one panel-sized picture besides the display's own buffers,
# so the 1080p mode saves at least their difference.
LEAST_SAVED_MIB = (3840 * 2160 - 1920 * 1080) * 4 / 2**20

measured = {}


def card_before_native(card, r, work):
    # Without the TV schedule the second boot's checks left: slides, not a black screen.
    config = json.loads(card.read("placard.json"))
    for key in ("tv", "status"):
        config.pop(key, None)
    card.write("placard.json", json.dumps(config) + "\n", work)


def card_before_1080p(card, r, work):
    cmdline = card.read("cmdline.txt").strip()
    card.write("cmdline.txt", f"{cmdline} video=Virtual-1:{MODE}@60\n", work)


def memory(g):
    """(PSS, VmHWM) of the kiosk's main process, in MiB."""
    pid = g.out("systemctl show -p MainPID --value placard")
    pss = g.out(f"awk '/^Pss:/ {{print $2}}' /proc/{pid}/smaps_rollup") or "0"
    hwm = g.out(f"awk '/^VmHWM:/ {{print $2}}' /proc/{pid}/status") or "0"
    return int(pss) / 1024, int(hwm) / 1024


def sampled(g):
    """PSS median and highest, VmHWM, over a minute of slides (every 5 s)."""
    samples = []
    for _ in range(12):
        time.sleep(5)
        samples.append(memory(g))
    pss = sorted(s[0] for s in samples)
    return pss[len(pss) // 2], pss[-1], max(s[1] for s in samples)


def up(g, r, wait_active, what):
    g.wait_for_shell(300)
    return r.check(f"{what}: placard.service up", wait_active(g, 300) is not None)


def native(g, r, wait_active, journal, width, height):
    if not up(g, r, wait_active, f"a {width}x{height} screen"):
        return
    started = journal(g, "video driver")
    r.check(f"without video=, the kiosk draws at the screen's {width}x{height}", f", {width}x{height}" in started, started)
    measured["native"] = sampled(g)
    median, high, hwm = measured["native"]
    print(f"info  at {width}x{height}: PSS median {median:.1f} MiB, highest {high:.1f} MiB, VmHWM {hwm:.1f} MiB", flush=True)


def given_1080p(g, r, wait_active, journal, width, height):
    if not up(g, r, wait_active, f"a {width}x{height} screen with video=Virtual-1:{MODE}"):
        return
    started = journal(g, "video driver")
    r.check(f"the kiosk draws in the {MODE} mode the command line gave, not {width}x{height}",
            f", {MODE}" in started and f"{width}x{height}" not in started, started)
    shot = g.screendump("as-1080p")
    size = Image.open(shot).size
    r.check(f"the screen shows a {MODE} picture (QEMU's screendump of the output)", size == (1920, 1080), f"{size}; {shot}")
    median, high, hwm = sampled(g)
    before = measured.get("native")
    detail = f"PSS median {median:.1f} MiB, highest {high:.1f} MiB, VmHWM {hwm:.1f} MiB"
    if before:
        detail += f"; at {width}x{height}: PSS median {before[0]:.1f} MiB, highest {before[1]:.1f} MiB, VmHWM {before[2]:.1f} MiB"
    r.check(f"the 1080p mode saves at least {LEAST_SAVED_MIB:.1f} MiB of the kiosk's PSS (a 4K frame less a 1080p one)",
            before is not None and before[0] - median >= LEAST_SAVED_MIB, detail)
