#!/usr/bin/env python3
"""Placard's memory, measured from outside: the demo feed at 1920x1080 and at
3840x2160 in a real X window, and the largest valid feed fetched, planned,
shown and replaced by another of the same size. Given two builds, they run in
turn (A B A B ...) so that before and after share the machine's moment.

    memory_bench.py --placard NAME=BIN [--placard NAME=BIN ...] [--runs 3]
                    [--seconds 220] [--only demo,4k,heavy] [--out FILE.json]

Each run is one program on a fresh Xvfb screen of its own, sampled every half
second from /proc: PSS (smaps_rollup, each shared page divided among the
processes mapping it) and RSS, plus the kernel's peak RSS (VmHWM) just before
it is ended with SIGTERM.

- demo, 4k: an empty config, so the demo feed (`feeds/demo.json`, its set-up
  card every other slide) with the defaults (crossfade), as bench.sh runs it; --no-sync so it starts at the first slide, watched for
  --seconds (220 holds a whole rotation: ten slides, both tallies counting up,
  and the fade back to the first). Steady PSS is the median of the samples from
  10 s on; peak is the highest sample.
- heavy: a web server on 127.0.0.1 serves max-statements.json (2,000
  statements of about 1,850 characters, just under the 4 MiB body limit); the
  kiosk starts with an empty cache, so the first phase is fetch, parse,
  validation, planning and the first frame. At 8 s the server changes to
  max-statements-b.json, the same size with other text; the kiosk's next poll
  (15 s, the shortest allowed) fetches it, and the second phase is that
  change: fetch, parse, planning with the old feed still up, and the swap.
  Peak RSS is given for each phase from the samples, and VmHWM for the run.

Prints a table (median, min-max over the runs, and the load average before
each run) and writes every sample to --out.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "http"))
sys.path.insert(0, str(HERE.parent / "heavy"))
import processes  # noqa: E402

HEAVY_SWITCH_AT = 8.0
HEAVY_SECONDS = 45.0


def status_kib(pid: int, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _is_placard(pid: str) -> bool:
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip().startswith("placard")
    except OSError:
        return False


class Xvfb:
    def __init__(self, size):
        self.size = size

    def __enter__(self):
        self.number = next(n for n in range(110, 160) if not os.path.exists(f"/tmp/.X{n}-lock"))
        self.display = f":{self.number}"
        self.proc = subprocess.Popen(["Xvfb", self.display, "-screen", "0", f"{self.size[0]}x{self.size[1]}x24",
                                      "-nolisten", "tcp", "-noreset"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{self.number}").exists():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                sys.exit(f"memory_bench: Xvfb did not start on {self.display}")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait()


def watch(binary: str, args: list, size, seconds: float, on_second=None) -> dict:
    """Runs placard in a window the size of a fresh X screen for `seconds`,
    sampling every half second; returns the samples and the peak RSS."""
    load = os.getloadavg()
    # Other SDL programs running share library pages, and lower PSS (not RSS): counted, to say so.
    others = sum(1 for pid in os.listdir("/proc") if pid.isdigit() and _is_placard(pid))
    with tempfile.TemporaryDirectory(prefix="placard-memory-") as scratch, Xvfb(size) as x:
        config = Path(scratch) / "config.json"
        config.write_text("{}\n")
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        env.update({"DISPLAY": x.display, "SDL_AUDIODRIVER": "dummy", "NO_PROXY": "*"})
        stats = Path(scratch) / "stats.json"
        with open(Path(scratch) / "log", "w") as log:
            proc = subprocess.Popen([binary, "--config", str(config), "--cache-dir", str(Path(scratch) / "cache"),
                                     "--no-sync", "--windowed", f"{size[0]}x{size[1]}", "--run-for", str(seconds + 60),
                                     "--stats", str(stats), *args],
                                    env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=log)
            started = time.monotonic()
            samples, hwm = [], 0
            try:
                tick = 0
                while True:
                    at = tick * 0.5
                    if at > seconds:
                        break
                    time.sleep(max(0.0, started + at - time.monotonic()))
                    if proc.poll() is not None:
                        break
                    samples.append({"at": at, "pss_kib": processes.pss_kib(proc.pid),
                                    "rss_kib": status_kib(proc.pid, "VmRSS")})
                    if on_second and at == int(at):
                        on_second(int(at))
                    tick += 1
                hwm = status_kib(proc.pid, "VmHWM")
            finally:
                processes.end_tree(proc)
        report = json.loads(stats.read_text()) if stats.exists() else {}
        log_text = (Path(scratch) / "log").read_text(errors="replace")
    if len(samples) < 4:
        sys.exit(f"memory_bench: {binary} ended early; its log:\n{log_text[-3000:]}")
    return {"load": load, "other_placards": others, "samples": samples, "hwm_kib": hwm, "stats": report, "log": log_text[-2000:]}


def demo_run(binary: str, size, seconds: float) -> dict:
    run = watch(binary, [], size, seconds)  # no feed configured: the demo feed, as bench.sh shows it
    pss = [s["pss_kib"] for s in run["samples"]]
    steady = [s["pss_kib"] for s in run["samples"] if s["at"] >= 10] or pss
    run.update(peak_pss_kib=max(pss), steady_pss_kib=statistics.median(steady),
               peak_rss_kib=max(run["hwm_kib"], max(s["rss_kib"] for s in run["samples"])))
    return run


def heavy_feeds() -> tuple[bytes, bytes]:
    import make_heavy_feeds
    a = make_heavy_feeds.encoded(make_heavy_feeds.max_statements())
    b = make_heavy_feeds.encoded(make_heavy_feeds.max_statements(variant=1))
    return a, b


def heavy_run(binary: str, feeds: tuple[bytes, bytes]) -> dict:
    from fault_server import FaultServer
    server = FaultServer(watchdog_seconds=HEAVY_SECONDS + 120).start()
    try:
        server.set_feed(feeds[0], 1)

        def switch(second):
            if second == int(HEAVY_SWITCH_AT):
                server.set_feed(feeds[1], 2)
        run = watch(binary, ["--feed", server.url, "--poll-seconds", "15"], (1920, 1080), HEAVY_SECONDS, switch)
    finally:
        server.stop()
    samples = run["samples"]
    first = [s["rss_kib"] for s in samples if s["at"] < 15]
    change = [s["rss_kib"] for s in samples if s["at"] >= 15]
    plans = run["stats"].get("plans", [])
    run.update(first_peak_rss_kib=max(first), change_peak_rss_kib=max(change or [0]),
               peak_rss_kib=max(run["hwm_kib"], max(s["rss_kib"] for s in samples)),
               peak_pss_kib=max(s["pss_kib"] for s in samples), plans=[p.get("items") for p in plans],
               changed=len(plans) >= 2)
    return run


def spread(values) -> str:
    values = [v / 1024 for v in values]
    return f"{statistics.median(values):.1f} MiB ({min(values):.1f}–{max(values):.1f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--placard", action="append", required=True, help="NAME=BIN")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=220.0)
    parser.add_argument("--only", default="demo,4k,heavy")
    parser.add_argument("--out")
    args = parser.parse_args()
    builds = [tuple(p.split("=", 1)) for p in args.placard]
    only = args.only.split(",")
    processes.become_subreaper()
    feeds = heavy_feeds() if "heavy" in only else None
    results: dict = {name: {} for name, _ in builds}
    for n in range(args.runs):
        for name, binary in builds:
            for scenario in only:
                if scenario == "demo":
                    run = demo_run(binary, (1920, 1080), args.seconds)
                elif scenario == "4k":
                    run = demo_run(binary, (3840, 2160), args.seconds)
                else:
                    run = heavy_run(binary, feeds)
                results[name].setdefault(scenario, []).append(run)
                extra = (f" first {run['first_peak_rss_kib'] / 1024:.1f} change {run['change_peak_rss_kib'] / 1024:.1f}"
                         f" plans {run['plans']}" if scenario == "heavy" else
                         f" steady PSS {run['steady_pss_kib'] / 1024:.1f}")
                print(f"memory: run {n + 1} {name} {scenario}: load {run['load'][0]:.2f}, peak PSS "
                      f"{run['peak_pss_kib'] / 1024:.1f} MiB, peak RSS {run['peak_rss_kib'] / 1024:.1f} MiB{extra}",
                      flush=True)
    print()
    print("| Median (min–max) | " + " | ".join(name for name, _ in builds) + " |")
    print("| --- |" + " ---: |" * len(builds))
    rows = [("demo", "steady_pss_kib", "Demo 1920x1080: steady PSS (from 10 s)"),
            ("demo", "peak_pss_kib", "Demo 1920x1080: peak PSS"),
            ("demo", "peak_rss_kib", "Demo 1920x1080: peak RSS"),
            ("4k", "steady_pss_kib", "Demo 3840x2160: steady PSS"),
            ("4k", "peak_pss_kib", "Demo 3840x2160: peak PSS"),
            ("heavy", "first_peak_rss_kib", "Largest feed: fetch, parse, plan, first frame: peak RSS"),
            ("heavy", "change_peak_rss_kib", "Largest feed: a change to another as large: peak RSS"),
            ("heavy", "peak_rss_kib", "Largest feed: peak RSS of the run (VmHWM)"),
            ("heavy", "peak_pss_kib", "Largest feed: peak PSS")]
    for scenario, key, label in rows:
        if scenario not in only:
            continue
        print(f"| {label} | " + " | ".join(spread([r[key] for r in results[name][scenario]]) for name, _ in builds) + " |")
    loads = " ".join(f"{r['load'][0]:.2f}" for name, _ in builds for s in only for r in results[name][s])
    print(f"\nLoad average (1 min) before each run: {loads}")
    others = " ".join(str(r["other_placards"]) for name, _ in builds for s in only for r in results[name][s])
    print(f"Other placard processes on the machine at each run's start (they share library pages, lowering PSS): {others}")
    if any(not r["changed"] for name, _ in builds for r in results[name].get("heavy", [])):
        print("memory_bench: warning: a heavy run did not take the second feed", file=sys.stderr)
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
