"""The browser checker (feeds/check/, built by platform/build/checker.sh) says
what placard-feed validate says, line for line, for every test feed and
sheet and for hostile files made here; it checks a published address given
as ?url= (served by a python http.server on 127.0.0.1 with the CORS header),
and says plainly what the host must allow when the header is missing; and
it works opened from disk (file://). Driven in Debian's Chromium, headless,
by drive.js.

Environment: PLACARD_FEED_BIN (placard-feed), PLACARD_CHECK_PAGE (the built
page's folder), PLACARD_CHECK_NODE (the folder whose node_modules has
playwright-core), PLACARD_CHECK_SCREENSHOTS (a folder: also save pictures of
the page there, wide and at a phone's width).
"""
import functools
import glob
import http.server
import json
import os
import shutil
import subprocess
import tempfile
import threading
import unittest
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
FEED_BIN = os.environ.get("PLACARD_FEED_BIN", "placard-feed")
PAGE = os.environ.get("PLACARD_CHECK_PAGE", "")
NODE = os.environ.get("PLACARD_CHECK_NODE", "")
CHROMIUM = "/usr/bin/chromium"
AT = "2026-06-15T12:00:00+02:00"
MAX_BODY_BYTES = 4 * 1024 * 1024  # FeedLimits::max_body_bytes


def test_files():
    """Every feed and sheet the other tests use."""
    patterns = ["tests/feeds/*/*.json", "feeds/*.json", "feeds/examples/*", "tests/fuzz/seeds/sheet/*.csv",
                "tests/fuzz/seeds/feed/*.json"]
    files = []
    for pattern in patterns:
        files += sorted(glob.glob(os.path.join(SOURCE, pattern)))
    return [f for f in files if not f.endswith("placard.schema.json")]


def hostile_files(folder):
    """Made here: what an editor's tools or a broken upload can produce."""
    with open(os.path.join(SOURCE, "feeds", "demo.json"), "rb") as f:
        good = f.read()
    made = {
        "truncated.json": good[: len(good) // 2],
        "not-utf-8.json": good.replace(b'"title"', b'"title\xff\xfe"', 1),
        "deep.json": b'{"version": "https://jsonfeed.org/version/1.1", "title": "Deep", "items": '
                     + b"[" * 5000 + b"]" * 5000 + b"}",
        "over-the-limit.json": b" " * (MAX_BODY_BYTES + 2),
        "just-over-the-limit.json": b'{"items": []}' + b" " * (MAX_BODY_BYTES + 1 - 13),
        "empty.json": b"",
        "rewritten.csv": (
            "kind,id,text,speaker,starts_at,value,approximate,time_zone\n"
            "event,,,,,,,Europe/Zurik\n"
            "statement,s1,A quote,A. Speaker,15/06/2026 10:00,,,\n"
            "tally,t1,Signatures,,,1.23E+05,WAHR,\n"
            "statement,s2,Another,B. Speaker,0.0416666666666667,,,\n").encode(),
        "zoned.csv": (
            "kind,id,text,speaker,starts_at,expires_at,time_zone\n"
            "event,,,,,,Europe/Zurich\n"
            "statement,s1,Later today,A. Speaker,2026-06-15 14:00,,\n"
            "statement,s2,Over,B. Speaker,,2026-06-15 11:00,\n"
            "statement,s3,Now,C. Speaker,2026-03-29 02:30,2026-12-01 09:00,\n").encode(),
        "boxes.json": json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Boxes", "items": [
            {"id": "b", "content_text": "Private \ue000 use and \U0001fae9 and Ж ש ع 中 ह", "authors": [{"name": "X"}]}]},
            ensure_ascii=False).encode(),
    }
    paths = []
    for name, data in made.items():
        path = os.path.join(folder, name)
        with open(path, "wb") as f:
            f.write(data)
        paths.append(path)
    return paths


def validate_lines(path):
    """placard-feed validate's standard error, then its standard output, naming the file as the page does."""
    run = subprocess.run([FEED_BIN, "validate", "--at", AT, os.path.basename(path)], cwd=os.path.dirname(path),
                         capture_output=True, timeout=60)
    text = run.stderr.decode("utf-8", "replace") + run.stdout.decode("utf-8", "replace")
    return text.splitlines()


def drive(steps):
    job = {"chromium": CHROMIUM, "steps": steps}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(job, f)
    try:
        env = dict(os.environ, NODE_PATH=os.path.join(NODE, "node_modules"))
        run = subprocess.run(["node", os.path.join(HERE, "drive.js"), f.name], capture_output=True, text=True,
                             env=env, timeout=600)
    finally:
        os.unlink(f.name)
    if run.returncode != 0:
        raise AssertionError("drive.js failed:\n" + run.stderr)
    return json.loads(run.stdout)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class WithCors(Quiet):
    def end_headers(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()


def serve(folder, handler):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class CheckerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        for what, path in (("the page (platform/build/checker.sh)", os.path.join(PAGE, "checker-wasm.js")),
                           ("Chromium (apt-get install chromium)", CHROMIUM),
                           ("playwright-core (tests/check/prepare.sh)", os.path.join(NODE, "node_modules", "playwright-core"))):
            if not os.path.exists(path):
                raise AssertionError(f"{what} is missing: {path}")
        cls.work = tempfile.mkdtemp(prefix="placard-check-")
        cls.site = os.path.join(cls.work, "site")
        shutil.copytree(PAGE, cls.site)
        cls.feeds = os.path.join(cls.work, "feeds")
        os.mkdir(cls.feeds)
        shutil.copy(os.path.join(SOURCE, "feeds", "examples", "scheduled.json"), cls.feeds)
        shutil.copy(os.path.join(SOURCE, "tests", "feeds", "invalid", "kind-unknown.json"), cls.feeds)
        cls.cors, cls.cors_url = serve(cls.feeds, WithCors)
        cls.plain, cls.plain_url = serve(cls.feeds, Quiet)
        cls.host, cls.host_url = serve(cls.site, Quiet)

    @classmethod
    def tearDownClass(cls):
        for server in (cls.cors, cls.plain, cls.host):
            server.shutdown()
            server.server_close()
        shutil.rmtree(cls.work, ignore_errors=True)

    def page(self, over_http=True, **query):
        query.setdefault("at", AT)
        base = self.host_url + "/index.html" if over_http else "file://" + os.path.join(self.site, "index.html")
        return base + "?" + urllib.parse.urlencode(query)

    def assert_same_as_validate(self, files, over_http):
        results = drive([{"page": self.page(over_http), "files": files}])
        self.assertEqual(len(results), len(files))
        for path, got in zip(files, results):
            with self.subTest(file=os.path.relpath(path, SOURCE) if path.startswith(SOURCE) else os.path.basename(path)):
                self.assertEqual(got["errors"], [])
                self.assertEqual(got["lines"], validate_lines(path))

    def test_every_test_feed_and_sheet_gets_validates_words(self):
        files = test_files()
        self.assertGreater(len(files), 100)
        self.assert_same_as_validate(files, over_http=True)

    def test_hostile_files_get_validates_words(self):
        files = hostile_files(self.work)
        self.assert_same_as_validate(files, over_http=True)
        results = drive([{"page": self.page(), "files": [os.path.join(self.work, "over-the-limit.json")]}])
        self.assertEqual(results[0]["lines"], ["over-the-limit.json: larger than 4096 KiB; is this the right file?"])

    def test_opened_from_disk(self):
        files = [os.path.join(SOURCE, "feeds", "demo.json"), os.path.join(SOURCE, "feeds", "examples", "sheet-template.csv"),
                 os.path.join(SOURCE, "tests", "feeds", "invalid", "title-missing.json")]
        self.assert_same_as_validate(files, over_http=False)

    def test_an_address_is_checked_with_the_servers_cors_header(self):
        address = self.cors_url + "/scheduled.json"
        bad = self.cors_url + "/kind-unknown.json"
        results = drive([{"page": self.page(over_http=False, url=address)},
                         {"page": self.page(over_http=True, url=bad)}])
        for got, name in zip(results, ("scheduled.json", "kind-unknown.json")):
            local = os.path.join(self.feeds, name)
            address_lines = [line.replace(name, (self.cors_url + "/" + name), 1) for line in validate_lines(local)]
            self.assertEqual(got["lines"], address_lines)
        self.assertIn("is valid", results[0]["title"])
        self.assertIn("What the screens will do", results[0]["text"])
        self.assertIn("is not valid", results[1]["title"])

    def test_an_address_without_cors_is_explained(self):
        results = drive([{"page": self.page(url=self.plain_url + "/scheduled.json")},
                         {"page": self.page(url=self.cors_url + "/missing.json")}])
        self.assertEqual(results[0]["title"], "The feed could not be fetched")
        self.assertIn("Access-Control-Allow-Origin: *", results[0]["text"])
        self.assertEqual(results[0]["lines"], [])
        self.assertEqual(results[1]["title"], "The server refused the feed")
        self.assertIn("404", results[1]["text"])

    def test_what_the_screens_will_do(self):
        zoned = [p for p in hostile_files(self.work) if p.endswith("zoned.csv")]
        got = drive([{"page": self.page(), "files": zoned}])[0]
        self.assertEqual(got["live"], "polite")
        self.assertTrue(got["focused"], "the answer's heading takes the focus, for screen readers")
        text = got["text"]
        self.assertIn("Later: from 2026-06-15 14:00 (UTC+02:00)", text)
        self.assertIn("Expired at 2026-06-15 11:00 (UTC+02:00)", text)
        self.assertIn("Showing now, until 2026-12-01 09:00 (UTC+01:00)", text)
        self.assertIn("Statement: a quote and its speaker", text)
        self.assertIn("about 8 s a slide", text)

    def test_each_line_is_marked_as_what_it_is(self):
        template = os.path.join(SOURCE, "feeds", "examples", "sheet-template.csv")
        over = [p for p in hostile_files(self.work) if "over" in os.path.basename(p)]
        self.assertTrue(over, "the hostile files include one over the size limit")
        got = drive([{"page": self.page(at="2026-06-15T10:00:00+02:00"), "files": [template, over[0]]}])
        clean, refused = got
        self.assertEqual(clean["kinds"], ["verdict"], "a clean file's only line is the verdict, not an error")
        self.assertEqual(refused["kinds"], ["error"] * len(refused["lines"]),
                         "a file refused before reading has errors and no verdict")
        scheduled = os.path.join(SOURCE, "feeds", "examples", "scheduled.json")
        warned = drive([{"page": self.page(at="2013-12-11T14:00:00+01:00"), "files": [scheduled]}])[0]
        self.assertEqual(warned["kinds"], ["warning"] * (len(warned["lines"]) - 1) + ["verdict"])

    @unittest.skipUnless(os.environ.get("PLACARD_CHECK_SCREENSHOTS"), "PLACARD_CHECK_SCREENSHOTS not set")
    def test_screenshots(self):
        out = os.environ["PLACARD_CHECK_SCREENSHOTS"]
        os.makedirs(out, exist_ok=True)
        sheet = [p for p in hostile_files(self.work) if p.endswith("rewritten.csv")]
        clean = [os.path.join(SOURCE, "feeds", "examples", "scheduled.json")]
        template = os.path.join(SOURCE, "feeds", "examples", "sheet-template.csv")
        steps = []
        for width, suffix in ((1200, ""), (390, "-phone")):
            steps.append({"page": self.page(), "files": sheet, "width": width,
                          "screenshot": os.path.join(out, f"sheet-with-errors{suffix}.png")})
            steps.append({"page": self.page(at="2013-12-11T14:00:00+01:00"), "files": clean, "width": width,
                          "screenshot": os.path.join(out, f"valid-feed{suffix}.png")})
            steps.append({"page": self.page(at="2026-06-15T10:00:00+02:00"), "files": [template], "width": width,
                          "screenshot": os.path.join(out, f"clean-sheet{suffix}.png")})
        drive(steps)


if __name__ == "__main__":
    unittest.main()
