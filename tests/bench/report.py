"""The benchmark's results summarised over the pairs, as Markdown tables and
a plot (ImageMagick's convert draws it; platform/bench/bench.sh installs
imagemagick). Used by run_bench.py."""

from __future__ import annotations

import subprocess
from pathlib import Path

import figures

# Figures of each run that are summarised over the pairs, and those whose
# Chromium/Placard ratio is reported.
PER_RUN = ("first_paint_ms", "startup_cpu_seconds", "startup_x_cpu_seconds", "cpu_percent", "x_cpu_percent",
           "total_cpu_percent", "standing_cpu_percent", "peak_pss_kib", "peak_x_pss_kib", "peak_total_pss_kib", "processes")
# Not of "while a slide stands": Placard's can be 0, below one clock tick (10 ms) in the 25 s.
RATIOS = ("total_cpu_percent", "cpu_percent", "peak_pss_kib", "peak_total_pss_kib", "first_paint_ms")
STATS = {"frames": ("frames",), "frame_p50": ("frame_ms", "p50"), "frame_p99": ("frame_ms", "p99"),
         "transition_p99": ("transition_frame_ms", "p99"), "first_frame_ms": ("first_frame_ms",),
         "longest_stall_ms": ("longest_stall_ms",), "idle_cpu_percent": ("idle_cpu_percent",),
         "texture_uploads": ("texture_uploads",)}
GOALS = {"total_cpu_percent": 10, "peak_pss_kib": 12}  # issue 12: at least 10x less CPU, 12x less memory


def _stat(stats: dict, path: tuple) -> float | None:
    for key in path:
        stats = stats.get(key) if isinstance(stats, dict) else None
    return stats


def summarise(r: dict) -> dict:
    """Median and range of every figure for each program, and the ratios pair by pair."""
    runs = {p: sorted((run for run in r["runs"] if run["program"] == p), key=lambda run: run["pair"])
            for p in figures.PROGRAMS}
    for run in r["runs"]:
        run["peak_total_pss_kib"] = max(s["pss_kib"] + s["x_pss_kib"] for s in run["samples"])
    out = {p: {key: figures.summary([run[key] for run in runs[p]]) for key in PER_RUN} for p in figures.PROGRAMS}
    out["ratio"] = {key: figures.ratios([run[key] for run in runs["chromium"]], [run[key] for run in runs["placard"]])
                    for key in RATIOS}
    stats = {}
    for name, path in STATS.items():
        values = [_stat(run["stats"], path) for run in runs["placard"]]
        if all(v is not None for v in values):
            stats[name] = figures.summary(values)
    out["placard_stats"] = stats
    return out


def goal_sentence(ratio: dict, goal: float, what: str) -> str:
    state = ("met in every pair" if ratio["min"] >= goal else
             "met in the median, not in every pair" if ratio["median"] >= goal else "not met")
    return f"{what}: Chromium needs {figures.shown(ratio, 1, 'x')} what Placard does; the goal of {goal}x is {state}."


def markdown(r: dict) -> str:
    s, core, m = r["summary"], r["core"], r["machine"]
    c, p, q = s["chromium"], s["placard"], s["ratio"]
    version = " ".join(next(run["version"] for run in r["runs"] if run["program"] == "chromium").split()[:2])
    mib = lambda x: {k: (v / 1024 if k != "values" else [y / 1024 for y in v]) for k, v in x.items()}  # noqa: E731
    window = (f"whole rotation of the demo feed ({r['rotation_seconds']:.0f} s, {len(r['slides'])} slides) and the fade back"
              if r["whole_rotation"] else f"{r['window_seconds']:.0f} s (not a whole rotation)")
    rows = [
        (f"Median (min–max) over {r['pairs']} pair{'s' if r['pairs'] != 1 else ''}", "Placard", f"Chromium kiosk ({version})", "Chromium / Placard"),
        ("---", "---:", "---:", "---:"),
        ("**Steady state** (first paint to the end of the window): CPU, program + X server",
         figures.shown(p["total_cpu_percent"], 2, "%"), figures.shown(c["total_cpu_percent"], 2, "%"),
         "**" + figures.shown(q["total_cpu_percent"], 1, "x") + "**"),
        ("… the program's processes", figures.shown(p["cpu_percent"], 2, "%"), figures.shown(c["cpu_percent"], 2, "%"),
         figures.shown(q["cpu_percent"], 1, "x")),
        ("… the X server", figures.shown(p["x_cpu_percent"], 2, "%"), figures.shown(c["x_cpu_percent"], 2, "%"), ""),
        ("… while a slide stands (program + X server; one clock tick is 0.04%)",
         figures.shown(p["standing_cpu_percent"], 2, "%"), figures.shown(c["standing_cpu_percent"], 2, "%"), ""),
        ("**Steady state: peak memory** (PSS, all the program's processes)", figures.shown(mib(p["peak_pss_kib"]), 1, " MiB"),
         figures.shown(mib(c["peak_pss_kib"]), 1, " MiB"), "**" + figures.shown(q["peak_pss_kib"], 1, "x") + "**"),
        ("… the X server's (PSS)", figures.shown(mib(p["peak_x_pss_kib"]), 1, " MiB"),
         figures.shown(mib(c["peak_x_pss_kib"]), 1, " MiB"), ""),
        ("… the program's and the X server's together", figures.shown(mib(p["peak_total_pss_kib"]), 1, " MiB"),
         figures.shown(mib(c["peak_total_pss_kib"]), 1, " MiB"), figures.shown(q["peak_total_pss_kib"], 1, "x")),
        ("Processes", figures.shown(p["processes"], 0), figures.shown(c["processes"], 0), ""),
        ("**Start-up**: launch to first paint (seen on the X server)", figures.shown(p["first_paint_ms"], 0, " ms"),
         figures.shown(c["first_paint_ms"], 0, " ms"), figures.shown(q["first_paint_ms"], 1, "x")),
        ("… CPU until then, program / X server (its polls included)",
         f"{figures.shown(p['startup_cpu_seconds'], 2, ' s')} / {figures.shown(p['startup_x_cpu_seconds'], 2, ' s')}",
         f"{figures.shown(c['startup_cpu_seconds'], 2, ' s')} / {figures.shown(c['startup_x_cpu_seconds'], 2, ' s')}", ""),
        ("Load average (1 min) before each run",
         " ".join(f"{run['load_before'][0]:.2f}" for run in r["runs"] if run["program"] == "placard"),
         " ".join(f"{run['load_before'][0]:.2f}" for run in r["runs"] if run["program"] == "chromium"), ""),
    ]
    ps = s["placard_stats"]
    ms = lambda key: figures.shown(ps[key], 1, " ms") if key in ps else "–"  # noqa: E731
    placard = [
        ("Placard's own `--stats` report, median (min–max) of its runs, launch to exit", ""),
        ("---", "---:"),
        ("Frames drawn", figures.shown(ps["frames"], 0)),
        ("Frame time p50 / p99", f"{ms('frame_p50')} / {ms('frame_p99')}"),
        ("Transition frame time p99", ms("transition_p99")),
        ("First frame, from `main()`", ms("first_frame_ms")),
        ("Longest stall", ms("longest_stall_ms")),
        ("Idle CPU between transitions (its own, no X server)", figures.shown(ps["idle_cpu_percent"], 2, "%")),
        ("Texture uploads (text rasterised: slides built, count-up steps)", figures.shown(ps["texture_uploads"], 0)),
    ]
    p, lay, ras = core["parse"], core["layout"], core["raster"]
    core_rows = [
        ("Core benchmark (CPU time, median of runs)", "median", "p90"),
        ("---", "---:", "---:"),
        (f"Parse + validate a {p['items']:,}-item feed ({p['bytes'] / 1e6:.1f} MB)", f"{p['ms']['median']:.1f} ms",
         f"{p['ms']['p90']:.1f} ms"),
        (f"Plan the demo feed for 1920x1080 ({lay['slides']} slides)", f"{lay['plan_feed_ms']['median']:.1f} ms",
         f"{lay['plan_feed_ms']['p90']:.1f} ms"),
        ("Lay out one slide", f"{lay['layout_slide_ms']['median']:.2f} ms", f"{lay['layout_slide_ms']['p90']:.2f} ms"),
        ("Rasterise one slide's text into textures", f"{ras['build_slide_ms']['median']:.2f} ms",
         f"{ras['build_slide_ms']['p90']:.2f} ms"),
        ("Composite one crossfade frame (software, 1920x1080)", f"{ras['crossfade_frame_ms']['median']:.2f} ms",
         f"{ras['crossfade_frame_ms']['p90']:.2f} ms"),
    ]
    for name, plan in core.get("plan", {}).items():
        core_rows.append((f"Plan {name} for 1920x1080 ({plan['items']:,} items, {plan['slides']:,} slides; slowest item)",
                          f"{plan['plan_ms']:.0f} ms", f"{plan['slowest_item_ms']:.1f} ms"))
    order = " ".join("A" if run["program"] == "placard" else "B" for run in r["runs"])
    loads = ", ".join(f"{run['load_before'][0]:.2f}" for run in r["runs"])
    head = (f"Measured on {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, no GPU, Xvfb {r['size']}, a fresh Xvfb "
            f"for each run; {r['pairs']} pair{'s' if r['pairs'] != 1 else ''} in the order {order} (A Placard, B Chromium), each watched from its first "
            f"paint for the {window}. Load average (1 min) before the runs, in order: {loads}.\n\n"
            + goal_sentence(q["total_cpu_percent"], GOALS["total_cpu_percent"], "Steady-state CPU, program + X server") + "\n"
            + goal_sentence(q["peak_pss_kib"], GOALS["peak_pss_kib"], "Steady-state memory (PSS)") + "\n")
    return "\n\n".join([head] + ["\n".join("| " + " | ".join(row) + " |" for row in table)
                                 for table in (rows, placard, core_rows)]) + "\n"


PLACARD, CHROMIUM, INK, GRID = "#C77C00", "#3B6DB3", "#1E2430", "#D5D9E0"
PALE = {"placard": "#E8BF80", "chromium": "#9DB6D9"}


def _font() -> str:
    """Noto Sans's file, through fontconfig as the kiosk finds it (ImageMagick's own font names vary)."""
    found = subprocess.run(["fc-match", "-f", "%{file}", "Noto Sans"], capture_output=True, text=True)
    return found.stdout or "DejaVu-Sans"


def _bars(draw: list, x0: int, label: str, unit: str, digits: int, stacks: dict, top: int, bottom: int) -> None:
    """Bars of the medians, stacked where a program has parts (process, X
    server), with a whisker for the range of the total over the pairs."""
    vmax = max(total["max"] for total, _ in stacks.values()) * 1.2
    y = lambda v: bottom - (bottom - top) * v / vmax  # noqa: E731
    for i, (name, (total, parts)) in enumerate(stacks.items()):
        x, colour = x0 + 30 + i * 150, PLACARD if name == "Placard" else CHROMIUM
        base = 0.0
        for value, shade in parts:
            draw += ["-fill", shade or colour, "-draw", f"rectangle {x},{y(base + value):.0f} {x + 100},{y(base):.0f}"]
            base += value
        draw += ["-stroke", INK, "-strokewidth", "2", "-draw", f"line {x + 50},{y(total['min']):.0f} {x + 50},{y(total['max']):.0f}",
                 "-strokewidth", "1", "-stroke", "none", "-fill", INK, "-pointsize", "18",
                 "-annotate", f"+{x}+{y(total['max']) - 10:.0f}", f"{total['median']:.{digits}f}{unit}".replace("%", "%%"),
                 "-annotate", f"+{x + 10}+{bottom + 25}", name]
    draw += ["-stroke", INK, "-draw", f"line {x0 + 10},{bottom} {x0 + 320},{bottom}", "-stroke", "none",
             "-pointsize", "18", "-annotate", f"+{x0 + 10}+{bottom + 60}", label]


def plot(r: dict, path: Path) -> None:
    """Three panels: memory over each run's window, steady-state CPU (the X
    server's share paler), launch to first paint; medians, whiskers for the range."""
    s = r["summary"]
    width, height, top, bottom = 1500, 540, 90, 440
    draw = ["-fill", INK, "-font", _font(), "-pointsize", "24", "-annotate", "+40+45",
            f"Placard and a Chromium kiosk, the same slides, {r['size']}, {r['pairs']} alternating pairs, "
            f"{r['window_seconds']:.0f} s from first paint"]
    left, right = 90, 700
    peak = max(run["peak_pss_kib"] for run in r["runs"]) / 1024
    ymax = max(50, int(peak / 100 + 1) * 100)
    for v in range(0, ymax + 1, ymax // 5):
        y = bottom - (bottom - top) * v / ymax
        draw += ["-stroke", GRID, "-draw", f"line {left},{y:.0f} {right},{y:.0f}", "-stroke", "none",
                 "-fill", INK, "-pointsize", "16", "-annotate", f"+{left - 50}+{y + 5:.0f}", f"{v}"]
    for run in r["runs"]:
        colour = PLACARD if run["program"] == "placard" else CHROMIUM
        pts = " L ".join(f"{left + (right - left) * p['at'] / r['window_seconds']:.0f},"
                         f"{bottom - (bottom - top) * p['pss_kib'] / 1024 / ymax:.0f}" for p in run["samples"])
        # An open path: a polyline with no fill is still closed by convert.
        draw += ["-stroke", colour, "-strokewidth", "2", "-fill", "none", "-draw", f"path 'M {pts}'", "-strokewidth", "1",
                 "-stroke", "none"]
    mib = lambda key, p: s[p][key]["median"] / 1024  # noqa: E731
    draw += ["-fill", INK, "-pointsize", "18", "-annotate", f"+{left}+{bottom + 35}",
             "Memory (PSS of all the program's processes, MiB), every run",
             "-fill", PLACARD, "-annotate", f"+{left + 20}+{top + 20}", f"Placard {mib('peak_pss_kib', 'placard'):.0f} MiB",
             "-fill", CHROMIUM, "-annotate", f"+{left + 20}+{top + 45}",
             f"Chromium {mib('peak_pss_kib', 'chromium'):.0f} MiB ({s['chromium']['processes']['median']:.0f} processes)"]
    cpu = {name: (s[p]["total_cpu_percent"], [(s[p]["cpu_percent"]["median"], None), (s[p]["x_cpu_percent"]["median"], PALE[p])])
           for name, p in (("Placard", "placard"), ("Chromium", "chromium"))}
    _bars(draw, 780, "CPU, percent of a core (X server paler)", "%", 2, cpu, top, bottom)
    paint = {name: (s[p]["first_paint_ms"], [(s[p]["first_paint_ms"]["median"], None)])
             for name, p in (("Placard", "placard"), ("Chromium", "chromium"))}
    _bars(draw, 1150, "Launch to first paint (ms)", " ms", 0, paint, top, bottom)
    subprocess.run(["convert", "-size", f"{width}x{height}", "xc:white", *draw, str(path)], check=True)
