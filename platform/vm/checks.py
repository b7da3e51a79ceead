"""What platform/vm-test.sh checks in the booted guest, from outside: the
serial shell for what systemd and the journal say, QEMU's screendump for what
the screen shows, compared with placard-feed preview of the same feed at the
guest's resolution. One line per check; a failure prints the serial log, the
kiosk's journal and the last screendump's path."""

import argparse
import json
import os
import re
import subprocess
import sys
import time

from guest import Guest, GuestError, differences, footer_top, lit_fraction

# A shot matches its preview when under this fraction of the pixels above the
# progress track differ (by more than 40 in a channel): the same code draws
# both, through GLES2 on the guest and SDL's surfaces in preview.
MATCH_TOLERANCE = 0.002
WATCHDOG_SEC = 30
# Restart, start-up and the first frame under software emulation.
WATCHDOG_MARGIN = 40
CONSOLE_BLANK_SEC = 20
# A transient unit: stopping it removes it, so each start makes it again.
SERVE_FEED = "systemd-run --unit=feed-server -p WorkingDirectory=/srv/feed python3 -m http.server 8000 --bind 127.0.0.1"


class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, what, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        print(f"{'ok   ' if ok else 'FAIL '} {what}{'  (' + detail + ')' if detail else ''}", flush=True)
        return ok


class Previews:
    """placard-feed preview of each feed, once per screen size."""

    def __init__(self, tool, out):
        self.tool = tool
        self.out = out

    def slides(self, feed, width, height):
        name = os.path.splitext(os.path.basename(feed))[0]
        folder = os.path.join(self.out, f"preview-{name}-{width}x{height}")
        if not os.path.exists(os.path.join(folder, "layout.json")):
            subprocess.run([self.tool, "preview", feed, "--out", folder, "--size", f"{width}x{height}"],
                           check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(folder, "layout.json")) as f:
            layout = json.load(f)
        return [(os.path.join(folder, s["file"]), footer_top(s)) for s in layout["slides"]]


def best_match(shot, slides):
    """(fraction differing, slide path, bounding box) of the closest slide."""
    scored = []
    for path, footer in slides:
        fraction, box, why = differences(shot, path, footer)
        scored.append((fraction, path, box or why))
    return min(scored, key=lambda s: s[0])


def wait_for_screen(g, slides, label, timeout, until=None):
    """Screendumps until the screen matches one of slides (or until(match) is
    true); (seconds waited, the closest slide's match, its shot)."""
    start = time.monotonic()
    done = until or (lambda match: match[0] <= MATCH_TOLERANCE)
    while True:
        shot = g.screendump(label)
        match = best_match(shot, slides)
        if done(match) or time.monotonic() - start > timeout:
            return time.monotonic() - start, match, shot
        time.sleep(3)


def banner_only(height):
    """The slide as preview draws it but for a band in the lower part of the
    screen: the status banner, centred above the progress track."""
    def test(match):
        fraction, _, box = match
        return MATCH_TOLERANCE < fraction < 0.05 and isinstance(box, tuple) and box[1] >= height * 0.6
    return test


def main_pid(g):
    return int(g.out("systemctl show -p MainPID --value placard"))


def wait_active(g, timeout, not_pid=None):
    """Until placard.service is active (READY=1: its first frame is up) with a
    main process other than not_pid; seconds waited."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        state = g.out("systemctl show -p ActiveState --value placard")
        if state == "active" and main_pid(g) not in (0, not_pid):
            return time.monotonic() - start
        time.sleep(1)
    return None


def journal(g, grep):
    return g.run(f"journalctl -b -u placard -o cat --no-pager | grep -E '{grep}'")[1].strip()


def first_boot(g, r, previews, width, height):
    booted = g.wait_for_shell(300)
    r.check("the guest booted to its serial shell", True, f"{booted:.0f} s after QEMU started, TCG")
    waited = wait_active(g, 300)
    if not r.check("placard.service comes up on its own at boot (ready: first frame drawn)", waited is not None):
        return
    # The kiosk may start before udev has loaded the GPU's driver: it then
    # exits with "kmsdrm not available" and Restart= brings it up 2 s later.
    restarts = g.out("systemctl show -p NRestarts --value placard")
    why = journal(g, "kmsdrm not available|timed out|Failed with result").replace("\n", "; ")
    print(f"info  starts before the first frame: {int(restarts) + 1}" + (f" ({why})" if why else ""), flush=True)
    ready_us = int(g.out("systemctl show -p ActiveEnterTimestampMonotonic --value placard"))
    r.check("boot to first slide", True, f"{ready_us / 1e6:.1f} s from the kernel's start to READY=1, "
            f"{time.monotonic() - g.started_at:.0f} s from QEMU's start")
    started = journal(g, "video driver")
    r.check("it draws through KMSDRM with GLES2", "video driver kmsdrm, renderer opengles2" in started
            and f"{width}x{height}" in started, started)
    rc, found = g.run("dpkg-query -W -f='${Package} ${Status}\\n' xserver-xorg-core xwayland weston 2>/dev/null "
                      "| grep 'install ok installed'; ls /usr/bin/Xorg /usr/bin/Xwayland /usr/bin/weston 2>/dev/null")
    r.check("no X server or Wayland compositor installed", found.strip() == "", found.strip())
    pid = main_pid(g)
    tty = g.out(f"readlink /proc/{pid}/fd/0")
    getty = g.run("systemctl is-active getty@tty1")[1].strip()
    r.check("it runs on tty1, with no getty there", tty == "/dev/tty1" and getty != "active", f"stdin {tty}, getty@tty1 {getty}")
    user = g.out(f"stat -c %U /proc/{pid}")
    fds = g.out(f"ls -l /proc/{pid}/fd | sed -n 's/.*-> //p' | sort -u | tr '\\n' ' '")
    r.check("as the placard user, the hardened unit lets it open /dev/dri and /dev/input",
            user == "placard" and "/dev/dri/card0" in fds and "/dev/input/event" in fds, f"user {user}, open: {fds}")

    # The first boot has no feed configured: the demo, not a black screen.
    demo = previews.slides(os.path.join(previews.out, "demo.json"), width, height)
    shot = g.screendump("first-run")
    lit, brightest = lit_fraction(shot)
    fraction, path, box = best_match(shot, demo)
    # Not held to the demo's pixels: what a screen with no feed shows may
    # change (a first-run card); that it shows something, in the kiosk's
    # light-on-dark type, is what is checked. The closest demo slide is told.
    r.check("first boot with no feed: the demo or first-run screen, not black",
            lit > 0.01 and brightest > 200,
            f"{lit:.1%} of the screen lit; closest demo preview {os.path.basename(path)}, {fraction:.2%} differs "
            f"(its DEMO FEED badge is the kiosk's own); {shot}")

    # The venue's path: a feed served on 127.0.0.1 inside the guest.
    g.out("cp /root/vm/feed-first.json /srv/feed/feed.json && cp /root/vm/placard-http.json /etc/placard/placard.json")
    g.out(SERVE_FEED)
    g.out("systemctl restart placard", 180)
    first = previews.slides(os.path.join(previews.feeds, "feed-first.json"), width, height)
    waited, match, shot = wait_for_screen(g, first, "served", 90)
    r.check("the feed served inside the guest is on screen, as preview draws it (no console text, cursor or prompt)",
            match[0] <= MATCH_TOLERANCE, f"{match[0]:.3%} of pixels differ, after {waited:.0f} s; {shot}")

    # Booted with a short blank timeout; the unit's setterm turns it off.
    cmdline = g.out("cat /proc/cmdline")
    blank = g.out("cat /sys/module/kernel/parameters/consoleblank")
    time.sleep(CONSOLE_BLANK_SEC + 10)
    shot = g.screendump("after-blank-timeout")
    fraction = best_match(shot, first)[0]
    r.check(f"no blanking: still on screen {CONSOLE_BLANK_SEC + 10} s into a consoleblank={CONSOLE_BLANK_SEC} boot",
            f"consoleblank={CONSOLE_BLANK_SEC}" in cmdline and blank == "0" and fraction <= MATCH_TOLERANCE,
            f"the unit set the timeout to {blank}; {fraction:.3%} differ; {shot}")

    security = g.out("systemd-analyze security placard.service --no-pager | tail -n 1")
    m = re.search(r"exposure level for placard.service: ([0-9.]+)", security)
    r.check("systemd-analyze security placard.service <= 2.0", m is not None and float(m.group(1)) <= 2.0, security)

    # A hung loop: the watchdog kills and restarts it.
    pid = main_pid(g)
    g.out(f"kill -STOP {pid}")
    waited = wait_active(g, WATCHDOG_SEC + WATCHDOG_MARGIN + 30, not_pid=pid)
    said = journal(g, "[Ww]atchdog timeout")
    r.check(f"a stopped process is restarted by the watchdog within WatchdogSec={WATCHDOG_SEC} s + {WATCHDOG_MARGIN} s",
            waited is not None and waited <= WATCHDOG_SEC + WATCHDOG_MARGIN and said != "",
            f"ready again {waited:.0f} s after SIGSTOP; journal: {said}" if waited else "not restarted")
    back = wait_for_screen(g, first, "after-watchdog", 60)
    r.check("the slide is back on screen after the watchdog's restart", back[1][0] <= MATCH_TOLERANCE, back[2])

    pid = main_pid(g)
    restarts = int(g.out("systemctl show -p NRestarts --value placard"))
    g.out(f"kill -SEGV {pid}")
    waited = wait_active(g, 90, not_pid=pid)
    now = int(g.out("systemctl show -p NRestarts --value placard"))
    r.check("a crash (SIGSEGV) is restarted", waited is not None and now == restarts + 1,
            f"ready again {waited:.0f} s later, NRestarts {restarts} -> {now}" if waited else "not restarted")
    back = wait_for_screen(g, first, "after-crash", 60)
    r.check("the slide is back on screen after the crash", back[1][0] <= MATCH_TOLERANCE, back[2])

    # The server goes away: the slide stays, with the staleness banner.
    g.out("systemctl stop feed-server")
    waited, match, shot = wait_for_screen(g, first, "stale", 150, until=banner_only(height))
    r.check("server stopped: the staleness banner appears under the same slide", banner_only(height)(match),
            f"after {waited:.0f} s, {match[0]:.2%} differs in {match[2]}; {shot}")
    banner = g.out("journalctl -b -u placard -o cat --no-pager | grep -c 'keeping the last good feed' || true")
    r.check("the failed fetches are logged", int(banner) >= 1, f"{banner} lines")

    # Back with a new sequence: the new slide.
    g.out("cp /root/vm/feed-second.json /srv/feed/feed.json")
    g.out(SERVE_FEED)
    second = previews.slides(os.path.join(previews.feeds, "feed-second.json"), width, height)
    waited, match, shot = wait_for_screen(g, second, "new-sequence", 120)
    r.check("server back with a new sequence: the new slide, banner gone", match[0] <= MATCH_TOLERANCE,
            f"after {waited:.0f} s, {match[0]:.3%} differ; {shot}")


def second_boot(g, r, previews, width, height):
    g.wait_for_shell(300)
    waited = wait_active(g, 300)
    if not r.check("second boot, at another resolution, with the feed server down: placard.service up",
                   waited is not None):
        return
    started = journal(g, "video driver")
    r.check(f"it took the new mode, {width}x{height}", f"{width}x{height}" in started, started)
    second = previews.slides(os.path.join(previews.feeds, "feed-second.json"), width, height)
    waited, match, shot = wait_for_screen(g, second, "cold-from-cache", 30)
    r.check(f"the cached feed on screen from a cold boot, laid out again for {width}x{height}",
            match[0] <= MATCH_TOLERANCE, f"{match[0]:.3%} differ; {shot}")


def main():
    p = argparse.ArgumentParser()
    for name in ("kernel", "initrd", "disk", "out", "preview", "feeds"):
        p.add_argument(f"--{name}", required=True)
    a = p.parse_args()
    r = Report()
    previews = Previews(a.preview, a.out)
    previews.feeds = a.feeds
    boots = [("first", 1280, 800, first_boot), ("second", 1024, 768, second_boot)]
    for name, width, height, steps in boots:
        g = Guest(a.kernel, a.initrd, a.disk, a.out, name, width, height, f"consoleblank={CONSOLE_BLANK_SEC}")
        failed_before = r.failed
        told = False
        try:
            g.start()
            steps(g, r, previews, width, height)
            if r.failed > failed_before:
                tell_failure(g)  # while the guest can still show its journal
                told = True
            g.poweroff()
        except GuestError as e:
            r.check(f"{name} boot went as planned", False, str(e))
        if r.failed > failed_before and not told:
            tell_failure(g)
        g.kill()
    print(f"vm-test: {r.passed} passed, {r.failed} failed")
    return 0 if r.failed == 0 else 1


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
            print(g.run("journalctl -b -u placard -o short-monotonic --no-pager | tail -n 40", 30)[1])
    except GuestError as e:
        print(e)
    print(f"---- last screendump: {g.last_shot}")


if __name__ == "__main__":
    sys.exit(main())
