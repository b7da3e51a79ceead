#!/usr/bin/env python3
"""Placard and a Chromium kiosk showing the same slides, side by side on this
machine, each in a real X window on its own Xvfb screen. platform/bench.sh
builds and installs what this needs, then runs it.

    run_bench.py --build-dir DIR --out DIR [--seconds 60] [--images DIR]

For each program: CPU seconds and peak PSS summed over all its processes
(sampled every second from /proc), and the time from launch to its first
frame. For Placard also its own --stats report (frame-time percentiles, idle
CPU, texture uploads). Then the core benchmarks (bench_core). Writes
results.json and results.md to --out, screenshots and the plot to --images.
Loopback only: Chromium is given a proxy and host rules that send anything
it might try towards the network nowhere.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import processes
import report

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent.parent
SIZE = (1920, 1080)
SCREENSHOT_SECOND = 5  # both show the first slide, past its fade

# Kiosk mode with nothing that phones home: no background networking, updates,
# sync, metrics or crash uploads, and any request that slips through goes to a
# proxy on loopback port 9 (discard, nothing listening) and no name resolves.
CHROMIUM_FLAGS = [
    "--kiosk", "--no-first-run", "--no-default-browser-check", "--noerrdialogs",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--disable-breakpad", "--disable-domain-reliability",
    "--disable-client-side-phishing-detection", "--metrics-recording-only", "--no-pings",
    "--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication",
    "--password-store=basic", "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
    "--window-position=0,0", f"--window-size={SIZE[0]},{SIZE[1]}",
    "--enable-logging=stderr", "--v=0",
]


class Xvfb:
    """A virtual X screen of its own for one program, so neither run disturbs the other."""

    def __enter__(self) -> "Xvfb":
        self.number = next(n for n in range(60, 100) if not os.path.exists(f"/tmp/.X{n}-lock"))
        self.display = f":{self.number}"
        self.proc = subprocess.Popen(["Xvfb", self.display, "-screen", "0", f"{SIZE[0]}x{SIZE[1]}x24", "-nolisten", "tcp",
                                      "-noreset"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        socket = Path(f"/tmp/.X11-unix/X{self.number}")
        deadline = time.monotonic() + 10
        while not socket.exists():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                sys.exit(f"run_bench: Xvfb did not start on {self.display}")
            time.sleep(0.05)
        return self

    def screenshot(self, path: Path) -> None:
        # Half size in 64 colours: small enough to keep in the repository, sharp enough to compare.
        subprocess.run(["import", "-display", self.display, "-window", "root", "-resize", "50%", "-colors", "64",
                        f"PNG8:{path}"], check=False)

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        self.proc.wait()


def screenshot_at(xvfb: Xvfb, path: Path | None):
    def tick(second: int) -> None:
        if path and second == SCREENSHOT_SECOND:
            xvfb.screenshot(path)
    return tick


def launch_overhead_ms(placard: Path) -> float:
    """Process start before main(): exec and dynamic linking, which first_frame_ms
    (counted from main) leaves out. Measured as `placard --version`, median of 9."""
    times = []
    for _ in range(9):
        start = time.monotonic()
        subprocess.run([str(placard), "--version"], stdout=subprocess.DEVNULL, check=True)
        times.append((time.monotonic() - start) * 1000)
    return statistics.median(times)


def run_kiosk(build: Path, seconds: int, scratch: Path, shot: Path | None) -> dict:
    placard = build / "kiosk" / "placard"
    config = scratch / "placard.json"
    config.write_text("{}\n")  # the defaults: full-screen, dark theme, crossfade
    stats = scratch / "kiosk-stats.json"
    env = {**os.environ, "SDL_AUDIODRIVER": "dummy"}
    with Xvfb() as x:
        env["DISPLAY"] = x.display
        launched = time.monotonic()
        # A window the size of the screen, as Chromium gets: Xvfb has no window
        # manager, and without one an X11 full-screen request is not carried out.
        # --no-sync starts at the first slide, as the page does.
        proc = subprocess.Popen([str(placard), "--config", str(config), "--cache-dir", str(scratch / "cache"), "--no-sync",
                                 "--windowed", f"{SIZE[0]}x{SIZE[1]}", "--run-for", str(seconds), "--stats", str(stats)],
                                env=env, start_new_session=True,
                                stderr=subprocess.PIPE, text=True)
        samples = processes.sample_for(proc, launched, seconds + 5, screenshot_at(x, shot))
        # Its own CPU time, exactly, from the kernel when it is reaped.
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        log = proc.stderr.read()
    if proc.returncode != 0:
        sys.exit(f"run_bench: placard exited with {proc.returncode}:\n{log}")
    own = json.loads(stats.read_text())
    return {
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_pss_kib": max(s.pss_kib for s in samples),
        "first_frame_ms": own["first_frame_ms"] + launch_overhead_ms(placard),
        "processes": max(s.processes for s in samples),
        "samples": [vars(s) for s in samples],
        "slides": [{"id": s["id"], "at_seconds": s["at_seconds"]} for s in own["slides"]],
        "stats": own,
        "log": log.strip().splitlines(),
    }


def run_chromium(seconds: int, scratch: Path, shot: Path | None) -> dict:
    page = scratch / "slides.html"
    subprocess.run([sys.executable, str(HERE / "html_slides.py"), str(SOURCE / "feeds" / "demo.json"), str(page), "--demo"],
                   check=True)
    profile = Path(tempfile.mkdtemp(prefix="placard-bench-chromium-"))
    flags = [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]
    if os.geteuid() == 0:
        flags.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
    log_path = scratch / "chromium.log"
    try:
        with Xvfb() as x, open(log_path, "w") as log:
            env = {**os.environ, "DISPLAY": x.display}
            launched_wall = time.time()
            launched = time.monotonic()
            proc = subprocess.Popen(["chromium", *flags, page.as_uri()], env=env, start_new_session=True,
                                    stdout=subprocess.DEVNULL, stderr=log)
            samples = processes.sample_for(proc, launched, seconds, screenshot_at(x, shot))
            processes.end_tree(proc)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if not samples or samples[-1].at < seconds - 1:
        sys.exit(f"run_bench: chromium ended early; see {log_path}")
    marks = re.findall(r'"PLACARD_BENCH (\S+) (?:(\S+) )?([0-9.]+)"', log_path.read_text(errors="replace"))
    paints = [float(at) for name, _, at in marks if name == "first-contentful-paint"]
    if not paints:
        sys.exit(f"run_bench: the page never reported its first paint; see {log_path}")
    return {
        "cpu_seconds": samples[-1].cpu_seconds,
        "peak_pss_kib": max(s.pss_kib for s in samples),
        "first_frame_ms": paints[0] - launched_wall * 1000,
        "processes": max(s.processes for s in samples),
        "samples": [vars(s) for s in samples],
        "slides": [{"id": ident, "at_seconds": (float(at) - launched_wall * 1000) / 1000}
                   for name, ident, at in marks if name == "slide"],
        "version": subprocess.run(["chromium", "--version"], capture_output=True, text=True).stdout.strip(),
    }


def machine() -> dict:
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    mem_kib = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    return {"cpu": model, "cores": os.cpu_count(), "memory_gib": round(mem_kib / 1024 / 1024), "kernel": os.uname().release}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--images", type=Path, help="where the screenshots and the plot go")
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.images:
        args.images.mkdir(parents=True, exist_ok=True)
    processes.become_subreaper()
    results = {"machine": machine(), "seconds": args.seconds, "size": f"{SIZE[0]}x{SIZE[1]}"}
    with tempfile.TemporaryDirectory(prefix="placard-bench-") as tmp:
        scratch = Path(tmp)
        print(f"bench: Placard for {args.seconds} s ...", flush=True)
        results["load_before_kiosk"] = os.getloadavg()[0]
        results["kiosk"] = run_kiosk(args.build_dir, args.seconds, scratch,
                                     args.images / "kiosk.png" if args.images else None)
        print(f"bench: Chromium for {args.seconds} s ...", flush=True)
        results["load_before_chromium"] = os.getloadavg()[0]
        results["chromium"] = run_chromium(args.seconds, scratch, args.images / "chromium.png" if args.images else None)
    print("bench: core benchmarks ...", flush=True)
    heavy = args.out / "heavy"
    subprocess.run([sys.executable, str(Path(__file__).resolve().parent.parent / "heavy" / "make_heavy_feeds.py"), str(heavy)],
                   check=True, stdout=subprocess.DEVNULL)
    plan_args = [a for name in ("prose-60", "no-stops-5", "long-fields", "max-items", "translated")
                 for a in ("--plan", str(heavy / f"{name}.json"))]
    core = subprocess.run([str(args.build_dir / "tests" / "bench" / "bench_core"), *plan_args],
                          capture_output=True, text=True, check=True)
    results["core"] = json.loads(core.stdout)
    (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    table = report.markdown(results)
    (args.out / "results.md").write_text(table)
    print(table)
    if args.images:
        report.plot(results, args.images / "bench.png")
        print(f"bench: plot and screenshots in {args.images}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
