"""When a program's first slide is on screen, seen from outside: the X
server's picture is read every 10 ms (python-xlib's GetImage) until the top
of the statement area, where both the kiosk and the page put the first lines
of the quote, shows the slide's background with text on it. The same test for
both programs, so neither is timed by its own account. Used by run_bench.py;
the detector itself (slide_is_shown) is pure and tested on synthetic images.
"""

from __future__ import annotations

import time

# The top of the statement area at 1920x1080 (x, y, width, height): the first
# two lines of the quote in Placard's layout and in the page's alike.
AREA = (200, 160, 1600, 180)

# Placard's dark theme (kiosk/core/layout/theme.h), which the page copies.
BACKGROUND = (0x10, 0x18, 0x26)  # red, green, blue
NEAR = 8          # a channel this close to the background's counts as background
INK_RISE = 48     # green this much above the background's is text (or text fading in)
MIN_BACKGROUND = 0.5   # of the area: the slide is there, not a black, white or grey window
MIN_INK = 0.005        # of the area: and some of its text is


def _table(test) -> bytes:
    """A bytes.translate table that maps a channel value to 1 where test holds, else 0."""
    return bytes(1 if test(v) else 0 for v in range(256))


_RED_BG = _table(lambda v: abs(v - BACKGROUND[0]) <= NEAR)
_GREEN_BG = _table(lambda v: abs(v - BACKGROUND[1]) <= NEAR)
_BLUE_BG = _table(lambda v: abs(v - BACKGROUND[2]) <= NEAR)
_GREEN_INK = _table(lambda v: v >= BACKGROUND[1] + INK_RISE)


def _both(a: bytes, b: bytes) -> bytes:
    """Byte-wise AND of two strings of 0/1 bytes, at C speed through big integers."""
    return (int.from_bytes(a, "little") & int.from_bytes(b, "little")).to_bytes(len(a), "little")


def fractions(pixels: bytes) -> tuple[float, float]:
    """(background, ink) as fractions of the pixels of a 32-bit BGRX image
    (X's ZPixmap at depth 24 on a little-endian machine)."""
    count = len(pixels) // 4
    if count == 0:
        return 0.0, 0.0
    blue, green, red = pixels[0::4], pixels[1::4], pixels[2::4]
    background = _both(_both(red.translate(_RED_BG), green.translate(_GREEN_BG)), blue.translate(_BLUE_BG))
    return background.count(1) / count, green.translate(_GREEN_INK).count(1) / count


def slide_is_shown(pixels: bytes) -> bool:
    background, ink = fractions(pixels)
    return background >= MIN_BACKGROUND and ink >= MIN_INK


def wait_for_first_paint(display: str, started: float, timeout: float, every: float = 0.010) -> float:
    """Seconds from `started` (time.monotonic()) to the first poll whose reply
    shows the slide: the reply's arrival, so the figure never runs early.
    Raises TimeoutError after `timeout` seconds."""
    from Xlib import X, display as xdisplay  # python3-xlib, installed by platform/bench/bench.sh

    screen = xdisplay.Display(display)
    try:
        root = screen.screen().root
        x, y, w, h = AREA
        tick = started
        while True:
            image = root.get_image(x, y, w, h, X.ZPixmap, 0xFFFFFFFF)
            now = time.monotonic()
            if slide_is_shown(image.data):
                return now - started
            if now - started > timeout:
                raise TimeoutError(f"no slide on {display} after {timeout:.0f} s")
            tick = max(tick + every, now)
            time.sleep(max(0.0, tick - time.monotonic()))
    finally:
        screen.close()
