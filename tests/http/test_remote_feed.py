"""Remote feed tests: the real `placard --check` against fault-injecting servers.

Each test runs `placard --check --feed URL --cache-dir DIR --config {}` once per
poll and asserts on its report and exit code:

    Feed: <url>
    Fetch: <status, bytes or the failure>
    Result: accepted | unchanged | refused: <reason> | failed: <reason>
    Showing: sequence <N>, items <id> ...   (or "Showing: nothing yet")

Exit codes: 0 accepted/unchanged, 1 refused (bad content), 3 failed (network).

The pattern: serve sequence 1 and see it accepted; switch the fault on and see
the poll refused or failed with sequence 1 still showing and the cache
untouched; clear the fault and see the next poll show the new feed.

Only 127.0.0.1 is ever contacted: the servers bind there, proxies are removed
from the environment, and the unresolvable-host poll runs in a network
namespace that has nothing but loopback.

Environment: PLACARD_BIN (the placard executable) and PLACARD_FEED_BIN
(placard-feed). Without them every test is skipped.
"""

from __future__ import annotations

import faulthandler
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from dataclasses import dataclass
from typing import Optional

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fault_server import MiB, FaultServer, Tarpit, make_self_signed_cert  # noqa: E402

# A hard deadline for the whole process, whatever happens.
faulthandler.dump_traceback_later(900, exit=True)

PLACARD_BIN = os.environ.get("PLACARD_BIN")
PLACARD_FEED_BIN = os.environ.get("PLACARD_FEED_BIN")

POLL_TIMEOUT = 90  # seconds; the binary's own total timeout is far below this

# Small timeouts for every poll, so no test can hang on the binary's defaults.
BASE_ENV = {
    "PLACARD_CONNECT_TIMEOUT_MS": "3000",
    "PLACARD_LOW_SPEED_SECONDS": "5",
    "PLACARD_TOTAL_TIMEOUT_MS": "20000",
}
PROXY_VARS = ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
              "ftp_proxy", "FTP_PROXY", "no_proxy", "NO_PROXY")


def make_feed(sequence: int, n_items: int = 3, text_chars: int = 120) -> tuple[bytes, list[str]]:
    """A valid JSON Feed 1.1 with a _placard sequence; item ids name the sequence."""
    ids = [f"s{sequence}-{i}" for i in range(n_items)]
    filler = "Reprisals against those who cooperate with the UN must stop. "
    items = []
    for i, item_id in enumerate(ids):
        text = f"Statement {i} of feed {sequence}. " + filler * (text_chars // len(filler) + 1)
        items.append({
            "id": item_id,
            "content_text": text[:text_chars],
            "authors": [{"name": f"Speaker {i}"}],
            "_placard": {"kind": "statement"},
        })
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"Remote feed test, sequence {sequence}",
        "language": "en",
        "_placard": {"sequence": sequence, "refresh_seconds": 60},
        "items": items,
    }
    return (json.dumps(feed, indent=1, ensure_ascii=False) + "\n").encode("utf-8"), ids


def read_cache_file(cache_dir: str) -> Optional[tuple[dict, bytes, bytes]]:
    """(header, signature, feed bytes) from CACHE/feed.cache, or None when absent.

    feed.cache is one file so that the feed and its signature are replaced
    together: a one-line JSON header, then the signature's bytes, then the feed's.
    """
    try:
        with open(os.path.join(cache_dir, "feed.cache"), "rb") as f:
            data = f.read()
    except FileNotFoundError:
        return None
    line, _, rest = data.partition(b"\n")
    header = json.loads(line)
    n_sig = header["signature_bytes"]
    if n_sig + header["feed_bytes"] != len(rest):
        raise AssertionError(f"feed.cache: the header's lengths do not match the {len(rest)} bytes after it")
    return header, rest[:n_sig], rest[n_sig:]


def write_cache_file(cache_dir: str, header: dict, signature: bytes, body: bytes) -> None:
    """Writes CACHE/feed.cache as the kiosk would, with the lengths made to match."""
    header = dict(header, signature_bytes=len(signature), feed_bytes=len(body))
    with open(os.path.join(cache_dir, "feed.cache"), "wb") as f:
        f.write(json.dumps(header).encode() + b"\n" + signature + body)


def make_big_feed(sequence: int) -> tuple[bytes, list[str]]:
    """About 2.5 MB: 1,500 items of 1,600 characters (under every feed limit)."""
    return make_feed(sequence, n_items=1500, text_chars=1600)


@dataclass
class Poll:
    cmd: list[str]
    rc: int
    stdout: str
    stderr: str
    elapsed: float

    def line(self, prefix: str) -> Optional[str]:
        for line in self.stdout.splitlines():
            if line.startswith(prefix):
                return line[len(prefix):].strip()
        return None

    @property
    def result(self) -> Optional[str]:
        return self.line("Result:")

    @property
    def showing(self) -> Optional[tuple[int, list[str]]]:
        """(sequence, ids), or None for "nothing yet"; raises if unparseable."""
        text = self.line("Showing:")
        if text is None:
            raise AssertionError("no Showing: line\n" + self.describe())
        if text == "nothing yet":
            return None
        m = re.fullmatch(r"sequence (\d+), items ?(.*)", text)
        if not m:
            raise AssertionError(f"cannot read the Showing: line {text!r}\n" + self.describe())
        return int(m.group(1)), m.group(2).split()

    def describe(self) -> str:
        out = self.stdout if len(self.stdout) < 4000 else self.stdout[:4000] + "...(cut)"
        err = self.stderr if len(self.stderr) < 4000 else self.stderr[:4000] + "...(cut)"
        return (f"command: {' '.join(self.cmd)}\nexit code: {self.rc}  elapsed: {self.elapsed:.2f}s\n"
                f"--- stdout ---\n{out}--- stderr ---\n{err}")


class RemoteFeedTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        if not PLACARD_BIN or not PLACARD_FEED_BIN:
            raise unittest.SkipTest("set PLACARD_BIN to the placard executable and PLACARD_FEED_BIN to "
                                    "placard-feed to run the remote feed tests (ctest does this)")
        for path in (PLACARD_BIN, PLACARD_FEED_BIN):
            if not os.access(path, os.X_OK):
                raise AssertionError(f"{path} is not an executable; build the project first")

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="placard-net-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.cache_dir = os.path.join(self.tmp, "cache")
        os.mkdir(self.cache_dir)
        self.config = os.path.join(self.tmp, "placard.json")
        with open(self.config, "w") as f:
            f.write("{}\n")
        self.server = self.start_server()

    # -- infrastructure --------------------------------------------------------

    def start_server(self, **kwargs) -> FaultServer:
        server = FaultServer(**kwargs).start()
        self.addCleanup(server.stop)
        return server

    def make_cert(self) -> tuple[str, str]:
        if shutil.which("openssl") is None:
            self.skipTest("the openssl command is needed to make a self-signed certificate")
        return make_self_signed_cert(self.tmp)

    def env(self, extra: Optional[dict] = None) -> dict:
        env = {k: v for k, v in os.environ.items() if k not in PROXY_VARS}
        env["NO_PROXY"] = env["no_proxy"] = "*"
        env["SDL_VIDEODRIVER"] = "offscreen"
        env["SDL_AUDIODRIVER"] = "dummy"
        env.update(BASE_ENV)
        env.update(extra or {})
        return env

    def command(self, url: str, ca_file: Optional[str] = None) -> list[str]:
        cmd = [PLACARD_BIN, "--check", "--feed", url, "--cache-dir", self.cache_dir, "--config", self.config]
        if ca_file:
            cmd += ["--ca-file", ca_file]
        return cmd

    def poll(self, url: Optional[str] = None, ca_file: Optional[str] = None, env: Optional[dict] = None,
             netns: bool = False) -> Poll:
        url = url or self.server.url
        cmd = self.command(url, ca_file)
        if netns:
            cmd = ["unshare", "-n", "sh", "-c", 'ip link set lo up 2>/dev/null; exec "$@"', "sh", *cmd]
        start = time.monotonic()
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, errors="replace", env=self.env(env),
                               timeout=POLL_TIMEOUT)
        except subprocess.TimeoutExpired as e:
            self.fail(f"placard did not finish within {POLL_TIMEOUT}s: {' '.join(cmd)}\n{e.stdout!r}\n{e.stderr!r}")
        p = Poll(cmd, r.returncode, r.stdout, r.stderr, time.monotonic() - start)
        self.assertGreaterEqual(p.rc, 0, "placard was killed by a signal\n" + p.describe())
        self.assertEqual(p.line("Feed:"), url, "the report names the feed\n" + p.describe())
        self.assertIsNotNone(p.line("Fetch:"), "the report has a Fetch: line\n" + p.describe())
        return p

    def validate(self, path: str) -> subprocess.CompletedProcess:
        return subprocess.run([PLACARD_FEED_BIN, "validate", path], capture_output=True, text=True,
                              errors="replace", env=self.env(), timeout=60)

    @property
    def cache_feed(self) -> str:
        return os.path.join(self.cache_dir, "feed.cache")

    def read_cache(self) -> Optional[bytes]:
        """The cached feed's bytes, out of feed.cache."""
        cached = read_cache_file(self.cache_dir)
        return None if cached is None else cached[2]

    def validate_cache(self) -> subprocess.CompletedProcess:
        """placard-feed validate on the cached feed's bytes."""
        path = os.path.join(self.tmp, "cached-feed.json")
        with open(path, "wb") as f:
            f.write(self.read_cache() or b"")
        return self.validate(path)

    # -- assertions ------------------------------------------------------------

    def assertShowing(self, p: Poll, sequence: Optional[int], ids: Optional[list[str]] = None):
        shown = p.showing
        if sequence is None:
            self.assertIsNone(shown, "expected Showing: nothing yet\n" + p.describe())
            return
        self.assertIsNotNone(shown, f"expected sequence {sequence} to be showing\n" + p.describe())
        self.assertEqual(shown[0], sequence, "the kiosk shows the wrong sequence\n" + p.describe())
        if ids is not None:
            self.assertEqual(shown[1], ids, "the kiosk shows the wrong items\n" + p.describe())

    def assertOutcome(self, p: Poll, rc: int, result: str, sequence: Optional[int], ids=None):
        self.assertEqual(p.rc, rc, f"expected exit code {rc} ({result})\n" + p.describe())
        got = p.result or ""
        if result in ("accepted", "unchanged"):
            self.assertEqual(got, result, p.describe())
        else:
            self.assertTrue(got.startswith(result + ":") and len(got) > len(result) + 2,
                            f"expected 'Result: {result}: <reason>'\n" + p.describe())
        self.assertShowing(p, sequence, ids)

    def assertAccepted(self, p: Poll, sequence: int, ids: list[str], body: bytes):
        self.assertOutcome(p, 0, "accepted", sequence, ids)
        self.assertCacheHolds(body)

    def assertCacheHolds(self, body: bytes):
        cached = self.read_cache()
        self.assertIsNotNone(cached, f"{self.cache_feed} was not written")
        if cached != body:
            self.fail(f"{self.cache_feed} does not hold the exact bytes of the accepted feed "
                      f"({len(cached)} bytes cached, {len(body)} served)")
        v = self.validate_cache()
        self.assertEqual(v.returncode, 0, f"placard-feed validate refused the cache:\n{v.stderr}")
        self.assertRegex(read_cache_file(self.cache_dir)[0].get("url", ""), r"^https?://",
                         "feed.cache does not say which URL its feed came from")

    def serve(self, sequence: int, server: Optional[FaultServer] = None, **feed_args) -> tuple[bytes, list[str]]:
        server = server or self.server
        body, ids = make_feed(sequence, **feed_args)
        server.set_feed(body, sequence)
        return body, ids

    def prime(self, server: Optional[FaultServer] = None, ca_file: Optional[str] = None):
        """Serves sequence 1 and checks the kiosk accepts it; returns (body, ids)."""
        server = server or self.server
        server.mode = "ok"
        body, ids = self.serve(1, server)
        p = self.poll(server.url, ca_file=ca_file)
        self.assertAccepted(p, 1, ids, body)
        return body, ids

    def fault_poll(self, expect: str, seq1: tuple[bytes, list[str]], url: Optional[str] = None, **poll_args) -> Poll:
        """A poll during a fault: refused (1) or failed (3); sequence 1 still showing, cache untouched."""
        rc = {"refused": 1, "failed": 3}[expect]
        p = self.poll(url, **poll_args)
        self.assertOutcome(p, rc, expect, 1, seq1[1])
        self.assertEqual(self.read_cache(), seq1[0], "a refused or failed poll changed the cached feed")
        v = self.validate_cache()
        self.assertEqual(v.returncode, 0, f"placard-feed validate refused the cache:\n{v.stderr}")
        return p

    def recover(self, sequence: int = 3, server: Optional[FaultServer] = None, ca_file: Optional[str] = None,
                **poll_args) -> Poll:
        """Clears the fault: serves `sequence` normally; the next poll must show it."""
        server = server or self.server
        server.mode = "ok"
        body, ids = self.serve(sequence, server)
        p = self.poll(server.url, ca_file=ca_file, **poll_args)
        self.assertAccepted(p, sequence, ids, body)
        return p

    # -- normal responses and conditional GET ---------------------------------

    def test_200(self):
        body1, _ = self.prime()
        first = self.server.take_requests()
        self.assertEqual(len(first), 1, "one poll is one request")
        headers = first[0]["headers"]
        self.assertTrue(headers.get("user-agent", "").startswith("Placard/"),
                        f"User-Agent should start with Placard/, got {headers.get('user-agent')!r}")
        self.assertNotIn("if-none-match", headers, "no ETag is cached yet, so no If-None-Match")
        self.assertNotIn("if-modified-since", headers, "no Last-Modified is cached yet")
        etag1 = self.server.etag
        self.recover(2)
        second = self.server.take_requests()
        self.assertEqual(len(second), 1)
        self.assertEqual(second[0]["headers"].get("if-none-match"), etag1,
                         "the poll after an accepted feed sends the stored ETag")
        self.assertEqual(second[0]["status"], 200)

    def test_304_etag(self):
        self.server.send_last_modified = False
        seq1 = self.prime()
        etag = self.server.etag
        self.server.take_requests()
        p = self.poll()
        self.assertOutcome(p, 0, "unchanged", 1, seq1[1])
        self.assertEqual(self.read_cache(), seq1[0])
        reqs = self.server.take_requests()
        self.assertEqual(len(reqs), 1)
        self.assertEqual(reqs[0]["headers"].get("if-none-match"), etag, "If-None-Match carries the stored ETag")
        self.assertEqual(reqs[0]["status"], 304)
        self.recover(2)

    def test_304_last_modified(self):
        self.server.send_etag = False
        seq1 = self.prime()
        last_modified = self.server.last_modified
        self.server.take_requests()
        p = self.poll()
        self.assertOutcome(p, 0, "unchanged", 1, seq1[1])
        self.assertEqual(self.read_cache(), seq1[0])
        reqs = self.server.take_requests()
        self.assertEqual(len(reqs), 1)
        self.assertEqual(reqs[0]["headers"].get("if-modified-since"), last_modified,
                         "If-Modified-Since repeats the server's Last-Modified exactly")
        self.assertNotIn("if-none-match", reqs[0]["headers"], "the server sent no ETag")
        self.assertEqual(reqs[0]["status"], 304)
        self.recover(2)

    # -- HTTP errors and network failures ---------------------------------------

    def test_404(self):
        seq1 = self.prime()
        self.serve(2)
        self.server.mode = "status404"
        self.fault_poll("failed", seq1)
        self.recover()

    def test_500(self):
        seq1 = self.prime()
        self.serve(2)
        self.server.mode = "status500"  # the body is the valid sequence 2 feed: only the status is wrong
        self.fault_poll("failed", seq1)
        self.recover()

    def test_connection_refused(self):
        seq1 = self.prime()
        self.server.go_down()
        self.fault_poll("failed", seq1)
        self.server.come_up()
        self.recover()

    def test_unresolvable_host(self):
        if shutil.which("unshare") is None:
            self.skipTest("unshare is not installed; it is needed to resolve names without any network")
        probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, text=True, timeout=30)
        if probe.returncode != 0:
            self.skipTest("cannot make a network namespace (unshare -n needs root or user namespaces): "
                          + probe.stderr.strip())
        seq1 = self.prime()
        self.serve(2)
        self.server.take_requests()
        # Inside a namespace with only loopback, so the lookup cannot reach any resolver.
        url = f"http://placard-test.invalid:{self.server.port}/feed.json"
        self.fault_poll("failed", seq1, url=url, netns=True)
        self.assertEqual(self.server.take_requests(), [], "nothing reached the server")
        self.recover()

    def test_connect_timeout(self):
        tarpit = Tarpit().start()
        self.addCleanup(tarpit.stop)
        if not tarpit.fill():
            self.skipTest("this kernel accepts connections past a full backlog, so connect() cannot be made to hang")
        seq1 = self.prime()
        p = self.fault_poll("failed", seq1, url=tarpit.url,
                            env={"PLACARD_CONNECT_TIMEOUT_MS": "1500", "PLACARD_TOTAL_TIMEOUT_MS": "8000",
                                 "PLACARD_LOW_SPEED_SECONDS": "2"})
        self.assertGreaterEqual(p.elapsed, 1.0, "the connection should have hung until the connect timeout\n"
                                + p.describe())
        self.assertLess(p.elapsed, 4.5, "PLACARD_CONNECT_TIMEOUT_MS=1500 should end the poll in about 1.5 s\n"
                        + p.describe())
        self.recover()

    def test_slow_drip(self):
        seq1 = self.prime()
        self.serve(2, n_items=8, text_chars=200)  # ~3 KB at 10 bytes/s: minutes, if nothing stops it
        self.server.mode = "drip"
        self.server.drip_bytes, self.server.drip_interval = 5, 0.5
        p = self.fault_poll("failed", seq1, env={"PLACARD_LOW_SPEED_SECONDS": "2",
                                                 "PLACARD_TOTAL_TIMEOUT_MS": "30000",
                                                 "PLACARD_CONNECT_TIMEOUT_MS": "1500"})
        self.assertLess(p.elapsed, 12.0, "below 100 bytes/s for 2 s should abort the transfer long before the "
                        "30 s total timeout\n" + p.describe())
        self.recover()

    def test_total_timeout(self):
        seq1 = self.prime()
        self.serve(2, n_items=60, text_chars=600)  # ~45 KB at 800 bytes/s: about a minute
        self.server.mode = "drip"
        self.server.drip_bytes, self.server.drip_interval = 200, 0.25  # fast enough for the low-speed check
        p = self.fault_poll("failed", seq1, env={"PLACARD_TOTAL_TIMEOUT_MS": "3000",
                                                 "PLACARD_LOW_SPEED_SECONDS": "5",
                                                 "PLACARD_CONNECT_TIMEOUT_MS": "1500"})
        self.assertGreaterEqual(p.elapsed, 2.5, p.describe())
        self.assertLess(p.elapsed, 10.0, "PLACARD_TOTAL_TIMEOUT_MS=3000 should end the poll in about 3 s\n"
                        + p.describe())
        self.recover()

    # -- incomplete and oversized bodies ----------------------------------------

    def test_truncated_body(self):
        seq1 = self.prime()
        body2, _ = self.serve(2)
        self.server.mode = "truncated"
        # Half the body, then the connection closes.
        self.fault_poll("refused", seq1)
        # The whole, valid feed, but Content-Length promised 100 bytes more: still truncated.
        self.server.truncate_send = len(body2)
        self.fault_poll("refused", seq1)
        self.recover()

    def _assert_stopped_reading(self):
        self.assertTrue(self.server.wait_handlers_done(10), "the server is still sending")
        last = self.server.requests[-1]
        self.assertFalse(last["complete"], f"the kiosk read the whole {self.server.oversize_bytes} byte body: "
                         "the 4 MiB cap should stop the transfer while it streams")

    def test_oversized_with_length(self):
        seq1 = self.prime()
        self.serve(2)
        self.server.mode = "oversized_length"
        self.server.oversize_bytes = 32 * MiB
        self.fault_poll("refused", seq1)
        self._assert_stopped_reading()
        self.recover()

    def test_oversized_chunked(self):
        seq1 = self.prime()
        self.serve(2)
        self.server.mode = "oversized_chunked"
        self.server.oversize_bytes = 32 * MiB
        self.fault_poll("refused", seq1)
        self._assert_stopped_reading()
        self.recover()

    def test_gzip_bomb(self):
        seq1 = self.prime()
        self.server.mode = "gzip_bomb"  # ~8 KB on the wire, 8 MiB decoded
        self.server.oversize_bytes = 8 * MiB
        self.fault_poll("refused", seq1)
        self.recover()

    # -- redirects ----------------------------------------------------------------

    def test_redirect_loop(self):
        seq1 = self.prime()
        self.server.take_requests()
        self.server.mode = "redirect_loop"
        self.fault_poll("failed", seq1)
        reqs = self.server.take_requests()
        self.assertLessEqual(len(reqs), 6, f"at most 5 redirects are followed, got {[r['path'] for r in reqs]}")
        self.recover()

    def test_redirect_within_limit(self):
        self.prime()
        self.server.take_requests()
        self.server.mode = "redirect_chain"
        self.server.redirect_hops = 5
        body, ids = self.serve(2)
        p = self.poll()
        self.assertAccepted(p, 2, ids, body)
        paths = [r["path"] for r in self.server.take_requests()]
        self.assertEqual(paths, ["/feed.json", "/hop/1", "/hop/2", "/hop/3", "/hop/4", "/hop/5"],
                         "five redirects are followed")

    def test_https_downgrade_refused(self):
        cert, key = self.make_cert()
        https = self.start_server(certfile=cert, keyfile=key)
        plain = self.start_server()
        seq1 = self.prime(https, ca_file=cert)
        self.serve(2, plain)
        https.mode = "redirect"
        https.redirect_target = plain.url
        self.fault_poll("failed", seq1, url=https.url, ca_file=cert)
        self.assertEqual(plain.take_requests(), [], "the kiosk followed a redirect from https to http")
        self.recover(server=https, ca_file=cert)

    def test_huge_header(self):
        seq1 = self.prime()
        self.serve(2)
        self.server.mode = "huge_header"
        p = self.fault_poll("failed", seq1)
        self.assertIn("header", p.stdout + p.stderr, p.describe())
        self.assertNotIn("Out of memory", p.stdout + p.stderr, p.describe())
        self.recover()

    def test_not_an_http_response(self):
        seq1 = self.prime()
        self.serve(2)
        for mode in ("http09", "garbage_status"):
            with self.subTest(mode=mode):
                self.server.mode = mode
                p = self.fault_poll("failed", seq1)
                self.assertIn("not an HTTP response", p.stdout + p.stderr, p.describe())
                self.assertNotIn("unsafe", p.stdout + p.stderr, p.describe())
        self.recover()

    # -- content that is not a feed ----------------------------------------------

    def test_captive_portal(self):
        seq1 = self.prime()
        self.server.mode = "captive_portal"
        self.fault_poll("refused", seq1)
        self.recover()

    def test_invalid_json(self):
        seq1 = self.prime()
        self.server.mode = "invalid_json"
        self.fault_poll("refused", seq1)
        self.recover()

    def test_not_a_feed(self):
        seq1 = self.prime()
        self.server.mode = "not_a_feed"
        self.fault_poll("refused", seq1)
        self.recover()

    def test_json_error_object(self):
        seq1 = self.prime()
        self.server.mode = "json_error"
        self.fault_poll("refused", seq1)
        self.recover()

    def test_empty_200(self):
        seq1 = self.prime()
        self.server.mode = "empty"
        self.fault_poll("refused", seq1)
        self.recover()

    # -- gzip ---------------------------------------------------------------------

    def test_gzip(self):
        self.prime()
        self.server.take_requests()
        self.server.mode = "gzip"
        body2, ids2 = self.serve(2)
        p = self.poll()
        self.assertAccepted(p, 2, ids2, body2)  # the cache holds the decoded bytes
        reqs = self.server.take_requests()
        self.assertIn("gzip", reqs[0]["headers"].get("accept-encoding", ""), "the kiosk accepts gzip")
        self.assertTrue(reqs[0]["gzipped"], "the server sent gzip")
        p = self.poll()
        self.assertOutcome(p, 0, "unchanged", 2, ids2)
        self.recover()

    # -- TLS ------------------------------------------------------------------------

    def test_https_self_signed_with_ca(self):
        cert, key = self.make_cert()
        https = self.start_server(certfile=cert, keyfile=key)
        seq1 = self.prime(https, ca_file=cert)
        reqs = https.take_requests()
        self.assertTrue(reqs[0]["headers"].get("user-agent", "").startswith("Placard/"),
                        f"User-Agent should start with Placard/, got {reqs[0]['headers'].get('user-agent')!r}")
        p = self.poll(https.url, ca_file=cert)
        self.assertOutcome(p, 0, "unchanged", 1, seq1[1])
        self.recover(2, server=https, ca_file=cert)

    def test_https_self_signed_without_ca(self):
        cert, key = self.make_cert()
        https = self.start_server(certfile=cert, keyfile=key)
        seq1 = self.prime(https, ca_file=cert)
        https.take_requests()
        self.serve(2, https)
        self.fault_poll("failed", seq1, url=https.url)  # no --ca-file: the certificate is not trusted
        self.assertEqual(https.take_requests(), [], "a request was sent over an unverified connection")
        self.recover(2, server=https, ca_file=cert)

    # -- the cache -----------------------------------------------------------------

    def test_corrupt_cache_ignored(self):
        body1, ids1 = self.prime()
        header, signature, _ = read_cache_file(self.cache_dir)
        write_cache_file(self.cache_dir, header, signature, body1[: len(body1) // 2])
        self.server.go_down()
        p = self.poll()
        self.assertIn(p.rc, (1, 3), "a corrupt cache with the server down is an error, not a crash\n" + p.describe())
        self.assertIn(p.showing, (None, (1, ids1)), "the corrupt feed must not be shown\n" + p.describe())
        self.assertRegex((p.stdout + p.stderr).lower(), "cache",
                         "the corrupt cache should be reported with a warning\n" + p.describe())
        # The server is back with the same feed the corrupt cache once held: a
        # conditional GET with the old ETag would get a 304 and leave nothing to show.
        self.server.come_up()
        p = self.poll()
        self.assertAccepted(p, 1, ids1, body1)
        self.recover(2)

    def test_a_sheet_served_as_csv_is_shown_from_the_cache_after_a_restart(self):
        # A spreadsheet's published CSV link rarely ends in .csv; the server's
        # Content-Type says what it is. Without .csv in the address and with
        # no "text" column to recognise, only the kept Content-Type tells the
        # restarted screen that its cache holds a sheet, not broken JSON.
        sheet = (b"id,title,speaker\r\n"
                 b"a1,Around 30 States have not accepted any visit by a mandate holder,Ann\r\n"
                 b"a2,A letter on behalf of 40 leading NGOs,Ben\r\n")
        self.server.content_type = "text/csv; charset=utf-8"
        self.server.set_feed(sheet, 1)
        url = self.server.url_for("/pub?gid=0&single=true")
        p = self.poll(url)
        self.assertEqual((p.rc, p.result), (0, "accepted"), p.describe())
        self.assertEqual(read_cache_file(self.cache_dir)[0].get("content_type"), "text/csv; charset=utf-8",
                         "feed.cache keeps the server's Content-Type")
        self.server.go_down()
        p = self.poll(url)
        self.assertEqual(p.rc, 3, "the server is down: the poll failed\n" + p.describe())
        self.assertNotIn("damaged", p.stdout + p.stderr, "the cached sheet was read as JSON\n" + p.describe())
        self.assertEqual(p.line("Showing:"), "sequence none, items a1 a2",
                         "the cached sheet is still shown after a restart\n" + p.describe())

    def test_cache_write_sigkill(self):
        rng = random.Random(20131211)
        served: dict[str, int] = {}

        def serve_big(seq: int) -> tuple[bytes, list[str]]:
            body, ids = make_big_feed(seq)
            self.assertLess(len(body), 4 * MiB)
            served[hashlib.sha256(body).hexdigest()] = seq
            self.server.set_feed(body, seq)
            return body, ids

        def check_cache(context: str) -> Optional[int]:
            try:
                cached = self.read_cache()
            except (ValueError, KeyError, AssertionError) as e:
                self.fail(f"{context}: feed.cache is damaged: {e}")
            if cached is None:
                return None
            v = self.validate_cache()
            self.assertEqual(v.returncode, 0, f"{context}: the cache fails to load:\n{v.stderr[:2000]}")
            seq = served.get(hashlib.sha256(cached).hexdigest())
            self.assertIsNotNone(seq, f"{context}: feed.cache does not hold the exact bytes of any served feed")
            return seq

        def snapshot() -> dict:
            out = {}
            for entry in os.scandir(self.cache_dir):
                try:
                    st = entry.stat()
                    out[entry.name] = (st.st_size, st.st_mtime_ns, st.st_ino)
                except FileNotFoundError:
                    pass
            return out

        # One unkilled poll: it caches a big feed and tells how long a poll takes.
        body, ids = serve_big(10)
        p = self.poll()
        self.assertAccepted(p, 10, ids, body)
        window = min(max(0.15, 1.2 * p.elapsed), 2.0)

        # Even rounds: SIGKILL after a random delay in [0, window]. Odd rounds: watch
        # the cache directory and SIGKILL 0-3 ms after it first changes, so that the
        # kill lands while the cache is being written (a random delay alone rarely
        # hits those few milliseconds).
        ROUNDS = 26
        seq = 10
        changed = 0
        write_kills = 0
        leftovers: set[str] = set()
        for round_no in range(ROUNDS):
            seq += 1
            serve_big(seq)
            before = self.read_cache()
            before_dir = snapshot()
            proc = subprocess.Popen(self.command(self.server.url), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, env=self.env())
            try:
                if round_no % 2 == 0:
                    time.sleep(rng.uniform(0, window))
                else:
                    deadline = time.monotonic() + 2 * window + 1.0
                    while time.monotonic() < deadline and proc.poll() is None:
                        if snapshot() != before_dir:
                            write_kills += 1
                            time.sleep(rng.uniform(0, 0.003))
                            break
                proc.send_signal(signal.SIGKILL)
            finally:
                proc.wait(timeout=30)
            check_cache(f"after SIGKILL in round {round_no}")
            changed += self.read_cache() != before
            leftovers.update(n for n in os.listdir(self.cache_dir) if n != "feed.cache")

        # Server down: the kiosk shows exactly what feed.cache holds, never a temp file.
        cached_seq = check_cache("after the last round")
        self.server.go_down()
        p = self.poll()
        self.assertEqual(p.rc, 3, p.describe())
        if cached_seq is None:
            self.assertShowing(p, None)
        else:
            self.assertShowing(p, cached_seq, make_big_feed(cached_seq)[1])

        # Server back with the last feed served during the kills: whatever the kill
        # left in feed.cache, the kiosk must end up showing that feed.
        self.server.come_up()
        p = self.poll()
        self.assertEqual(p.rc, 0, p.describe())
        self.assertIn(p.result, ("accepted", "unchanged"), p.describe())
        last_body, last_ids = make_big_feed(seq)
        self.assertShowing(p, seq, last_ids)
        self.assertCacheHolds(last_body)

        body, ids = serve_big(seq + 1)
        p = self.poll()
        self.assertAccepted(p, seq + 1, ids, body)
        if leftovers:
            sys.stderr.write(f"\nnote: files left in the cache dir by killed polls: {sorted(leftovers)}\n")
        sys.stderr.write(f"\nnote: {changed} of {ROUNDS} killed polls had replaced the cache; "
                         f"{write_kills} kills were timed by a change in the cache directory\n")


if __name__ == "__main__":
    unittest.main()
