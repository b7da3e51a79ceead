"""A real Mosquitto broker for the fleet tests, on 127.0.0.1 and a free port.

Broker(...).start() writes a config into a temporary folder and starts
`mosquitto` on it: plain, or TLS with a certificate made here by `openssl` for
127.0.0.1, a password file made by `mosquitto_passwd` and an ACL (the one the
Pi guide documents: each screen writes only under its own name, editors send
commands). stop() ends it; start() again brings it back on the same port.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time

# The ACL the Pi guide's "Many screens" section documents, with the test's prefix.
ACL = """\
# Each screen logs in with its own name as its user name.
pattern write placard/%u/status
pattern write placard/%u/screenshot
pattern write placard/%u/reply
pattern read placard/%u/command
pattern read placard/all/command

# Editors read every screen's messages and send commands.
user editor
topic read placard/#
topic write placard/+/command
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def have_mosquitto() -> bool:
    return all(shutil.which(t) for t in ("mosquitto", "mosquitto_passwd", "mosquitto_pub", "openssl"))


class Broker:
    def __init__(self, tls: bool = False, users: dict[str, str] | None = None):
        self.tls = tls
        self.users = users or {}
        self.dir = tempfile.TemporaryDirectory(prefix="placard-broker-")
        # Started as root, mosquitto drops to its own user, which must still read its files here.
        os.chmod(self.dir.name, 0o755)
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.ca_file = os.path.join(self.dir.name, "ca.pem")
        self._write_config()

    @property
    def url(self) -> str:
        return f"{'mqtts' if self.tls else 'mqtt'}://127.0.0.1:{self.port}"

    def credentials_file(self, user: str, password: str | None = None) -> str:
        """A file with USER:PASSWORD, as the screens and placard-feed read it."""
        path = os.path.join(self.dir.name, f"{user}.pass")
        with open(path, "w") as f:
            f.write(f"{user}:{password if password is not None else self.users[user]}\n")
        os.chmod(path, 0o600)
        return path

    def _run(self, *args: str) -> None:
        subprocess.run(args, check=True, capture_output=True, cwd=self.dir.name, timeout=60)

    def _write_config(self) -> None:
        d = self.dir.name
        lines = [f"listener {self.port} 127.0.0.1", "persistence false", "log_dest stderr"]
        if self.tls:
            self._run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Test CA",
                      "-keyout", "ca.key", "-out", "ca.pem")
            self._run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                      "-keyout", "server.key", "-out", "server.csr")
            with open(os.path.join(d, "san.ext"), "w") as f:
                f.write("subjectAltName=IP:127.0.0.1\n")
            self._run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                      "-CAcreateserial", "-days", "2", "-extfile", "san.ext", "-out", "server.pem")
            lines += [f"cafile {d}/ca.pem", f"certfile {d}/server.pem", f"keyfile {d}/server.key"]
        if self.users:
            password_file = os.path.join(d, "passwords")
            open(password_file, "w").close()
            for user, password in self.users.items():
                self._run("mosquitto_passwd", "-b", password_file, user, password)
            with open(os.path.join(d, "acl"), "w") as f:
                f.write(ACL)
            lines += ["allow_anonymous false", f"password_file {password_file}", f"acl_file {d}/acl"]
        else:
            lines.append("allow_anonymous true")
        self.config = os.path.join(d, "mosquitto.conf")
        with open(self.config, "w") as f:
            f.write("\n".join(lines) + "\n")
        for name in os.listdir(d):
            os.chmod(os.path.join(d, name), 0o644)

    def start(self) -> "Broker":
        self.log = open(os.path.join(self.dir.name, "mosquitto.log"), "ab")
        self.process = subprocess.Popen(["mosquitto", "-c", self.config], stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.02)
        raise RuntimeError("mosquitto did not start:\n" + open(os.path.join(self.dir.name, "mosquitto.log")).read())

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
            self.log.close()

    def cleanup(self) -> None:
        self.stop()
        self.dir.cleanup()


class SilentServer:
    """A 'broker' that accepts connections and never says a word: a slow one."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.held: list[socket.socket] = []
        self.accepted = 0
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)
            self.accepted += 1

    def close(self) -> None:
        self.sock.close()
        for c in self.held:
            c.close()
