"""Many screens against a real Mosquitto on 127.0.0.1 (tests/fleet/broker.py).

The real `placard` runs with SDL's offscreen driver and a file:// feed, with a
status section pointing at the broker; the editor's side is the real
`placard-feed screens` (and `mosquitto_pub` where an identity the ACL refuses
is needed). Each test checks one claim of the "Many screens" section:

- the retained status appears, and follows the feed after a refresh;
- refresh makes the screen fetch within a second;
- the last will marks a killed screen offline;
- screenshot returns a PNG that decodes and shows the slide on screen;
- over TLS, with a password file and the ACL: the screen reports under its
  own name, an editor's command works, a screen's identity cannot command
  another screen nor write its status;
- a broker that is down, silent, refusing the password, or stopped and
  started again changes nothing on screen, and the status comes back.

Environment: PLACARD_BIN, PLACARD_FEED_BIN. Without them, or without
mosquitto, every test is skipped.
"""

from __future__ import annotations

import faulthandler
import http.server
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from broker import Broker, SilentServer, have_mosquitto  # noqa: E402
from png_read import read_png  # noqa: E402

faulthandler.dump_traceback_later(120, exit=True)

PLACARD_BIN = os.environ.get("PLACARD_BIN")
PLACARD_FEED_BIN = os.environ.get("PLACARD_FEED_BIN")
SCREEN = "room-xxi"


class SameSecondServer(http.server.ThreadingHTTPServer):
    """Serves one feed with the same Last-Modified and ETag whatever it holds,
    as a server whose validators count whole seconds does for a feed changed
    in the second it was last fetched: a conditional request is answered 304."""

    def __init__(self):
        self.body = b""
        self.conditional = 0  # requests that carried a validator

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server = self.server
                validators = [("Last-Modified", "Wed, 11 Dec 2013 09:00:00 GMT"), ("ETag", '"same"')]
                if self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"):
                    server.conditional += 1
                    self.send_response(304)
                    for name, value in validators:
                        self.send_header(name, value)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/feed+json")
                self.send_header("Content-Length", str(len(server.body)))
                for name, value in validators:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(server.body)

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/feed.json"


def feed(sequence: int, items: list[tuple[str, str]]) -> str:
    return json.dumps({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Fleet test",
        "_placard": {"sequence": sequence, "generated_at": "2013-12-11T09:00:00Z",
                     "event": {"name": "Fleet test event"}},
        "items": [{"id": i, "content_text": text, "_placard": {"duration_seconds": 30}} for i, text in items],
    })


ITEMS = [("alpha", "A short statement."),
         ("beta", "A much longer statement that fills the screen with many more words than the first one does, "
                  "so that its picture is plainly not the other's.")]


@unittest.skipUnless(PLACARD_BIN and PLACARD_FEED_BIN and have_mosquitto(), "PLACARD_BIN, PLACARD_FEED_BIN or mosquitto missing")
class FleetTest(unittest.TestCase):
    tls = False
    users: dict[str, str] = {}

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory(prefix="placard-fleet-")
        self.feed_path = os.path.join(self.dir.name, "feed.json")
        self.write_feed(1)
        self.broker = Broker(tls=self.tls, users=self.users).start()
        self.env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        self.env.update({"SDL_VIDEODRIVER": "offscreen", "SDL_AUDIODRIVER": "dummy"})
        self.kiosks: list[subprocess.Popen] = []
        self.names: dict[int, str] = {}
        self.started: dict[int, float] = {}

    def tearDown(self):
        for k in self.kiosks:
            if k.poll() is None:
                k.kill()
                k.wait()
        self.broker.cleanup()
        self.dir.cleanup()

    def write_feed(self, sequence: int, items=ITEMS) -> None:
        with open(self.feed_path + ".tmp", "w") as f:
            f.write(feed(sequence, items))
        os.replace(self.feed_path + ".tmp", self.feed_path)

    def status_section(self, **overrides) -> dict:
        section = {"broker": self.broker.url, "screen": SCREEN}
        section.update(overrides)
        return section

    def start_kiosk(self, seconds: float, status: dict | None = None, name: str = "kiosk",
                    feed_url: str = "") -> tuple[subprocess.Popen, str]:
        """Starts placard for that many seconds; finish() waits for it."""
        config = os.path.join(self.dir.name, f"{name}.json")
        with open(config, "w") as f:
            json.dump({"status": status if status is not None else self.status_section()}, f)
        stats = os.path.join(self.dir.name, f"{name}-stats.json")
        log = open(os.path.join(self.dir.name, f"{name}.log"), "w")
        self.addCleanup(log.close)
        k = subprocess.Popen([PLACARD_BIN, "--config", config, "--feed", feed_url or "file://" + self.feed_path,
                              "--cache-dir", os.path.join(self.dir.name, f"{name}-cache"), "--windowed", "640x360",
                              "--no-sync", "--poll-seconds", "3600", "--run-for", str(seconds), "--stats", stats],
                             env=self.env, stdout=log, stderr=log)
        self.kiosks.append(k)
        self.names[k.pid] = name
        self.started[k.pid] = time.monotonic()
        return k, stats

    def finish(self, kiosk: subprocess.Popen, stats: str, seconds: float) -> dict:
        """Waits for a kiosk started with --run-for seconds; it must end on time and cleanly."""
        kiosk.wait(timeout=seconds + 20)
        overrun = time.monotonic() - self.started[kiosk.pid] - seconds
        if kiosk.returncode != 0:
            self.fail(f"placard exited with {kiosk.returncode}:\n" + self.log(self.names[kiosk.pid]))
        with open(stats) as f:
            report = json.load(f)
        return report | {"overrun": overrun}

    def log(self, name: str) -> str:
        with open(os.path.join(self.dir.name, f"{name}.log")) as f:
            return f.read()

    def editor(self, *args: str, timeout: float = 10) -> subprocess.CompletedProcess:
        extra = []
        if self.tls:
            extra += ["--ca-file", self.broker.ca_file]
        if self.users:
            extra += ["--credentials", self.broker.credentials_file("editor")]
        return subprocess.run([PLACARD_FEED_BIN, "screens", *args, "--mqtt", self.broker.url, *extra],
                              capture_output=True, text=True, timeout=timeout + 20, env=self.env)

    def statuses(self) -> dict[str, dict]:
        r = self.editor("--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        return {s["screen"]: s for s in json.loads(r.stdout)}

    def assert_screen_as_without_a_broker(self, report: dict) -> None:
        """What a screen without a status section shows in a run this short: the
        first of two 30 s slides from the first frame, no banner, and a prompt end."""
        self.assertEqual(shown(report), ["alpha"], report["slides"])
        self.assertEqual(report["state_showing"], "Showing: sequence 1, items alpha beta")
        self.assertEqual(report["state_banner"], "")
        self.assertLess(report["slides"][0]["at_seconds"], 1.0)
        self.assertGreater(report["frames"], 0)
        self.assertLess(report["overrun"], 3.0)  # start-up, and a prompt goodbye: nothing waits on the broker

    def wait_status(self, check, timeout: float = 6.0) -> dict:
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            last = self.statuses().get(SCREEN)
            if last is not None and check(last):
                return last
            time.sleep(0.1)
        self.fail(f"the status never matched; last: {last}")


class PlainBrokerTest(FleetTest):
    def test_status_is_retained_and_follows_the_feed(self):
        kiosk, stats = self.start_kiosk(6)
        status = self.wait_status(lambda s: s["online"] and s["sequence"] == 1)
        for key in ("version", "feed", "generated_at", "item", "slide", "slides", "last_good_fetch", "last_error",
                    "banner", "clock_trusted", "screen_size", "rotation", "uptime_seconds", "temperature_c", "reported_at"):
            self.assertIn(key, status)
        self.assertEqual(status["feed"], "file://" + self.feed_path)
        self.assertEqual(status["item"], "alpha")
        self.assertEqual(status["screen_size"], "640x360")
        self.assertEqual(listening_sockets(kiosk.pid), [])  # it connects out; it opens no port
        # The table an editor reads.
        table = self.editor()
        self.assertEqual(table.returncode, 0, table.stderr)
        self.assertRegex(table.stdout, rf"(?m)^{SCREEN}\s+yes\s+alpha \(1/2\)\s+1\s+")
        # A new feed, and a refresh: the screen fetches within a second, and its status says so.
        self.write_feed(2)
        sent = time.monotonic()
        r = self.editor("refresh", SCREEN)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertRegex(r.stdout, rf"{SCREEN}: refresh: accepted \(0\.\d\d s\)")
        self.assertLess(time.monotonic() - sent, 5.0)  # placard-feed's own start and connection included
        self.wait_status(lambda s: s["sequence"] == 2, timeout=2)
        report = self.finish(kiosk, stats, 6)
        self.assertEqual(len(report["fetches"]), 2, report["fetches"])  # the first poll, and the refresh's
        # Ending cleanly, the screen said goodbye itself: offline at once.
        self.assertFalse(self.statuses()[SCREEN]["online"])

    def test_refresh_fetches_within_a_second(self):
        kiosk, stats = self.start_kiosk(4)
        self.wait_status(lambda s: s["online"])
        r = self.editor("refresh", "all")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        seconds = float(r.stdout.split("(")[-1].split(" s)")[0])
        self.assertLess(seconds, 1.0, r.stdout)
        report = self.finish(kiosk, stats, 4)
        fetches = report["fetches"]
        self.assertEqual(len(fetches), 2, fetches)
        self.assertLess(fetches[1]["at_unix"] - fetches[0]["at_unix"], 6)  # not the hour the poll interval says

    def test_a_refresh_takes_a_feed_the_servers_validators_call_unchanged(self):
        # An editor's refresh says the feed changed: it is fetched whole, since
        # a change in the second of the last fetch keeps Last-Modified as it was.
        server = SameSecondServer()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        server.body = feed(1, ITEMS).encode()
        kiosk, stats = self.start_kiosk(6, feed_url=server.url)
        self.wait_status(lambda s: s["online"] and s["sequence"] == 1)
        server.body = feed(2, ITEMS).encode()
        r = self.editor("refresh", SCREEN)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertRegex(r.stdout, rf"{SCREEN}: refresh: accepted")
        self.wait_status(lambda s: s["sequence"] == 2, timeout=3)
        self.assertEqual(server.conditional, 0)  # nor did the refresh ask conditionally
        self.finish(kiosk, stats, 6)

    def test_the_status_goes_out_again_every_interval(self):
        kiosk, stats = self.start_kiosk(12, status=self.status_section(interval_seconds=10))
        first = self.wait_status(lambda s: s["online"])
        # Nothing changes on screen (30 s slides, no poll due), yet a new report comes within the interval.
        later = self.wait_status(lambda s: s["reported_at"] != first["reported_at"], timeout=12)
        self.assertGreaterEqual(later["uptime_seconds"] - first["uptime_seconds"], 9)
        self.assertEqual(later["sequence"], first["sequence"])
        self.finish(kiosk, stats, 12)

    def test_last_will_marks_a_killed_screen_offline(self):
        kiosk, _ = self.start_kiosk(30)
        self.wait_status(lambda s: s["online"])
        kiosk.send_signal(signal.SIGKILL)
        kiosk.wait()
        status = self.wait_status(lambda s: not s["online"], timeout=3)
        self.assertEqual(status, {"screen": SCREEN, "online": False})
        table = self.editor()
        self.assertRegex(table.stdout, rf"(?m)^{SCREEN}\s+no\s+-\s+-\s+-\s+offline$")

    def test_screenshot_is_a_png_of_the_slide_on_screen(self):
        kiosk, stats = self.start_kiosk(5)
        self.wait_status(lambda s: s["online"] and s["item"] == "alpha")
        out = os.path.join(self.dir.name, "shots")
        os.mkdir(out)
        r = self.editor("screenshot", SCREEN, "--out", out)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        width, height, shot = read_png(os.path.join(out, f"{SCREEN}.png"))
        self.assertEqual((width, height), (480, 270))
        # The same feed previewed: the screenshot is the first slide's picture, not the second's.
        preview = os.path.join(self.dir.name, "preview")
        p = subprocess.run([PLACARD_FEED_BIN, "preview", self.feed_path, "--out", preview, "--size", "640x360"],
                           capture_output=True, text=True, timeout=60, env=self.env)
        self.assertEqual(p.returncode, 0, p.stderr)
        first = read_png(os.path.join(preview, "slide-001.png"))
        second = read_png(os.path.join(preview, "slide-002.png"))
        near, far = difference((width, height, shot), first), difference((width, height, shot), second)
        self.assertLess(near, 4.0, (near, far))
        self.assertGreater(far, near * 2, (near, far))
        self.finish(kiosk, stats, 5)

    def test_identify_shows_the_name_and_the_rotation_goes_on(self):
        kiosk, stats = self.start_kiosk(4)
        self.wait_status(lambda s: s["online"])
        r = self.editor("identify", SCREEN)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("shown for 5 s", r.stdout)
        report = self.finish(kiosk, stats, 4)
        self.assertEqual(shown(report), ["alpha"], report["slides"])  # 30 s slides: nothing moved on or back

    def test_tv_off_without_a_cec_adapter_is_answered_no_and_the_status_says_unknown(self):
        # The machine running the tests has no /dev/cec*: the command is
        # refused with the reason, the TV's power is "unknown", and the slides go on.
        kiosk, stats = self.start_kiosk(4)
        status = self.wait_status(lambda s: s["online"])
        self.assertEqual(status.get("tv"), "unknown", status)
        r = self.editor("tv-off", SCREEN)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("tv-off: failed: no HDMI-CEC adapter", r.stdout)
        report = self.finish(kiosk, stats, 4)
        self.assertEqual(shown(report), ["alpha"], report["slides"])
        self.assertEqual(self.log("kiosk").count("no HDMI-CEC adapter"), 1)  # said once

    def test_a_broker_stopped_and_started_again_changes_nothing_on_screen(self):
        kiosk, stats = self.start_kiosk(7)
        self.wait_status(lambda s: s["online"])
        self.broker.stop()
        time.sleep(1.0)
        self.broker.start()  # an empty broker: the retained status is gone with the old one
        self.wait_status(lambda s: s["online"], timeout=5)
        report = self.finish(kiosk, stats, 7)
        self.assert_screen_as_without_a_broker(report)
        self.assertIn("connection lost", self.log("kiosk"))

    def test_a_broker_that_is_down_changes_nothing_on_screen(self):
        self.broker.stop()
        kiosk, stats = self.start_kiosk(3)
        report = self.finish(kiosk, stats, 3)
        self.assert_screen_as_without_a_broker(report)
        self.assertIn("cannot connect", self.log("kiosk"))

    def test_a_silent_broker_changes_nothing_on_screen(self):
        silent = SilentServer()
        try:
            kiosk, stats = self.start_kiosk(3, status=self.status_section(broker=f"mqtt://127.0.0.1:{silent.port}"))
            report = self.finish(kiosk, stats, 3)
            self.assertGreaterEqual(silent.accepted, 1)
        finally:
            silent.close()
        self.assert_screen_as_without_a_broker(report)

class TlsBrokerTest(FleetTest):
    tls = True
    users = {"editor": "editor-password", SCREEN: "screen-password", "corridor": "corridor-password"}

    def status_section(self, **overrides) -> dict:
        section = {"ca_file": self.broker.ca_file, "credentials_file": self.broker.credentials_file(SCREEN)}
        section.update(overrides)
        return super().status_section(**section)

    def test_tls_with_a_password_and_the_acl(self):
        kiosk, stats = self.start_kiosk(8)
        status = self.wait_status(lambda s: s["online"] and s["sequence"] == 1)
        self.assertEqual(status["item"], "alpha")
        self.write_feed(2)
        r = self.editor("refresh", SCREEN)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.wait_status(lambda s: s["sequence"] == 2, timeout=2)
        # Another screen's identity may neither command this screen nor speak for it.
        for topic, payload in ((f"placard/{SCREEN}/command", "refresh"), ("placard/all/command", "refresh"),
                               (f"placard/{SCREEN}/status", '{"screen": "room-xxi", "online": false}')):
            p = subprocess.run(["mosquitto_pub", "-h", "127.0.0.1", "-p", str(self.broker.port), "--cafile",
                                self.broker.ca_file, "-u", "corridor", "-P", self.users["corridor"], "-V", "5", "-q", "1",
                                "-t", topic, "-m", payload], capture_output=True, text=True, timeout=20)
            self.assertIn("Not authorized", p.stdout + p.stderr, topic)
        time.sleep(0.5)
        self.assertTrue(self.statuses()[SCREEN]["online"])
        report = self.finish(kiosk, stats, 8)
        self.assertEqual(len(report["fetches"]), 2, report["fetches"])  # the refused refreshes fetched nothing

    def test_refused_credentials_change_nothing_on_screen(self):
        wrong = self.broker.credentials_file("intruder", "guess")
        kiosk, stats = self.start_kiosk(3, status=self.status_section(credentials_file=wrong))
        report = self.finish(kiosk, stats, 3)
        self.assert_screen_as_without_a_broker(report)
        self.assertIn("refused", self.log("kiosk"))
        self.assertEqual(self.log("kiosk").count("refused"), 1, self.log("kiosk"))  # logged once, not every try
        self.assertNotIn(SCREEN, self.statuses())


class DocsTest(unittest.TestCase):
    """The Pi guide's broker ACL is the one these tests run the broker with."""

    def test_the_readme_documents_the_acl_the_tests_use(self):
        from broker import ACL
        guide = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "platform", "raspberry-pi",
                                  "README.md")).read()
        self.assertIn("~~~\n" + ACL + "~~~", guide)


def listening_sockets(pid: int) -> list[str]:
    """The TCP sockets in the LISTEN state that the process holds."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            for line in f.readlines()[1:]:
                fields = line.split()
                if fields[3] == "0A" and fields[9] in inodes:
                    listening.append(fields[1])
    return listening


def shown(report: dict) -> list[str]:
    """The slides shown in turn. The first can be counted twice, when a busy machine
    puts it up before the whole feed is planned and again from the whole plan."""
    ids = [s["id"] for s in report["slides"]]
    return [i for n, i in enumerate(ids) if n == 0 or ids[n - 1] != i]


def difference(a: tuple[int, int, list], b: tuple[int, int, list]) -> float:
    """Mean absolute difference of two pictures' grey levels, each reduced to 48x27 blocks."""
    def blocks(picture):
        width, height, rows = picture
        out = []
        for by in range(27):
            for bx in range(48):
                total = n = 0
                for y in range(by * height // 27, (by + 1) * height // 27):
                    row = rows[y]
                    for x in range(bx * width // 48, (bx + 1) * width // 48):
                        r, g, b_ = row[x]
                        total += (r + g + b_) / 3
                        n += 1
                out.append(total / max(n, 1))
        return out
    return sum(abs(x - y) for x, y in zip(blocks(a), blocks(b))) / (48 * 27)


if __name__ == "__main__":
    unittest.main()
