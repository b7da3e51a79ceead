"""The running kiosk with a remote feed: what reaches the screen, and when.

Runs the real `placard` with SDL's offscreen driver for a few seconds against a
FaultServer on 127.0.0.1 and reads its --stats report (every slide shown with
its start time, every fetch):

- the cached feed is on screen in the first frame, even while the server hangs;
- a new feed lands at the next slide boundary, never cutting the slide on screen;
- a new urgent item interrupts at once.

Environment: PLACARD_BIN. Without it every test is skipped.
"""

from __future__ import annotations

import faulthandler
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fault_server import FaultServer  # noqa: E402

faulthandler.dump_traceback_later(300, exit=True)

PLACARD_BIN = os.environ.get("PLACARD_BIN")


def feed(sequence: int, items: list[tuple[str, int, str]]) -> bytes:
    """items: (id, duration_seconds, priority)."""
    return json.dumps({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Kiosk test",
        "_placard": {"sequence": sequence},
        "items": [{"id": i, "content_text": f"Statement {i}.",
                   "_placard": {"duration_seconds": d, "priority": p}} for i, d, p in items],
    }).encode()


@unittest.skipUnless(PLACARD_BIN, "PLACARD_BIN is not set")
class KioskRemoteTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory(prefix="placard-kiosk-")
        self.cache = os.path.join(self.dir.name, "cache")
        self.config = os.path.join(self.dir.name, "config.json")
        with open(self.config, "w") as f:
            f.write("{}")
        self.server = FaultServer(watchdog_seconds=60).start()
        self.env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        self.env.update({"NO_PROXY": "*", "SDL_VIDEODRIVER": "offscreen", "SDL_AUDIODRIVER": "dummy",
                         "PLACARD_CONNECT_TIMEOUT_MS": "2000", "PLACARD_LOW_SPEED_SECONDS": "2",
                         "PLACARD_TOTAL_TIMEOUT_MS": "5000"})

    def tearDown(self):
        self.server.stop()
        self.dir.cleanup()

    def check(self):
        r = subprocess.run([PLACARD_BIN, "--config", self.config, "--check", "--feed", self.server.url,
                            "--cache-dir", self.cache], env=self.env, capture_output=True, text=True, timeout=30)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def run_kiosk(self, seconds: float) -> dict:
        stats = os.path.join(self.dir.name, "stats.json")
        r = subprocess.run([PLACARD_BIN, "--config", self.config, "--feed", self.server.url, "--cache-dir", self.cache,
                            "--windowed", "640x360", "--no-sync", "--run-for", str(seconds), "--stats", stats],
                           env=self.env, capture_output=True, text=True, timeout=seconds + 30)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(stats) as f:
            return json.load(f)

    def test_cached_feed_in_first_frame_while_server_hangs(self):
        self.server.set_feed(feed(1, [("c1", 10, "normal"), ("c2", 10, "normal")]), 1)
        self.check()
        self.server.mode = "drip"  # the server answers a few bytes a second: the fetch hangs
        stats = self.run_kiosk(1.5)
        self.assertEqual(stats["slides"][0]["id"], "c1")
        self.assertLess(stats["slides"][0]["at_seconds"], 0.5)
        self.assertGreater(stats["frames"], 0)

    def test_new_feed_lands_at_the_slide_boundary(self):
        self.server.set_feed(feed(1, [("old1", 2, "normal"), ("old2", 2, "normal")]), 1)
        self.check()
        # The slide on screen is still in the new feed: it keeps its time, and
        # the new plan starts at its end (from its own first slide, old1 again).
        # A slide whose item the new feed dropped leaves at once instead:
        # tests/fleet/test_pull.py.
        self.server.set_feed(feed(2, [("old1", 2, "normal"), ("new1", 2, "normal")]), 2)
        stats = self.run_kiosk(5.0)
        ids = [s["id"] for s in stats["slides"]]
        self.assertEqual(ids[0], "old1", ids)            # the cache first
        self.assertIn("new1", ids, ids)                    # the new feed arrived...
        landed = next(s for s in stats["slides"] if s["id"].startswith("new"))
        self.assertGreaterEqual(landed["at_seconds"], 1.95, ids)  # ...but only when old1's 2 s were up
        self.assertEqual(stats["fetches"][0]["verdict"], "accepted")
        self.assertEqual(stats["fetches"][0]["status"], 200)

    def test_urgent_item_interrupts_at_once(self):
        self.server.set_feed(feed(1, [("calm1", 30, "normal"), ("calm2", 30, "normal")]), 1)
        self.check()
        self.server.set_feed(feed(2, [("calm1", 30, "normal"), ("alert", 30, "urgent")]), 2)
        stats = self.run_kiosk(2.5)
        ids = [s["id"] for s in stats["slides"]]
        self.assertEqual(ids[0], "calm1", ids)
        self.assertIn("alert", ids, ids)
        alert = next(s for s in stats["slides"] if s["id"] == "alert")
        self.assertLess(alert["at_seconds"], 2.0, ids)     # long before calm1's 30 s


    def test_status_card_says_what_the_last_attempt_got(self):
        """Nothing cached: the screen names the failure in plain words, never "Waiting..."."""
        for mode, words in [("status404", "HTTP 404: the server has no feed at this address"),
                            ("captive_portal", "A Wi-Fi login page answered instead of the feed"),
                            ("not_a_feed", "Not a feed")]:
            with self.subTest(mode=mode):
                self.server.mode = mode
                cache = os.path.join(self.dir.name, "cache-" + mode)
                stats_path = os.path.join(self.dir.name, "stats.json")
                r = subprocess.run([PLACARD_BIN, "--config", self.config, "--feed", self.server.url, "--cache-dir", cache,
                                    "--windowed", "640x360", "--run-for", "1.5", "--stats", stats_path],
                                   env=self.env, capture_output=True, text=True, timeout=40)
                self.assertEqual(r.returncode, 0, r.stderr)
                with open(stats_path) as f:
                    stats = json.load(f)
                self.assertIn("No feed to show yet", stats["state_card"])
                self.assertIn(words, stats["state_card"])
                self.assertIn("Feed: " + self.server.url, stats["state_card"])
                self.assertEqual(stats["slides"], [])


if __name__ == "__main__":
    unittest.main()
