"""Article 1 of the Universal Declaration of Human Rights in eight languages,
from the UN's own translations in ../shared/corpora/udhr when that folder is
present, rendered by `placard-feed preview` with the installed fonts:
no missing glyphs, the right direction, right-to-left text right-aligned.

Environment: PLACARD_FEED_BIN, and PLACARD_CORPORA (the corpora folder).
Skips, saying so, when either is missing.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

FEED_BIN = os.environ.get("PLACARD_FEED_BIN")
CORPORA = os.environ.get("PLACARD_CORPORA", "")
UDHR = os.path.join(CORPORA, "udhr")
LANGUAGES = {"arb": "ar", "cmn_hans": "zh", "eng": "en", "fra": "fr", "rus": "ru", "spa": "es", "heb": "he", "hin": "hi"}
RIGHT_TO_LEFT = {"ar", "he"}


def article_one(path: str) -> str:
    root = ET.parse(path).getroot()
    article = next(e for e in root.iter() if e.tag.endswith("article"))
    paras = ["".join(p.itertext()).strip() for p in article.iter() if p.tag.endswith("para")]
    return re.sub(r"\s+", " ", " ".join(paras)).strip()


@unittest.skipUnless(FEED_BIN, "PLACARD_FEED_BIN is not set")
@unittest.skipUnless(os.path.isdir(UDHR), "the UDHR corpus (../shared/corpora/udhr) is not here")
class UdhrPreviewTest(unittest.TestCase):
    def test_article_one_in_every_language(self):
        items = []
        for code, tag in LANGUAGES.items():
            text = article_one(os.path.join(UDHR, f"udhr_{code}.xml"))
            self.assertTrue(text, code)
            items.append({"id": f"udhr-{tag}", "content_text": text, "language": tag,
                          "authors": [{"name": "Universal Declaration of Human Rights, Article 1"}]})
        feed = {"version": "https://jsonfeed.org/version/1.1", "title": "UDHR Article 1", "items": items}
        with tempfile.TemporaryDirectory(prefix="placard-udhr-") as tmp:
            path = os.path.join(tmp, "udhr.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(feed, f, ensure_ascii=False)
            out = os.path.join(tmp, "out")
            r = subprocess.run([FEED_BIN, "preview", path, "--out", out, "--size", "1920x1080"],
                               capture_output=True, text=True, timeout=120)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(os.path.join(out, "layout.json"), encoding="utf-8") as f:
                layout = json.load(f)
        self.assertEqual(len(layout["slides"]), len(LANGUAGES))
        for slide in layout["slides"]:
            tag = slide["item_id"].split("-")[1]
            with self.subTest(language=tag):
                self.assertEqual(slide["missing_glyphs"], [])
                self.assertFalse(slide["overflow"])
                self.assertEqual(slide["direction"], "rtl" if tag in RIGHT_TO_LEFT else "ltr")
                quote = [line for line in slide["lines"] if line["role"] == "quote"]
                self.assertTrue(quote)
                if tag in RIGHT_TO_LEFT:
                    ends = {line["box"][0] + line["box"][2] for line in quote}
                    self.assertEqual(len(ends), 1, "right-to-left lines share their right edge")
                else:
                    self.assertEqual(len({line["box"][0] for line in quote}), 1)


if __name__ == "__main__":
    unittest.main()
