"""Right-to-left slides in layout.json: placard-feed preview --layout-only
over the language samples and the multilingual example, landscape and
portrait. Every Arabic (and Hebrew) slide says it is right to left and is
mirrored as a whole: the event name ends at the right of the safe area, the
slide's kind and the hashtag start at its left, the counter ends at its right,
and the progress bar fills from the right. Every other slide is not mirrored.
The box-for-box mirror is unit-tested in tests/core/layout/test_layout_mirror.cpp.
"""
import json
import os
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
FEED_BIN = os.environ.get("PLACARD_FEED_BIN", str(ROOT / "build" / "kiosk" / "placard-feed"))
FEEDS = [ROOT / "tests" / "samples" / "languages.json", ROOT / "feeds" / "examples" / "multilingual.json"]
RIGHT_TO_LEFT = {"ar", "he"}


def first(slide, role):
    for line in slide["lines"]:
        if line["role"] == role:
            return line
    raise AssertionError(f"{slide['file']} ({slide['item_id']}) has no {role} line")


def left(box):
    return box[0]


def right(box):
    return box[0] + box[2]


class MirroredPreviewsTest(unittest.TestCase):
    def layout(self, feed, size):
        with tempfile.TemporaryDirectory(prefix="placard-mirror-") as out:
            r = subprocess.run([FEED_BIN, "preview", str(feed), "--out", out, "--size", size, "--layout-only",
                                "--no-pictures"], capture_output=True, text=True, timeout=120)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(os.path.join(out, "layout.json"), encoding="utf-8") as f:
                return json.load(f)

    def test_arabic_slides_are_mirrored_and_the_others_are_not(self):
        seen = {"rtl": 0, "ltr": 0, "ar": 0}
        for feed in FEEDS:
            with open(feed, encoding="utf-8") as f:
                languages = {item["id"]: item.get("language", "") for item in json.load(f)["items"]}
            for size in ("1920x1080", "1080x1920"):
                for slide in self.layout(feed, size)["slides"]:
                    language = languages[slide["item_id"]]
                    with self.subTest(feed=feed.name, size=size, item=slide["item_id"]):
                        safe = slide["safe_area"]
                        event, kind = first(slide, "event"), first(slide, "kind")
                        position, hashtag = first(slide, "position"), first(slide, "hashtag")
                        if language in RIGHT_TO_LEFT:
                            seen["ar"] += language == "ar"
                            self.assertEqual(slide["direction"], "rtl")
                            self.assertEqual(slide["progress"]["fills_from"], "right")
                            self.assertEqual(right(event["box"]), right(safe))
                            self.assertEqual(left(kind["box"]), left(safe))
                            self.assertEqual(right(position["box"]), right(safe))
                            self.assertEqual(left(hashtag["box"]), left(safe))
                            # The text starts at the right: every line of the item ends nearer the right edge.
                            for line in slide["lines"]:
                                if line["role"] in ("quote", "speaker", "role", "attribution"):
                                    self.assertGreater(right(line["box"]) - left(safe), right(safe) - right(line["box"]),
                                                       line["role"])
                        if slide["direction"] == "rtl":
                            seen["rtl"] += 1
                            self.assertIn(language, RIGHT_TO_LEFT | {""})
                        else:
                            seen["ltr"] += 1
                            self.assertNotIn(language, RIGHT_TO_LEFT)
                            self.assertEqual(slide["progress"]["fills_from"], "left")
                            self.assertEqual(left(event["box"]), left(safe))
                            self.assertEqual(right(kind["box"]), right(safe))
                            self.assertEqual(left(position["box"]), left(safe))
                            self.assertEqual(right(hashtag["box"]), right(safe))
                        self.assertEqual(slide["progress"]["box"][0], left(safe))
                        self.assertEqual(right(slide["progress"]["box"]), right(safe))
        self.assertGreaterEqual(seen["ar"], 6, seen)  # two samples and one example, in both shapes
        self.assertGreater(seen["ltr"], seen["rtl"], seen)


if __name__ == "__main__":
    unittest.main()
