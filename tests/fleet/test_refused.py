"""A screen whose feed is refused as invalid says what was wrong, and where.

A sheet served over HTTP on 127.0.0.1 (Python's http.server) has an error in a
known row and column; the real `placard` fetches it with a status section
pointing at a real Mosquitto (tests/fleet/broker.py). Then the retained status
carries "refused": {"place", "message"}, which `placard-feed screens --json`
passes on and its table names; the kiosk's output (what the journal gets)
names the error once, however many polls find it again; the status card says
it. The sheet is then replaced by a JSON feed with another error: the status
follows it to its JSON Pointer, and the log names it once too.

Environment: PLACARD_BIN, PLACARD_FEED_BIN. Without them, or without
mosquitto, the test is skipped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_fleet import SCREEN, FleetTest  # noqa: E402
from test_withheld import Server  # noqa: E402

# Served as "feed", with no extension and no CSV type: told from JSON by its columns.
# The spreadsheet turned "+01:00" into a time: row 2, column time_zone.
SHEET = "kind,text,time_zone\nevent,Side event,01:00:00 AM\nstatement,Hello,\n"
SHEET_MESSAGE = '"01:00:00 AM" looks like +01:00 turned into a time by the spreadsheet'
BAD_JSON = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "T", "_placard": {"sequence": 1},
                       "items": [{"id": "a", "content_text": "Hello.", "_placard": {"kind": "statment"}}]})


class RefusedFeedTest(FleetTest):
    def test_a_refused_feed_is_named_with_its_place_in_the_status_table_log_and_card(self):
        served = os.path.join(self.dir.name, "served")
        os.mkdir(served)
        server = Server(served)
        self.addCleanup(server.stop)
        with open(os.path.join(served, "feed"), "w") as f:
            f.write(SHEET)
        seconds = 16
        config = os.path.join(self.dir.name, "kiosk.json")
        with open(config, "w") as f:
            json.dump({"status": self.status_section()}, f)
        stats = os.path.join(self.dir.name, "kiosk-stats.json")
        log = open(os.path.join(self.dir.name, "kiosk.log"), "w")
        self.addCleanup(log.close)
        kiosk = subprocess.Popen([os.environ["PLACARD_BIN"], "--config", config, "--feed", server.url + "/feed",
                                  "--cache-dir", os.path.join(self.dir.name, "kiosk-cache"), "--windowed", "640x360",
                                  "--no-sync", "--poll-seconds", "3600", "--run-for", str(seconds), "--stats", stats],
                                 env=self.env, stdout=log, stderr=log)
        self.kiosks.append(kiosk)
        self.names[kiosk.pid] = "kiosk"
        self.started[kiosk.pid] = time.monotonic()

        status = self.wait_status(lambda s: s["online"] and s.get("refused"))
        self.assertEqual(status["refused"]["place"], "row 2, time_zone")
        self.assertTrue(status["refused"]["message"].startswith(SHEET_MESSAGE), status["refused"])
        self.assertIn("row 2, time_zone: " + SHEET_MESSAGE, status["last_error"])  # as before, for older tools
        table = self.editor()
        self.assertEqual(table.returncode, 0, table.stderr)
        self.assertRegex(table.stdout, rf"(?m)^{SCREEN}\s+yes\s+.*feed refused: row 2, time_zone: "
                                       + '"01:00:00 AM" looks like')
        # A poll that finds the same error again (a refresh: at most one fetch in 5 s): not logged again.
        r = self.editor("refresh", SCREEN)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("refresh: failed: refused: not a valid feed: row 2, time_zone: ", r.stdout)
        # Another error: the status follows it to its pointer, and it is logged once too.
        with open(os.path.join(served, "feed.tmp"), "w") as f:
            f.write(BAD_JSON)
        os.replace(os.path.join(served, "feed.tmp"), os.path.join(served, "feed"))
        r = self.editor("refresh", SCREEN)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        status = self.wait_status(lambda s: (s.get("refused") or {}).get("place", "").startswith("/items"))
        self.assertEqual(status["refused"]["place"], "/items/0/_placard/kind")
        self.assertIn('"statment"', status["refused"]["message"])
        report = self.finish(kiosk, stats, seconds)

        self.assertEqual(len(report["fetches"]), 3, report["fetches"])  # the first poll and two refreshes
        refused = [line for line in self.log("kiosk").splitlines() if ": refused: " in line]
        self.assertEqual(len(refused), 2, "\n".join(refused))
        self.assertTrue(refused[0].startswith(f"placard: {server.url}/feed: refused: not a valid feed: row 2, time_zone: "
                                              f"{SHEET_MESSAGE}; format the column as plain text"), refused[0])
        self.assertTrue(refused[0].endswith("summer time by itself; keeping the last good feed"), refused[0])
        self.assertIn(f"{server.url}/feed: refused: not a valid feed: /items/0/_placard/kind: ", refused[1])
        # Nothing to show: the status card names the error where it is, and the checker page.
        card = report["state_card"]
        self.assertIn("First error: /items/0/_placard/kind: ", card)
        self.assertIn("check/index.html", card)
