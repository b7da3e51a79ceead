"""Many screens against someone with publish rights on the broker (tests/fleet/broker.py).

A real Mosquitto on 127.0.0.1, the real `placard` and `placard-feed screens`,
and `mosquitto_pub`/`mosquitto_sub` for whoever misbehaves:

- a 100 MB message on a screen's command topic, or on a status topic, never
  reaches the screen or the editor's tool: each asks the broker (MQTT 5's
  Maximum Packet Size) to hold back anything larger than it takes, and their
  memory stays where it was;
- one screen's account cannot make another screen look online, nor answer a
  command for it: the topic names the screen, not the message;
- controls in what a screen writes (ESC, C1, bidi overrides) reach the
  editor's terminal as escapes, never as controls;
- a broker that speaks only MQTT 3.1.1 is named as such, and changes nothing
  on screen.

Environment: PLACARD_BIN, PLACARD_FEED_BIN. Without them, or without
mosquitto, every test is skipped.
"""

from __future__ import annotations

import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_fleet import PLACARD_FEED_BIN, SCREEN, FleetTest  # noqa: E402

HUGE = 100 * 1024 * 1024
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (the peak) of a running process, in KiB."""
    with open(f"/proc/{pid}/status") as f:
        return {k: int(v.split()[0]) for k, v in (line.split(":", 1) for line in f) if k in ("VmRSS", "VmHWM")}


class HostileTest(FleetTest):
    def publish(self, topic: str, payload: str | None = None, *, file: str | None = None, retain: bool = False,
                user: str | None = None) -> None:
        args = ["mosquitto_pub", "-h", "127.0.0.1", "-p", str(self.broker.port), "-V", "5", "-q", "1", "-t", topic]
        if self.tls:
            args += ["--cafile", self.broker.ca_file]
        if user:
            args += ["-u", user, "-P", self.users[user]]
        args += ["-f", file] if file else ["-m", payload]
        if retain:
            args.append("-r")
        p = subprocess.run(args, capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)

    def huge_file(self) -> str:
        path = os.path.join(self.dir.name, "huge")
        with open(path, "wb") as f:
            f.truncate(HUGE)
        return path

    def status(self, screen: str, **fields) -> str:
        s = {"screen": screen, "online": True, "version": "0.1.0", "feed": "https://example.org/feed.json",
             "sequence": 7, "item": "alpha", "slide": 1, "slides": 2, "last_good_fetch": "2026-12-03T11:14:38Z",
             "reported_at": "2026-12-03T11:14:40Z"}
        s.update(fields)
        return json.dumps(s)


class OversizeTest(HostileTest):
    def test_a_100_mb_command_never_reaches_the_screen(self):
        kiosk, _ = self.start_kiosk(120)  # ended below: publishing 100 MB takes a loaded machine seconds
        self.wait_status(lambda s: s["online"])
        r = self.editor("identify", SCREEN)  # the card's texture counted in the peak before
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        before = memory_kib(kiosk.pid)
        self.publish(f"placard/{SCREEN}/command", file=self.huge_file())
        time.sleep(1.0)
        r = self.editor("identify", SCREEN)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)  # still up, and answering
        self.assertIn("shown for 5 s", r.stdout)
        after = memory_kib(kiosk.pid)
        self.assertLess(after["VmHWM"] - before["VmHWM"], 16 * 1024, (before, after))
        self.assertLess(after["VmRSS"] - before["VmRSS"], 16 * 1024, (before, after))
        kiosk.terminate()
        self.assertEqual(kiosk.wait(timeout=20), 0, self.log("kiosk"))
        self.assertIn("Dropping too large outgoing PUBLISH", open(os.path.join(self.broker.dir.name, "mosquitto.log")).read())

    def test_a_100_mb_status_or_reply_never_reaches_the_editor(self):
        self.publish(f"placard/{SCREEN}/status", self.status(SCREEN), retain=True)
        # Waiting 3 s for an answer that never comes: what the tool takes without anything large about.
        _, baseline = self.run_measured("identify", SCREEN, "--timeout", "3")
        self.publish("placard/ghost/status", file=self.huge_file(), retain=True)
        self.publish(f"placard/{SCREEN}/reply", file=self.huge_file(), retain=True)
        table, _ = self.run_measured("--timeout", "3")
        self.assertEqual(table.returncode, 0, table.stdout)
        self.assertRegex(table.stdout, rf"(?m)^{SCREEN}\s+yes\s+alpha \(1/2\)\s+7\s+")
        # The same wait, while the broker holds 200 MB for the topics the tool reads.
        identify, peak = self.run_measured("identify", SCREEN, "--timeout", "3")
        self.assertEqual(identify.returncode, 3, identify.stdout)
        self.assertIn(f"{SCREEN} did not answer within 3 s", identify.stdout)
        self.assertLess(peak - baseline, 16 * 1024, (baseline, peak, identify.stdout))  # KiB

    def run_measured(self, *args: str) -> tuple[subprocess.CompletedProcess, int]:
        """placard-feed screens ARGS, its output (stdout and stderr together) and its peak RSS in KiB."""
        with open(os.path.join(self.dir.name, "out"), "w+") as out:
            p = subprocess.Popen([PLACARD_FEED_BIN, "screens", *args, "--mqtt", self.broker.url], stdout=out,
                                 stderr=out, env=self.env)
            _, status, usage = os.wait4(p.pid, 0)
            p.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            return subprocess.CompletedProcess(p.args, p.returncode, out.read()), usage.ru_maxrss


class ControlsTest(HostileTest):
    def test_controls_in_a_status_reach_the_terminal_as_escapes(self):
        banner = "\x1b]0;owned\x07 \x9b31m red \u202egnp.exe"
        self.publish(f"placard/{SCREEN}/status", self.status(SCREEN, item="alpha\x1b[2J", banner=banner), retain=True)
        table = self.editor()
        self.assertEqual(table.returncode, 0, table.stderr)
        self.assertIsNone(CONTROLS.search(table.stdout), repr(table.stdout))
        self.assertIn("alpha\\u001B[2J (1/2)", table.stdout)
        self.assertIn("\\u001B]0;owned\\u0007 \\u009B31m red \\u202Egnp.exe", table.stdout)
        listing = self.editor("--json")
        self.assertEqual(listing.returncode, 0, listing.stderr)
        self.assertIsNone(CONTROLS.search(listing.stdout), repr(listing.stdout))
        status = json.loads(listing.stdout)[0]  # the same JSON, written with escapes
        self.assertEqual((status["item"], status["banner"]), ("alpha\x1b[2J", banner))


class OldBrokerTest(HostileTest):
    def test_a_broker_without_mqtt_5_is_named_and_changes_nothing_on_screen(self):
        old = Mqtt311Broker()
        try:
            kiosk, stats = self.start_kiosk(3, status=self.status_section(broker=f"mqtt://127.0.0.1:{old.port}"))
            report = self.finish(kiosk, stats, 3)
            r = subprocess.run([PLACARD_FEED_BIN, "screens", "--mqtt", f"mqtt://127.0.0.1:{old.port}"],
                               capture_output=True, text=True, timeout=30, env=self.env)
        finally:
            old.close()
        self.assertGreaterEqual(old.refused, 2)
        self.assert_screen_as_without_a_broker(report)
        self.assertEqual(self.log("kiosk").count("does not speak MQTT 5"), 1, self.log("kiosk"))
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assertIn("does not speak MQTT 5", r.stderr)


class ForgeryTest(HostileTest):
    tls = True
    users = {"editor": "editor-password", SCREEN: "screen-password", "corridor": "corridor-password"}

    def test_a_screen_cannot_make_another_look_online(self):
        # room-xxi is down (its last will); corridor's account writes a status in room-xxi's name on its own topic.
        self.publish(f"placard/{SCREEN}/status", json.dumps({"screen": SCREEN, "online": False}), retain=True,
                     user=SCREEN)
        self.publish("placard/corridor/status", self.status(SCREEN), retain=True, user="corridor")
        table = self.editor()
        self.assertEqual(table.returncode, 0, table.stderr)
        self.assertRegex(table.stdout, rf"(?m)^{SCREEN}\s+no\s+-\s+-\s+-\s+offline$")
        self.assertNotRegex(table.stdout, rf"(?m)^{SCREEN}\s+yes")
        self.assertNotIn("corridor", table.stdout)
        self.assertIn(f"ignored a status on corridor's topic that names the screen \"{SCREEN}\"", table.stderr)
        self.assertEqual(self.statuses(), {SCREEN: {"screen": SCREEN, "online": False}})

    def test_a_screen_cannot_answer_for_another(self):
        # Both look online; room-xxi has hung and never answers. corridor reads the command
        # every screen reads, answers for itself, with controls in its answer, and for room-xxi.
        self.publish(f"placard/{SCREEN}/status", self.status(SCREEN), retain=True, user=SCREEN)
        self.publish("placard/corridor/status", self.status("corridor"), retain=True, user="corridor")
        listener = subprocess.Popen(["mosquitto_sub", "-h", "127.0.0.1", "-p", str(self.broker.port), "--cafile",
                                     self.broker.ca_file, "-u", "corridor", "-P", self.users["corridor"], "-V", "5",
                                     "-q", "1", "-t", "placard/all/command", "-t", "placard/corridor/command"],
                                    stdout=subprocess.PIPE, text=True)
        self.addCleanup(listener.wait)
        self.addCleanup(listener.kill)
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [lines.put(line) for line in listener.stdout], daemon=True).start()
        for _ in range(50):  # subscribed once a command to corridor itself comes through
            self.publish("placard/corridor/command", "identify", user="editor")
            try:
                lines.get(timeout=0.2)
                break
            except queue.Empty:
                pass
        time.sleep(0.3)
        while not lines.empty():
            lines.get()
        editor = subprocess.Popen([PLACARD_FEED_BIN, "screens", "refresh", "all", "--timeout", "3", "--mqtt",
                                   self.broker.url, "--ca-file", self.broker.ca_file,
                                   "--credentials", self.broker.credentials_file("editor")],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env)
        self.addCleanup(editor.kill)
        command = json.loads(lines.get(timeout=20))
        answer = {"command": "refresh", "id": command["id"], "ok": True}
        self.publish("placard/corridor/reply", json.dumps(answer | {"screen": SCREEN, "detail": "accepted"}),
                     user="corridor")
        self.publish("placard/corridor/reply",
                     json.dumps(answer | {"screen": "corridor", "detail": "accepted\x1b]0;owned\x07\u202e"}),
                     user="corridor")
        out, err = editor.communicate(timeout=30)
        self.assertEqual(editor.returncode, 3, out + err)  # room-xxi did not answer
        self.assertRegex(out, r"corridor: refresh: accepted\\u001B\]0;owned\\u0007\\u202E \(\d\.\d\d s\)")
        self.assertNotIn(f"{SCREEN}: refresh", out)
        self.assertIsNone(CONTROLS.search(out + err), repr(out + err))
        self.assertIn(f"ignored a reply on corridor's topic that names the screen \"{SCREEN}\"", err)
        self.assertIn(f"{SCREEN} did not answer within 3 s", err)


class Mqtt311Broker:
    """A broker from before MQTT 5: it answers an MQTT 5 CONNECT as MQTT 3.1.1 says,
    with CONNACK 1 (unacceptable protocol version), and hangs up."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.refused = 0
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    if conn.recv(4096)[:1] == b"\x10":  # CONNECT
                        conn.sendall(b"\x20\x02\x00\x01")
                        self.refused += 1
                except OSError:
                    pass

    def close(self) -> None:
        self.sock.close()


if __name__ == "__main__":
    unittest.main()
