"""Real JSON Feeds that nobody here wrote (blogs, micro.blog, podcasts, a
reader's test fixtures; in ../shared/realfeeds/ beside the project): every one
that is JSON is accepted by placard-feed validate, with its warnings each at a
JSON Pointer; the one that is not JSON is refused with its line and column; and
the slides that preview lays out for each, landscape and portrait, have no
blank slide and no line with HTML markup or Markdown syntax left in it.

The feeds are other people's writing and are not part of the project: where
the folder is absent the test says so and is reported as skipped. The rules
themselves are unit-tested on the project's own fixtures (tests/core/feed,
tests/core/layout, tests/core/plan).
"""
import html.parser
import json
import os
import re
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = Path(os.environ.get("PLACARD_REALFEEDS", ROOT.parent / "shared" / "realfeeds"))
FEED_BIN = os.environ.get("PLACARD_FEED_BIN", str(ROOT / "build" / "kiosk" / "placard-feed"))
TIMEOUT_SECONDS = 120  # the 360-item feed lays out in a few seconds; a hang is what is caught

# Lines that frame every slide rather than show the item.
CHROME_ROLES = {"kind", "event", "position", "demo", "hashtag", "banner", "stale"}

HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>")
HTML_ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]{1,7});")
MARKDOWN = [
    ("a Markdown image", re.compile(r"!\[[^\]]*\]\(")),
    ("a Markdown link", re.compile(r"\]\([^)\s]*\)")),
    ("Markdown bold", re.compile(r"\*\*\S|\S\*\*")),
    ("a Markdown heading", re.compile(r"^#{1,6} ")),
    ("a Markdown code fence", re.compile(r"```")),
]


class VisibleText(html.parser.HTMLParser):
    """The text a browser shows for an item's HTML: tags gone, entities read."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def visible_texts(feed):
    """Each item's text as its author's readers see it, by id and by url: the
    page's words for content_html, the raw text for content_text alone (which
    is plain text, so any markup in it is for the screen to reduce)."""
    out = {}
    for item in feed.get("items", []):
        if not isinstance(item, dict):
            continue
        if isinstance(item.get("content_html"), str) and item["content_html"].strip():
            parser = VisibleText()
            parser.feed(item["content_html"])
            text = "".join(parser.parts)
        else:
            text = "" if isinstance(item.get("content_text"), str) and item["content_text"].strip() else \
                str(item.get("title", ""))
        text = " ".join(text.split())
        for key in ("id", "url"):
            if isinstance(item.get(key), (str, int)):
                out[str(item[key])] = text
    return out


def markup_left(text, visible):
    """Markup in a line of slide text that the item's readers do not see as
    words (an author writing about the <font> tag, or code with Array<String>,
    shows those characters on the page too), or None."""
    for name, pattern in [("an HTML tag", HTML_TAG), ("an HTML entity", HTML_ENTITY)] + MARKDOWN:
        for match in pattern.finditer(text):
            if " ".join(match.group(0).split()) not in visible:
                return "%s (%r)" % (name, match.group(0))
    return None


def corpus_files():
    return sorted(CORPUS.glob("*.json"))


def is_json(path):
    try:
        json.loads(path.read_bytes())
        return True
    except ValueError:
        return False


class RealFeedsTest(unittest.TestCase):
    def setUp(self):
        if not CORPUS.is_dir() or not corpus_files():
            self.skipTest("the real feeds are not here (%s); skipped" % CORPUS)

    def validate(self, path):
        r = subprocess.run([FEED_BIN, "validate", str(path)], capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
        return r.returncode, r.stdout, r.stderr

    def test_every_json_feed_is_accepted_with_its_warnings_and_the_rest_refused_clearly(self):
        summary = []
        for path in corpus_files():
            with self.subTest(feed=path.name):
                code, out, err = self.validate(path)
                self.assertIn(code, (0, 1), "crashed: " + err[-500:])
                if not is_json(path):
                    self.assertEqual(code, 1, "a file that is not JSON was accepted")
                    self.assertRegex(err, r"not valid JSON at line [0-9]+, column [0-9]+")
                    summary.append("%s: refused (not JSON)" % path.name)
                    continue
                self.assertEqual(code, 0, "refused:\n" + err[-2000:])
                shown = re.search(r"valid \(([0-9]+) items?\)", out + err)
                self.assertIsNotNone(shown, out + err)
                self.assertGreater(int(shown.group(1)), 0, "accepted with nothing to show")
                warnings = [line for line in err.splitlines() if line.strip()]
                for line in warnings:
                    # Each warning names the file and its place, a JSON Pointer.
                    self.assertTrue(line.startswith(str(path) + ": /"), line)
                    self.assertIn("warning:", line)
                summary.append("%s: accepted, %s items shown, %d warnings" % (path.name, shown.group(1), len(warnings)))
        print("\n" + "\n".join(summary))

    def test_previews_have_no_blank_slide_and_no_markup_left(self):
        for size in ("1920x1080", "1080x1920"):
            for path in corpus_files():
                if not is_json(path):
                    continue
                with self.subTest(feed=path.name, size=size), tempfile.TemporaryDirectory() as out:
                    r = subprocess.run([FEED_BIN, "preview", str(path), "--out", out, "--size", size, "--layout-only",
                                        "--no-pictures"], capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
                    self.assertEqual(r.returncode, 0, r.stderr[-2000:])
                    slides = json.loads(Path(out, "layout.json").read_text())["slides"]
                    visible = visible_texts(json.loads(path.read_bytes()))
                    self.assertGreater(len(slides), 0)
                    for slide in slides:
                        where = "%s (item %s)" % (slide["file"], slide.get("item_id", ""))
                        content = [line for line in slide["lines"] if line["role"] not in CHROME_ROLES]
                        texts = [line["text"] for line in content]
                        self.assertTrue(any(t.strip() for t in texts) or slide.get("photo"),
                                        "blank slide " + where)
                        first_of_role = {}
                        for line in content:
                            first_of_role.setdefault(line["role"], line["text"])
                        for role, text in first_of_role.items():
                            self.assertTrue(text.strip(), "the %s starts with a blank line on %s" % (role, where))
                        for line in slide["lines"]:
                            found = markup_left(line["text"], visible.get(slide.get("item_id", ""), ""))
                            self.assertIsNone(found, "%s left in %r on %s" % (found, line["text"], where))


if __name__ == "__main__":
    unittest.main()
