"""The TV itself, in the booted guest (second boot, two virtio-gpu devices):
the DRM device with a screen chosen, a screen forced off and on through
/sys/class/drm with the kiosk drawing again within 2 s, a start with no
screen at all, and the TV's power over HDMI-CEC on vivid's emulated bus,
where cec-follower plays the TV: at the schedule's times and on the fleet's
tv-on and tv-off."""

import json
import time

from guest import lit_fraction

DRAWN_AGAIN_SEC = 2.0


def journal_times(g, grep):
    """The times (Unix seconds) of the kiosk's journal lines matching grep."""
    text = g.run(f"journalctl -b -u placard -o short-unix --no-pager 2>/dev/null | grep -E '{grep}'")[1]
    times = []
    for line in text.splitlines():
        try:
            times.append(float(line.split()[0]))
        except (ValueError, IndexError):
            pass
    return times


def force(g, connector, state):
    """Writes state (off, on, detect) to a connector's status; the guest's time just before."""
    return float(g.out(f"date +%s.%N; echo {state} > /sys/class/drm/{connector}/status").splitlines()[0])


def connector(g, card):
    """The name of a card's first connector in /sys/class/drm: card1-Virtual-2 (the numbers run across cards)."""
    names = g.out(f"ls -1d /sys/class/drm/{card}-* | sed 's|.*/||'").split()
    return names[0] if names else f"{card}-Virtual-1"


def drawn_on(g, device, label, match_of, after, timeout=10.0):
    """Screendumps of one display device until the slide is on it: (seconds after `after` on the host's clock, shot)."""
    deadline = time.monotonic() + timeout
    while True:
        shot = g.screendump(label, device=device)
        fraction, _, _ = match_of(shot)
        if fraction <= 0.002 or time.monotonic() > deadline:
            return (time.monotonic() - after if fraction <= 0.002 else None), fraction, shot
        time.sleep(0.5)


def wait_line(g, grep, after, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        later = [t for t in journal_times(g, grep) if t >= after]
        if later:
            return later[0]
        time.sleep(1)
    return None


def screens(g, r, slides, match_of):
    """Two devices, one screen forced off and on, and a start with none."""
    said = g.run("journalctl -b -u placard -o cat --no-pager 2>/dev/null | grep 'display device' | tail -n 1")[1].strip()
    r.check("two DRM devices with a screen each: the kiosk names the one it drew on, card0, the first",
            "display device /dev/dri/card0 (Virtual-1 connected" in said, said)

    first, second = connector(g, "card0"), connector(g, "card1")
    # card0's output off: only the second device has a screen, and the kiosk moves to it.
    host_at = time.monotonic()
    at = force(g, first, "off")
    moved = wait_line(g, "mode set on /dev/dri/card1", at)
    r.check("card0's output forced off: the kiosk sets the mode on card1, the one with a screen, within 2 s",
            moved is not None and moved - at <= DRAWN_AGAIN_SEC, f"after {None if moved is None else moved - at} s")
    seconds, fraction, shot = drawn_on(g, "gpu1", "second-device", match_of, host_at)
    r.check("the second device's screen shows the slide", seconds is not None,
            f"{fraction:.3%} differ, {'never in 10 s' if seconds is None else f'{seconds:.1f} s after the output went off'} "
            f"(screendumps through QEMU's monitor, under TCG); {shot}")
    diag = g.run("journalctl -b -u placard -o cat --no-pager 2>/dev/null | grep 'display device' | tail -n 1")[1]

    # On again (the TV switched on): back on card0, drawn again within 2 s, as a screendump shows.
    at = force(g, first, "detect")
    back = wait_line(g, "mode set on /dev/dri/card0", at)
    r.check("card0's output back: the mode set on it again within 2 s",
            back is not None and back - at <= DRAWN_AGAIN_SEC, f"after {None if back is None else back - at} s; {diag}")
    time.sleep(max(0.0, DRAWN_AGAIN_SEC - 1))
    shot = g.screendump("drawn-again")
    fraction, _, _ = match_of(shot)
    r.check("and the slide is on card0's screen again", fraction <= 0.002, f"{fraction:.3%} differ; {shot}")

    # Started with no screen at all: it says so once and waits, not restarted by systemd; a screen starts it.
    restarts = g.out("systemctl show -p NRestarts --value placard")
    force(g, first, "off")
    at = force(g, second, "off")
    g.run("systemctl restart --no-block placard")
    time.sleep(20)
    waits = [t for t in journal_times(g, "waiting for a screen") if t >= at]
    state = g.out("systemctl show -p ActiveState --value placard")
    r.check("started with no screen: 'waiting for a screen' once in the journal, the service up, no restart loop",
            len(waits) == 1 and state == "active" and g.out("systemctl show -p NRestarts --value placard") == restarts,
            f"{len(waits)} lines, {state}, NRestarts {restarts}")
    at = force(g, first, "detect")
    force(g, second, "detect")
    started = wait_line(g, "a screen is connected", at)
    r.check("a screen connected: the kiosk starts on it", started is not None, "")


def cec_adapters(g):
    """(the TV's adapter, ours): vivid's HDMI input plays the TV, its HDMI output is the screen's."""
    tv = ours = None
    for n in range(4):
        info = g.run(f"cec-ctl -d{n} 2>/dev/null | grep -i 'Adapter'")[1]
        if "vid-cap" in info:
            tv = n
        elif "vid-out" in info:
            ours = n
    return tv, ours


def power(g, ours):
    """The TV's power, asked from the screen's adapter as another initiator."""
    # "... REPORT_POWER_STATUS (0x90): pwr-state: standby (0x01)"
    text = g.run(f"cec-ctl -d{ours} -t0 --give-device-power-status 2>&1")[1]
    if "pwr-state:" in text:
        return text.split("pwr-state:", 1)[-1].split("(")[0].strip()
    return "no answer: " + " ".join(text.split())[-300:]


def kiosk_said(g):
    """The kiosk's last lines about the TV, for a failed check's detail."""
    return " | ".join(g.run("journalctl -b -u placard -o cat --no-pager 2>/dev/null | grep -iE 'cec|tv' | tail -n 5")[1].splitlines())


def wait_power(g, ours, wanted, timeout):
    deadline = time.monotonic() + timeout
    seen = ""
    while time.monotonic() < deadline:
        seen = power(g, ours)
        if seen == wanted:
            return seen
        time.sleep(2)
    return seen


def connect_outputs(g):
    """vivid's HDMI output plugged into its HDMI input (the TV), so that the
    output's CEC adapter gets a physical address as a source plugged into a
    TV does. Kernels from 6.11 have a control on the input, "HDMI 000-0 Is
    Connected To", whose menu is "Test Pattern Generator", "None", then the
    outputs (the output then has 1.0.0.0, as the trixie kernel showed); older
    ones connect them already and pass on the physical address of an EDID set
    on the input, so there an EDID with physical address 1.0.0.0 is set."""
    done = []
    devices = g.out("ls /dev/video* 2>/dev/null || true").split()
    for dev in devices:
        listing = g.run(f"v4l2-ctl -d {dev} -L 2>/dev/null")[1].splitlines()
        control = None
        for line in listing:
            words = line.split()
            if words and words[0].startswith("hdmi_") and words[0].endswith("is_connected_to"):
                control = words[0]
            elif control and ":" in line and line.split(":", 1)[0].strip().isdigit():
                index = int(line.split(":", 1)[0].strip())
                if index >= 2 and g.run(f"v4l2-ctl -d {dev} -c {control}={index}")[0] == 0:
                    done.append(f"{dev} {control}={index} ({line.split(':', 1)[1].strip()})")
                    control = None
            elif control and words and not line.startswith("\t\t") and "0x" in line:
                control = None  # the next control, with no output in this one's menu
    for dev in devices if not done else []:
        for edid in ("pad=0,type=hdmi,pa=1.0.0.0", "pad=0,type=hdmi"):
            if g.run(f"v4l2-ctl -d {dev} --set-edid={edid} 2>&1")[0] == 0:
                done.append(f"{dev} EDID {edid}")
                break
    return ", ".join(done)


def tv_over_cec(g, r, boot_config):
    # An HDMI input (the TV) and an HDMI output (the screen) on one emulated bus.
    rc, said = g.run("modprobe vivid n_devs=1 num_inputs=1 input_types=0x3 num_outputs=1 output_types=0x1")
    tv, ours = cec_adapters(g)
    if not r.check("vivid gives a CEC adapter for its HDMI input and one for its output",
                   rc == 0 and tv is not None and ours is not None, f"exit {rc}: {said} {tv} {ours}"):
        return
    g.run(f"cec-ctl -d{tv} --tv")
    connected = connect_outputs(g)
    time.sleep(1)  # vivid updates the outputs' addresses from a work queue
    physical = g.run(f"cec-ctl -d{ours} | grep -i 'physical address'")[1].strip()
    r.check("the screen's CEC adapter has a physical address, as a source plugged into a TV has",
            physical != "" and "f.f.f.f" not in physical,
            f"{physical or 'none shown'}; vivid's HDMI input and outputs: {connected or 'nothing set'}")
    g.run(f"systemd-run --unit=tv-follower cec-follower -d{tv}")
    # On from two minutes ahead for two minutes, in UTC.
    now = int(g.out("date -u +%s"))
    on = (now // 60 + 2) * 60
    fmt = lambda t: time.strftime("%H:%M", time.gmtime(t))
    config = dict(json.loads(boot_config))
    config["tv"] = {"time_zone": "UTC", "schedule": {"daily": f"{fmt(on)}-{fmt(on + 120)}"},
                    "cec_device": f"/dev/cec{ours}"}
    config["status"] = {"broker": "mqtt://127.0.0.1", "screen": "guest"}
    g.run(f"echo '{json.dumps(config)}' > /boot/firmware/placard.json && systemctl restart placard")
    r.check("at start, in the schedule's off hours, the TV is put in standby",
            wait_power(g, ours, "standby", 30) == "standby", f"{power(g, ours)}; kiosk: {kiosk_said(g)}")
    time.sleep(5)
    shot = g.screendump("tv-off-hours")
    r.check("and the screen is black in the off hours (no slide to burn in)", lit_fraction(shot)[0] < 0.01, shot)
    said = g.run("placard --check 2>&1 | grep '^TV:'")[1].strip()
    r.check("placard --check says the TV's power as the TV reports it", said.startswith("TV: standby (HDMI-CEC on"), said)
    wait = on - int(g.out("date -u +%s"))
    r.check("at the schedule's on time, the TV is on (Image View On, Active Source)",
            wait_power(g, ours, "on", wait + 30) == "on", power(g, ours))
    r.check("at its off time, in standby again", wait_power(g, ours, "standby", 150) == "standby", power(g, ours))
    # The fleet's commands, through a broker in the guest.
    rc, said = g.run("placard-feed screens tv-on guest --mqtt mqtt://127.0.0.1 --timeout 20", 60)
    r.check("the fleet's tv-on is answered yes, and the TV comes on",
            rc == 0 and wait_power(g, ours, "on", 30) == "on", f"exit {rc}: {said.strip()}; {power(g, ours)}")
    status = g.run("placard-feed screens --json --mqtt mqtt://127.0.0.1")[1]
    r.check("the screen's status says the TV is on", '"tv":"on"' in status, status.strip())
    rc, said = g.run("placard-feed screens tv-off guest --mqtt mqtt://127.0.0.1 --timeout 20", 60)
    r.check("the fleet's tv-off is answered yes, and the TV goes to standby",
            rc == 0 and wait_power(g, ours, "standby", 30) == "standby", f"exit {rc}: {said.strip()}; {power(g, ours)}")
    g.run("systemctl stop tv-follower")
