"""A fault-injecting HTTP(S) server for Placard's remote-feed tests.

Standard library only. Binds 127.0.0.1 on a port the kernel picks and nothing
else. Meant to be used in-process by the test module:

    server = FaultServer().start()
    server.set_feed(feed_bytes, sequence=1)
    server.mode = "truncated"
    ... run the kiosk against server.url ...
    server.stop()

Every thread is a daemon, every loop is bounded, and a watchdog shuts the
server down by itself after `watchdog_seconds` even if a test forgets to.

Modes (set `server.mode`):
  ok                 200 with the current feed, ETag and Last-Modified, and 304
                     for a matching If-None-Match / If-Modified-Since
  gzip               like ok, but the body is sent gzip-compressed
  gzip_bomb          200, gzip, a small body that decompresses past 4 MiB
  status404          404 with an HTML body
  status500          500 whose body is the current (valid) feed, so only the
                     status line says it is not the feed
  drip               200 with the right Content-Length, then `drip_bytes` every
                     `drip_interval` seconds (for at most `drip_max_seconds`)
  truncated          Content-Length `truncate_claim` (default: body + 100),
                     only `truncate_send` bytes (default: half) sent, then close
  oversized_length   Content-Length `oversize_bytes`, body streamed
  oversized_chunked  chunked transfer, no Content-Length, `oversize_bytes` sent
  redirect_loop      /x -> /loop-a -> /loop-b -> /loop-a ... (never ends)
  redirect_chain     `redirect_hops` redirects, then the feed as in ok
  redirect           302 to `redirect_target` (an absolute URL)
  captive_portal     200 text/html, a hotel Wi-Fi login page
  invalid_json       200 application/json that does not parse
  not_a_feed         200 application/json, valid JSON, not a valid feed
  json_error         200 application/json {"error": {...}}
  empty              200 with Content-Length: 0

The detached signature, /feed.json.sig, has its own `signature_mode`, whatever
`mode` the feed is in:
  ok                 200 text/plain with `signature` (404 while it is None)
  missing            404
  status500          500

Connection refused: `go_down()` closes the listening socket; `come_up()`
listens again on the same port. Connect timeout: see `Tarpit`.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import http.server
import socket
import socketserver
import ssl
import threading
import time
from typing import Optional

MiB = 1024 * 1024

# Last-Modified dates are synthetic (a fixed base plus one minute per feed
# change), so they always differ between feeds and never depend on the clock.
_LAST_MODIFIED_BASE = 1386752400  # 2013-12-11T09:00:00Z

CAPTIVE_PORTAL_PAGE = (
    b"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Hotel Wi-Fi</title></head>\n"
    b"<body><h1>Welcome to Hotel Wi-Fi</h1><p>Please accept the terms to continue.</p>\n"
    b"<form method=\"post\" action=\"/login\"><input name=\"room\"><button>Connect</button></form>\n"
    b"</body></html>\n"
)
NOT_FOUND_PAGE = b"<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>\n"
INVALID_JSON = (
    b'{"version": "https://jsonfeed.org/version/1.1", "title": "Broken", '
    b'"_placard": {"sequence": 99}, "items": [{"id": "x1", "content_text": "trailing comma",}]}\n'
)
NOT_A_FEED = (
    b'{"version": "https://jsonfeed.org/version/1.1", "title": "Not a feed", '
    b'"_placard": {"sequence": 99}, '
    b'"items": {"first": {"id": "a", "content_text": "items must be a list, not an object"}}}\n'
)
JSON_ERROR = b'{"error": {"code": 503, "message": "upstream unavailable, try again later"}}\n'

MODES = (
    "ok", "gzip", "gzip_bomb", "status404", "status500", "drip", "truncated",
    "oversized_length", "oversized_chunked", "redirect_loop", "redirect_chain",
    "redirect", "captive_portal", "invalid_json", "not_a_feed", "json_error", "empty",
)


def _padding_chunks(total: int, chunk: int = 64 * 1024):
    """Yields `total` bytes of a JSON-looking body in `chunk`-sized pieces."""
    head = b'{"version": "https://jsonfeed.org/version/1.1", "title": "Huge", "items": [], "padding": "'
    tail = b'"}\n'
    yield head
    left = total - len(head) - len(tail)
    while left > 0:
        n = min(chunk, left)
        yield b"x" * n
        left -= n
    yield tail


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FaultServer/1"
    sys_version = ""
    timeout = 30  # a stuck client cannot hold a thread for long

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass

    @property
    def fs(self) -> "FaultServer":
        return self.server.fault_server  # type: ignore[attr-defined]

    # -- helpers -----------------------------------------------------------

    def _start(self, status: int, headers: list[tuple[str, str]]):
        self.close_connection = True
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Connection", "close")
        self.end_headers()
        self.record["status"] = status

    def _write(self, data: bytes) -> bool:
        if self.fs._stopping.is_set():
            return False
        try:
            self.wfile.write(data)
            self.wfile.flush()
            self.record["bytes_sent"] += len(data)
            return True
        except (BrokenPipeError, ConnectionResetError, socket.timeout, OSError, ValueError):
            self.record["aborted_by_client"] = True
            return False

    def _simple(self, status: int, body: bytes, content_type: str, extra=()):
        self._start(status, [("Content-Type", content_type), ("Content-Length", str(len(body))), *extra])
        if self._write(body):
            self.record["complete"] = True

    def _location(self, path: str) -> str:
        return f"{self.fs.scheme}://127.0.0.1:{self.fs.port}{path}"

    # -- the feed, with conditional GET --------------------------------------

    def _serve_feed(self, gzipped: bool):
        fs = self.fs
        with fs._lock:
            body, etag, last_modified = fs._feed, fs._etag, fs._last_modified
            send_etag, send_lm = fs.send_etag, fs.send_last_modified
        validators = []
        if send_etag:
            validators.append(("ETag", etag))
        if send_lm:
            validators.append(("Last-Modified", last_modified))
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        not_modified = False
        if inm is not None:
            if send_etag:
                tags = [t.strip() for t in inm.split(",")]
                not_modified = "*" in tags or any(t.removeprefix("W/") == etag for t in tags)
        elif ims is not None and send_lm:
            not_modified = ims.strip() == last_modified  # exactly as served
        if not_modified:
            self._start(304, validators)
            self.record["complete"] = True
            return
        if gzipped:
            payload = gzip.compress(body, mtime=0)
            self.record["gzipped"] = True
            extra = [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
        else:
            payload = body
            extra = []
        self._simple(200, payload, fs.content_type, [*validators, *extra])

    # -- GET ---------------------------------------------------------------

    def do_GET(self):  # noqa: N802 - stdlib name
        fs = self.fs
        mode = fs.mode
        self.record = {
            "path": self.path,
            "mode": mode,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "status": None,
            "bytes_sent": 0,
            "complete": False,
            "aborted_by_client": False,
            "gzipped": False,
            "time": time.monotonic(),
        }
        with fs._lock:
            fs.requests.append(self.record)
            body = fs._feed
        try:
            if self.path.split("?")[0].endswith(".sig"):
                self._serve_signature()
            else:
                self._dispatch(mode, body)
        finally:
            self.record["done"] = True

    def do_HEAD(self):  # noqa: N802
        self.close_connection = True
        self.send_error(405)

    def do_POST(self):  # noqa: N802
        self.close_connection = True
        self.send_error(405)

    def _serve_signature(self):
        fs = self.fs
        with fs._lock:
            signature, mode = fs.signature, fs.signature_mode
        self.record["mode"] = "signature_" + mode
        if mode == "status500":
            self._simple(500, b"server error\n", "text/plain")
        elif mode == "missing" or signature is None:
            self._simple(404, NOT_FOUND_PAGE, "text/html; charset=utf-8")
        else:
            self._simple(200, signature, "text/plain; charset=utf-8")

    def _dispatch(self, mode: str, body: bytes):
        fs = self.fs
        if mode == "ok":
            self._serve_feed(gzipped=False)
        elif mode == "gzip":
            self._serve_feed(gzipped=True)
        elif mode == "gzip_bomb":
            raw = b"".join(_padding_chunks(fs.oversize_bytes))
            payload = gzip.compress(raw, mtime=0)
            self.record["gzipped"] = True
            self._simple(200, payload, "application/feed+json",
                         [("Content-Encoding", "gzip")])
        elif mode == "status404":
            self._simple(404, NOT_FOUND_PAGE, "text/html; charset=utf-8")
        elif mode == "status500":
            self._simple(500, body, "application/feed+json")
        elif mode == "captive_portal":
            self._simple(200, CAPTIVE_PORTAL_PAGE, "text/html; charset=utf-8")
        elif mode == "invalid_json":
            self._simple(200, INVALID_JSON, "application/json")
        elif mode == "not_a_feed":
            self._simple(200, NOT_A_FEED, "application/json")
        elif mode == "json_error":
            self._simple(200, JSON_ERROR, "application/json")
        elif mode == "empty":
            self._simple(200, b"", "application/feed+json")
        elif mode == "drip":
            self._drip(body)
        elif mode == "truncated":
            claim = fs.truncate_claim if fs.truncate_claim is not None else len(body) + 100
            send = fs.truncate_send if fs.truncate_send is not None else len(body) // 2
            self._start(200, [("Content-Type", "application/feed+json"), ("Content-Length", str(claim))])
            self._write(body[:send])
            # Returning closes the connection: the client sees EOF before
            # Content-Length bytes arrived.
        elif mode == "oversized_length":
            self._start(200, [("Content-Type", "application/feed+json"),
                              ("Content-Length", str(fs.oversize_bytes))])
            for piece in _padding_chunks(fs.oversize_bytes):
                if not self._write(piece):
                    return
            self.record["complete"] = True
        elif mode == "oversized_chunked":
            self._start(200, [("Content-Type", "application/feed+json"), ("Transfer-Encoding", "chunked")])
            for piece in _padding_chunks(fs.oversize_bytes):
                if not self._write(b"%x\r\n%s\r\n" % (len(piece), piece)):
                    return
            if self._write(b"0\r\n\r\n"):
                self.record["complete"] = True
        elif mode == "redirect_loop":
            nxt = "/loop-b" if self.path == "/loop-a" else "/loop-a"
            self._simple(302, b"", "text/plain", [("Location", self._location(nxt))])
        elif mode == "redirect_chain":
            hop = 0
            if self.path.startswith("/hop/"):
                try:
                    hop = int(self.path[len("/hop/"):])
                except ValueError:
                    hop = 0
            if hop < fs.redirect_hops:
                self._simple(302, b"", "text/plain", [("Location", self._location(f"/hop/{hop + 1}"))])
            else:
                self._serve_feed(gzipped=False)
        elif mode == "huge_header":
            # One 200 KB header line: more than libcurl accepts for a header.
            self._simple(200, body, "application/feed+json", [("X-Padding", "x" * (200 * 1024))])
        elif mode == "http09":
            # No status line at all, as an HTTP/0.9 server (or something that
            # is not a web server) would answer.
            self.close_connection = True
            self.record["status"] = 0
            if self._write(body):
                self.record["complete"] = True
        elif mode == "garbage_status":
            self.close_connection = True
            self.record["status"] = 0
            if self._write(b"HTTP/1.1 OK-ish nonsense\r\nContent-Length: 2\r\n\r\n{}"):
                self.record["complete"] = True
        elif mode == "redirect":
            self._simple(302, b"", "text/plain", [("Location", fs.redirect_target or "/")])
        else:
            self._simple(500, f"unknown fault mode {mode!r}\n".encode(), "text/plain")

    def _drip(self, body: bytes):
        fs = self.fs
        self._start(200, [("Content-Type", "application/feed+json"), ("Content-Length", str(len(body)))])
        deadline = time.monotonic() + fs.drip_max_seconds
        pos = 0
        while pos < len(body) and time.monotonic() < deadline:
            if not self._write(body[pos:pos + fs.drip_bytes]):
                return
            pos += fs.drip_bytes
            if fs._stopping.wait(fs.drip_interval):
                return
        if pos >= len(body):
            self.record["complete"] = True


class _HTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # stop() must not wait for a dripping handler
    allow_reuse_address = True

    def __init__(self, fault_server, address, tls_context):
        self.fault_server = fault_server
        self._tls = tls_context
        super().__init__(address, _Handler)

    def get_request(self):
        sock, addr = super().get_request()
        if self._tls is not None:
            sock.settimeout(10)
            # The handshake happens in the handler thread (first read), so a
            # client that never completes it cannot block the accept loop.
            sock = self._tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, addr

    def handle_error(self, request, client_address):
        pass  # TLS handshake failures (a client refusing our cert) are expected


class FaultServer:
    """An HTTP (or, with certfile/keyfile, HTTPS) server on 127.0.0.1."""

    def __init__(self, certfile: Optional[str] = None, keyfile: Optional[str] = None,
                 watchdog_seconds: float = 120.0):
        self.mode = "ok"
        self.content_type = "application/feed+json"  # the feed's; "text/csv" for a spreadsheet feed
        self.send_etag = True
        self.send_last_modified = True
        self.drip_bytes = 5
        self.drip_interval = 0.5
        self.drip_max_seconds = 30.0
        self.truncate_claim: Optional[int] = None
        self.truncate_send: Optional[int] = None
        self.oversize_bytes = 32 * MiB
        self.redirect_hops = 3
        self.redirect_target: Optional[str] = None
        self.signature: Optional[bytes] = None
        self.signature_mode = "ok"
        self.requests: list[dict] = []
        self.port: Optional[int] = None
        self.scheme = "https" if certfile else "http"
        self._tls = None
        if certfile:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(certfile, keyfile)
            self._tls = ctx
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: Optional[_HTTPServer] = None
        self._thread: Optional[threading.Thread] = None
        self._watchdog_seconds = watchdog_seconds
        self._watchdog: Optional[threading.Timer] = None
        self._feed = b""
        self._sequence = 0
        self._etag = '"empty"'
        self._changes = 0
        self._last_modified = email.utils.formatdate(_LAST_MODIFIED_BASE, usegmt=True)

    # -- the feed ------------------------------------------------------------

    def set_feed(self, body: bytes, sequence: int):
        with self._lock:
            self._feed = body
            self._sequence = sequence
            self._changes += 1
            self._etag = '"%s"' % hashlib.sha256(body).hexdigest()[:20]
            self._last_modified = email.utils.formatdate(_LAST_MODIFIED_BASE + 60 * self._changes, usegmt=True)

    @property
    def feed(self) -> bytes:
        return self._feed

    @property
    def sequence(self) -> int:
        return self._sequence

    @property
    def etag(self) -> str:
        return self._etag

    @property
    def last_modified(self) -> str:
        return self._last_modified

    # -- lifecycle -----------------------------------------------------------

    @property
    def url(self) -> str:
        return self.url_for("/feed.json")

    def url_for(self, path: str) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"

    def start(self) -> "FaultServer":
        self._listen(0)
        self._watchdog = threading.Timer(self._watchdog_seconds, self.stop)
        self._watchdog.daemon = True
        self._watchdog.start()
        return self

    def _listen(self, port: int):
        self._httpd = _HTTPServer(self, ("127.0.0.1", port), self._tls)
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                        name=f"fault-server-{self.port}", daemon=True)
        self._thread.start()

    def _close_listener(self):
        httpd, self._httpd = self._httpd, None
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def go_down(self):
        """Stops listening: connections to the port are refused."""
        self._close_listener()

    def come_up(self):
        """Listens again on the same port."""
        if self._httpd is None and not self._stopping.is_set():
            self._listen(self.port)

    @property
    def is_up(self) -> bool:
        return self._httpd is not None

    def stop(self):
        self._stopping.set()
        if self._watchdog is not None and threading.current_thread() is not self._watchdog:
            self._watchdog.cancel()
        self._close_listener()

    # -- what was asked --------------------------------------------------------

    def take_requests(self) -> list[dict]:
        # A client can have read the whole answer before the handler thread
        # has noted its status down.
        self.wait_handlers_done()
        with self._lock:
            out, self.requests = self.requests, []
        return out

    def wait_handlers_done(self, timeout: float = 5.0) -> bool:
        """Waits until every recorded request's handler has finished."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if all(r.get("done") for r in self.requests):
                    return True
            time.sleep(0.02)
        return False


class Tarpit:
    """A listening socket whose connections hang in connect().

    Listens on 127.0.0.1 with backlog 0 and never accepts. `fill()` makes the
    connections (from this process, to loopback) that fill the accept queue;
    after that Linux drops further SYNs, so a client's connect() waits until
    its connect timeout.
    """

    def __init__(self, watchdog_seconds: float = 120.0):
        self._listener: Optional[socket.socket] = None
        self._fillers: list[socket.socket] = []
        self.port: Optional[int] = None
        self._watchdog = threading.Timer(watchdog_seconds, self.stop)
        self._watchdog.daemon = True

    def start(self) -> "Tarpit":
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind(("127.0.0.1", 0))
        s.listen(0)
        self._listener = s
        self.port = s.getsockname()[1]
        self._watchdog.start()
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/feed.json"

    def fill(self, count: int = 4) -> bool:
        """Fills the accept queue; True if a further connect now hangs."""
        for _ in range(count):
            c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            c.setblocking(False)
            c.connect_ex(("127.0.0.1", self.port))
            self._fillers.append(c)
        time.sleep(0.1)
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        probe.settimeout(0.5)
        try:
            probe.connect(("127.0.0.1", self.port))
            return False  # the kernel let it in: no tarpit on this system
        except (socket.timeout, TimeoutError):
            return True
        except OSError:
            return False
        finally:
            probe.close()

    def stop(self):
        if threading.current_thread() is not self._watchdog:
            self._watchdog.cancel()
        for c in self._fillers:
            c.close()
        self._fillers = []
        if self._listener is not None:
            self._listener.close()
            self._listener = None


def make_self_signed_cert(directory: str, openssl: str = "openssl") -> tuple[str, str]:
    """Makes cert.pem/key.pem for 127.0.0.1 with the openssl CLI; returns the paths."""
    import os
    import subprocess

    cert = os.path.join(directory, "cert.pem")
    key = os.path.join(directory, "key.pem")
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2",
         "-keyout", key, "-out", cert, "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1",
         "-addext", "basicConstraints=critical,CA:TRUE"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)
    return cert, key
