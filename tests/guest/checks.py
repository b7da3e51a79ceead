"""What platform/vm/vm-test.sh checks in Placard's booted SD-card image, from
outside: the serial shell for what systemd and the journal say, QEMU's
screendump for what the screen shows, compared with placard-feed preview of
the same feed at the guest's resolution; and, between boots, the card's
bootfs partition read and written with mtools as a laptop does the SD card
(placard.json, placard-wifi.txt, an ssh file, and Raspberry Pi Imager's
cloud-init files). One line per check; a failure prints the serial log, the
kiosk's journal and the last screendump's path."""

import argparse
import json
import os
import re
import subprocess
import sys
import time

from guest import BootPartition, Guest, GuestError, differences, footer_top, lit_fraction, tell_failure
import four_k
from imager import IMAGER_ID, IMAGER_META_DATA, IMAGER_NETWORK_CONFIG, IMAGER_USER_DATA, imager_settings
import tv_checks

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
BOOT = "/boot/firmware"
SYSTEM_CONFIG = "/etc/placard/placard.json"
KEYFILE = "/etc/NetworkManager/system-connections/placard-wifi.nmconnection"
# placard-wifi.txt as laptops write it: Notepad's line ends, a comment, a
# password with a backslash (which NetworkManager's keyfile format escapes).
WIFI_FIRST = ("Room XXIV Guest", "side\\event #2013")
WIFI_FIRST_TEXT = f"# The venue's Wi-Fi\r\nssid={WIFI_FIRST[0]}\r\npassword={WIFI_FIRST[1]}\r\n"
WIFI_TOO_SHORT = "ssid=Room XXIV Staff\r\npassword=12345\r\n"
# The boot partition's placard.json (guide step 4): its feed over /etc's.
BOOT_CONFIG = '{"feed": "http://127.0.0.1:8000/boot-feed.json"}\r\n'
# Paths the guide names that only exist once the organiser makes them (a
# screen that reports to a broker; a newer package).
# /dev/cec*: only where the board has an HDMI-CEC adapter (tv_checks.py loads one).
GUIDE_PATHS_OPTIONAL = ("/etc/placard/broker.pass", "_NEW_", ".deb", "/dev/cec")


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

    def slides(self, feed, width, height, theme="dark"):
        name = os.path.splitext(os.path.basename(feed))[0]
        folder = os.path.join(self.out, f"preview-{name}-{width}x{height}-{theme}")
        if not os.path.exists(os.path.join(folder, "layout.json")):
            subprocess.run([self.tool, "preview", feed, "--out", folder, "--size", f"{width}x{height}", "--theme", theme],
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


def journal(g, grep, unit="placard"):
    """The unit's journal lines matching grep. Asked up to three times: once a
    run, journalctl found the file journald was writing "truncated" and
    skipped it, so a line that was there read as missing."""
    for _ in range(3):
        said = g.run(f"journalctl -b -u {unit} -o cat --no-pager 2>/dev/null | grep -E '{grep}'")[1].strip()
        if said:
            return said
        time.sleep(1)
    return said


def unit_properties(g, unit, *names):
    text = g.out(f"systemctl show {unit} " + " ".join(f"-p {n}" for n in names))
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def settings_read(g):
    """What the kiosk's last start logged of the settings files it read."""
    lines = journal(g, "^placard: settings: ").splitlines()
    return lines[-1].removeprefix("placard: settings: ") if lines else ""


def check_as_organiser(g):
    """placard --check as the guide has it run: by the user who logs in, no sudo."""
    return g.run("runuser -u organiser -- placard --check", 60)


def wifi_connection(g):
    """NetworkManager's own view: (its NAME:TYPE lines, and placard-wifi's
    ssid, psk and autoconnect priority as it read them from the keyfile)."""
    deadline = time.monotonic() + 60
    while g.run("nmcli --colors no -t general status")[0] != 0:
        if time.monotonic() > deadline:
            raise GuestError("NetworkManager did not answer nmcli in 60 s")
        time.sleep(2)
    listing = g.out("nmcli --colors no -t -f NAME,TYPE connection show").splitlines()

    def get(field):
        return g.run(f"nmcli --colors no --escape no -s -g {field} connection show placard-wifi")[1].rstrip("\n")
    return listing, get("802-11-wireless.ssid"), get("802-11-wireless-security.psk"), get("connection.autoconnect-priority")


def on_card(g):
    return g.out(f"ls -A1 {BOOT}").split("\n")


def guide_paths(guide):
    """The absolute paths the guide names in its code, inline and in blocks."""
    with open(guide) as f:
        text = f.read()
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", text, re.S | re.M)
    inline = re.findall(r"`([^`\n]+)`", re.sub(r"^```[^\n]*\n.*?^```", "", text, flags=re.S | re.M))
    found = set()
    for code in blocks + inline:
        found.update(re.findall(r"(?<![\w:/.-])/[\w.+-]+(?:/[\w.+-]+)*", code))
    return sorted(found)


def check_guide_paths(g, r, guide):
    # The guide names the Pi's package; the guest's is the amd64 build of the same version.
    wanted = [p.replace("_arm64.deb", "_amd64.deb") for p in guide_paths(guide)
              if not any(o in p for o in GUIDE_PATHS_OPTIONAL)]
    missing = g.run("for p in " + " ".join(wanted) + "; do [ -e \"$p\" ] || echo \"$p\"; done")[1].split()
    r.check("every path the Pi guide names is there in the booted system", len(wanted) >= 5 and not missing,
            f"missing: {' '.join(missing)}" if missing else f"{len(wanted)} paths: {' '.join(wanted)}")


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

    # The SD card's boot partition, as on Raspberry Pi OS: FAT, at /boot/firmware.
    mount = g.out(f"findmnt -n -o FSTYPE,SOURCE {BOOT}")
    cmdline = g.out(f"cat {BOOT}/cmdline.txt").splitlines()
    r.check(f"{BOOT} is the FAT boot partition, from fstab; its cmdline.txt is one line, with consoleblank=0",
            mount.split()[:1] == ["vfat"] and len(cmdline) == 1 and cmdline[0].endswith(" consoleblank=0"),
            f"{mount}; cmdline.txt: {cmdline}")
    read = settings_read(g)
    r.check("no placard.json on the boot partition yet: the kiosk read /etc/placard/placard.json alone",
            read == SYSTEM_CONFIG, f"journal: settings: {read}")
    wifi_first_start(g, r)
    image_first_start(g, r)

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

    console_switch(g, r, first)

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
    banner = g.out("journalctl -b -u placard -o cat --no-pager 2>/dev/null | grep -c 'keeping the last good feed' || true")
    r.check("the failed fetches are logged", int(banner) >= 1, f"{banner} lines")

    # Back with a new sequence: the new slide.
    g.out("cp /root/vm/feed-second.json /srv/feed/feed.json")
    g.out(SERVE_FEED)
    second = previews.slides(os.path.join(previews.feeds, "feed-second.json"), width, height)
    waited, match, shot = wait_for_screen(g, second, "new-sequence", 120)
    r.check("server back with a new sequence: the new slide, banner gone", match[0] <= MATCH_TOLERANCE,
            f"after {waited:.0f} s, {match[0]:.3%} differ; {shot}")

    # For the next boot: /etc's settings as an organiser edits them on the Pi
    # (a feed, the light theme), and the feed the boot partition will name.
    g.out(f"cp /root/vm/placard-etc.json {SYSTEM_CONFIG} && cp /root/vm/feed-boot.json /srv/feed/boot-feed.json")


def wifi_first_start(g, r):
    w = unit_properties(g, "placard-wifi", "Result", "ExecMainStatus", "ExecMainExitTimestampMonotonic")
    nm = unit_properties(g, "NetworkManager", "ActiveState", "ExecMainStartTimestampMonotonic")
    exited, nm_started = int(w["ExecMainExitTimestampMonotonic"]), int(nm["ExecMainStartTimestampMonotonic"])
    r.check("placard-wifi.service read placard-wifi.txt and finished before NetworkManager started",
            w["Result"] == "success" and w["ExecMainStatus"] == "0" and 0 < exited <= nm_started,
            f"placard-wifi {w['Result']}, status {w['ExecMainStatus']}, done {exited / 1e6:.2f} s into the boot; "
            f"NetworkManager {nm['ActiveState']}, started {nm_started / 1e6:.2f} s into it")
    files = on_card(g)
    mode = g.run(f"stat -c '%a %U:%G' {KEYFILE}")[1].strip()
    r.check(f"placard-wifi.txt is gone from {BOOT}; the keyfile is there, mode 600, root's",
            "placard-wifi.txt" not in files and mode == "600 root:root", f"{BOOT}: {' '.join(files)}; {KEYFILE}: {mode}")
    listing, ssid, psk, priority = wifi_connection(g)
    r.check("NetworkManager loaded it as placard-wifi, 802-11-wireless, with the file's name and password as written",
            "placard-wifi:802-11-wireless" in listing and (ssid, psk) == WIFI_FIRST and priority == "10",
            f"connections {listing}; ssid {ssid!r}, psk {psk!r}, autoconnect-priority {priority}")


def image_first_start(g, r):
    """What the image does once, at a card's first start."""
    name, etc = g.out("hostname"), g.out("cat /etc/hostname")
    r.check("the screen named itself placard-XXXX at its first start", re.fullmatch(r"placard-[0-9a-f]{4}", name) is not None
            and etc == name, f"hostname {name}, /etc/hostname {etc}")
    size = int(g.out("df -B1M --output=size / | tail -n 1"))
    part = int(g.out("lsblk -b -n -o SIZE /dev/vda2")) >> 20
    grew = g.run("journalctl -b -k -o cat --no-pager 2>/dev/null | grep -m 1 'resizing filesystem'")[1].strip()
    # The card is 4 GiB, bootfs and the gap before it 516 MiB: the rest is the root's partition.
    r.check("the root's partition and file system grew to fill the 4 GB card at the first start",
            part >= 4096 - 516 - 1 and size > part * 0.95 and grew != "", f"partition {part} MiB, / {size} MiB; kernel: {grew}")
    status = g.run("cloud-init status --long")[1]
    r.check("cloud-init read the seed on bootfs (NoCloud, /boot/firmware) and finished without errors",
            "extended_status: done" in status and "seedfrom" in status and "file:///boot/firmware" in status,
            status.strip().replace("\n", " | "))
    ssh = g.run("systemctl is-enabled ssh.service; systemctl is-active ssh.service")[1].split()
    keys = g.run("ls /etc/ssh/ssh_host_ed25519_key.pub")[0]
    r.check("SSH is off on a card that did not ask for it; its host keys were made on this card", ssh[:2] == ["disabled", "inactive"]
            and keys == 0, f"ssh {' '.join(ssh)}")


def console_switch(g, r, slides):
    """A keyboard on the screen: Ctrl+Alt+F2 gives a login prompt, Ctrl+Alt+F1 the slides."""
    g.sendkey("ctrl-alt-f2")
    deadline = time.monotonic() + 30
    active, gave = "", ""
    while time.monotonic() < deadline:
        active = g.out("cat /sys/class/tty/tty0/active")
        gave = journal(g, "giving the screen back")
        if active == "tty2" and gave:
            break
        time.sleep(1)
    time.sleep(3)
    shot = g.screendump("tty2")
    lit, brightest = lit_fraction(shot)
    fraction = best_match(shot, slides)[0]
    getty = g.run("systemctl is-active getty@tty2.service")[1].strip()
    r.check("Ctrl+Alt+F2: the kiosk gives the screen back and tty2's login prompt shows (text on black, no slide)",
            active == "tty2" and gave != "" and getty == "active" and fraction > 0.05 and 0 < lit < 0.2 and brightest >= 150,
            f"active {active}; journal: {gave}; getty@tty2 {getty}; {lit:.2%} lit, closest slide differs in {fraction:.1%}; {shot}")
    g.sendkey("ctrl-alt-f1")
    waited, match, shot = wait_for_screen(g, slides, "back-from-tty2", 60)
    r.check("Ctrl+Alt+F1: the slides are back", match[0] <= MATCH_TOLERANCE,
            f"after {waited:.0f} s, {match[0]:.3%} differ; {shot}")


def ssh_asked_for(g, r):
    ssh = g.run("systemctl is-enabled ssh.service; systemctl is-active ssh.service")[1].split()
    files = on_card(g)
    r.check(f"an empty ssh file on bootfs switched SSH on, and is gone from {BOOT}",
            ssh[:2] == ["enabled", "active"] and "ssh" not in files, f"ssh {' '.join(ssh)}; {BOOT}: {' '.join(files)}")


def second_boot(g, r, previews, width, height):
    g.wait_for_shell(300)
    waited = wait_active(g, 300)
    if not r.check("second boot, at another resolution, with the feed server down: placard.service up",
                   waited is not None):
        return
    started = journal(g, "video driver")
    r.check(f"it took the new mode, {width}x{height}", f"{width}x{height}" in started, started)
    second = previews.slides(os.path.join(previews.feeds, "feed-second.json"), width, height, "light")
    waited, match, shot = wait_for_screen(g, second, "cold-from-cache", 30)
    r.check(f"the cached feed on screen from a cold boot, laid out again for {width}x{height}, in /etc's light theme",
            match[0] <= MATCH_TOLERANCE, f"{match[0]:.3%} differ; {shot}")

    # placard.json on the boot partition, written from the host: read after /etc's, its feed wins.
    read = settings_read(g)
    r.check("the kiosk read /etc/placard/placard.json, then the boot partition's placard.json over it",
            read == f"{SYSTEM_CONFIG}, then {BOOT}/placard.json over it", f"journal: settings: {read}")
    g.out(SERVE_FEED)
    boot_feed = previews.slides(os.path.join(previews.feeds, "feed-boot.json"), width, height, "light")
    waited, match, shot = wait_for_screen(g, boot_feed, "boot-partition-feed", 120)
    r.check("with both feeds served, the boot partition's is on screen, in /etc's light theme (merged key by key)",
            match[0] <= MATCH_TOLERANCE, f"after {waited:.0f} s, {match[0]:.3%} differ; {shot}")
    rc, said = check_as_organiser(g)
    r.check("placard --check (as the organiser, no sudo) names both files and the boot partition's feed",
            rc == 0 and f"Settings: {SYSTEM_CONFIG}, then {BOOT}/placard.json over it\n" in said
            and "Feed: http://127.0.0.1:8000/boot-feed.json\n" in said and "Result: accepted" in said,
            f"exit {rc}: " + said.strip().replace("\n", " | "))

    # A placard-wifi.txt with a mistake: kept, renamed, the reason in the journal, the old network kept.
    w = unit_properties(g, "placard-wifi", "Result", "ExecMainStatus")
    files = on_card(g)
    why = journal(g, "WPA password", unit="placard-wifi")
    r.check("a 5-character Wi-Fi password: placard-wifi.txt renamed .invalid, journalctl -u placard-wifi says why",
            w["Result"] == "exit-code" and "placard-wifi.txt.invalid" in files and "placard-wifi.txt" not in files
            and "a WPA password has 8 to 63 characters; this one has 5" in why,
            f"placard-wifi {w['Result']}, status {w['ExecMainStatus']}; {BOOT}: {' '.join(files)}; journal: {why}")
    listing, ssid, psk, _ = wifi_connection(g)
    r.check("NetworkManager still has the earlier network", (ssid, psk) == WIFI_FIRST, f"ssid {ssid!r}")
    ssh_asked_for(g, r)
    imager_settings(g, r)
    check_guide_paths(g, r, previews.guide)
    # The TV itself: two display devices, a screen off and on, none at start; HDMI-CEC.
    tv_checks.screens(g, r, boot_feed, lambda shot: best_match(shot, boot_feed))
    tv_checks.tv_over_cec(g, r, BOOT_CONFIG)


# --- The SD card between boots, from the host, as a laptop --------------------------------
def card_before_first(card, r, work):
    card.write("placard-wifi.txt", WIFI_FIRST_TEXT, work)


def card_before_second(card, r, work):
    names = card.names()
    r.check("after power-off the card, read on the host, has no placard-wifi.txt (no password left on it)",
            "placard-wifi.txt" not in names, " ".join(names))
    card.write("placard-wifi.txt", WIFI_TOO_SHORT, work)
    card.write("placard.json", BOOT_CONFIG, work)
    card.write("ssh", "", work)
    # Imager's OS customisation, as it writes it on a card.
    card.write("user-data", IMAGER_USER_DATA, work)
    card.write("network-config", IMAGER_NETWORK_CONFIG, work)
    card.write("meta-data", IMAGER_META_DATA, work)
    cmdline = card.read("cmdline.txt").strip()
    card.write("cmdline.txt", f"{cmdline} ds=nocloud;i={IMAGER_ID} cfg80211.ieee80211_regdom=CH\n", work)





def main():
    p = argparse.ArgumentParser()
    for name in ("card", "out", "preview", "feeds", "guide"):
        p.add_argument(f"--{name}", required=True)
    a = p.parse_args()
    r = Report()
    previews = Previews(a.preview, a.out)
    previews.feeds = a.feeds
    previews.guide = a.guide
    card = BootPartition(a.card)
    boots = [("first", 1280, 800, card_before_first, first_boot),
             ("second", 1024, 768, card_before_second, second_boot),
             ("four-k", 3840, 2160, four_k.card_before_native,
              lambda g, r, previews, width, height: four_k.native(g, r, wait_active, journal, width, height)),
             ("four-k-1080p", 3840, 2160, four_k.card_before_1080p,
              lambda g, r, previews, width, height: four_k.given_1080p(g, r, wait_active, journal, width, height))]
    for name, width, height, prepare, steps in boots:
        prepare(card, r, a.out)
        g = Guest(a.card, a.out, name, width, height, f"consoleblank={CONSOLE_BLANK_SEC}", second_screen=name == "second")
        failed_before = r.failed
        told = False
        started = time.monotonic()
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
        print(f"info  {name} boot: {time.monotonic() - started:.0f} s", flush=True)
    print(f"vm-test: {r.passed} passed, {r.failed} failed")
    return 0 if r.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
