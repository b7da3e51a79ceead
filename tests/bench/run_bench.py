#!/usr/bin/env python3
"""Placard and a Chromium kiosk showing the same slides, side by side on this
machine, each in a real X window on a fresh Xvfb screen of its own, in
alternating pairs (Placard, Chromium, Placard, ...). platform/bench/bench.sh builds
and installs what this needs, then runs it.

    run_bench.py --build-dir DIR --out DIR [--images DIR] [--pairs 3] [--seconds N] [--report-only]

Each run: the time from launch to the first slide on screen, found the same
way for both by reading the X server's picture every 10 ms (paint.py); then,
from that first paint, a window that holds one whole rotation of the demo
feed (every slide, both tallies counting up; --seconds shortens it for a
quick look), over which CPU time and PSS are read from /proc for all the
program's processes and, apart, for its X server. Each program must show the
slides in order at the times Placard's reading-time rule gives, or the run
fails. Medians and ranges over the pairs, the ratios, Placard's own --stats
figures and the core benchmarks (bench_core) go to results.json and
results.md in --out; screenshots and the plot to --images. Loopback only:
Chromium is given a proxy and host rules that send anything it might try
towards the network nowhere.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import figures
import paint
import processes
import report

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent.parent
SIZE = (1920, 1080)
SCREENSHOT_SECOND = 5  # after the first paint: both show the first slide, past its fade
FIRST_PAINT_TIMEOUT = 60

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


def launch_placard(build: Path, scratch: Path, display: str, seconds: float, log) -> tuple[subprocess.Popen, Path]:
    config = scratch / "placard.json"
    config.write_text("{}\n")  # the defaults: full-screen, dark theme, crossfade
    stats = scratch / "kiosk-stats.json"
    stats.unlink(missing_ok=True)
    shutil.rmtree(scratch / "cache", ignore_errors=True)  # a fresh start each time, as Chromium's profile
    env = {**os.environ, "DISPLAY": display, "SDL_AUDIODRIVER": "dummy"}
    # A window the size of the screen, as Chromium gets: Xvfb has no window
    # manager, and without one an X11 full-screen request is not carried out.
    # --no-sync starts at the first slide, as the page does. It is ended with
    # SIGTERM at the end of the window, as Chromium is; --run-for is a backstop.
    # The demo feed given as the feed, as the page shows it: with no feed at
    # all, the kiosk shows the demo with its set-up card every other slide.
    proc = subprocess.Popen([str(build / "kiosk" / "placard"), "--config", str(config), "--cache-dir", str(scratch / "cache"),
                             "--feed", str(SOURCE / "feeds" / "demo.json"),
                             "--no-sync", "--windowed", f"{SIZE[0]}x{SIZE[1]}", "--run-for", str(seconds + 2 * FIRST_PAINT_TIMEOUT),
                             "--stats", str(stats)],
                            env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=log)
    return proc, stats


def launch_chromium(scratch: Path, display: str, profile: Path, log) -> subprocess.Popen:
    page = scratch / "slides.html"
    if not page.exists():
        subprocess.run([sys.executable, str(HERE / "html_slides.py"), str(SOURCE / "feeds" / "demo.json"), str(page), "--demo"],
                       check=True)
    flags = [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]
    if os.geteuid() == 0:
        flags.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
    env = {**os.environ, "DISPLAY": display}
    return subprocess.Popen(["chromium", *flags, page.as_uri()], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=log)


def chromium_slides(log: Path) -> list[tuple[str, float]]:
    """The slide changes the page logged (PLACARD_BENCH slide ID UNIX_MS), in seconds."""
    marks = re.findall(r'"PLACARD_BENCH slide (\S+) ([0-9.]+)"', log.read_text(errors="replace"))
    return [(ident, float(at) / 1000) for ident, at in marks]


def run_one(program: str, build: Path, scratch: Path, window: float, slides: list, shot: Path | None) -> dict:
    """One program on a fresh Xvfb: launch, poll the screen until the first
    slide shows, then watch `window` seconds; CPU and PSS of the program's
    processes and of the X server, at launch, at the first paint and over the window."""
    load = os.getloadavg()
    print(f"bench: {program}: load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)
    profile = Path(tempfile.mkdtemp(prefix="placard-bench-chromium-"))
    log = scratch / f"{program}.log"
    try:
        with Xvfb() as x, open(log, "w") as log_file:
            x_at_launch = processes.cpu_seconds(x.proc.pid)
            launched = time.monotonic()
            if program == "placard":
                proc, stats = launch_placard(build, scratch, x.display, window, log_file)
            else:
                proc = launch_chromium(scratch, x.display, profile, log_file)
            try:
                first_paint = paint.wait_for_first_paint(x.display, launched, FIRST_PAINT_TIMEOUT)
                painted = launched + first_paint
                tick = (lambda second: x.screenshot(shot) if second == SCREENSHOT_SECOND else None) if shot else None
                samples = processes.sample_window(proc, x.proc.pid, painted, window, tick)
            finally:
                processes.end_tree(proc)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if not samples or samples[-1].at < window - 0.5:
        sys.exit(f"run_bench: {program} ended {samples[-1].at if samples else 0:.0f} s into the window; its log:\n"
                 f"{log.read_text(errors='replace')[-3000:]}")
    first, last = samples[0], samples[-1]
    run = {
        "program": program,
        "load_before": load,
        "first_paint_ms": 1000 * first_paint,
        "startup_cpu_seconds": first.cpu_seconds,
        "startup_x_cpu_seconds": first.x_cpu_seconds - x_at_launch,
        "window_seconds": last.at,
        "cpu_seconds": last.cpu_seconds - first.cpu_seconds,
        "x_cpu_seconds": last.x_cpu_seconds - first.x_cpu_seconds,
        "peak_pss_kib": max(s.pss_kib for s in samples),
        "peak_x_pss_kib": max(s.x_pss_kib for s in samples),
        "processes": max(s.processes for s in samples),
        "samples": [vars(s) for s in samples],
    }
    run["cpu_percent"] = 100 * run["cpu_seconds"] / run["window_seconds"]
    run["x_cpu_percent"] = 100 * run["x_cpu_seconds"] / run["window_seconds"]
    run["total_cpu_percent"] = run["cpu_percent"] + run["x_cpu_percent"]
    run["standing_cpu_percent"] = standing_cpu_percent(samples, min(slides[0][1], window + 1))
    if program == "placard":
        if not stats.exists():
            sys.exit(f"run_bench: placard wrote no --stats report; its log:\n{log.read_text(errors='replace')[-3000:]}")
        run["stats"] = json.loads(stats.read_text())
        shown = [(s["id"], s["at_seconds"]) for s in run["stats"]["slides"]]
    else:
        shown = chromium_slides(log)
        run["version"] = subprocess.run(["chromium", "--version"], capture_output=True, text=True).stdout.strip()
    run["slides"] = [ident for ident, _ in shown]
    problem = figures.check_slides(shown, slides, window)
    if problem:
        sys.exit(f"run_bench: {program} did not keep to the rotation: {problem}")
    print(f"bench: {program}: first paint {run['first_paint_ms']:.0f} ms; over {run['window_seconds']:.0f} s "
          f"{run['cpu_percent']:.2f}% + X server {run['x_cpu_percent']:.2f}% of a core, "
          f"peak PSS {run['peak_pss_kib'] / 1024:.1f} MiB", flush=True)
    return run


def standing_cpu_percent(samples: list, first_slide_seconds: float) -> float:
    """CPU of the program and the X server while the first slide simply stands
    (its fade over, the next not begun; only the progress bar moves), from the
    whole-second samples."""
    begin, end = 2, int(first_slide_seconds) - 1
    at = {round(s.at): s for s in samples}
    if end <= begin or begin not in at or end not in at:
        return float("nan")
    a, b = at[begin], at[end]
    return 100 * ((b.cpu_seconds - a.cpu_seconds) + (b.x_cpu_seconds - a.x_cpu_seconds)) / (b.at - a.at)


def machine() -> dict:
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    mem_kib = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    return {"cpu": model, "cores": os.cpu_count(), "memory_gib": round(mem_kib / 1024 / 1024), "kernel": os.uname().release}


def core_benchmarks(build: Path, out: Path) -> dict:
    heavy = out / "heavy"
    subprocess.run([sys.executable, str(SOURCE / "tests" / "heavy" / "make_heavy_feeds.py"), str(heavy)],
                   check=True, stdout=subprocess.DEVNULL)
    plan_args = [a for name in ("prose-60", "no-stops-5", "long-fields", "max-items", "translated")
                 for a in ("--plan", str(heavy / f"{name}.json"))]
    core = subprocess.run([str(build / "tests" / "bench" / "bench_core"), *plan_args],
                          capture_output=True, text=True, check=True)
    return json.loads(core.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--images", type=Path, help="where the screenshots and the plot go")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--seconds", type=float, help="watch this long after the first paint instead of a whole rotation")
    parser.add_argument("--report-only", action="store_true",
                        help="write results.md and the plot again from --out's results.json, running nothing")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.images:
        args.images.mkdir(parents=True, exist_ok=True)
    if args.report_only:
        return write_report(json.loads((args.out / "results.json").read_text()), args.out, args.images)
    processes.become_subreaper()
    slides = figures.rotation(json.loads((SOURCE / "feeds" / "demo.json").read_text(encoding="utf-8")))
    window = args.seconds or figures.window_seconds(slides)
    results = {"machine": machine(), "size": f"{SIZE[0]}x{SIZE[1]}", "pairs": args.pairs, "window_seconds": window,
               "rotation_seconds": sum(s for _, s in slides), "whole_rotation": args.seconds is None,
               "slides": [ident for ident, _ in slides], "runs": []}
    order = figures.schedule(args.pairs)
    print(f"bench: {args.pairs} pairs, {' '.join(p for _, p in order)}; each watched {window:.1f} s from its first paint "
          f"(the demo feed's rotation is {results['rotation_seconds']:.1f} s)", flush=True)
    with tempfile.TemporaryDirectory(prefix="placard-bench-") as tmp:
        for pair, program in order:
            name = "kiosk" if program == "placard" else program
            shot = args.images / f"{name}.png" if args.images and pair == 0 else None
            results["runs"].append({"pair": pair, **run_one(program, args.build_dir, Path(tmp), window, slides, shot)})
    print("bench: core benchmarks ...", flush=True)
    results["core"] = core_benchmarks(args.build_dir, args.out)
    return write_report(results, args.out, args.images)


def write_report(results: dict, out: Path, images: Path | None) -> int:
    results["summary"] = report.summarise(results)
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    table = report.markdown(results)
    (out / "results.md").write_text(table)
    print(table)
    if images:
        report.plot(results, images / "bench.png")
        print(f"bench: plot and screenshots in {images}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
