"""An item pulled from a running screen (tests/fleet/broker.py, a real Mosquitto
on 127.0.0.1, and the feed and its picture served over HTTP on 127.0.0.1).

The real `placard` shows a feed whose first item has a distinctive text, a
distinctive speaker and a picture; the editor publishes the feed without it
(removed, or marked "withdrawn" with only its id left) and runs the real
`placard-feed screens pull ITEM`. Then:

- pull returns 0 within a few seconds, naming the screen that dropped it;
- the slide left the screen at once, not at the end of its 30 s;
- nothing under the screen's cache folder holds the item's text or name (the
  replaced feed, its temporary files, the picture), byte for byte;
- neither does anything the screen wrote to its log, before or after;
- nor anything that crossed the broker (a subscriber to '#' from the start).

Environment: PLACARD_BIN, PLACARD_FEED_BIN. Without them, or without
mosquitto, every test is skipped.
"""

from __future__ import annotations

import faulthandler
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from broker import Broker, have_mosquitto  # noqa: E402

faulthandler.dump_traceback_later(110, exit=True)

PLACARD_BIN = os.environ.get("PLACARD_BIN")
PLACARD_FEED_BIN = os.environ.get("PLACARD_FEED_BIN")
HERE = os.path.dirname(os.path.abspath(__file__))
SCREEN = "room-xxi"
# What must leave every disk and every message: each searched for in lower case.
TEXT = "Zebrafinch quartz testimony 7741"
NAME = "Ottoline Vexworth"
SECRETS = [TEXT, NAME, "vexworth", "zebrafinch"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        # A slow picture in the new feed: the pictures' round that fetches it
        # must not hold the old feed's pictures on the disk meanwhile.
        if self.path.startswith("/slow/"):
            time.sleep(8)
        super().do_GET()


def feed(sequence: int, items: list[dict]) -> bytes:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Pull test",
                       "_placard": {"sequence": sequence}, "items": items}).encode()


def stays(picture: str = "") -> dict:
    item = {"id": "stays", "content_text": "A statement that stays on screen.",
            "authors": [{"name": "Someone Else"}], "_placard": {"duration_seconds": 30}}
    if picture:
        item["image"] = picture
    return item


def found_in(data: bytes) -> list[str]:
    low = data.lower()
    return [s for s in SECRETS if s.lower().encode() in low]


@unittest.skipUnless(PLACARD_BIN and PLACARD_FEED_BIN and have_mosquitto(), "PLACARD_BIN, PLACARD_FEED_BIN or mosquitto missing")
class PullTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="placard-pull-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.www = os.path.join(self.tmp, "www")
        os.makedirs(os.path.join(self.www, "photos"))
        shutil.copy(os.path.join(HERE, "..", "feeds", "pictures", "speaker.jpg"),
                    os.path.join(self.www, "photos", "ottoline-vexworth.jpg"))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=self.www))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.addCleanup(self.server.server_close)
        self.addCleanup(self.server.shutdown)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.broker = Broker().start()
        self.addCleanup(self.broker.cleanup)
        self.env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        self.env.update({"NO_PROXY": "*", "SDL_VIDEODRIVER": "offscreen", "SDL_AUDIODRIVER": "dummy"})
        self.cache = os.path.join(self.tmp, "cache")
        self.processes: list[subprocess.Popen] = []
        self.addCleanup(self.stop_all)

    def stop_all(self):
        for p in self.processes:
            if p.poll() is None:
                p.kill()
                p.wait()

    def publish(self, sequence: int, items: list[dict]) -> None:
        path = os.path.join(self.www, "feed.json")
        with open(path + ".tmp", "wb") as f:
            f.write(feed(sequence, items))
        os.replace(path + ".tmp", path)

    def editor(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([PLACARD_FEED_BIN, "screens", *args, "--mqtt", self.broker.url],
                              capture_output=True, text=True, timeout=60, env=self.env)

    def status(self) -> dict | None:
        r = self.editor("--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        return {s["screen"]: s for s in json.loads(r.stdout)}.get(SCREEN)

    def wait_for(self, check, what: str, timeout: float = 20.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = check()
            if value:
                return value
            time.sleep(0.1)
        self.fail(f"waited {timeout} s for {what}; log:\n{self.log_text()}")

    def log_text(self) -> str:
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def pull_an_item(self, without_it: list[dict]) -> None:
        self.publish(1, [{"id": "pulled", "content_text": TEXT, "authors": [{"name": NAME}],
                          "image": self.base + "/photos/ottoline-vexworth.jpg",
                          "_placard": {"role": "Defender", "duration_seconds": 30}}, stays()])
        # Everything that crosses the broker, from before the screen connects.
        traffic_path = os.path.join(self.tmp, "traffic.bin")
        traffic = open(traffic_path, "wb")
        self.addCleanup(traffic.close)
        self.processes.append(subprocess.Popen(
            ["mosquitto_sub", "-h", "127.0.0.1", "-p", str(self.broker.port), "-t", "#", "-v"],
            stdout=traffic, stderr=subprocess.DEVNULL))
        config = os.path.join(self.tmp, "placard.json")
        with open(config, "w") as f:
            json.dump({"status": {"broker": self.broker.url, "screen": SCREEN}}, f)
        self.log_path = os.path.join(self.tmp, "kiosk.log")
        log = open(self.log_path, "wb")
        self.addCleanup(log.close)
        stats = os.path.join(self.tmp, "stats.json")
        kiosk = subprocess.Popen([PLACARD_BIN, "--config", config, "--feed", self.base + "/feed.json",
                                  "--cache-dir", self.cache, "--windowed", "640x360", "--no-sync",
                                  "--poll-seconds", "3600", "--run-for", "25", "--stats", stats],
                                 env=self.env, stdout=log, stderr=log)
        self.processes.append(kiosk)
        started = time.monotonic()
        pictures = os.path.join(self.cache, "pictures")
        # On screen, its picture ready on the shelf, and its id in the status.
        self.wait_for(lambda: os.path.isdir(pictures) and any(n.endswith(".png") for n in os.listdir(pictures)),
                      "the picture on the shelf")
        # The feed is planned in slices, so a status can go out between them:
        # wait for the one that lists both items.
        status = self.wait_for(lambda: (s := self.status()) and s.get("online") and "pulled" in s.get("showing", [])
                               and s.get("showing_count") == 2 and s,
                               "the status to list the item and the one that stays")
        self.assertEqual(status["item"], "pulled")
        self.assertEqual(status["showing_count"], 2)
        r = self.editor("showing", "pulled")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn(f"{SCREEN}: shows it", r.stdout)

        self.publish(2, without_it + [stays(self.base + "/slow/photos/other.jpg")])
        sent = time.monotonic()
        pulled_at = sent - started
        r = self.editor("pull", "pulled", "--timeout", "10")
        took = time.monotonic() - sent
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr + self.log_text())
        self.assertRegex(r.stdout, rf"{SCREEN}: dropped it \(\d+\.\d\d s\)")
        self.assertIn("No screen online shows pulled", r.stdout)
        self.assertLess(took, 5.0, r.stdout)  # placard-feed's own start and connection included
        # At once: the status says the slide on screen is the other one now, long before the 30 s are up.
        status = self.status()
        self.assertEqual(status["item"], "stays")
        self.assertEqual(status["showing"], ["stays"])
        r = self.editor("showing", "pulled")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

        # Off the disk: no file in the cache folder holds any of it.
        held = {}
        for root, _, files in os.walk(self.cache):
            for name in files:
                path = os.path.join(root, name)
                with open(path, "rb") as f:
                    if found := found_in(f.read()):
                        held[os.path.relpath(path, self.cache)] = found
        self.assertEqual(held, {}, "files in the cache still hold the pulled item")
        self.assertEqual(os.listdir(pictures), [], "the pulled item's picture is still on the shelf")

        kiosk.wait(timeout=60)
        self.assertEqual(kiosk.returncode, 0, self.log_text())
        # The slide went when the feed came, not at the end of its 30 s.
        with open(stats) as f:
            report = json.load(f)
        # The first slide can be counted twice (put up before the whole feed was planned, and again).
        shown = [(s["id"], s["at_seconds"]) for s in report["slides"]]
        shown = [x for n, x in enumerate(shown) if n == 0 or shown[n - 1][0] != x[0]]
        self.assertEqual(shown[0][0], "pulled", shown)
        self.assertEqual(shown[1][0], "stays", shown)
        self.assertLess(shown[1][1], pulled_at + 4.0, shown)
        self.assertNotIn("pulled", [i for i, _ in shown[1:]], shown)
        # The log, all of it: ids only.
        self.assertEqual(found_in(self.log_text().encode()), [], self.log_text())
        self.assertIn("item pulled: picture ready", self.log_text())  # it does log, by id
        # The broker's traffic, all of it, the statuses and replies after the pull too.
        time.sleep(0.5)
        traffic.flush()
        with open(traffic_path, "rb") as f:
            seen = f.read()
        self.assertIn(b"placard/room-xxi/status", seen)
        self.assertIn(b'"showing":["stays"]', seen)
        self.assertEqual(found_in(seen), [])

    def test_an_item_removed_from_the_feed_leaves_screen_disk_log_and_broker(self):
        self.pull_an_item([])

    def test_an_item_marked_withdrawn_leaves_screen_disk_log_and_broker(self):
        self.pull_an_item([{"id": "pulled", "_placard": {"withdrawn": True}}])


if __name__ == "__main__":
    unittest.main()
