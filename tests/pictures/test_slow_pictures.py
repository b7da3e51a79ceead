"""Pictures from a slow server, and a stream of refresh commands, end to end:
the real `placard` against an HTTP server and a real Mosquitto that this test
starts on 127.0.0.1 (tests/fleet/broker.py).

- 64 pictures served at 150 bytes a second must not hold up the feed's own
  polls (every 15 s) nor an editor's refresh, which is answered within a few
  seconds while the pictures trickle; the kiosk still ends on time.
- A sustained stream of refresh commands (one every 50 ms for 8 s) makes
  only a few fetches, and the last refresh is not lost: a feed published
  just before it is on screen soon after.

Environment: PLACARD_BIN and PLACARD_FEED_BIN. Without them, or without
mosquitto, every test is skipped.
"""

from __future__ import annotations

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

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fleet"))
from broker import Broker, have_mosquitto  # noqa: E402

PLACARD_BIN = os.environ.get("PLACARD_BIN")
PLACARD_FEED_BIN = os.environ.get("PLACARD_FEED_BIN")
SCREEN = "slow-pictures"
PICTURE_BYTES = 3000   # 20 s each at 150 bytes a second
TRICKLE = 15           # bytes every 0.1 s: 150 bytes a second


class Site:
    """The feed, served at once, and pictures under /pic/, served at 150 bytes a second."""

    def __init__(self):
        self.feed = b""
        self.feed_requests: list[float] = []  # monotonic time of each request for the feed
        self.picture_requests = 0
        self.lock = threading.Lock()
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                if self.path == "/feed.json":
                    with site.lock:
                        site.feed_requests.append(time.monotonic())
                        body = site.feed
                    self.send_response(200)
                    self.send_header("Content-Type", "application/feed+json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                if self.path.startswith("/pic/"):
                    with site.lock:
                        site.picture_requests += 1
                    self.send_response(200)
                    self.send_header("Content-Type", "image/png")
                    self.send_header("Content-Length", str(PICTURE_BYTES))
                    self.end_headers()
                    try:
                        for _ in range(PICTURE_BYTES // TRICKLE):
                            self.wfile.write(b"\0" * TRICKLE)
                            self.wfile.flush()
                            time.sleep(0.1)
                    except OSError:
                        pass  # the kiosk gave up on it
                    return
                self.send_error(404)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def publish(self, sequence: int, pictures: int) -> None:
        items = [{"id": f"s{i}", "content_text": f"Statement {i}.", "authors": [{"name": "A speaker"}],
                  **({"image": f"{self.base}/pic/{i}.png"} if i < pictures else {})} for i in range(max(pictures, 2))]
        feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Slow pictures",
                "_placard": {"sequence": sequence}, "items": items}
        with self.lock:
            self.feed = json.dumps(feed).encode()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@unittest.skipUnless(PLACARD_BIN and PLACARD_FEED_BIN and have_mosquitto(), "PLACARD_BIN, PLACARD_FEED_BIN or mosquitto missing")
class SlowPicturesTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="placard-slow-pictures-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.site = Site()
        self.addCleanup(self.site.close)
        self.broker = Broker().start()
        self.addCleanup(self.broker.cleanup)
        self.env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        self.env.update(NO_PROXY="*", SDL_VIDEODRIVER="offscreen", SDL_AUDIODRIVER="dummy")
        self.config = os.path.join(self.tmp, "placard.json")
        with open(self.config, "w") as f:
            json.dump({"status": {"broker": self.broker.url, "screen": SCREEN}}, f)
        self.stats = os.path.join(self.tmp, "stats.json")
        self.log_path = os.path.join(self.tmp, "kiosk.log")

    def start_kiosk(self, seconds: float, poll_seconds: int) -> subprocess.Popen:
        log = open(self.log_path, "w")
        self.addCleanup(log.close)
        kiosk = subprocess.Popen([PLACARD_BIN, "--config", self.config, "--feed", self.site.base + "/feed.json",
                                  "--cache-dir", os.path.join(self.tmp, "cache"), "--windowed", "640x360", "--no-sync",
                                  "--poll-seconds", str(poll_seconds), "--run-for", str(seconds), "--stats", self.stats],
                                 env=self.env, stdout=log, stderr=log)

        def stop():
            if kiosk.poll() is None:
                kiosk.kill()
                kiosk.wait()
        self.addCleanup(stop)
        return kiosk

    def log(self) -> str:
        with open(self.log_path) as f:
            return f.read()

    def finish(self, kiosk: subprocess.Popen, started: float, seconds: float) -> dict:
        kiosk.wait(timeout=seconds + 30)
        self.assertEqual(kiosk.returncode, 0, self.log())
        # Ends on time though pictures are still on their way: their downloads are abandoned.
        self.assertLess(time.monotonic() - started, seconds + 6, self.log())
        with open(self.stats) as f:
            return json.load(f)

    def wait_for(self, check, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check():
                return
            time.sleep(0.05)
        self.fail(f"{what} within {timeout} s:\n" + self.log())

    def refresh(self, timeout: float) -> tuple[subprocess.CompletedProcess, float]:
        sent = time.monotonic()
        r = subprocess.run([PLACARD_FEED_BIN, "screens", "refresh", SCREEN, "--mqtt", self.broker.url,
                            "--timeout", str(timeout)], capture_output=True, text=True, timeout=timeout + 20, env=self.env)
        return r, time.monotonic() - sent

    def test_slow_pictures_hold_up_neither_the_polls_nor_a_refresh(self):
        self.site.publish(1, pictures=64)
        seconds = 38
        started = time.monotonic()
        kiosk = self.start_kiosk(seconds, poll_seconds=15)
        self.wait_for(lambda: self.site.picture_requests > 0, 10, "no picture was asked for")
        time.sleep(3)  # a picture is trickling in
        self.site.publish(2, pictures=64)
        r, took = self.refresh(timeout=8)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr + self.log())
        self.assertIn(f"{SCREEN}: refresh: accepted", r.stdout)
        self.assertLess(took, 5.0, r.stdout)  # placard-feed's own start and connection included
        report = self.finish(kiosk, started, seconds)
        self.assertGreater(report["frames"], 0)
        self.assertIn("sequence 2", report["state_showing"])
        # The feed's polls keep their schedule (15 s, give or take a tenth) beside the refresh,
        # up to the end of the run.
        times = [round(t - started, 1) for t in self.site.feed_requests]
        self.assertGreaterEqual(len(times), 3, times)
        gaps = [b - a for a, b in zip(times, times[1:] + [seconds])]
        self.assertLess(max(gaps), 19, times)
        # Pictures that slow are given up on, each with its reason.
        self.assertIn("too slow", self.log())

    def test_a_burst_of_refreshes_makes_few_fetches_and_keeps_the_last(self):
        self.site.publish(1, pictures=0)
        seconds = 18
        started = time.monotonic()
        kiosk = self.start_kiosk(seconds, poll_seconds=3600)
        self.wait_for(lambda: len(self.site.feed_requests) == 1, 10, "the kiosk did not fetch its feed")
        time.sleep(1)
        first_refresh = time.monotonic()
        publisher = subprocess.Popen(["mosquitto_pub", "-h", "127.0.0.1", "-p", str(self.broker.port),
                                      "-t", f"placard/{SCREEN}/command", "-l"], stdin=subprocess.PIPE, env=self.env)
        self.addCleanup(lambda: publisher.poll() is not None or publisher.kill())
        sent = 0
        published = False
        while time.monotonic() - first_refresh < 8:
            if not published and time.monotonic() - first_refresh > 7.5:
                self.site.publish(2, pictures=0)  # just before the last refreshes
                published = True
            publisher.stdin.write(b"refresh\n")
            publisher.stdin.flush()
            sent += 1
            time.sleep(0.05)
        publisher.stdin.close()
        publisher.wait(timeout=10)
        self.assertGreater(sent, 100)
        last_refresh = time.monotonic()
        report = self.finish(kiosk, started, seconds)
        during = [t for t in self.site.feed_requests if t >= first_refresh]
        # At most one fetch per 5 s for refreshes: 8 s of them, then the pending one.
        self.assertLessEqual(len(during), 3, [round(t - first_refresh, 2) for t in during])
        # The last refresh was not lost: it was answered by a fetch after it, which found sequence 2.
        self.assertGreaterEqual(max(during), last_refresh - 0.2, [round(t - first_refresh, 2) for t in during])
        self.assertIn("sequence 2", report["state_showing"])
        self.assertIn("answered by one fetch", self.log())


if __name__ == "__main__":
    unittest.main()
