"""A withheld speaker's name on a running screen: nowhere it reports or shows.

A feed served over HTTP on 127.0.0.1 holds one statement whose speaker is
withheld; its authors, role and organisation are distinctive strings, and it
names a picture. The real `placard` shows it with a status section pointing at
a real Mosquitto (tests/fleet/broker.py) while `mosquitto_sub` records every
message under placard/#; the editor asks for a screenshot. Then none of the
strings is in the kiosk's output (what the journal gets), its --stats report,
or any MQTT message; the picture was never requested; the screenshot is the
slide as `placard-feed preview` lays it out, and no line of that layout holds
them, while it has the default attribution.

Environment: PLACARD_BIN, PLACARD_FEED_BIN. Without them, or without
mosquitto, the test is skipped.
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from png_read import read_png  # noqa: E402
from test_fleet import SCREEN, FleetTest, difference  # noqa: E402

NAME = "Qazwerty Vexholm"
SECRETS = [b"Qazwerty", b"Vexholm", b"Xylophrase Counsel", b"Quillback Network"]


def withheld_feed(base: str) -> str:
    return json.dumps({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Withheld test",
        "language": "en",
        "_placard": {"sequence": 1, "event": {"name": "Withheld test event"}},
        "items": [{"id": "w1", "content_text": "They followed me home after the session.",
                   "authors": [{"name": NAME}], "image": base + "/face.jpg",
                   "url": "https://example.org/statements/w1",
                   "_placard": {"role": "Xylophrase Counsel", "organisation": "Quillback Network",
                                "withheld": True, "duration_seconds": 30}}],
    })


class Server:
    """Serves a folder on 127.0.0.1 and remembers every path asked for."""

    def __init__(self, folder: str):
        paths = self.paths = []

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *a, **k):
                super().__init__(*a, directory=folder, **k)

            def do_GET(self):
                paths.append(self.path)
                super().do_GET()

            def log_message(self, *_):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@unittest.skipUnless(shutil.which("mosquitto_sub"), "mosquitto_sub missing")
class WithheldTest(FleetTest):
    def test_the_name_is_in_no_log_stats_status_or_screenshot(self):
        served = os.path.join(self.dir.name, "served")
        os.mkdir(served)
        server = Server(served)
        self.addCleanup(server.stop)
        with open(os.path.join(served, "feed.json"), "w") as f:
            f.write(withheld_feed(server.url))
        with open(os.path.join(served, "face.jpg"), "wb") as f:
            f.write(b"\xff\xd8\xff" + b"Qazwerty" * 8)  # never asked for, so never read
        with open(self.feed_path, "w") as f:  # the same feed for the preview
            f.write(withheld_feed(server.url))

        traffic = open(os.path.join(self.dir.name, "mqtt.bin"), "wb")
        self.addCleanup(traffic.close)
        sub = subprocess.Popen(["mosquitto_sub", "-h", "127.0.0.1", "-p", str(self.broker.port), "-t", "placard/#",
                                "-v", "-V", "mqttv5"], stdout=traffic, stderr=subprocess.DEVNULL)
        self.addCleanup(lambda: (sub.poll() is None and sub.kill(), sub.wait()))

        seconds = 7
        config = os.path.join(self.dir.name, "kiosk.json")
        with open(config, "w") as f:
            json.dump({"status": self.status_section()}, f)
        stats = os.path.join(self.dir.name, "kiosk-stats.json")
        log = open(os.path.join(self.dir.name, "kiosk.log"), "w")
        self.addCleanup(log.close)
        kiosk = subprocess.Popen([os.environ["PLACARD_BIN"], "--config", config, "--feed", server.url + "/feed.json",
                                  "--cache-dir", os.path.join(self.dir.name, "kiosk-cache"), "--windowed", "640x360",
                                  "--no-sync", "--poll-seconds", "3600", "--run-for", str(seconds), "--stats", stats],
                                 env=self.env, stdout=log, stderr=log)
        self.kiosks.append(kiosk)
        self.names[kiosk.pid] = "kiosk"
        self.started[kiosk.pid] = time.monotonic()

        self.wait_status(lambda s: s["online"] and s.get("item") == "w1")
        shots = os.path.join(self.dir.name, "shots")
        os.mkdir(shots)
        r = self.editor("screenshot", SCREEN, "--out", shots)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        table = self.editor("--json")
        self.assertEqual(table.returncode, 0, table.stderr)
        report = self.finish(kiosk, stats, seconds)
        time.sleep(0.3)  # the goodbye status reaches mosquitto_sub
        sub.terminate()
        sub.wait(timeout=5)
        traffic.flush()

        with open(os.path.join(self.dir.name, "kiosk.log"), "rb") as f:
            journal = f.read()
        with open(stats, "rb") as f:
            stats_bytes = f.read()
        with open(os.path.join(self.dir.name, "mqtt.bin"), "rb") as f:
            mqtt = f.read()
        self.assertIn(b"placard/room-xxi/status", mqtt)
        self.assertIn(b'"item":"w1"', mqtt)
        self.assertIn(b"placard/room-xxi/screenshot", mqtt)
        self.assertEqual([s["id"] for s in report["slides"]][:1], ["w1"])
        for where, data in [("the kiosk's output", journal), ("--stats", stats_bytes), ("MQTT", mqtt),
                            ("placard-feed screens --json", table.stdout.encode())]:
            for secret in SECRETS:
                self.assertNotIn(secret, data, f"{secret!r} in {where}")
        self.assertEqual(server.paths, ["/feed.json"], "only the feed is fetched, never the picture")

        # The screenshot is the slide as the preview lays it out, and that layout names no one.
        preview = os.path.join(self.dir.name, "preview")
        p = subprocess.run([os.environ["PLACARD_FEED_BIN"], "preview", self.feed_path, "--out", preview,
                            "--size", "640x360", "--no-pictures"], capture_output=True, text=True, timeout=60, env=self.env)
        self.assertEqual(p.returncode, 0, p.stderr)
        for secret in SECRETS:
            self.assertNotIn(secret.decode(), p.stdout + p.stderr)
        with open(os.path.join(preview, "layout.json")) as f:
            lines = json.load(f)["slides"][0]["lines"]
        for line in lines:
            for secret in SECRETS:
                self.assertNotIn(secret.decode(), line["text"])
        self.assertEqual([l["text"] for l in lines if l["role"] == "attribution"], ["A human rights defender"])
        self.assertEqual([l for l in lines if l["role"] in ("speaker", "role")], [])
        width, height, shot = read_png(os.path.join(shots, f"{SCREEN}.png"))
        slide = read_png(os.path.join(preview, "slide-001.png"))
        self.assertLess(difference((width, height, shot), slide), 4.0)


if __name__ == "__main__":
    unittest.main()
