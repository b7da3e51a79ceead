"""The running kiosk with the largest feeds the limits allow: planning never
holds up the loop, and a feed already on screen is not planned again.

Runs the real `placard` with SDL's offscreen driver at 1920x1080 against a
FaultServer on 127.0.0.1 and reads its --stats report. What is asserted is
structure, not time: the first frame came before planning finished, planning
was spread over many turns of the loop with waits for events (and watchdog
pings) in between, the old feed stayed up until the new one was planned.
Figures (longest_stall_ms, planning_ms, peak RSS) are printed for the reader.

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

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "heavy"))
from fault_server import FaultServer  # noqa: E402
import make_heavy_feeds  # noqa: E402

faulthandler.dump_traceback_later(300, exit=True)

PLACARD_BIN = os.environ.get("PLACARD_BIN")


def encoded(feed: dict) -> bytes:
    return json.dumps(feed, ensure_ascii=False, indent=1).encode()


@unittest.skipUnless(PLACARD_BIN, "PLACARD_BIN is not set")
class KioskPlanningTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory(prefix="placard-planning-")
        self.cache = os.path.join(self.dir.name, "cache")
        self.config = os.path.join(self.dir.name, "config.json")
        with open(self.config, "w") as f:
            f.write("{}")
        self.server = FaultServer(watchdog_seconds=120).start()
        self.env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        self.env.update({"NO_PROXY": "*", "SDL_VIDEODRIVER": "offscreen", "SDL_AUDIODRIVER": "dummy"})

    def tearDown(self):
        self.server.stop()
        self.dir.cleanup()

    def check(self):
        r = subprocess.run([PLACARD_BIN, "--config", self.config, "--check", "--feed", self.server.url,
                            "--cache-dir", self.cache], env=self.env, capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def run_kiosk(self, seconds: float) -> dict:
        stats = os.path.join(self.dir.name, "stats.json")
        r = subprocess.run([PLACARD_BIN, "--config", self.config, "--feed", self.server.url, "--cache-dir", self.cache,
                            "--windowed", "1920x1080", "--no-sync", "--run-for", str(seconds), "--stats", stats],
                           env=self.env, capture_output=True, text=True, timeout=seconds + 60)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(stats) as f:
            report = json.load(f)
        print(f"{self.id()}: longest_stall_ms {report['longest_stall_ms']:.1f}, first_frame_ms "
              f"{report['first_frame_ms']:.1f}, plans {report['plans']}, peak_rss_kib {report['peak_rss_kib']}",
              file=sys.stderr)
        return report

    def test_first_frame_from_the_largest_cache_comes_before_planning_ends(self):
        self.server.set_feed(encoded(make_heavy_feeds.max_items()), 1)
        self.check()
        self.server.mode = "drip"  # the network gives nothing: the cache is all there is
        stats = self.run_kiosk(12.0)  # time for the whole plan on a busy machine
        self.assertEqual(stats["first_frame_items_total"], 2000)
        self.assertLess(stats["first_frame_items_planned"], 2000)  # drawn while the rest was being planned
        self.assertGreaterEqual(stats["first_frame_items_planned"], 1)
        self.assertEqual(stats["slides"][0]["id"], "s0")
        # The whole plan takes over from the first slides without showing s0 anew.
        ids = [s["id"] for s in stats["slides"]]
        self.assertFalse(any(a == b for a, b in zip(ids, ids[1:])), f"a slide shown twice in a row: {ids[:6]}")
        plan = stats["plans"][0]
        self.assertEqual(plan["items"], 2000)
        self.assertGreater(plan["slices"], 1)
        self.assertGreaterEqual(plan["loop_waits"], plan["slices"] - 1)  # events handled between every two slices

    def test_switching_to_each_heavy_feed_keeps_the_old_one_up_and_the_loop_turning(self):
        # Run long enough for the fetch, the parse and the whole plan on a
        # busy 2-core machine (the 4 MB feeds take about 2 s of CPU there).
        for name, make, seconds in (("prose-60", make_heavy_feeds.prose_60, 4), ("no-stops-5", make_heavy_feeds.no_stops_5, 4),
                                    ("long-fields", make_heavy_feeds.long_fields, 4),
                                    ("max-items", make_heavy_feeds.max_items, 12),
                                    ("translated", make_heavy_feeds.translated, 12)):
            with self.subTest(feed=name):
                small = make_heavy_feeds.small()
                small["_placard"]["sequence"] = 1
                self.server.set_feed(encoded(small), 1)
                self.check()
                heavy = make()
                heavy["items"] = [dict(item, id="heavy-" + item["id"]) for item in heavy["items"]]
                self.server.set_feed(encoded(heavy), 2)
                stats = self.run_kiosk(seconds)
                ids = [s["id"] for s in stats["slides"]]
                self.assertEqual(ids[0], "s0", ids)  # the small feed from the cache first
                # The small feed's plan may be overtaken by the heavy one before it
                # completes (its first slides went up at once); the heavy one completes.
                self.assertIn(len(stats["plans"]), (1, 2), stats["plans"])
                heavy_plan = stats["plans"][-1]
                self.assertEqual(heavy_plan["items"], len(heavy["items"]))
                if len(stats["plans"]) == 2:
                    self.assertEqual(stats["plans"][0]["items"], 3)
                self.assertGreaterEqual(heavy_plan["loop_waits"], heavy_plan["slices"] - 1)
                # No heavy slide before the whole heavy feed was planned: only
                # the small feed's ids until then.
                self.assertTrue(all(i.startswith("s") or i.startswith("heavy-") for i in ids), ids)

    def test_an_identical_body_is_not_planned_again(self):
        body = encoded(make_heavy_feeds.prose_60())
        self.server.set_feed(body, 1)
        self.server.send_etag = False           # a server without validators sends the
        self.server.send_last_modified = False  # whole feed on every poll
        self.check()
        stats = self.run_kiosk(2.5)
        accepted = [f for f in stats["fetches"] if f["verdict"] == "accepted"]
        self.assertGreaterEqual(len(accepted), 1, stats["fetches"])
        self.assertEqual(accepted[0]["status"], 200)
        self.assertEqual(accepted[0]["bytes"], len(body))
        self.assertEqual(len(stats["plans"]), 1, stats["plans"])  # the cache's plan only

    def test_a_changed_body_is_planned(self):
        self.server.set_feed(encoded(make_heavy_feeds.small()), 1)
        self.server.send_etag = False
        self.server.send_last_modified = False
        self.check()
        changed = make_heavy_feeds.small()
        changed["items"].append(dict(changed["items"][0], id="s3"))  # four items now
        self.server.set_feed(encoded(changed), 2)
        stats = self.run_kiosk(2.5)
        # The cached feed's plan may be overtaken before it completes (its
        # first slide went up at once); the changed feed's plan completes.
        self.assertIn(len(stats["plans"]), (1, 2), stats["plans"])
        self.assertEqual(stats["plans"][-1]["items"], 4, stats["plans"])

if __name__ == "__main__":
    unittest.main()
