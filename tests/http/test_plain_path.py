"""A plain feed path (`--feed PATH`, no file:// in front) is watched like a URL.

The kiosk reads the file at start, refusing a bad one where it was typed, and
then polls it on the poll schedule: an edit shows up within one poll, and a
signed file keeps its replay floor in the cache across restarts. Conventions
and environment as in tests/signatures/test_signatures.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# test_signatures is tests/signatures's.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "signatures"))
from test_remote_feed import make_feed  # noqa: E402
from test_signatures import PLACARD_BIN, SignedFeedCase  # noqa: E402


def statements(sequence: int, ids: list[str], priority: str = "normal") -> bytes:
    return json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "Plain path",
        "_placard": {"sequence": sequence},
        "items": [{"id": i, "content_text": f"Statement {i}.",
                   "_placard": {"duration_seconds": 30, "priority": priority}} for i in ids],
    }).encode()


class PlainPathTest(SignedFeedCase):

    def write_atomically(self, name: str, data: bytes) -> str:
        """As an editor's program saves: a new file renamed over the old."""
        path = os.path.join(self.tmp, name)
        with open(path + ".new", "wb") as f:
            f.write(data)
        os.replace(path + ".new", path)
        return path

    def run_kiosk(self, feed: str, seconds: float, keys=(), edit=None) -> tuple[subprocess.CompletedProcess, dict]:
        """Runs the kiosk on a plain path; edit(), if given, runs 2 s in."""
        stats = os.path.join(self.tmp, "stats.json")
        if os.path.exists(stats):
            os.remove(stats)
        config = self.write("poll.json", b'{"poll_seconds": 15}\n')
        cmd = [PLACARD_BIN, "--config", config, "--feed", feed, "--cache-dir", self.cache_dir, "--no-sync",
               "--windowed", "640x360", "--run-for", str(seconds), "--stats", stats]
        for k in keys:
            cmd += ["--public-key", self.key(k)]
        timer = threading.Timer(2.0, edit) if edit else None
        if timer:
            timer.start()
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, env=self.env(), timeout=seconds + 60)
        finally:
            if timer:
                timer.cancel()
        report = {}
        if os.path.exists(stats):
            with open(stats) as f:
                report = json.load(f)
        return r, report

    def test_an_edit_shows_up_within_a_poll(self):
        path = self.write_atomically("event.json", statements(1, ["before"]))
        r, stats = self.run_kiosk(path, 19.0,
                                  edit=lambda: self.write_atomically("event.json", statements(2, ["after"], "urgent")))
        self.assertEqual(r.returncode, 0, r.stderr)
        shown = [s["id"] for s in stats["slides"]]
        self.assertEqual(shown[0], "before", shown)
        self.assertIn("after", shown, f"the edit never reached the screen: {shown}\n{r.stderr}")
        after = next(s for s in stats["slides"] if s["id"] == "after")
        self.assertGreater(after["at_seconds"], 2.0)
        self.assertTrue(any(f["verdict"] == "accepted" for f in stats["fetches"]), stats["fetches"])

    def test_a_bad_file_is_refused_at_start(self):
        path = self.write("broken.json", b'{"version": "https://jsonfeed.org/version/1.1", "items": [}')
        r, _ = self.run_kiosk(path, 1.0)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("broken.json", r.stderr)
        r, _ = self.run_kiosk(os.path.join(self.tmp, "absent.json"), 1.0)
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assertIn("absent.json", r.stderr)

    def test_a_path_with_spaces_and_percent_signs(self):
        path = self.write_atomically("my event 100%.json", statements(1, ["odd-name"]))
        r, stats = self.run_kiosk(path, 1.5)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual([s["id"] for s in stats["slides"]][:1], ["odd-name"], r.stderr)

    def test_a_signed_file_keeps_its_replay_floor(self):
        body12, ids12 = make_feed(12)
        path = self.write_atomically("event.json", body12)
        self.write_atomically("event.json.sig", self.sign(body12))
        r, stats = self.run_kiosk(path, 1.5, keys=("a",))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(stats["slides"] and {s["id"] for s in stats["slides"]} <= set(ids12), stats["slides"])
        # Restarted with an older file, validly signed: a replay, refused.
        body11, ids11 = make_feed(11)
        self.write_atomically("event.json", body11)
        self.write_atomically("event.json.sig", self.sign(body11))
        r, stats = self.run_kiosk(path, 1.5, keys=("a",))
        self.assertEqual(r.returncode, 0, r.stderr)
        shown = {s["id"] for s in stats["slides"]}
        self.assertFalse(shown & (set(ids11) - set(ids12)), f"sequence 11 reached the screen: {shown}")
        self.assertIn("replayed", r.stderr)


del SignedFeedCase

if __name__ == "__main__":
    unittest.main()
