"""The benchmark's method without running it: the first-paint detector on
synthetic screens, the A/B schedule, the window and the rotation check, and
the medians, ranges and ratios. Seconds long; ctest runs it as bench.method.
"""

from __future__ import annotations

import json
import unittest
from pathlib import Path

import figures
import paint
import report

SOURCE = Path(__file__).resolve().parent.parent.parent
TEXT = (0xF4, 0xF6, 0xFA)  # the dark theme's text colour


def screen(fill: tuple[int, int, int], text: tuple[int, int, int] | None = None, text_share: float = 0.0) -> bytes:
    """A BGRX image of the detector's area: `fill`, with the first text_share
    of its pixels in `text` (as a line of glyphs would be)."""
    w, h = paint.AREA[2], paint.AREA[3]
    count = w * h
    inked = int(count * text_share)
    px = lambda rgb: bytes((rgb[2], rgb[1], rgb[0], 0))  # noqa: E731
    return (px(text) * inked if text else b"") + px(fill) * (count - inked)


def blend(a: tuple, b: tuple, alpha: float) -> tuple:
    return tuple(round(x + (y - x) * alpha) for x, y in zip(a, b))


class FirstPaintTest(unittest.TestCase):
    def test_a_screen_before_any_program_drew_is_not_a_slide(self):
        self.assertFalse(paint.slide_is_shown(screen((0, 0, 0))))

    def test_a_blank_white_or_grey_window_is_not_a_slide(self):
        self.assertFalse(paint.slide_is_shown(screen((255, 255, 255))))
        self.assertFalse(paint.slide_is_shown(screen((0x80, 0x80, 0x80))))

    def test_the_background_alone_is_not_a_slide(self):
        self.assertFalse(paint.slide_is_shown(screen(paint.BACKGROUND)))

    def test_the_background_with_text_is_the_slide(self):
        self.assertTrue(paint.slide_is_shown(screen(paint.BACKGROUND, TEXT, 0.10)))

    def test_a_speck_of_text_is_not_yet_the_slide(self):
        self.assertFalse(paint.slide_is_shown(screen(paint.BACKGROUND, TEXT, 0.001)))

    def test_text_fading_in_counts_once_it_is_a_quarter_there(self):
        faint = blend(paint.BACKGROUND, TEXT, 0.10)
        quarter = blend(paint.BACKGROUND, TEXT, 0.25)
        self.assertFalse(paint.slide_is_shown(screen(paint.BACKGROUND, faint, 0.10)))
        self.assertTrue(paint.slide_is_shown(screen(paint.BACKGROUND, quarter, 0.10)))

    def test_a_white_flash_with_dark_text_is_not_the_slide(self):
        self.assertFalse(paint.slide_is_shown(screen((255, 255, 255), paint.BACKGROUND, 0.10)))

    def test_fractions_count_each_pixel_once(self):
        background, ink = paint.fractions(screen(paint.BACKGROUND, TEXT, 0.25))
        self.assertAlmostEqual(background, 0.75, places=3)
        self.assertAlmostEqual(ink, 0.25, places=3)
        self.assertEqual(paint.fractions(b""), (0.0, 0.0))


class ScheduleTest(unittest.TestCase):
    def test_pairs_alternate_placard_then_chromium(self):
        order = figures.schedule(3)
        self.assertEqual([p for _, p in order], ["placard", "chromium"] * 3)
        self.assertEqual([n for n, _ in order], [0, 0, 1, 1, 2, 2])

    def test_no_pairs_is_refused(self):
        with self.assertRaises(ValueError):
            figures.schedule(0)


class RotationTest(unittest.TestCase):
    def setUp(self):
        self.slides = figures.rotation(json.loads((SOURCE / "feeds" / "demo.json").read_text(encoding="utf-8")))

    def test_the_window_holds_every_slide_of_the_demo_feed(self):
        feed = json.loads((SOURCE / "feeds" / "demo.json").read_text(encoding="utf-8"))
        self.assertEqual([i for i, _ in self.slides], [item["id"] for item in feed["items"]])
        kinds = {item.get("_placard", {}).get("kind", "statement") for item in feed["items"]}
        self.assertEqual(kinds, {"statement", "tally"})
        total = sum(s for _, s in self.slides)
        self.assertEqual(figures.window_seconds(self.slides), total + figures.AFTER_ROTATION_SECONDS)
        self.assertTrue(all(8 <= s <= 45 for _, s in self.slides), "each within the reading-time floor and ceiling")

    def starts(self, skip: int = -1, late: int = -1, stop: int | None = None) -> list[tuple[str, float]]:
        """The slide starts a program keeping to the rule would report, from 100 s on its clock."""
        out, at = [], 100.0
        for n in range(len(self.slides) + 1):
            ident, seconds = self.slides[n % len(self.slides)]
            if n != skip:
                out.append((ident, at + (2.0 if n == late else 0.0)))
            at += seconds
        return out[:stop]

    def test_a_program_on_time_passes(self):
        window = figures.window_seconds(self.slides)
        self.assertIsNone(figures.check_slides(self.starts(), self.slides, window))

    def test_a_picture_built_again_is_the_same_slide(self):
        shown = self.starts()
        shown.insert(1, (shown[0][0], shown[0][1] + 0.4))
        self.assertIsNone(figures.check_slides(shown, self.slides, figures.window_seconds(self.slides)))

    def test_a_skipped_late_or_missing_slide_fails(self):
        window = figures.window_seconds(self.slides)
        self.assertIn("came instead", figures.check_slides(self.starts(skip=3), self.slides, window))
        self.assertIn("due at", figures.check_slides(self.starts(late=5), self.slides, window))
        self.assertIn("only 6 slides", figures.check_slides(self.starts(stop=6), self.slides, window))
        self.assertEqual(figures.check_slides([], self.slides, window), "no slide was shown")

    def test_a_short_window_needs_only_what_fits(self):
        self.assertIsNone(figures.check_slides(self.starts(stop=1), self.slides, 20))


class FiguresTest(unittest.TestCase):
    def test_median_and_range(self):
        s = figures.summary([3.0, 1.0, 2.0, 10.0])
        self.assertEqual((s["median"], s["min"], s["max"]), (2.5, 1.0, 10.0))
        with self.assertRaises(ValueError):
            figures.summary([])

    def test_ratios_are_taken_pair_by_pair(self):
        # Pair by pair 10, 2 and 4; the ratio of the medians would be 3.
        r = figures.ratios([10.0, 6.0, 12.0], [1.0, 3.0, 3.0])
        self.assertEqual((r["median"], r["min"], r["max"]), (4.0, 2.0, 10.0))
        with self.assertRaises(ValueError):
            figures.ratios([1.0], [1.0, 2.0])

    def test_shown_gives_the_range_only_when_it_differs(self):
        self.assertEqual(figures.shown(figures.summary([1.0, 2.0, 4.0]), 1, "x"), "2.0x (1.0–4.0x)")
        self.assertEqual(figures.shown(figures.summary([35.21, 35.24]), 1, " MiB"), "35.2 MiB")

    def test_goals_are_met_only_by_the_figures(self):
        self.assertIn("met in every pair", report.goal_sentence(figures.summary([12, 15, 13]), 10, "CPU"))
        self.assertIn("not in every pair", report.goal_sentence(figures.summary([9, 15, 13]), 10, "CPU"))
        self.assertIn("not met", report.goal_sentence(figures.summary([2, 3, 4]), 10, "CPU"))


if __name__ == "__main__":
    unittest.main()
