"""The benchmark's method, free of processes and screens so that it can be
tested (test_method.py): the order of the runs, how long a run watches, the
check that each program showed the whole rotation on time, and medians,
ranges and ratios over the pairs. Used by run_bench.py and report.py.
"""

from __future__ import annotations

import statistics

import html_slides

PROGRAMS = ("placard", "chromium")
# After the last slide of the rotation the window holds the crossfade back to
# the first (700 ms) and a little more, so the whole rotation is inside it.
AFTER_ROTATION_SECONDS = 2.0
SLIDE_START_TOLERANCE = 0.5  # seconds a slide may start early or late against the reading-time rule


def schedule(pairs: int) -> list[tuple[int, str]]:
    """A B A B ...: (pair, program) in the order they run. Alternating spreads
    whatever else the machine is doing over both programs alike."""
    if pairs < 1:
        raise ValueError("at least one pair")
    return [(pair, program) for pair in range(pairs) for program in PROGRAMS]


def rotation(feed: dict) -> list[tuple[str, float]]:
    """(item id, seconds on screen) for each slide of one rotation of a feed
    without urgent or pinned items, by Placard's reading-time rule (the page's
    copy of it; check_slides holds both programs to it)."""
    items = [i for i in feed["items"] if i.get("_placard", {}).get("priority", "normal") == "normal"]
    return [(i["id"], html_slides.reading_ms(i) / 1000) for i in items]


def window_seconds(slides: list[tuple[str, float]]) -> float:
    """How long to watch from the first paint to see the whole rotation."""
    return sum(seconds for _, seconds in slides) + AFTER_ROTATION_SECONDS


def check_slides(shown: list[tuple[str, float]], expected: list[tuple[str, float]], window: float) -> str | None:
    """None when the slides a program reports (id, start in seconds on its own
    clock) from its first slide to `window` seconds later are the rotation's,
    in order, each starting when the reading-time rule says; else what differs."""
    # The same id twice running is one slide whose picture was built again
    # (Placard logs each picture, and rebuilds the one on screen when the rest
    # of the feed has been planned); the rotation never repeats a slide at once.
    shown = [s for n, s in enumerate(shown) if n == 0 or s[0] != shown[n - 1][0]]
    if not shown:
        return "no slide was shown"
    first = shown[0][1]
    inside = [(ident, at - first) for ident, at in shown if at - first <= window]
    due = 0.0
    for n, (ident, at) in enumerate(inside):
        want, seconds = expected[n % len(expected)]
        if ident != want:
            return f"slide {want} was due at {due:.1f} s, {ident} came instead"
        if abs(at - due) > SLIDE_START_TOLERANCE:
            return f"slide {ident} started at {at:.1f} s, due at {due:.1f} s by the reading-time rule"
        due += seconds
    if due < window - SLIDE_START_TOLERANCE:
        return f"only {len(inside)} slides in {window:.0f} s: the next was due at {due:.1f} s"
    return None


def summary(values: list[float]) -> dict:
    """Median and range (min to max) over the pairs."""
    if not values:
        raise ValueError("no values")
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "values": list(values)}


def ratios(chromium: list[float], placard: list[float]) -> dict:
    """Chromium's figure over Placard's, pair by pair, summarised: each pair
    ran close together in time, so its ratio shares that moment's load."""
    if len(chromium) != len(placard):
        raise ValueError("a figure for each program in every pair")
    return summary([c / p if p > 0 else float("inf") for c, p in zip(chromium, placard)])


def shown(s: dict, digits: int = 1, unit: str = "") -> str:
    """'median (min–max)' with the unit after both."""
    f = f"{{:.{digits}f}}"
    if f.format(s["min"]) == f.format(s["max"]):
        return f"{f.format(s['median'])}{unit}"
    return f"{f.format(s['median'])}{unit} ({f.format(s['min'])}–{f.format(s['max'])}{unit})"
