"""What the kiosk's own process carries: downloads run in placard-fetch, and
the MQTT client (placard-mqtt.so) is loaded only by a screen with a status
section (core/fetch/fetch_wire.h, net/broker_channel.h).

Runs the real `placard` with SDL's offscreen driver against a FaultServer on
127.0.0.1 and reads /proc/PID/maps while it shows the feed it fetched:

- a screen that fetches over HTTP maps no libcurl, TLS, Kerberos or MQTT library;
- a screen with a status section loads the MQTT client module, and only then;
- a missing module is named in the log with the fix, and the slides go on.

Environment: PLACARD_BIN. Without it every test is skipped.
"""

from __future__ import annotations

import faulthandler
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fault_server import FaultServer  # noqa: E402

faulthandler.dump_traceback_later(300, exit=True)

PLACARD_BIN = os.environ.get("PLACARD_BIN")

NETWORK_LIBRARIES = ("libcurl", "libgnutls", "libssl", "libcrypto", "libkrb5", "libldap", "libnghttp2", "libmosquitto")


def feed(sequence: int) -> bytes:
    return json.dumps({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Process test",
        "_placard": {"sequence": sequence},
        "items": [{"id": f"p{sequence}-{i}", "content_text": f"Statement {i} of feed {sequence}."} for i in range(2)],
    }).encode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@unittest.skipUnless(PLACARD_BIN, "PLACARD_BIN is not set")
class KioskProcessTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory(prefix="placard-process-")
        self.server = FaultServer(watchdog_seconds=60).start()
        self.server.set_feed(feed(1), 1)
        self.env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        self.env.update({"NO_PROXY": "*", "SDL_VIDEODRIVER": "offscreen", "SDL_AUDIODRIVER": "dummy",
                         "PLACARD_CONNECT_TIMEOUT_MS": "2000", "PLACARD_TOTAL_TIMEOUT_MS": "5000"})

    def tearDown(self):
        self.server.stop()
        self.dir.cleanup()

    def maps_while_showing(self, config: dict, seconds: float = 4.0) -> tuple[set[str], str]:
        """The files mapped by the running kiosk once it has shown the fetched
        feed, and its log. Its threads' nice values go to self.nice (thread
        name: nice)."""
        path = os.path.join(self.dir.name, "config.json")
        with open(path, "w") as f:
            json.dump(config, f)
        log = os.path.join(self.dir.name, "log")
        with open(log, "w") as err:
            proc = subprocess.Popen([PLACARD_BIN, "--config", path, "--feed", self.server.url,
                                     "--cache-dir", os.path.join(self.dir.name, "cache"), "--windowed", "640x360",
                                     "--no-sync", "--run-for", str(seconds + 10)],
                                    env=self.env, stdout=subprocess.DEVNULL, stderr=err)
        try:
            deadline = time.monotonic() + seconds
            mapped: set[str] = set()
            while time.monotonic() < deadline:
                time.sleep(0.25)
                with open(f"/proc/{proc.pid}/maps") as f:
                    mapped |= {line.split()[-1] for line in f if "/" in line}
                self.nice = {}
                for task in os.listdir(f"/proc/{proc.pid}/task"):
                    try:
                        with open(f"/proc/{proc.pid}/task/{task}/stat") as f:
                            stat = f.read()
                    except FileNotFoundError:
                        continue
                    # Field 19 is nice; fields after the name in parentheses start at 3.
                    self.nice[(int(task) == proc.pid, task)] = int(stat[stat.rindex(")") + 2:].split()[16])
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        with open(log) as f:
            return mapped, f.read()

    def test_a_screen_that_downloads_maps_no_network_library(self):
        mapped, log = self.maps_while_showing({})
        self.assertGreaterEqual(len(self.server.requests), 1, log)
        self.assertNotIn("failed", log, log)
        names = {os.path.basename(m) for m in mapped}
        carried = sorted(n for n in names if n.startswith(NETWORK_LIBRARIES) or n == "placard-mqtt.so")
        self.assertEqual(carried, [], log)
        self.assertTrue(any(n.startswith("libSDL2") for n in names), names)  # the maps were read

    def test_downloads_yield_to_the_screen(self):
        _, log = self.maps_while_showing({}, 2.0)
        main = [n for (is_main, _), n in self.nice.items() if is_main]
        self.assertEqual(main, [0], self.nice)  # the screen's loop
        # The poller's two threads (the feed's, the pictures'), whose fetchers inherit it.
        self.assertEqual(sorted(n for n in self.nice.values() if n == 10), [10, 10], self.nice)
        self.assertGreaterEqual(len(self.server.requests), 1, log)

    def test_a_screen_with_a_status_section_loads_the_mqtt_client(self):
        port = free_port()  # no broker listens: the link keeps trying, which is enough here
        mapped, log = self.maps_while_showing({"status": {"broker": f"mqtt://127.0.0.1:{port}", "screen": "hall-a"}})
        names = {os.path.basename(m) for m in mapped}
        self.assertIn("placard-mqtt.so", names, log)
        self.assertTrue(any(n.startswith("libmosquitto") for n in names), names)
        self.assertFalse(any(n.startswith("libcurl") for n in names), names)
        self.assertIn('reporting as "hall-a"', log)

    def test_a_missing_mqtt_client_is_named_and_the_slides_go_on(self):
        self.env["PLACARD_MQTT_MODULE"] = os.path.join(self.dir.name, "gone", "placard-mqtt.so")
        port = free_port()
        _, log = self.maps_while_showing({"status": {"broker": f"mqtt://127.0.0.1:{port}", "screen": "hall-a"}}, 2.0)
        self.assertIn("cannot load the MQTT client", log)
        self.assertIn("gone/placard-mqtt.so", log)
        self.assertIn("reinstall the placard package", log)
        self.assertIn("this screen reports to nobody until that is fixed", log)
        self.assertGreaterEqual(len(self.server.requests), 1, log)


if __name__ == "__main__":
    unittest.main()
