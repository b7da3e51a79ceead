"""Statements' pictures (a feed's "image"), end to end against the real
binaries and an HTTP server this test starts on 127.0.0.1.

Real JPEG and PNG files are served beside hostile ones: a decompression bomb
(a small, valid PNG whose pixels would take 1.6 GB), a JPEG cut short, a GIF,
an HTML page, a missing file, a picture whose bytes are not the ones the feed's
image_sha256 names. `placard --check` must show exactly the good ones and name
the reason for each other; the kiosk must draw the good ones on their slides,
and again from its cache with the server gone; a signed feed must show only
the pictures whose checksums it carries.

Environment: PLACARD_BIN and PLACARD_FEED_BIN.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import shutil
import struct
import subprocess
import tempfile
import threading
import unittest
import zlib

PLACARD_BIN = os.environ.get("PLACARD_BIN")
PLACARD_FEED_BIN = os.environ.get("PLACARD_FEED_BIN")
HERE = os.path.dirname(os.path.abspath(__file__))
PICTURES = os.path.join(HERE, "..", "feeds", "pictures")


def png_bomb(width: int = 20000, height: int = 20000) -> bytes:
    """A complete, valid 1-bit PNG of width x height black pixels: some 50 KB that inflate to 50 MB,
    and to 1.6 GB once decoded to 32-bit pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    row = b"\0" + b"\0" * ((width + 7) // 8)
    raw = zlib.compressobj(9)
    data = b"".join(raw.compress(row) for _ in range(height)) + raw.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", data) + chunk(b"IEND", b""))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def item(id_: str, image: str, sha: str | None = None, text: str = "Reprisals must stop.") -> dict:
    it = {"id": id_, "content_text": text, "authors": [{"name": "A speaker"}], "image": image}
    if sha:
        it["_placard"] = {"image_sha256": sha}
    return it


@unittest.skipUnless(PLACARD_BIN and PLACARD_FEED_BIN, "PLACARD_BIN and PLACARD_FEED_BIN are not set")
class PicturesTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="placard-pictures-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.www = os.path.join(self.tmp, "www")
        os.makedirs(self.www)
        for name in ("speaker.jpg", "logo.png"):
            shutil.copy(os.path.join(PICTURES, name), self.www)
        self.jpeg = self.bytes_of("speaker.jpg")
        self.write("cut.jpg", self.jpeg[: len(self.jpeg) // 2])
        self.write("bomb.png", png_bomb())
        self.write("anim.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
                               b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
        self.write("page.jpg", b"<!doctype html><title>Sign in to the venue Wi-Fi</title>")
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                      functools.partial(_Quiet, directory=self.www))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.addCleanup(self.server.server_close)
        self.addCleanup(self.server.shutdown)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.cache = os.path.join(self.tmp, "cache")
        self.config = self.write_file(os.path.join(self.tmp, "placard.json"), b"{}")

    def bytes_of(self, name: str) -> bytes:
        with open(os.path.join(self.www, name), "rb") as f:
            return f.read()

    def write(self, name: str, data: bytes) -> str:
        return self.write_file(os.path.join(self.www, name), data)

    @staticmethod
    def write_file(path: str, data: bytes) -> str:
        with open(path, "wb") as f:
            f.write(data)
        return path

    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        env.update(NO_PROXY="*", SDL_VIDEODRIVER="offscreen", SDL_AUDIODRIVER="dummy")
        return env

    def publish(self, items: list[dict]) -> bytes:
        feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Pictures",
                "_placard": {"sequence": 1}, "items": items}
        body = json.dumps(feed).encode()
        self.write("feed.json", body)
        return body

    def check(self, *extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([PLACARD_BIN, "--config", self.config, "--check", "--feed", self.base + "/feed.json",
                               "--cache-dir", self.cache, *extra], env=self.env(), capture_output=True, text=True,
                              timeout=90)

    def kiosk(self, feed: str) -> dict:
        stats = os.path.join(self.tmp, "stats.json")
        r = subprocess.run([PLACARD_BIN, "--config", self.config, "--feed", feed, "--cache-dir", self.cache,
                            "--windowed", "640x360", "--no-sync", "--run-for", "8", "--stats", stats],
                           env=self.env(), capture_output=True, text=True, timeout=90)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(stats) as f:
            return json.load(f)

    def test_good_pictures_shown_hostile_ones_refused_with_reasons(self):
        sha = hashlib.sha256(self.jpeg).hexdigest()
        self.publish([
            {**item("photo", self.base + "/speaker.jpg", sha), "_placard": {"image_sha256": sha, "duration_seconds": 1}},
            item("logo", self.base + "/logo.png"),
            item("bomb", self.base + "/bomb.png"),
            item("cut", self.base + "/cut.jpg"),
            item("gif", self.base + "/anim.gif"),
            item("page", self.base + "/page.jpg"),
            item("missing", self.base + "/nowhere.jpg"),
            item("swapped", self.base + "/logo.png", sha),  # the logo where the feed names the photo's checksum
        ])
        r = self.check()
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("Pictures: 2 of 8 shown", r.stdout)
        reasons = {line.split(" ")[4]: line for line in r.stdout.splitlines() if line.startswith("Picture not shown")}
        self.assertEqual(sorted(reasons), ["bomb", "cut", "gif", "missing", "page", "swapped"], r.stdout)
        self.assertIn("20000x20000 pixels (400.0 million), above the limit", reasons["bomb"])
        self.assertIn("cut short", reasons["cut"])
        self.assertIn("a GIF, not a PNG or JPEG", reasons["gif"])
        self.assertIn("a web page or text", reasons["page"])
        self.assertIn("HTTP 404", reasons["missing"])
        self.assertIn("not the one the feed names", reasons["swapped"])
        # Two pictures made small and kept; nothing of the refused ones.
        kept = os.listdir(os.path.join(self.cache, "pictures"))
        self.assertEqual(len([k for k in kept if k.endswith(".png")]), 2, kept)

        # The kiosk draws them, and a refused picture's slide is shown as it would be without one.
        stats = self.kiosk(self.base + "/feed.json")
        shown = {s["id"]: s["photo"] for s in stats["slides"]}
        self.assertTrue(shown.get("photo") or shown.get("logo"), stats["slides"])
        for refused in ("bomb", "cut", "gif", "page", "missing", "swapped"):
            self.assertFalse(shown.get(refused, False), refused)

        # From the cache alone, with the server gone, from the first slide on.
        self.server.shutdown()
        self.server.server_close()
        stats = self.kiosk(self.base + "/feed.json")
        with_photo = [s["id"] for s in stats["slides"] if s["photo"]]
        self.assertIn("photo", with_photo, stats["slides"])
        self.assertIn("logo", with_photo, stats["slides"])

    def test_a_signed_feed_shows_only_pictures_it_names_by_checksum(self):
        key = os.path.join(self.tmp, "editor")
        r = subprocess.run([PLACARD_FEED_BIN, "keygen", "--out", key], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(key + ".pub") as f:
            public = f.read().splitlines()[1]
        sha = hashlib.sha256(self.jpeg).hexdigest()
        self.publish([item("named", self.base + "/speaker.jpg", sha), item("unnamed", self.base + "/logo.png")])
        r = subprocess.run([PLACARD_FEED_BIN, "sign", os.path.join(self.www, "feed.json"), "--key", key + ".key"],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        r = self.check("--public-key", public)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("Signature: verified", r.stdout)
        self.assertIn("Pictures: 1 of 2 shown", r.stdout)
        self.assertIn("Picture not shown: item unnamed", r.stdout)
        self.assertIn("needs its \"image_sha256\"", r.stdout)
        # The file behind the address changes: a signed feed's picture is refused, not shown.
        shutil.rmtree(os.path.join(self.cache, "pictures"))
        self.write("speaker.jpg", self.bytes_of("logo.png"))
        r = self.check("--public-key", public)
        self.assertIn("Pictures: 0 of 2 shown", r.stdout)
        self.assertIn("not the one the feed names", r.stdout)


if __name__ == "__main__":
    unittest.main()
