"""placard and systemd's notify protocol (placard.service: Type=notify, WatchdogSec=).

A datagram socket of the test's own stands in for systemd: placard must send
READY=1 once its first frame is up, then WATCHDOG=1 from the render loop often
enough for the watchdog, even when nothing on the screen changes."""
import json
import os
import socket
import subprocess
import tempfile
import threading
import unittest

PLACARD = os.environ["PLACARD_BIN"]

# No items: nothing moves on screen, so the loop would sleep until the run ends
# were it not for the watchdog.
EMPTY_FEED = {"version": "https://jsonfeed.org/version/1.1", "title": "Nothing yet", "items": []}


class WatchdogTest(unittest.TestCase):
    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory(prefix="placard-watchdog-")
        self.addCleanup(self.scratch.cleanup)
        self.notify_path = os.path.join(self.scratch.name, "notify")
        self.notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.addCleanup(self.notify.close)
        self.notify.bind(self.notify_path)
        self.config = os.path.join(self.scratch.name, "config.json")
        self.feed = os.path.join(self.scratch.name, "feed.json")
        with open(self.config, "w") as f:
            f.write("{}")
        with open(self.feed, "w") as f:
            json.dump(EMPTY_FEED, f)

    def run_placard(self, seconds, **env_overrides):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("WATCHDOG_", "NOTIFY_"))}
        # A cache of its own: a kiosk on a plain path keeps one, and a test must
        # not leave it in the machine's /var/cache/placard.
        env.update(SDL_VIDEODRIVER="offscreen", SDL_AUDIODRIVER="dummy", NOTIFY_SOCKET=self.notify_path,
                   CACHE_DIRECTORY=os.path.join(self.scratch.name, "cache"))
        env.update(env_overrides)
        # Read as systemd does, while it runs: a datagram socket holds only a few
        # unread messages (net.unix.max_dgram_qlen) before the sender blocks.
        messages = []
        self.notify.settimeout(0.1)
        running = threading.Event()
        running.set()

        def listen():
            while running.is_set():
                try:
                    messages.append(self.notify.recv(4096).decode())
                except socket.timeout:
                    pass

        listener = threading.Thread(target=listen)
        listener.start()
        try:
            done = subprocess.run([PLACARD, "--config", self.config, "--feed", self.feed, "--windowed", "320x200",
                                   "--run-for", str(seconds)], env=env, capture_output=True, text=True, timeout=60)
        finally:
            running.clear()
            listener.join()
        self.notify.setblocking(False)
        while True:  # whatever arrived as it ended
            try:
                messages.append(self.notify.recv(4096).decode())
            except BlockingIOError:
                break
        self.assertEqual(done.returncode, 0, done.stderr)
        return messages

    def test_ready_once_and_no_keepalives_without_a_watchdog(self):
        self.assertEqual(self.run_placard(1), ["READY=1"])

    def test_ready_first_then_keepalives_while_the_screen_is_still(self):
        # WatchdogSec=0.6s: placard pings every 0.2 s, about 15 times in 3 s. Were
        # the loop to sleep until the next change on screen, there would be 2.
        messages = self.run_placard(3, WATCHDOG_USEC="600000")
        self.assertEqual(messages[0], "READY=1", messages)
        self.assertEqual(messages.count("READY=1"), 1, messages)
        self.assertEqual(set(messages[1:]), {"WATCHDOG=1"}, messages)
        self.assertGreaterEqual(len(messages) - 1, 5, messages)

    def test_a_watchdog_meant_for_another_process_is_left_alone(self):
        messages = self.run_placard(1, WATCHDOG_USEC="600000", WATCHDOG_PID="1")
        self.assertEqual(messages, ["READY=1"])


if __name__ == "__main__":
    unittest.main()
