"""A spreadsheet program's CSV, end to end.

The test writes an OpenDocument spreadsheet (.ods) laid out like
feeds/examples/sheet-template.csv, with the cell types a person's sheet has
(text, numbers, TRUE, date cells with a date format, a cell with two
paragraphs, a notes column), has LibreOffice convert it to CSV in headless
mode, and then checks that the CSV:

- passes `placard-feed validate`, renders with `preview`, converts with
  `convert` to a JSON feed that validates and that `sign` and `verify` accept;
- served over HTTP on 127.0.0.1 (as text/csv at a link with no .csv in it, the
  way a spreadsheet's "publish to the web" link is), is accepted by
  `placard --check` and shown by the kiosk: statements in three languages and
  a tally with its breakdown, and a speaker's photo named in the sheet's
  image column (with its image_sha256), fetched from a second server.

It also has LibreOffice read a CSV as a person's typing in a US-English sheet,
where +01:00 becomes the time 01:00:00 AM and a date becomes 12/11/26, and
checks that `validate` names those cells, what the spreadsheet did and the
fix, and that the fix (the columns formatted as text) works.

Environment: PLACARD_BIN and PLACARD_FEED_BIN; LibreOffice's soffice on the
PATH (platform/test.sh installs libreoffice-calc-nogui for this test).
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest
import zipfile
from xml.sax.saxutils import escape

# fault_server is tests/http's.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "http"))
from fault_server import FaultServer  # noqa: E402

PLACARD_BIN = os.environ.get("PLACARD_BIN")
PLACARD_FEED_BIN = os.environ.get("PLACARD_FEED_BIN")

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
      'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"')

# Date cells shown as 2013-12-11 and 2013-12-11 13:00, as an editor would format them.
STYLES = """<office:automatic-styles>
<number:date-style style:name="day"><number:year number:style="long"/><number:text>-</number:text>
<number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
<number:date-style style:name="minute"><number:year number:style="long"/><number:text>-</number:text>
<number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/><number:text> </number:text>
<number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/></number:date-style>
<style:style style:name="date" style:family="table-cell" style:data-style-name="day"/>
<style:style style:name="datetime" style:family="table-cell" style:data-style-name="minute"/>
</office:automatic-styles>"""

COLUMNS = ["kind", "id", "text", "text_fr", "speaker", "role", "organisation", "language", "priority",
           "starts_at", "expires_at", "duration_seconds", "value", "approximate", "as_of", "source", "breakdown",
           "title", "venue", "hashtag", "sequence", "time_zone", "image", "image_sha256", "Notes"]

ROWS = [
    {"kind": "event", "text": "Reprisals side event", "language": "en", "venue": "Room XXI, Palais des Nations",
     "hashtag": "#EndReprisals", "sequence": 3, "time_zone": "+01:00",
     "Notes": "Raise the sequence each time you publish"},
    {"kind": "statement", "id": "s-en", "speaker": "A human rights defender", "role": "Witness",
     "organisation": "An NGO", "language": "en", "duration_seconds": 1,
     "text": ["It is unacceptable that people are \"punished\" for cooperating with the UN,",
              "and the UN must respond."],
     "text_fr": "Il est inacceptable que des personnes soient punies pour avoir coopéré avec l'ONU."},
    {"kind": "statement", "id": "s-fr", "speaker": "Une défenseure", "language": "fr", "duration_seconds": 1,
     "text": "Les représailles visent à faire taire celles et ceux qui témoignent."},
    {"kind": "statement", "id": "s-ar", "speaker": "مدافعة عن حقوق الإنسان", "language": "ar", "duration_seconds": 1,
     "text": "يجب أن يتمكن المدافعون عن حقوق الإنسان من التعاون مع الأمم المتحدة دون خوف."},
    {"kind": "tally", "id": "t1", "title": "Cases raised at this event (made-up figures for the test)",
     "text": "Around 30 cases were raised.", "value": 30.0, "approximate": True,
     "as_of": ("date", "2013-12-11"), "source": "The organisers", "breakdown": "Africa: 12; Asia: 9",
     "duration_seconds": 1, "Notes": "check the figure before the event"},
    {"kind": "notice", "id": "n1", "title": "Welcome", "text": "Questions from the floor are welcome.",
     "starts_at": ("datetime", "2013-12-11T13:00:00"), "expires_at": ("datetime", "2099-12-31T18:00:00"),
     "duration_seconds": 1},
]


def cell(value) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, bool):
        return (f'<table:table-cell office:value-type="boolean" office:boolean-value="{str(value).lower()}">'
                f"<text:p>{str(value).upper()}</text:p></table:table-cell>")
    if isinstance(value, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value:g}</text:p></table:table-cell>'
    if isinstance(value, tuple):  # (style, ISO date value)
        style, iso = value
        return (f'<table:table-cell table:style-name="{style}" office:value-type="date" office:date-value="{iso}">'
                f"<text:p>{escape(iso)}</text:p></table:table-cell>")
    paragraphs = value if isinstance(value, list) else [value]
    return ('<table:table-cell office:value-type="string">'
            + "".join(f"<text:p>{escape(p)}</text:p>" for p in paragraphs) + "</table:table-cell>")


def write_ods(path: str):
    rows = ["<table:table-row>" + "".join(cell(c) for c in COLUMNS) + "</table:table-row>"]
    for row in ROWS:
        rows.append("<table:table-row>" + "".join(cell(row.get(c)) for c in COLUMNS) + "</table:table-row>")
    rows.append("<table:table-row>" + cell(None) * len(COLUMNS) + "</table:table-row>")  # a blank row at the end
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS} office:version="1.2">'
               f'{STYLES}<office:body><office:spreadsheet><table:table table:name="Feed">'
               + "".join(rows) + "</table:table></office:spreadsheet></office:body></office:document-content>")
    manifest = (f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest {NS} manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as z:
        # The mimetype comes first and uncompressed, as OpenDocument requires.
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)


@unittest.skipUnless(PLACARD_BIN and PLACARD_FEED_BIN, "PLACARD_BIN and PLACARD_FEED_BIN are not set")
class SpreadsheetTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.soffice = shutil.which("soffice")
        if not cls.soffice:
            raise AssertionError("LibreOffice's soffice is not installed; platform/test.sh installs "
                                 "libreoffice-calc-nogui (or: apt-get install libreoffice-calc-nogui)")
        cls.tmp = tempfile.mkdtemp(prefix="placard-sheet-")
        # The speaker's photo, on a server of its own as on an organisation's website.
        pictures = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "feeds", "pictures")
        handler = type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *a: None})
        cls.pictures = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=pictures))
        threading.Thread(target=cls.pictures.serve_forever, daemon=True).start()
        with open(os.path.join(pictures, "speaker.jpg"), "rb") as f:
            photo_sha = hashlib.sha256(f.read()).hexdigest()
        for row in ROWS:
            if row.get("id") == "s-en":
                row["image"] = f"http://127.0.0.1:{cls.pictures.server_address[1]}/speaker.jpg"
                row["image_sha256"] = photo_sha
        ods = os.path.join(cls.tmp, "event.ods")
        write_ods(ods)
        # 44,34,76,1: comma between cells, double quotes, UTF-8, from the first row.
        r = subprocess.run([cls.soffice, f"-env:UserInstallation=file://{cls.tmp}/profile", "--headless",
                            "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", cls.tmp, ods],
                           capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": cls.tmp})
        cls.csv = os.path.join(cls.tmp, "event.csv")
        if r.returncode != 0 or not os.path.exists(cls.csv):
            raise AssertionError("soffice did not convert the sheet:\n" + r.stdout + r.stderr)
        with open(cls.csv, "rb") as f:
            cls.csv_bytes = f.read()

    @classmethod
    def tearDownClass(cls):
        cls.pictures.shutdown()
        cls.pictures.server_close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def tool(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([PLACARD_FEED_BIN, *args], capture_output=True, text=True, timeout=120,
                              env={**os.environ, "SDL_VIDEODRIVER": "offscreen"})

    def test_libreoffice_wrote_what_real_exports_hold(self):
        text = self.csv_bytes.decode("utf-8")
        self.assertIn('"It is unacceptable that people are ""punished"" for cooperating with the UN,\n', text,
                      "a cell of two paragraphs is one quoted cell with a line break")
        self.assertIn("2013-12-11 13:00", text, "a date cell is written as it is formatted")
        self.assertIn(",30,1,2013-12-11,", text, "a TRUE cell without a boolean format is written as 1")

    def test_validate_preview_convert_sign(self):
        r = self.tool("validate", self.csv)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("valid (5 items)", r.stdout)
        self.assertEqual(r.stderr, "", "no warnings: the notes column and the blank row are expected")

        preview = os.path.join(self.tmp, "preview")
        r = self.tool("preview", self.csv, "--out", preview, "--size", "640x360")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        with open(os.path.join(preview, "layout.json")) as f:
            ids = [s["item_id"] for s in json.load(f)["slides"]]
        self.assertEqual(ids, ["s-en", "s-fr", "s-ar", "t1", "n1"])

        feed_json = os.path.join(self.tmp, "feed.json")
        r = self.tool("convert", self.csv, "--out", feed_json)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        with open(feed_json) as f:
            feed = json.load(f)
        self.assertEqual(feed["_placard"]["sequence"], 3)
        tally = feed["items"][3]["_placard"]
        self.assertEqual((tally["value"], tally["approximate"], tally["as_of"]), (30, True, "2013-12-11"))
        self.assertEqual(tally["breakdown"], [{"label": "Africa", "value": 12}, {"label": "Asia", "value": 9}])
        self.assertEqual(feed["items"][4]["_placard"]["starts_at"], "2013-12-11T13:00:00+01:00")
        self.assertEqual(feed["items"][0]["content_text"],
                         "It is unacceptable that people are \"punished\" for cooperating with the UN,\n"
                         "and the UN must respond.")
        r = self.tool("validate", feed_json)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

        key = os.path.join(self.tmp, "editor")
        self.assertEqual(self.tool("keygen", "--out", key).returncode, 0)
        r = self.tool("sign", feed_json, "--key", key + ".key")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        r = self.tool("verify", feed_json, "--key", key + ".pub")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        # The CSV itself can be signed too: its sequence is the event row's.
        r = self.tool("sign", self.csv, "--key", key + ".key")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        r = self.tool("verify", self.csv, "--key", key + ".pub")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def libreoffice_typed(self, name: str, typed: str, column_formats: str = "") -> str:
        """The CSV LibreOffice saves after reading typed as a person's typing in
        a US-English sheet (en-US, 1033), each cell's type detected as when
        typed (dates, times, special numbers), unless column_formats makes
        columns text ("6/2/4/2": columns 6 and 4 are Text)."""
        folder = tempfile.mkdtemp(prefix=name + "-", dir=self.tmp)
        source = os.path.join(folder, "typed", name + ".csv")
        os.makedirs(os.path.dirname(source))
        with open(source, "w", encoding="utf-8") as f:
            f.write(typed)
        r = subprocess.run([self.soffice, f"-env:UserInstallation=file://{self.tmp}/profile", "--headless",
                            f"--infilter=Text - txt - csv (StarCalc):44,34,76,1,{column_formats},1033,false,true",
                            "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", folder, source],
                           capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": self.tmp})
        saved = os.path.join(folder, name + ".csv")
        if r.returncode != 0 or not os.path.exists(saved):
            raise AssertionError("soffice did not convert the sheet:\n" + r.stdout + r.stderr)
        return saved

    def test_cells_the_spreadsheet_rewrote_are_named_with_the_fix(self):
        typed = ("kind,id,text,starts_at,expires_at,time_zone\n"
                 "event,,Side event,,,+01:00\n"
                 "notice,n1,Welcome,2026-12-11 13:00,12/11/2026 15:00,\n")
        saved = self.libreoffice_typed("rewritten", typed)
        with open(saved, encoding="utf-8") as f:
            text = f.read()
        self.assertIn(",01:00:00 AM", text, "LibreOffice made +01:00 the time 1 AM")
        self.assertIn(",12/11/26 03:00 PM,", text, "LibreOffice wrote the date in its short US format")
        r = self.tool("validate", "--no-clock", saved)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn('rewritten.csv: row 2, time_zone: "01:00:00 AM" looks like +01:00 turned into a time by the '
                      "spreadsheet; format the column as plain text", r.stderr)
        self.assertIn('rewritten.csv: row 3, expires_at: "12/11/26" has a two-digit year: the spreadsheet wrote the '
                      "date in its own short format; format the column as plain text", r.stderr)
        self.assertIn("invalid (2 errors)", r.stdout)

        # The fix works: typed into columns formatted as text, the offset and the date are kept as typed.
        saved = self.libreoffice_typed("as-text", typed.replace("12/11/2026", "2026-12-11"), "4/2/5/2/6/2")
        r = self.tool("validate", "--no-clock", saved)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        feed_json = os.path.join(self.tmp, "as-text.json")
        r = self.tool("convert", saved, "--out", feed_json)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        with open(feed_json) as f:
            window = json.load(f)["items"][0]["_placard"]
        self.assertEqual((window["starts_at"], window["expires_at"]),
                         ("2026-12-11T13:00:00+01:00", "2026-12-11T15:00:00+01:00"))

    def test_served_as_csv_the_kiosk_shows_it(self):
        server = FaultServer(watchdog_seconds=120).start()
        self.addCleanup(server.stop)
        server.content_type = "text/csv; charset=utf-8"
        server.set_feed(self.csv_bytes, 3)
        url = server.url_for("/spreadsheets/d/e/EXAMPLE/pub?gid=0&single=true")  # no .csv: the content type tells
        cache = tempfile.mkdtemp(prefix="cache-", dir=self.tmp)
        config = os.path.join(self.tmp, "placard.json")
        with open(config, "w") as f:
            f.write("{}")
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        env.update({"NO_PROXY": "*", "SDL_VIDEODRIVER": "offscreen", "SDL_AUDIODRIVER": "dummy"})
        r = subprocess.run([PLACARD_BIN, "--config", config, "--check", "--feed", url, "--cache-dir", cache],
                           env=env, capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("Result: accepted", r.stdout)
        self.assertIn("Showing: sequence 3, items s-en s-fr s-ar t1 n1", r.stdout)
        self.assertIn("Pictures: 1 of 1 shown", r.stdout)

        stats = os.path.join(self.tmp, "stats.json")
        r = subprocess.run([PLACARD_BIN, "--config", config, "--feed", url, "--cache-dir", cache, "--windowed",
                            "640x360", "--no-sync", "--run-for", "9", "--stats", stats],
                           env=env, capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(stats) as f:
            slides = json.load(f)["slides"]
        shown = [s["id"] for s in slides]
        for item in ("s-en", "s-fr", "s-ar", "t1"):
            self.assertIn(item, shown, f"slides shown: {shown}")
        # The photo, fetched by --check into the same cache, is on the statement's slide.
        self.assertTrue(any(s["id"] == "s-en" and s["photo"] for s in slides), slides)


if __name__ == "__main__":
    unittest.main()
