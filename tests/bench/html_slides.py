#!/usr/bin/env python3
"""The browser kiosk that Placard is measured against: one static HTML page
showing a feed's slides the way Placard does.

    html_slides.py FEED.json OUT.html [--demo]

What a web developer would write for the same job: the feed's statements and
tallies in Noto fonts at 1920x1080 in Placard's dark theme and roughly its
layout, each slide on screen for as long as Placard keeps it (the same
reading-time rule as kiosk/core/schedule/schedule.cpp), a 700 ms CSS crossfade, a
progress bar that moves once a second and a tally that counts up over 1.2 s,
as Placard's do. Standard library only; the page loads nothing from outside.

For the benchmark the page writes a `PLACARD_BENCH slide ID UNIX_MS` line to
the console at each slide change (Chromium's --enable-logging=stderr turns it
into a log line), so the run can check it kept to the rotation.
"""

from __future__ import annotations

import argparse
import datetime
import html
import json
import math
import re
import sys

# kiosk/core/schedule/schedule.h: ReadingPace.
WORDS_PER_MINUTE = 130
CJK_CHARS_PER_MINUTE = 260
LEAD_IN_MS, FLOOR_MS, CEILING_MS = 3000, 8000, 45000

# kiosk/core/layout/theme.h: the dark theme.
THEME = {"background": "#101826", "text": "#F4F6FA", "muted": "#B4BFCC", "accent": "#F2B23E",
         "track": "#2A3548", "on_accent": "#101826"}


def item_text(item: dict) -> str:
    if item.get("content_text"):
        return item["content_text"]
    if item.get("content_html"):
        return html.unescape(re.sub(r"<[^>]+>", " ", item["content_html"])).strip()
    return item.get("summary") or item.get("title") or ""


def is_cjk(text: str) -> bool:
    letters = [c for c in text if not c.isspace()]
    cjk = [c for c in letters if 0x3000 <= ord(c) <= 0x9FFF or 0xAC00 <= ord(c) <= 0xD7AF]
    return bool(letters) and len(cjk) * 2 > len(letters)


def reading_ms(item: dict) -> int:
    """schedule.cpp's reading_time: words (or CJK characters) at a room's pace, plus a lead-in."""
    ext = item.get("_placard", {})
    if "duration_seconds" in ext:
        return ext["duration_seconds"] * 1000
    speaker = (item.get("authors") or [{}])[0].get("name", "")
    everything = " ".join([item.get("title", ""), item_text(item), speaker, ext.get("role", "")])
    if is_cjk(everything):
        reading = len(everything) * 60000 // CJK_CHARS_PER_MINUTE
    else:
        reading = len(re.findall(r"[^ \n]+", everything)) * 60000 // WORDS_PER_MINUTE
    return max(FLOOR_MS, min(CEILING_MS, reading + LEAD_IN_MS))


def long_date(rfc3339: str) -> str:
    if not rfc3339:
        return ""
    day = datetime.date.fromisoformat(rfc3339[:10])
    return f"{day.day} {day.strftime('%B %Y')}"


def quote_px(text: str) -> int:
    """The largest size at which the quote fills its box, roughly: the kiosk fits
    text exactly (kiosk/core/text/text_fit.cpp); a page picks a size from the length."""
    box_area = 1614 * 560
    px = math.sqrt(box_area / (max(1, len(text)) * 0.55 * 1.37))
    return int(max(48, min(89, px)))


def statement_html(item: dict) -> str:
    e = html.escape
    ext = item.get("_placard", {})
    speaker = (item.get("authors") or [{}])[0].get("name", "")
    role = ", ".join(x for x in (ext.get("role", ""), ext.get("organisation", "")) if x)
    text = item_text(item)
    return (f'<div class="mark">\u201c</div><div class="quote" style="font-size:{quote_px(text)}px">{e(text)}</div>'
            f'<div class="who"><div class="rule"></div><div class="speaker">{e(speaker)}</div>'
            f'<div class="role">{e(role)}</div><div class="date">{e(long_date(item.get("date_published", "")))}</div></div>')


def tally_html(item: dict) -> str:
    e = html.escape
    t = item["_placard"]
    source = " \u00b7 ".join(x for x in (f"As of {long_date(t['as_of'])}" if t.get("as_of") else "",
                                          f"Source: {t['source']}" if t.get("source") else "") if x)
    detail = item.get("content_text", "")
    return (f'<div class="figure">{"<div class=around>Around</div>" if t.get("approximate") else ""}'
            f'<div class="number" data-value="{t["value"]}">0</div></div>'
            f'<div class="facts"><div class="label">{e(item.get("title", ""))}</div>'
            f'<div class="detail">{e(detail)}</div><div class="thin"></div><div class="source">{e(source)}</div></div>')


def page(feed: dict, demo: bool) -> str:
    e = html.escape
    event = feed.get("_placard", {}).get("event", {})
    items = [i for i in feed["items"] if i.get("_placard", {}).get("priority", "normal") == "normal"]
    slides, durations = [], []
    for n, item in enumerate(items):
        kind = item.get("_placard", {}).get("kind", "statement")
        body = tally_html(item) if kind == "tally" else statement_html(item)
        badge = '<span class="badge">DEMO FEED</span>' if demo else ""
        slides.append(
            f'<section class="slide {kind}" data-id="{e(item["id"])}">'
            f'<header><span class="event">{e(event.get("name") or feed.get("title", ""))}</span>'
            f'<span class="kind{" beside" if demo else ""}">{"IN NUMBERS" if kind == "tally" else "STATEMENT"}</span>{badge}</header>'
            f'{body}<footer><span>{n + 1} / {len(items)}</span><span class="tag">{e(event.get("hashtag", ""))}</span></footer>'
            f'<div class="track"><div class="done"></div></div></section>')
        durations.append(reading_ms(item))
    t = THEME
    return f"""<!DOCTYPE html>
<html lang="{e(feed.get('language', 'en'))}"><head><meta charset="utf-8"><title>{e(feed.get('title', ''))}</title>
<style>
html, body {{ margin: 0; width: 1920px; height: 1080px; overflow: hidden; background: {t['background']}; cursor: none; }}
body {{ font-family: "Noto Sans", "Noto Naskh Arabic", "Noto Sans CJK SC", sans-serif; color: {t['text']}; }}
.slide {{ position: absolute; inset: 0; opacity: 0; transition: opacity 700ms linear; }}
.slide.shown {{ opacity: 1; }}
header {{ position: absolute; left: 115px; right: 115px; top: 70px; font: bold 28px/50px "Noto Sans"; color: {t['muted']}; }}
header .kind {{ position: absolute; right: 0; color: {t['accent']}; }}
header .kind.beside {{ right: 207px; }}
header .badge {{ position: absolute; right: 0; top: 6px; padding: 0 12px; line-height: 39px; background: {t['accent']}; color: {t['on_accent']}; }}
.mark {{ position: absolute; left: 115px; top: 150px; font: bold 151px/1 "Noto Sans"; color: {t['accent']}; }}
.quote {{ position: absolute; left: 191px; right: 115px; top: 160px; line-height: 1.37; }}
.who {{ position: absolute; left: 191px; top: 720px; }}
.rule {{ width: 64px; height: 6px; background: {t['accent']}; margin-bottom: 30px; }}
.speaker {{ font: bold 45px/62px "Noto Sans"; }}
.role {{ font-size: 37px; line-height: 51px; color: {t['muted']}; }}
.date {{ font-size: 30px; line-height: 41px; color: {t['muted']}; }}
.figure {{ position: absolute; left: 115px; top: 278px; }}
.around {{ font-size: 49px; line-height: 67px; color: {t['muted']}; }}
.number {{ font: bold 324px/442px "Noto Sans"; color: {t['accent']}; }}
.facts {{ position: absolute; left: 845px; right: 115px; top: 222px; }}
.label {{ font: bold 65px/89px "Noto Sans"; }}
.detail {{ font-size: 39px; line-height: 54px; color: {t['muted']}; margin-top: 27px; }}
.thin {{ width: 44px; height: 2px; background: {t['track']}; margin: 20px 0; }}
.source {{ font-size: 28px; line-height: 39px; color: {t['muted']}; }}
footer {{ position: absolute; left: 115px; right: 115px; top: 950px; font-size: 26px; line-height: 36px; color: {t['muted']}; }}
footer .tag {{ position: absolute; right: 0; font-weight: bold; }}
.track {{ position: absolute; left: 115px; right: 115px; top: 996px; height: 5px; background: {t['track']}; }}
.done {{ height: 100%; width: 0; background: {t['accent']}; }}
</style></head><body>
{''.join(slides)}
<script>
"use strict";
// Benchmark hook: each slide change, in Unix milliseconds.
const durations = {json.dumps(durations)};
const slides = document.querySelectorAll(".slide");
let shown = -1, slideStart = 0, progressTimer = 0;
function progress(slide, index) {{
  // Once a second, as Placard's bar moves, so that neither redraws between steps.
  const elapsed = performance.now() - slideStart;
  const steps = Math.floor(elapsed / 1000);
  slide.querySelector(".done").style.width = (100 * steps * 1000 / durations[index]) + "%";
  progressTimer = setTimeout(() => progress(slide, index), slideStart + (steps + 1) * 1000 - performance.now());
}}
function countUp(number) {{
  const value = Number(number.dataset.value), start = performance.now();
  function step(now) {{
    const t = Math.min(1, (now - start) / 1200), eased = 1 - Math.pow(1 - t, 3);
    number.textContent = (t >= 1 ? value : Math.floor(value * eased)).toLocaleString("en-US");
    if (t < 1) requestAnimationFrame(step);
  }}
  requestAnimationFrame(step);
}}
function show(index, at) {{
  if (shown >= 0) slides[shown].classList.remove("shown");
  shown = index;
  slideStart = at;
  const slide = slides[index];
  slide.classList.add("shown");
  console.log("PLACARD_BENCH slide " + slide.dataset.id + " " + (performance.timeOrigin + at).toFixed(1));
  clearTimeout(progressTimer);
  progress(slide, index);
  const number = slide.querySelector(".number");
  if (number) countUp(number);
  // Scheduled from the slide's own start, so delays do not add up over a day.
  const next = at + durations[index];
  setTimeout(() => show((index + 1) % slides.length, next), next - performance.now());
}}
if (slides.length) show(0, performance.now());
</script></body></html>
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("feed")
    parser.add_argument("out")
    parser.add_argument("--demo", action="store_true", help="mark every slide DEMO FEED, as Placard does for its demo feed")
    args = parser.parse_args()
    with open(args.feed, encoding="utf-8") as f:
        feed = json.load(f)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(page(feed, args.demo))
    return 0


if __name__ == "__main__":
    sys.exit(main())
