"""Signed feeds: what a screen that trusts public keys shows after each attack.

The real `placard --check --public-key K` runs against a FaultServer on
127.0.0.1 that also serves /feed.json.sig; keys and signatures are made with
the real `placard-feed keygen` and `placard-feed sign`. Each test asserts what
the screen shows afterwards ("Showing: sequence N, items ..." and the exit
code: 0 accepted or unchanged, 1 refused, 3 no usable answer), why
("Signature: ..."), and what the cache holds. KioskSignatureTest runs the
kiosk itself and reads its --stats report; SigningToolTest covers the verbs.

Environment: PLACARD_BIN and PLACARD_FEED_BIN. Without them every test is skipped.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest
from typing import Optional

# fault_server and test_remote_feed are tests/http's.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "http"))
from fault_server import FaultServer  # noqa: E402
from test_remote_feed import (BASE_ENV, POLL_TIMEOUT, PROXY_VARS, Poll, make_feed, read_cache_file,  # noqa: E402
                              write_cache_file)

PLACARD_BIN = os.environ.get("PLACARD_BIN")
PLACARD_FEED_BIN = os.environ.get("PLACARD_FEED_BIN")


def one_byte_changed(data: bytes, at: int) -> bytes:
    """data with the byte at `at` replaced by another printable one."""
    new = b"A" if data[at:at + 1] != b"A" else b"B"
    return data[:at] + new + data[at + 1:]


class SignedFeedCase(unittest.TestCase):
    """Scratch folders, keys made on demand, and polls with the screen's keys."""

    @classmethod
    def setUpClass(cls):
        if not PLACARD_BIN or not PLACARD_FEED_BIN:
            raise unittest.SkipTest("set PLACARD_BIN and PLACARD_FEED_BIN to run the signature tests (ctest does this)")

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="placard-sig-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.cache_dir = os.path.join(self.tmp, "cache")
        self.config = self.write("placard.json", b"{}\n")
        self.server = FaultServer(watchdog_seconds=120).start()
        self.addCleanup(self.server.stop)
        self.published = 0

    def write(self, name: str, data: bytes) -> str:
        path = os.path.join(self.tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def read(self, path: str) -> Optional[bytes]:
        try:
            with open(path, "rb") as f:
                return f.read()
        except FileNotFoundError:
            return None

    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if k not in PROXY_VARS}
        env.update(BASE_ENV, NO_PROXY="*", no_proxy="*", SDL_VIDEODRIVER="offscreen", SDL_AUDIODRIVER="dummy")
        return env

    def tool(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([PLACARD_FEED_BIN, *args], capture_output=True, text=True, env=self.env(), timeout=60,
                              cwd=self.tmp)

    def key(self, name: str) -> str:
        """The public key line of key `name`, made with keygen the first time."""
        base = os.path.join(self.tmp, "keys", name)
        if not os.path.exists(base + ".pub"):
            os.makedirs(os.path.dirname(base), exist_ok=True)
            r = self.tool("keygen", "--out", base)
            self.assertEqual(r.returncode, 0, r.stderr)
        with open(base + ".pub") as f:
            return f.read().splitlines()[1]

    def key_id(self, name: str) -> str:
        self.key(name)
        with open(os.path.join(self.tmp, "keys", name + ".pub")) as f:
            return f.readline().split()[-1]

    def sign(self, body: bytes, key: str = "a") -> bytes:
        self.key(key)
        self.published += 1
        path = self.write(f"published-{self.published}.json", body)
        r = self.tool("sign", path, "--key", os.path.join(self.tmp, "keys", key + ".key"))
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        return self.read(path + ".sig")

    def publish(self, sequence: int, key: str = "a", **feed_args) -> tuple[bytes, list[str], bytes]:
        """Serves feed `sequence` with its signature by `key`; returns (body, ids, sig)."""
        body, ids = make_feed(sequence, **feed_args)
        sig = self.sign(body, key)
        self.server.set_feed(body, sequence)
        self.server.signature = sig
        return body, ids, sig

    def poll(self, keys=("a",), feed: Optional[str] = None, config: Optional[str] = None,
             read_only_cache: bool = False) -> Poll:
        cmd = self.read_only_cache_prefix() if read_only_cache else []
        cmd += [PLACARD_BIN, "--check", "--feed", feed or self.server.url, "--cache-dir", self.cache_dir,
               "--config", config or self.config]
        for k in keys:
            cmd += ["--public-key", self.key(k)]
        r = subprocess.run(cmd, capture_output=True, text=True, errors="replace", env=self.env(), timeout=POLL_TIMEOUT)
        return Poll(cmd, r.returncode, r.stdout, r.stderr, 0.0)

    def read_only_cache_prefix(self) -> list[str]:
        """A command prefix that runs the rest with the cache folder mounted read-only,
        in a mount namespace of its own (root can write through file modes)."""
        script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
        prefix = ["unshare", "-m", "sh", "-c", script, self.cache_dir]
        probe = subprocess.run(prefix + ["touch", os.path.join(self.cache_dir, "probe")], capture_output=True,
                               text=True)
        if probe.returncode == 0 or "Read-only" not in probe.stderr:
            self.skipTest("cannot mount the cache folder read-only here (needs root and unshare): "
                          + probe.stderr.strip())
        return prefix

    def assertShows(self, p: Poll, rc: int, sequence: Optional[int], ids: Optional[list[str]],
                    signature: Optional[str] = None):
        """Exit code, what is on screen, and the start of the Signature: line."""
        self.assertEqual(p.rc, rc, p.describe())
        if sequence is None:
            self.assertIsNone(p.showing, p.describe())
        else:
            self.assertEqual(p.showing, (sequence, ids), p.describe())
        if signature is not None:
            self.assertTrue((p.line("Signature:") or "").startswith(signature),
                            f"expected 'Signature: {signature}...'\n" + p.describe())

    @property
    def cached(self) -> Optional[bytes]:
        """The cached feed's bytes, out of feed.cache."""
        cached = read_cache_file(self.cache_dir)
        return None if cached is None else cached[2]

    def prime(self) -> tuple[bytes, list[str], bytes]:
        """Sequence 1, signed by key a, accepted: the verified feed on screen."""
        body, ids, sig = self.publish(1)
        self.assertShows(self.poll(), 0, 1, ids, "verified, key " + self.key_id("a"))
        return body, ids, sig


class SignatureTest(SignedFeedCase):

    def test_valid(self):
        body, ids, sig = self.prime()
        requests = self.server.take_requests()
        self.assertEqual([r["path"] for r in requests], ["/feed.json", "/feed.json.sig"])
        self.assertNotIn("if-none-match", requests[1]["headers"], "the signature is fetched unconditionally")
        self.assertEqual(self.cached, body)
        self.assertEqual(read_cache_file(self.cache_dir)[1], sig, "the signature is cached with its feed")
        mark = json.loads(self.read(os.path.join(self.cache_dir, "feed.sequence.json")))
        self.assertEqual((mark["url"], mark["sequence"]), (self.server.url, 1))
        # 304: the verified feed stays, and no signature is fetched for nothing.
        self.assertShows(self.poll(), 0, 1, ids, "not modified")
        self.assertEqual([r["path"] for r in self.server.take_requests()], ["/feed.json"])
        # From the cache alone (verified again at start) while the server is down.
        self.server.go_down()
        self.assertShows(self.poll(), 3, 1, ids, "not checked")

    def test_tampered_feed_byte(self):
        body1, ids1, _ = self.prime()
        body2, _, _ = self.publish(2)
        tampered = one_byte_changed(body2, body2.index(b"Statement 0") + len(b"Statement "))
        self.server.set_feed(tampered, 2)
        self.assertShows(self.poll(), 1, 1, ids1, "rejected: bad signature")
        self.assertEqual(self.cached, body1)
        # With no verified feed to fall back on, nothing at all is shown.
        shutil.rmtree(self.cache_dir)
        self.assertShows(self.poll(), 1, None, None, "rejected: bad signature")

    def test_tampered_signature_byte(self):
        _, ids1, _ = self.prime()
        _, _, sig2 = self.publish(2)
        lines = sig2.split(b"\n")
        line2_start = len(lines[0]) + 1
        self.server.signature = one_byte_changed(sig2, line2_start + 40)  # inside the Ed25519 signature
        self.assertShows(self.poll(), 1, 1, ids1, "rejected: bad signature")

    def test_wrong_key(self):
        _, ids1, _ = self.prime()
        self.publish(2, key="b")
        p = self.poll()
        self.assertShows(p, 1, 1, ids1, "rejected: wrong key")
        self.assertIn(self.key_id("b"), p.line("Signature:"), "the reason names the key that signed")

    def test_missing_signature(self):
        _, ids1, _ = self.prime()
        self.publish(2)
        self.server.signature_mode = "missing"
        self.assertShows(self.poll(), 1, 1, ids1, "rejected: missing signature")
        # A server error on the .sig is no verdict on the feed: a failed fetch, tried again later.
        self.server.signature_mode = "status500"
        self.assertShows(self.poll(), 3, 1, ids1, "not checked")

    def test_signature_of_another_feed(self):
        _, ids1, sig1 = self.prime()
        self.publish(2)
        self.server.signature = sig1
        self.assertShows(self.poll(), 1, 1, ids1, "rejected: bad signature")

    def test_replayed_older_sequence(self):
        body1, _, sig1 = self.prime()
        body2, ids2, _ = self.publish(2)
        self.assertShows(self.poll(), 0, 2, ids2, "verified")
        self.server.set_feed(body1, 1)
        self.server.signature = sig1
        self.assertShows(self.poll(), 1, 2, ids2, "rejected: replayed feed")
        self.assertEqual(self.cached, body2)
        # The replay floor is kept on disk, not only in the cached feed.
        os.remove(os.path.join(self.cache_dir, "feed.cache"))
        self.assertShows(self.poll(), 1, None, None, "rejected: replayed feed")

    def test_same_sequence_different_content(self):
        self.server.send_etag = self.server.send_last_modified = False  # every poll downloads the feed again
        body, ids, _ = self.publish(2)
        self.assertShows(self.poll(), 0, 2, ids, "verified")
        p = self.poll()
        self.assertShows(p, 0, 2, ids, "verified")
        self.assertEqual(p.result, "unchanged", "the same signed bytes again change nothing\n" + p.describe())
        self.publish(2, n_items=4)
        self.assertShows(self.poll(), 1, 2, ids, "rejected: sequence reused")
        self.assertEqual(self.cached, body)

    def test_key_rotation(self):
        rotating = self.write("rotating.json", json.dumps({"public_key": [self.key("old"), self.key("new")]}).encode())
        _, ids1, _ = self.publish(1, key="old")
        self.assertShows(self.poll(keys=(), config=rotating), 0, 1, ids1, "verified, key " + self.key_id("old"))
        _, ids2, _ = self.publish(2, key="new")
        self.assertShows(self.poll(keys=(), config=rotating), 0, 2, ids2, "verified, key " + self.key_id("new"))
        # The old key dropped: what it signs is refused, the new key's feed is shown.
        self.publish(3, key="old")
        self.assertShows(self.poll(keys=("new",)), 1, 2, ids2, "rejected: wrong key")
        _, ids3, _ = self.publish(3, key="new")
        self.assertShows(self.poll(keys=("new",)), 0, 3, ids3, "verified")

    def test_truncated_signature(self):
        _, ids1, _ = self.prime()
        _, _, sig2 = self.publish(2)
        self.server.signature = sig2[: len(sig2) // 2]
        self.assertShows(self.poll(), 1, 1, ids1, "rejected: truncated signature")

    def test_cached_feed_verified_again_at_start(self):
        body1, ids1, _ = self.prime()
        self.server.go_down()
        p = self.poll(keys=("b",))  # the screen now trusts another key only
        self.assertShows(p, 3, None, None)
        self.assertIn("wrong key", p.stderr, p.describe())
        header, sig1, _ = read_cache_file(self.cache_dir)
        write_cache_file(self.cache_dir, header, sig1, one_byte_changed(body1, body1.index(b"Speaker")))
        p = self.poll()
        self.assertShows(p, 3, None, None)
        self.assertIn("bad signature", p.stderr, p.describe())

    def test_unsigned_feed_without_keys(self):
        body, ids = make_feed(1)
        self.server.set_feed(body, 1)
        self.assertShows(self.poll(keys=()), 0, 1, ids)
        self.assertIsNone(self.poll(keys=()).line("Signature:"), "no keys, no signature check")
        # Once keys are configured, the unsigned cached feed is not shown either.
        self.assertShows(self.poll(), 1, None, None, "rejected: missing signature")

    def test_local_file(self):
        body, ids = make_feed(4)
        path = self.write("event.json", body)
        self.assertShows(self.poll(feed=path), 1, None, None, "rejected: missing signature")
        self.write("event.json.sig", self.sign(body))
        self.assertShows(self.poll(feed=path), 0, 4, ids, "verified")
        self.write("event.json", one_byte_changed(body, body.index(b"Speaker")))
        self.assertShows(self.poll(feed=path), 1, None, None, "rejected: bad signature")


class KioskSignatureTest(SignedFeedCase):
    """The running kiosk: no byte of an unverified feed reaches a slide."""

    def run_kiosk(self, seconds: float, read_only_cache: bool = False) -> dict:
        stats = os.path.join(self.tmp, "stats.json")
        cmd = self.read_only_cache_prefix() if read_only_cache else []
        cmd += [PLACARD_BIN, "--config", self.config, "--feed", self.server.url, "--cache-dir", self.cache_dir,
               "--public-key", self.key("a"), "--windowed", "640x360", "--run-for", str(seconds), "--stats", stats]
        r = subprocess.run(cmd, capture_output=True, text=True, env=self.env(), timeout=seconds + 60)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(stats) as f:
            return json.load(f)

    def test_bad_signature_without_verified_cache_shows_nothing(self):
        _, ids, _ = self.publish(1, key="b")  # a valid feed, but not signed by the trusted key
        stats = self.run_kiosk(2.0)
        self.assertEqual(stats["fetches"][0]["verdict"], "refused", stats["fetches"])
        shown = [s["id"] for s in stats["slides"]]
        self.assertFalse(set(shown) & set(ids), f"unverified items reached the screen: {shown}")
        self.assertEqual(stats["state_showing"], "Showing: nothing yet")
        self.assertEqual(stats["state_banner"], "Feed signature rejected \u00b7 waiting for a verified feed")

    def test_verified_feed_stays_while_a_tampered_one_is_refused(self):
        _, ids1, _ = self.prime()
        body2, ids2, _ = self.publish(2, n_items=4)
        self.server.set_feed(one_byte_changed(body2, body2.index(b"Speaker")), 2)
        stats = self.run_kiosk(2.0)
        shown = [s["id"] for s in stats["slides"]]
        self.assertTrue(shown and set(shown) <= set(ids1), f"expected only {ids1}, got {shown}")
        self.assertRegex(stats["state_banner"],
                         r"^Feed signature rejected \u00b7 showing the verified feed from \d\d:\d\d$")



class SigningToolTest(SignedFeedCase):
    """placard-feed keygen, sign and verify, as an organiser runs them."""

    def test_keygen(self):
        base = os.path.join(self.tmp, "org")
        r = self.tool("keygen", "--out", base)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(stat.S_IMODE(os.stat(base + ".key").st_mode), 0o600)
        with open(base + ".pub") as f:
            line = f.read().splitlines()[1]
        self.assertIn(f'"public_key": "{line}"', r.stdout)
        self.assertRegex(r.stdout, r"(?i)keep .*org\.key off the display device")
        secret = self.read(base + ".key")
        again = self.tool("keygen", "--out", base)
        self.assertEqual(again.returncode, 1, again.stdout + again.stderr)
        self.assertIn("already exists", again.stderr)
        self.assertEqual(self.read(base + ".key"), secret, "keygen replaced an existing key")
        self.assertEqual(self.tool("keygen", "--bogus").returncode, 2)

    def test_sign_refuses_what_screens_would_refuse(self):
        key = os.path.join(self.tmp, "keys", "a.key")
        self.key("a")
        invalid = self.write("invalid.json", b'{"version": "https://jsonfeed.org/version/1.1", "items": [{}]}')
        self.assertEqual(self.tool("sign", invalid, "--key", key).returncode, 1)
        unsequenced = json.loads(make_feed(1)[0])
        del unsequenced["_placard"]["sequence"]
        r = self.tool("sign", self.write("nosequence.json", json.dumps(unsequenced).encode()), "--key", key)
        self.assertEqual(r.returncode, 1)
        self.assertIn("_placard.sequence", r.stderr)
        self.assertFalse(os.path.exists(invalid + ".sig"))
        feed = self.write("feed.json", make_feed(5)[0])
        self.assertEqual(self.tool("sign", feed, "--key", key).returncode, 0)
        self.assertEqual(self.tool("sign", feed, "--key", key).returncode, 0, "signing the same bytes again is fine")
        self.write("feed.json", make_feed(5, n_items=4)[0])
        r = self.tool("sign", feed, "--key", key)
        self.assertEqual(r.returncode, 1, "a changed feed must raise its sequence")
        self.assertIn("raise _placard.sequence to 6", r.stderr)
        self.write("feed.json", make_feed(4)[0])
        self.assertEqual(self.tool("sign", feed, "--key", key).returncode, 1, "a lower sequence than signed before")
        self.assertEqual(self.tool("sign", feed).returncode, 2)
        self.assertEqual(self.tool("sign", "--help").returncode, 0)

    def test_verify_exit_codes_and_reasons(self):
        body, _ = make_feed(7)
        feed = self.write("feed.json", body)
        sig = self.sign(body)
        self.write("feed.json.sig", sig)
        pub = os.path.join(self.tmp, "keys", "a.pub")
        r = self.tool("verify", feed, "--key", pub)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("sequence 7", r.stdout)
        self.assertEqual(self.tool("verify", feed, "--key", self.key("a")).returncode, 0, "a key line works too")
        cases = {
            "bad signature": (one_byte_changed(body, body.index(b"Speaker")), sig, "a"),
            "wrong key": (body, sig, "b"),
            "truncated signature": (body, sig[:-30], "a"),
            "malformed signature": (body, b"hello\n", "a"),
        }
        for reason, (feed_bytes, sig_bytes, key) in cases.items():
            with self.subTest(reason):
                self.write("case.json", feed_bytes)
                other_sig = self.write("other.sig", sig_bytes)
                r = self.tool("verify", os.path.join(self.tmp, "case.json"), "--key", self.key(key), "--sig", other_sig)
                self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
                self.assertIn(reason, r.stderr)
        self.assertEqual(self.tool("verify", feed).returncode, 2)
        self.assertEqual(self.tool("verify", feed, "--key", "not-a-key").returncode, 2)
        self.assertEqual(self.tool("verify", feed, "--key", os.path.join(self.tmp, "absent.pub")).returncode, 3)
        self.assertEqual(self.tool("verify", os.path.join(self.tmp, "absent.json"), "--key", pub).returncode, 3)
        self.assertTrue(re.search(r"exit codes", self.tool("verify", "--help").stdout, re.I))


if __name__ == "__main__":
    unittest.main()
