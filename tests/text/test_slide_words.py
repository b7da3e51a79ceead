"""The words a slide adds around what the feed says ("STATEMENT", "As of
11 December 2013", "Source:", "Read on"...) are in the slide's language: every
slide of the language samples, the six-language example and a feed of every
kind of slide in each UN language is laid out by `placard-feed preview
--layout-only`, and no French, Spanish, Russian, Arabic or Chinese slide in its
layout.json carries a word of the English table (assets/slide-words.json);
dates and numbers are ICU's. A feed's own wording (`_placard.words`) replaces
the table's, and a wrong one is refused at its JSON Pointer.

Environment: PLACARD_FEED_BIN (placard-feed).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
FEED_BIN = os.environ.get("PLACARD_FEED_BIN", str(ROOT / "build" / "kiosk" / "placard-feed"))
TABLE = json.loads((ROOT / "assets" / "slide-words.json").read_text(encoding="utf-8"))
OTHERS = ["fr", "es", "ru", "ar", "zh"]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def texts(word):
    return list(word.values()) if isinstance(word, dict) else [word]


def fragments(language):
    """The literal pieces of a language's slide words ("As of ", "Source: ")."""
    out = set()
    for key, word in TABLE[language].items():
        if key.startswith("card."):
            continue
        for text in texts(word):
            for piece in PLACEHOLDER.split(text):
                if sum(c.isalpha() for c in piece) >= 3:
                    out.add(piece.strip())
    return out


ENGLISH = fragments("en")


def english_in(line_text, language):
    """The English slide words in a line of a slide in `language`, less those its own table shares ("URGENT")."""
    own = fragments(language)
    return [e for e in ENGLISH if e in line_text and not any(e in o for o in own)]


def squeezed(text):
    """Text without its ASCII spaces and line breaks, which wrapping moves (no-break spaces stay),
    and without the left-to-right marks that hold a Latin value inside right-to-left words."""
    return text.replace(" ", "").replace("\n", "").replace("\u200e", "")


def preview(feed_path, out, size="1920x1080", extra=()):
    r = subprocess.run([FEED_BIN, "preview", str(feed_path), "--out", str(out), "--size", size, "--layout-only",
                        "--no-pictures", *extra], capture_output=True, text=True, timeout=120)
    return r


def slide_languages(feed):
    """Each item's language by id: its own, else the feed's, as its primary subtag."""
    out = {}
    for item in feed["items"]:
        tag = item.get("language") or feed.get("language") or "en"
        out[item["id"]] = tag.split("-")[0].lower()
    return out


def feed_of_every_kind(language, number_text="1234"):
    """A statement on two pages, a tally with all its words, a shortened post,
    a picture without its picture, an urgent notice: every slide word in one language."""
    long_text = " ".join(["Lorem ipsum dolor sit amet, consectetur adipiscing elit."] * 60)
    return {
        "version": "https://jsonfeed.org/version/1.1", "title": "Words", "language": language,
        "_placard": {"event": {"name": "Event", "hashtag": "#Event"}},
        "items": [
            {"id": "statement", "content_text": long_text, "authors": [{"name": "A. Speaker"}],
             "date_published": "2013-12-11T10:00:00+01:00"},
            {"id": "tally", "title": "Participants", "content_text": "Registered in the room",
             "_placard": {"kind": "tally", "value": int(number_text), "approximate": True, "as_of": "2013-12-11",
                          "source": "Registration", "previous": {"value": 1000, "as_of": "2013-12-09"},
                          "breakdown": [{"label": "P%d" % i, "value": 100 - i} for i in range(12)]}},
            {"id": "tally-same", "title": "Same", "_placard": {"kind": "tally", "value": 5, "as_of": "2013-12-11",
                                                                 "previous": {"value": 5, "as_of": "2013-12-10"}}},
            {"id": "post", "title": "A post", "content_text": "Text", "url": "https://example.org/post",
             "_placard": {"kind": "post"}},
            {"id": "post-no-qr", "title": "A post", "content_text": long_text * 4, "url": "https://example.org/long",
             "_placard": {"kind": "post", "qr": False}},
            {"id": "picture", "url": "https://example.org/picture", "image": "https://example.org/p.jpg",
             "_placard": {"kind": "post"}},
            {"id": "picture-bare", "image": "https://example.org/q.jpg", "_placard": {"kind": "post"}},
            {"id": "notice", "title": "Room change", "content_text": "Room XX",
             "_placard": {"kind": "notice", "priority": "urgent"}},
        ],
    }


@unittest.skipUnless(os.path.exists(FEED_BIN), "placard-feed is not built")
class SlideWordsTest(unittest.TestCase):
    def check_no_english(self, feed_path, feed):
        languages = slide_languages(feed)
        checked = 0
        for size in ("1920x1080", "1080x1920"):
            with tempfile.TemporaryDirectory() as out:
                r = preview(feed_path, out, size)
                self.assertEqual(r.returncode, 0, r.stderr[-2000:])
                slides = json.loads(Path(out, "layout.json").read_text(encoding="utf-8"))["slides"]
            for slide in slides:
                language = languages.get(slide.get("item_id", ""), "en")
                if language not in OTHERS:
                    continue
                checked += 1
                for line in slide["lines"]:
                    with self.subTest(feed=feed_path.name, size=size, slide=slide["file"], role=line["role"]):
                        self.assertEqual(english_in(line["text"], language), [], line["text"])
        return checked

    def test_the_language_samples_carry_no_english_slide_word(self):
        for path in (ROOT / "tests" / "samples" / "languages.json", ROOT / "feeds" / "examples" / "multilingual.json"):
            feed = json.loads(path.read_text(encoding="utf-8"))
            self.assertGreater(self.check_no_english(path, feed), 0, path.name)

    def test_every_kind_of_slide_in_each_un_language(self):
        with tempfile.TemporaryDirectory() as tmp:
            for language in OTHERS + ["zh-Hans", "fr-CH"]:
                feed = feed_of_every_kind(language)
                path = Path(tmp, "every-kind-%s.json" % language)
                path.write_text(json.dumps(feed, ensure_ascii=False), encoding="utf-8")
                self.assertGreater(self.check_no_english(path, feed), 0, language)
            # The English feed does show the English words: the check above can fail.
            path = Path(tmp, "every-kind-en.json")
            path.write_text(json.dumps(feed_of_every_kind("en")), encoding="utf-8")
            with tempfile.TemporaryDirectory() as out:
                self.assertEqual(preview(path, out).returncode, 0)
                shown = "\n".join(l["text"] for s in json.loads(Path(out, "layout.json").read_text())["slides"]
                                  for l in s["lines"])
            for words in ("STATEMENT", "IN NUMBERS", "Around", "As of 11 December 2013", "Source: Registration",
                          "NEWS", "Read on", "PICTURE", "URGENT", "1,234", "No change since", "See the picture",
                          "Continued at example.org", "Picture", "+234 since 9 December 2013"):
                self.assertIn(squeezed(words), squeezed(shown))

    def test_dates_and_numbers_are_written_the_languages_way(self):
        expected = {
            "fr": ["Au 11 décembre 2013", "1\u202f234", "Source\u202f: Registration", "Environ", "EN CHIFFRES"],
            "es": ["Al 11 de diciembre de 2013", "1234", "Fuente: Registration", "EN CIFRAS"],
            "ru": ["По состоянию на 11 декабря 2013\u202fг.", "1\u00a0234", "Источник: Registration"],
            "ar": ["حتى ١١ ديسمبر ٢٠١٣", "١٬٢٣٤", "المصدر: Registration", "بالأرقام"],
            "zh": ["截至2013年12月11日", "1,234", "来源：Registration", "数据一览"],
        }
        with tempfile.TemporaryDirectory() as tmp:
            for language, words in expected.items():
                path = Path(tmp, "tally-%s.json" % language)
                path.write_text(json.dumps(feed_of_every_kind(language), ensure_ascii=False), encoding="utf-8")
                with tempfile.TemporaryDirectory() as out:
                    self.assertEqual(preview(path, out).returncode, 0)
                    slides = json.loads(Path(out, "layout.json").read_text(encoding="utf-8"))["slides"]
                shown = "\n".join(l["text"] for s in slides if s.get("item_id") == "tally" for l in s["lines"])
                for w in words:
                    with self.subTest(language=language, words=w):
                        self.assertIn(squeezed(w), squeezed(shown))

    def test_a_feed_rewords_a_slide_word_for_its_event(self):
        feed = feed_of_every_kind("fr")
        feed["_placard"]["words"] = {"fr": {"statement": "TÉMOIGNAGE", "as_of": "Chiffre du {date}",
                                            "event": "Semaine des défenseurs"},
                                     "en": {"statement": "TESTIMONY"}}
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp, "reworded.json")
            path.write_text(json.dumps(feed, ensure_ascii=False), encoding="utf-8")
            r = subprocess.run([FEED_BIN, "validate", str(path)], capture_output=True, text=True, timeout=60)
            self.assertEqual(r.returncode, 0, r.stderr)
            with tempfile.TemporaryDirectory() as out:
                self.assertEqual(preview(path, out).returncode, 0)
                slides = json.loads(Path(out, "layout.json").read_text(encoding="utf-8"))["slides"]
        lines = {(s["item_id"], l["role"]): l["text"] for s in slides for l in s["lines"]}
        self.assertTrue(lines[("statement", "kind")].startswith("TÉMOIGNAGE"))
        self.assertEqual(lines[("statement", "event")], "Semaine des défenseurs")
        self.assertIn("Chiffre du 11 décembre 2013", lines[("tally", "source")])
        self.assertEqual(lines[("tally", "kind")], "EN CHIFFRES")  # the words not reworded stay the table's

    def test_a_wrong_rewording_is_refused_at_its_pointer(self):
        cases = [
            ({"fr": {"as_of": "Au"}}, "/_placard/words/fr/as_of", "keep {date}"),
            ({"fr": {"as_of": "Au {jour}"}}, "/_placard/words/fr/as_of", "{jour} is not filled in here"),
            ({"fr": {"statment": "X"}}, "/_placard/words/fr/statment", 'did you mean "statement"'),
            ({"fr": {"statement": 3}}, "/_placard/words/fr/statement", "expected a string"),
            ({"fr": {"statement": " "}}, "/_placard/words/fr/statement", "one line"),
            ({"fr-CH": {"statement": "X"}}, "/_placard/words/fr-CH", "the language alone"),
            ({"fr": ["statement"]}, "/_placard/words/fr", "expected an object of words"),
            (["fr"], "/_placard/words", "expected an object of languages"),
            ({"fr": {"statement": "X" * 101}}, "/_placard/words/fr/statement", "at most 100"),
        ]
        with tempfile.TemporaryDirectory() as tmp:
            for words, pointer, message in cases:
                with self.subTest(pointer=pointer, message=message):
                    feed = feed_of_every_kind("fr")
                    feed["_placard"]["words"] = words
                    path = Path(tmp, "bad.json")
                    path.write_text(json.dumps(feed, ensure_ascii=False), encoding="utf-8")
                    r = subprocess.run([FEED_BIN, "validate", str(path)], capture_output=True, text=True, timeout=60)
                    self.assertEqual(r.returncode, 1, r.stderr)
                    line = next((l for l in r.stderr.splitlines() if (": " + pointer + ": ") in l), "")
                    self.assertIn(message, line, r.stderr)


if __name__ == "__main__":
    unittest.main()
