"""What an editor sees of a change reaching the screen, and what the kiosk asks of caches.

- Each accepted feed is logged once with its sequence, item count and source;
  an unchanged feed is logged as unchanged (once, not at every poll), and
  `placard --check` prints the same words on its "Log:" line.
- A feed refused as invalid: `placard --check` prints its first error with its
  place (a JSON Pointer, or a sheet's row and column), and how many more.
- Every request asks caches on the way to revalidate (Cache-Control: no-cache),
  as the FaultServer on 127.0.0.1 sees it.

Environment: PLACARD_BIN. Without it every test is skipped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fault_server import FaultServer  # noqa: E402

PLACARD_BIN = os.environ.get("PLACARD_BIN")


def feed(sequence: int, ids: list[str]) -> bytes:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Log test",
                       "_placard": {"sequence": sequence},
                       "items": [{"id": i, "content_text": f"Statement {i}.", "authors": [{"name": "A"}]}
                                 for i in ids]}).encode()


@unittest.skipUnless(PLACARD_BIN, "PLACARD_BIN is not set")
class FeedLogTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory(prefix="placard-log-")
        self.addCleanup(self.dir.cleanup)
        self.cache = os.path.join(self.dir.name, "cache")
        self.config = os.path.join(self.dir.name, "config.json")
        with open(self.config, "w") as f:
            f.write("{}")
        self.server = FaultServer(watchdog_seconds=60).start()
        self.addCleanup(self.server.stop)
        self.env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        self.env.update({"NO_PROXY": "*", "SDL_VIDEODRIVER": "offscreen", "SDL_AUDIODRIVER": "dummy"})

    def check(self) -> subprocess.CompletedProcess:
        r = subprocess.run([PLACARD_BIN, "--config", self.config, "--check", "--feed", self.server.url,
                            "--cache-dir", self.cache], env=self.env, capture_output=True, text=True, timeout=30)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        return r

    def test_check_prints_accepted_then_unchanged(self):
        self.server.set_feed(feed(5, ["a", "b", "c"]), 5)
        first = self.check()
        self.assertIn(f"Log: accepted sequence 5, 3 items, from {self.server.url}\n", first.stdout)
        self.assertNotIn("accepted sequence", first.stderr, "printed, not logged as well")
        second = self.check()  # a 304 this time
        self.assertIn(f"Log: unchanged: sequence 5, 3 items, from {self.server.url}\n", second.stdout)

    def test_kiosk_logs_each_accepted_feed_once(self):
        self.server.set_feed(feed(1, ["a"]), 1)
        self.check()
        self.server.set_feed(feed(2, ["a", "b"]), 2)
        r = subprocess.run([PLACARD_BIN, "--config", self.config, "--feed", self.server.url, "--cache-dir", self.cache,
                            "--windowed", "320x180", "--run-for", "2", "--stats", os.path.join(self.dir.name, "s.json")],
                           env=self.env, capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = [line for line in r.stderr.splitlines() if "sequence" in line and "item" in line]
        self.assertEqual(lines, [f"placard: accepted sequence 2, 2 items, from {self.server.url}"], r.stderr)

    def test_check_names_a_refused_feeds_first_error_and_its_place(self):
        def refused(body: bytes, content_type: str) -> str:
            self.server.content_type = content_type
            self.server.set_feed(body, 1)
            r = subprocess.run([PLACARD_BIN, "--config", self.config, "--check", "--feed", self.server.url,
                                "--cache-dir", self.cache], env=self.env, capture_output=True, text=True, timeout=30)
            self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
            return r.stdout
        bad = json.loads(feed(1, ["a", "b"]))
        bad["items"][0]["_placard"] = {"kind": "statment"}
        bad["items"][1]["_placard"] = {"kind": "tallly"}
        out = refused(json.dumps(bad).encode(), "application/feed+json")
        self.assertRegex(out, r"(?m)^Result: refused: not a valid feed: /items/0/_placard/kind: .*\(and 1 more\)$")
        sheet = b"kind,text,time_zone\nevent,Side event,01:00:00 AM\nstatement,Hello,\n"
        out = refused(sheet, "text/csv")
        self.assertIn('Result: refused: not a valid feed: row 2, time_zone: "01:00:00 AM" looks like +01:00', out)

    def test_requests_ask_caches_to_revalidate(self):
        self.server.set_feed(feed(1, ["a"]), 1)
        self.check()
        self.check()
        self.assertEqual(len(self.server.requests), 2)
        for request in self.server.requests:
            self.assertEqual(request["headers"].get("cache-control"), "no-cache", request["headers"])
            self.assertEqual(request["headers"].get("pragma"), "no-cache")
        self.assertIn("if-none-match", self.server.requests[1]["headers"], "and the revalidation is conditional")


if __name__ == "__main__":
    unittest.main()
