"""The organiser's logo ("logo", --logo) within limits, end to end with the
real `placard`: a PNG whose header claims 12000x12000 pixels (32 KB on
disk, 550 MiB once decoded) and a named pipe in its place are refused by
`placard --check` with the file's name and the fix, and the kiosk starts
without them at once, its memory as without a logo; a logo within the limits
is kept small.

Environment: PLACARD_BIN.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import tempfile
import time
import unittest
import zlib

PLACARD_BIN = os.environ.get("PLACARD_BIN")


def png(width: int, height: int, bits: int = 1, color: int = 0) -> bytes:
    """A complete, valid PNG of width x height pixels, all one colour: it compresses to almost nothing."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    channels = {0: 1, 2: 3, 6: 4}[color]
    row = b"\0" + b"\x40" * ((width * channels * bits + 7) // 8)
    z = zlib.compressobj(9)
    data = b"".join(z.compress(row) for _ in range(height)) + z.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bits, color, 0, 0, 0))
            + chunk(b"IDAT", data) + chunk(b"IEND", b""))


@unittest.skipUnless(PLACARD_BIN, "PLACARD_BIN is not set")
class LogoTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="placard-logo-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.config = os.path.join(self.tmp, "placard.json")
        with open(self.config, "w") as f:
            f.write("{}")
        self.env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_AUDIODRIVER="dummy")

    def path(self, name: str, data: bytes | None = None) -> str:
        p = os.path.join(self.tmp, name)
        if data is not None:
            with open(p, "wb") as f:
                f.write(data)
        return p

    def check(self, logo: str) -> subprocess.CompletedProcess:
        return subprocess.run([PLACARD_BIN, "--config", self.config, "--check", "--logo", logo], env=self.env,
                              capture_output=True, text=True, timeout=20)

    def kiosk(self, logo: str | None, seconds: float = 3) -> tuple[dict, str]:
        stats = self.path("stats.json")
        started = time.monotonic()
        r = subprocess.run([PLACARD_BIN, "--config", self.config, "--windowed", "640x360", "--no-sync",
                            "--cache-dir", self.path("cache"), "--run-for", str(seconds), "--stats", stats,
                            *(["--logo", logo] if logo else [])],
                           env=self.env, capture_output=True, text=True, timeout=seconds + 20)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertLess(time.monotonic() - started, seconds + 8, r.stderr)
        with open(stats) as f:
            report = json.load(f)
        self.assertGreater(report["frames"], 0, r.stderr)
        self.assertLess(report["slides"][0]["at_seconds"], 2.0, r.stderr)  # nothing waited before the first frame
        return report, r.stderr

    def test_a_logo_of_too_many_pixels_is_refused_from_its_header(self):
        logo = self.path("huge.png", png(12000, 12000))
        self.assertLess(os.path.getsize(logo), 64 * 1024)
        r = self.check(logo)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn(f"Logo: not shown: {logo}: the logo is 12000x12000 pixels", r.stdout)
        self.assertIn("above the limit of 8.3 million (a 4K screen's 3840x2160) and 4096 on a side", r.stdout)
        self.assertIn("save it about 1000 pixels wide", r.stdout)
        bare, _ = self.kiosk(None)
        report, log = self.kiosk(logo)
        self.assertIn(f"placard: warning: {logo}: the logo is 12000x12000 pixels", log)
        # As much memory as without a logo (decoded, this one would take 550 MiB).
        self.assertLess(report["peak_rss_kib"], bare["peak_rss_kib"] + 16 * 1024, (bare["peak_rss_kib"], report["peak_rss_kib"]))

    def test_a_named_pipe_as_logo_holds_up_nothing(self):
        fifo = self.path("logo.png")
        os.mkfifo(fifo)
        r = self.check(fifo)  # would wait for a writer forever, were the pipe opened as a file
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn(f"Logo: not shown: {fifo}: is a named pipe (FIFO), not a file", r.stdout)
        self.assertIn("\"logo\" setting: a PNG or SVG file", r.stdout)
        _, log = self.kiosk(fifo)
        self.assertIn(f"placard: warning: {fifo}: is a named pipe (FIFO)", log)

    def test_a_logo_within_the_limits_is_shown_and_kept_small(self):
        logo = self.path("wide.png", png(3840, 960, bits=8, color=6))
        r = self.check(logo)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn(f"Logo: {logo} (PNG, 3840x960 pixels, kept at 1024x256)", r.stdout)
        bare, _ = self.kiosk(None)
        report, log = self.kiosk(logo)
        self.assertNotIn("warning", log)
        # Decoded for a moment (14 MiB), then kept at 1024x256 (1 MiB).
        self.assertLess(report["peak_rss_kib"], bare["peak_rss_kib"] + 40 * 1024, (bare["peak_rss_kib"], report["peak_rss_kib"]))


if __name__ == "__main__":
    unittest.main()
