"""Many screens, simulated: N screens against one Mosquitto and one nginx on 127.0.0.1.

Not N kiosks: each simulated screen is a pair of connections that speak MQTT
and conditional HTTP the way `placard` does (net/mqtt.cpp, net/http.cpp), in
MQTT 3.1.1 where placard speaks MQTT 5 (whose packets carry a byte more for
their properties, and CONNECT the Maximum Packet Size, 6 bytes):

- MQTT: one connection with a retained last will, subscriptions to
  PREFIX/NAME/command and PREFIX/all/command (QoS 1), a retained status
  message (QoS 1) every status interval, on a change and after a refresh, PINGREQ when idle for
  the keepalive, and a refresh command answered by a fetch and a reply;
- HTTP: a new connection each poll, GET with If-None-Match and
  If-Modified-Since and Accept-Encoding, and, when the feed changed (200),
  the signature at FEED.sig as a screen that verifies does.

Each screen reads the ids of the feed it fetched and reports them in its status
(showing, showing_count, showing_digest), a change at once, as placard does.
The last phase pulls an item: --pull-command publishes the feed without it,
and the real `placard-feed screens pull` (--placard-feed) sends refresh to all
and waits until every screen's status no longer shows it; the time from the
publish to the last screen reporting it gone is measured, and the screens
that did not are listed.

Time is compressed by --speed: with the defaults (poll every 60 s, status
every 120 s, keepalive 60 s) and --speed 30, a simulated hour takes two
minutes. Bytes are counted at the application level (MQTT packets, HTTP
requests and responses with their headers), TCP/IP overhead excluded.

Prints a JSON report; platform/bench/fleet-bench.sh starts the servers and writes
it to out/fleet-bench/.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import hashlib
import json
import os
import struct
import time

STATUS_TEMPLATE = {  # what the kiosk sends (core/fleet/fleet_status.cpp), with realistic values
    "banner": None, "clock_trusted": True, "feed": "https://example.org/ishr/reprisals-side-event/feed.json",
    "generated_at": "2013-12-11T09:00:00Z", "item": "sp-3", "last_error": None,
    "last_good_fetch": "2026-12-03T11:14:38Z", "online": True, "reported_at": "2026-12-03T11:14:40Z",
    "rotation": 0, "screen": "", "screen_size": "1920x1080", "sequence": 1, "slide": 3, "slides": 10,
    "temperature_c": 51.2, "uptime_seconds": 86400, "version": "0.1.0"}


def remaining_length(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n % 128, n // 128
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def utf8(s: str | bytes) -> bytes:
    b = s.encode() if isinstance(s, str) else s
    return struct.pack(">H", len(b)) + b


def packet(kind: int, body: bytes) -> bytes:
    return bytes([kind]) + remaining_length(len(body)) + body


class Totals:
    def __init__(self):
        self.mqtt_out = self.mqtt_in = self.http_out = self.http_in = 0
        self.messages_out = self.messages_in = 0
        self.statuses = self.polls = self.not_modified = self.full = self.signatures = 0
        self.errors: dict[str, int] = {}

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


class Screen:
    def __init__(self, n: int, args, totals: Totals, feed_state: dict):
        self.name = f"sim-{n:04d}"
        self.args = args
        self.totals = totals
        self.feed_state = feed_state
        self.etag = None
        self.last_modified = None
        self.sequence = feed_state["sequence"]
        self.ids: list[str] = []             # of the feed it fetched last, sorted
        self.gone_at: float | None = None    # when its status last said the pulled item is gone
        self.refresh_received = 0.0
        self.answered = False                # a refresh answered: its status goes out, changed or not
        self.last_sent = time.monotonic()
        self.packet_id = 0
        self.writer = None
        self.refreshed_at: list[float] = []  # monotonic time each refresh's fetch completed
        self.connected = asyncio.Event()
        self.changed = asyncio.Event()  # a new feed: its sequence goes out at once

    # --- MQTT -----------------------------------------------------------
    def send(self, data: bytes) -> None:
        self.writer.write(data)
        self.totals.mqtt_out += len(data)
        self.last_sent = time.monotonic()

    def publish(self, topic: str, payload: bytes, retain: bool) -> None:
        self.packet_id = self.packet_id % 65535 + 1
        self.send(packet(0x32 | (1 if retain else 0), utf8(topic) + struct.pack(">H", self.packet_id) + payload))
        self.totals.messages_out += 1

    def status(self) -> bytes:
        # As core/fleet/fleet_status.cpp's set_showing: the first 200 ids, within 4 KiB; count and digest of all.
        listed, size = [], 0
        for i in self.ids:
            if len(listed) >= 200 or size + len(i.encode()) > 4096:
                break
            listed.append(i)
            size += len(i.encode())
        digest = hashlib.sha256("".join(i + "\n" for i in self.ids).encode()).hexdigest()
        s = dict(STATUS_TEMPLATE, screen=self.name, sequence=self.sequence, showing=listed,
                 showing_count=len(self.ids), showing_digest=digest)
        pulled = self.feed_state.get("pulled")
        if pulled and pulled not in self.ids and self.gone_at is None:
            self.gone_at = time.monotonic()
        return json.dumps(s, separators=(",", ":"), sort_keys=True).encode()

    async def run_mqtt(self, stop: asyncio.Event) -> None:
        prefix = self.args.prefix
        reader, self.writer = await asyncio.open_connection("127.0.0.1", self.args.mqtt_port)
        will = json.dumps({"online": False, "screen": self.name}, separators=(",", ":")).encode()
        flags = 0x02 | 0x04 | 0x08 | 0x20  # clean session, will, will QoS 1, will retained
        self.send(packet(0x10, utf8("MQTT") + bytes([4, flags]) + struct.pack(">H", 60)
                         + utf8("placard-" + self.name) + utf8(f"{prefix}/{self.name}/status") + utf8(will)))
        await self.writer.drain()
        reading = asyncio.create_task(self.read_mqtt(reader))
        self.send(packet(0x82, struct.pack(">H", 1) + utf8(f"{prefix}/{self.name}/command") + b"\x01"
                         + utf8(f"{prefix}/all/command") + b"\x01"))
        self.publish(f"{prefix}/{self.name}/status", self.status(), True)
        self.totals.statuses += 1
        self.connected.set()
        interval = self.args.status_seconds / self.args.speed
        keepalive = 60 / self.args.speed
        next_status = time.monotonic() + interval
        reported = (self.sequence, self.ids)
        try:
            while not stop.is_set():
                # Asleep until the next report or ping is due, or the feed changes.
                due = min(next_status, self.last_sent + keepalive)
                try:
                    await asyncio.wait_for(self.changed.wait(), max(0.0, due - time.monotonic()))
                except asyncio.TimeoutError:
                    pass
                self.changed.clear()
                now = time.monotonic()
                if (self.sequence, self.ids) != reported or now >= next_status or self.answered:
                    self.answered = False
                    self.publish(f"{prefix}/{self.name}/status", self.status(), True)
                    self.totals.statuses += 1
                    reported = (self.sequence, self.ids)
                    next_status = now + interval
                elif now - self.last_sent >= keepalive:
                    self.send(b"\xc0\x00")  # PINGREQ
                await self.writer.drain()
            self.publish(f"{prefix}/{self.name}/status", will, True)  # goodbye, as the kiosk says it
            self.send(b"\xe0\x00")  # DISCONNECT
            await self.writer.drain()
        finally:
            reading.cancel()
            self.writer.close()

    async def read_mqtt(self, reader) -> None:
        while True:
            head = await reader.readexactly(1)
            n, shift, size = 0, 0, 1
            while True:
                b = (await reader.readexactly(1))[0]
                size += 1
                n |= (b & 0x7F) << shift
                shift += 7
                if not b & 0x80:
                    break
            body = await reader.readexactly(n)
            self.totals.mqtt_in += size + n
            kind = head[0] & 0xF0
            if kind == 0x30:  # PUBLISH from an editor: a command
                self.totals.messages_in += 1
                qos = (head[0] >> 1) & 3
                tlen = struct.unpack(">H", body[:2])[0]
                at = 2 + tlen
                if qos:
                    self.send(b"\x40\x02" + body[at:at + 2])  # PUBACK
                    at += 2
                if body[at:] == b"refresh" or body[at:].startswith(b'{"command":"refresh"'):
                    asyncio.get_running_loop().create_task(self.refresh())

    async def refresh(self) -> None:
        self.refresh_received = time.monotonic()
        ok = await self.poll()
        self.refreshed_at.append(time.monotonic())
        reply = json.dumps({"screen": self.name, "command": "refresh", "id": None, "ok": ok,
                            "detail": "unchanged" if ok else "failed"}, separators=(",", ":")).encode()
        self.publish(f"{self.args.prefix}/{self.name}/reply", reply, False)
        self.answered = True
        self.changed.set()

    # --- HTTP -----------------------------------------------------------
    async def get(self, path: str, conditional: bool) -> tuple[int, dict, bytes]:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.args.http_port)
        try:  # closed however it ends: a poll given up is cancelled here
            lines = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{self.args.http_port}", "User-Agent: placard/0.1.0",
                     "Accept: */*", "Accept-Encoding: deflate, gzip, br, zstd"]
            if conditional and self.etag:
                lines.append(f"If-None-Match: {self.etag}")
            if conditional and self.last_modified:
                lines.append(f"If-Modified-Since: {self.last_modified}")
            request = ("\r\n".join(lines) + "\r\n\r\n").encode()
            writer.write(request)
            self.totals.http_out += len(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            headers = {}
            for line in head.decode("latin-1").split("\r\n")[1:]:
                if ":" in line:
                    k, v = line.split(":", 1)
                    headers[k.strip().lower()] = v.strip()
            body = b""
            if status != 304 and "content-length" in headers:
                body = await reader.readexactly(int(headers["content-length"]))
            elif status != 304 and headers.get("transfer-encoding") == "chunked":
                while True:
                    size = int((await reader.readuntil(b"\r\n")).strip(), 16)
                    chunk = await reader.readexactly(size + 2)
                    body += chunk[:-2]
                    if size == 0:
                        break
            self.totals.http_in += len(head) + len(body)
            return status, headers, body
        finally:
            writer.close()

    async def poll(self) -> bool:
        """A poll, given up after 10 s as placard's requests are (it says so, and tries again later)."""
        self.totals.polls += 1
        try:
            return await asyncio.wait_for(self.fetch(), 10)
        except asyncio.TimeoutError:
            self.totals.error("timed out after 10 s")
            return False

    async def fetch(self) -> bool:
        try:
            status, headers, body = await self.get("/feed.json", True)
            if status == 304:
                self.totals.not_modified += 1
                return True
            if status != 200:
                self.totals.error(f"HTTP {status}")
                return False
            self.totals.full += 1
            self.etag = headers.get("etag")
            self.last_modified = headers.get("last-modified")
            sig_status, _, _ = await self.get("/feed.json.sig", False)  # a screen with a public key checks it
            self.totals.signatures += 1
            if sig_status == 200:
                if headers.get("content-encoding") == "gzip":
                    body = gzip.decompress(body)
                feed = json.loads(body)
                self.sequence = feed["_placard"]["sequence"]
                self.ids = sorted({str(i["id"]) for i in feed["items"]})
                self.changed.set()
            return sig_status == 200
        except (OSError, asyncio.IncompleteReadError, ValueError, KeyError) as e:
            self.totals.error(type(e).__name__)
            return False

    async def run_polls(self, stop: asyncio.Event, offset: float) -> None:
        interval = self.args.poll_seconds / self.args.speed
        await asyncio.sleep(offset)
        while not stop.is_set():
            await self.poll()
            try:
                await asyncio.wait_for(stop.wait(), interval)
            except asyncio.TimeoutError:
                pass


def process_usage(pid: int) -> tuple[float, int, int]:
    """CPU seconds (user + system), RSS and peak RSS in KiB."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    rss = peak = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1])
    return cpu, rss, peak


def nginx_cpu(master: int) -> float:
    total = process_usage(master)[0]
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                if int(fields[1]) == master:
                    total += process_usage(int(pid))[0]
            except OSError:
                pass
    return total


async def editor_refresh_all(args, screens: list[Screen]) -> float:
    """Publishes refresh to PREFIX/all/command and waits until every screen has fetched."""
    before = [len(s.refreshed_at) for s in screens]
    reader, writer = await asyncio.open_connection("127.0.0.1", args.mqtt_port)
    writer.write(packet(0x10, utf8("MQTT") + bytes([4, 0x02]) + struct.pack(">H", 30) + utf8("editor")))
    await reader.readexactly(4)
    sent = time.monotonic()
    writer.write(packet(0x32, utf8(f"{args.prefix}/all/command") + struct.pack(">H", 1) + b"refresh"))
    await writer.drain()
    while any(len(s.refreshed_at) == b for s, b in zip(screens, before)):
        if time.monotonic() - sent > 60:
            raise RuntimeError("not every screen fetched within 60 s of refresh")
        await asyncio.sleep(0.005)
    last = max(s.refreshed_at[b] for s, b in zip(screens, before))
    writer.write(b"\xe0\x00")
    writer.close()
    return last - sent


async def pull_item(args, screens: list[Screen], feed_state: dict) -> dict:
    """Publishes the feed without an item every screen shows, and runs placard-feed screens pull on it."""
    item = screens[0].ids[0]
    if any(item not in s.ids for s in screens):
        raise RuntimeError(f"not every screen shows {item} before the pull")
    feed_state["pulled"] = item
    load_before = os.getloadavg()
    sent = time.monotonic()
    publish = await asyncio.create_subprocess_exec(args.pull_command, item)
    if await publish.wait() != 0:
        raise RuntimeError(f"{args.pull_command} failed")
    published = time.monotonic()
    pull = await asyncio.create_subprocess_exec(
        args.placard_feed, "screens", "pull", item, "--mqtt", f"mqtt://127.0.0.1:{args.mqtt_port}",
        "--prefix", args.prefix, "--timeout", "30", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await pull.communicate()
    done = time.monotonic()
    lines = out.decode(errors="replace").splitlines()
    not_dropped = [line for line in lines if ": shows it" in line or ": cannot tell" in line]
    gone = [s.gone_at for s in screens if s.gone_at is not None]
    said = [float(line.rsplit("(", 1)[1].split(" s)")[0]) for line in lines if ": dropped it (" in line]
    return {
        "item": item, "exit_code": pull.returncode, "publish_seconds": round(published - sent, 3),
        "publish_to_pull_exit_seconds": round(done - sent, 3),
        "publish_to_last_screen_gone_seconds": round(max(gone) - sent, 3) if len(gone) == len(screens) else None,
        "publish_to_refresh_received_seconds": [round(min(s.refresh_received for s in screens) - sent, 3),
                                                round(max(s.refresh_received for s in screens) - sent, 3)],
        "pull_saw_last_drop_after_its_refresh_seconds": max(said) if said else None,
        "screens_dropped": len(said),
        "screens_not_dropped": not_dropped, "stderr": err.decode(errors="replace").strip()[-2000:],
        "load_before": [round(x, 2) for x in load_before], "load_after": [round(x, 2) for x in os.getloadavg()],
    }


async def main_async(args) -> dict:
    totals = Totals()
    feed_state = {"sequence": 1}
    screens = [Screen(n, args, totals, feed_state) for n in range(args.screens)]
    stop = asyncio.Event()
    broker0 = process_usage(args.mosquitto_pid)
    started = time.monotonic()
    mqtt_tasks = []
    for s in screens:  # connecting a thousand screens at once is a storm no venue sees; 2 ms apart
        mqtt_tasks.append(asyncio.create_task(s.run_mqtt(stop)))
        await asyncio.sleep(0.002)
    await asyncio.wait_for(asyncio.gather(*(s.connected.wait() for s in screens)), 60)
    connected_after = time.monotonic() - started
    # Each screen's first poll (a screen starting from its cache has the validators).
    await asyncio.gather(*(s.poll() for s in screens))
    await asyncio.sleep(1)
    idle_cpu, idle_rss, _ = process_usage(args.mosquitto_pid)

    def phase_snapshot():
        return {k: getattr(totals, k) for k in ("mqtt_out", "mqtt_in", "http_out", "http_in", "messages_out",
                                                "messages_in", "statuses", "polls", "not_modified", "full", "signatures")}

    async def phase(seconds: float, change_feed: bool) -> dict:
        poll_tasks = []
        local_stop = asyncio.Event()
        interval = args.poll_seconds / args.speed
        for i, s in enumerate(screens):  # polls spread over the interval, as the kiosks' jitter spreads them
            poll_tasks.append(asyncio.create_task(s.run_polls(local_stop, interval * i / len(screens))))
        before, b0, n0, t0 = phase_snapshot(), process_usage(args.mosquitto_pid), nginx_cpu(args.nginx_pid), time.monotonic()
        if change_feed:
            await asyncio.sleep(seconds / 2)
            feed_state["sequence"] += 1
            change = await asyncio.create_subprocess_shell(args.change_command)  # the next sequence, signed
            if await change.wait() != 0:
                raise RuntimeError(f"{args.change_command} failed")
        await asyncio.sleep(seconds - (seconds / 2 if change_feed else 0))
        local_stop.set()
        await asyncio.gather(*poll_tasks)
        after, b1, n1, t1 = phase_snapshot(), process_usage(args.mosquitto_pid), nginx_cpu(args.nginx_pid), time.monotonic()
        hours = (t1 - t0) * args.speed / 3600
        per = {k: (after[k] - before[k]) / len(screens) / hours for k in after}
        return {"wall_seconds": round(t1 - t0, 1), "simulated_hours": round(hours, 3),
                "per_screen_per_hour": {k: round(v, 1) for k, v in per.items()},
                "broker_cpu_percent": round(100 * (b1[0] - b0[0]) / (t1 - t0), 2),
                "broker_rss_kib": b1[1], "nginx_cpu_percent": round(100 * (n1 - n0) / (t1 - t0), 2)}

    steady = await phase(args.phase_seconds, False)
    changed = await phase(args.phase_seconds, True)
    # What one change of the feed costs each screen, over what the same time costs unchanged.
    per_change = {k: round(changed["per_screen_per_hour"][k] * changed["simulated_hours"]
                           - steady["per_screen_per_hour"][k] * changed["simulated_hours"], 1)
                  for k in ("http_in", "http_out", "mqtt_out", "statuses", "full")}
    refreshes = [await editor_refresh_all(args, screens) for _ in range(args.refreshes)]
    pulled = await pull_item(args, screens, feed_state) if args.pull_command else None
    stop.set()
    await asyncio.gather(*mqtt_tasks, return_exceptions=True)
    broker1 = process_usage(args.mosquitto_pid)
    return {
        "screens": args.screens, "speed": args.speed, "poll_seconds": args.poll_seconds,
        "status_seconds": args.status_seconds, "connected_after_seconds": round(connected_after, 2),
        "broker_idle_rss_kib": idle_rss, "broker_peak_rss_kib": broker1[2],
        "broker_cpu_seconds_total": round(broker1[0] - broker0[0], 2),
        "broker_idle_rss_before_kib": broker0[1], "idle_cpu_connect_seconds": round(idle_cpu - broker0[0], 2),
        "steady": steady, "feed_changed_once": changed, "one_change_per_screen": per_change,
        "refresh_all_seconds": [round(r, 3) for r in refreshes], "pull": pulled, "errors": totals.errors,
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--screens", type=int, default=1000)
    p.add_argument("--mqtt-port", type=int, required=True)
    p.add_argument("--http-port", type=int, required=True)
    p.add_argument("--mosquitto-pid", type=int, required=True)
    p.add_argument("--nginx-pid", type=int, required=True)
    p.add_argument("--change-command", required=True, help="shell command that publishes the next feed")
    p.add_argument("--prefix", default="placard")
    p.add_argument("--speed", type=float, default=30)
    p.add_argument("--poll-seconds", type=float, default=60)
    p.add_argument("--status-seconds", type=float, default=120)
    p.add_argument("--phase-seconds", type=float, default=120, help="each phase's wall time (120 s at --speed 30: an hour)")
    p.add_argument("--refreshes", type=int, default=3)
    p.add_argument("--pull-command", help="executable that publishes the feed without the item it is given")
    p.add_argument("--placard-feed", default="build/kiosk/placard-feed")
    args = p.parse_args()
    print(json.dumps(asyncio.run(main_async(args)), indent=2))


if __name__ == "__main__":
    main()
