"""The benchmark's results as a Markdown table and a plot (ImageMagick's
convert draws it; platform/bench.sh installs imagemagick). Used by run_bench.py."""

from __future__ import annotations

import subprocess
from pathlib import Path

STEADY = (10, 25)  # seconds after launch: both are on the first slide, past the fade, before the next


def steady_cpu_percent(run: dict) -> float:
    """CPU use while a slide simply stands (the progress bar ticks once a second),
    from the /proc samples, the same way for both programs."""
    at = {round(s["at"]): s["cpu_seconds"] for s in run["samples"]}
    return 100 * (at[STEADY[1]] - at[STEADY[0]]) / (STEADY[1] - STEADY[0])


def _ms(d: dict | None, key: str) -> str:
    return "–" if not d else f"{d[key]:.1f}"


def markdown(r: dict) -> str:
    k, c, stats, core = r["kiosk"], r["chromium"], r["kiosk"]["stats"], r["core"]
    mib = lambda kib: f"{kib / 1024:.1f} MiB"  # noqa: E731
    secs = r["seconds"]
    per_minute = stats["texture_uploads"] * 60 / stats["wall_seconds"]
    rows = [
        ("", "Placard", f"Chromium kiosk ({c['version']})"),
        ("---", "---:", "---:"),
        (f"CPU time over {secs} s", f"{k['cpu_seconds']:.2f} s ({100 * k['cpu_seconds'] / secs:.1f}% of a core)",
         f"{c['cpu_seconds']:.2f} s ({100 * c['cpu_seconds'] / secs:.1f}% of a core)"),
        (f"CPU while a slide stands ({STEADY[0]}–{STEADY[1]} s)", f"{steady_cpu_percent(k):.2f}%", f"{steady_cpu_percent(c):.2f}%"),
        ("Peak memory (PSS, all processes)", mib(k["peak_pss_kib"]), mib(c["peak_pss_kib"])),
        ("Processes", str(k["processes"]), str(c["processes"])),
        ("Launch to first frame", f"{k['first_frame_ms']:.0f} ms", f"{c['first_frame_ms']:.0f} ms"),
        ("Slides shown (same order, same times)", " ".join(s["id"] for s in k["slides"]),
         " ".join(s["id"] for s in c["slides"])),
    ]
    f, t = stats["frame_ms"], stats["transition_frame_ms"]
    placard = [
        ("", "Placard's own `--stats` report"),
        ("---", "---:"),
        ("Frames drawn", str(stats["frames"])),
        ("Frame time p50 / p90 / p99 / max", f"{_ms(f, 'p50')} / {_ms(f, 'p90')} / {_ms(f, 'p99')} / {_ms(f, 'max')} ms"),
        ("Transition frame time p50 / p90 / p99 / max",
         f"{_ms(t, 'p50')} / {_ms(t, 'p90')} / {_ms(t, 'p99')} / {_ms(t, 'max')} ms"),
        ("First frame, from main()", f"{stats['first_frame_ms']:.0f} ms"),
        ("Idle CPU between transitions", f"{stats['idle_cpu_percent']:.2f}%"),
        ("Texture uploads (text rasterised: slides built, tally count-up steps)",
         f"{stats['texture_uploads']} in {stats['frames']} frames ({per_minute:.1f} a minute)"),
        ("PSS at exit", mib(stats["pss_kib_at_exit"])),
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
    m = r["machine"]
    head = (f"Measured on {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, no GPU, Xvfb {r['size']}; "
            f"load average {r['load_before_kiosk']:.1f} before the Placard run, {r['load_before_chromium']:.1f} before Chromium's.\n")
    return "\n\n".join([head] + ["\n".join("| " + " | ".join(row) + " |" for row in table)
                                 for table in (rows, placard, core_rows)]) + "\n"


PLACARD, CHROMIUM, INK, GRID = "#C77C00", "#3B6DB3", "#1E2430", "#D5D9E0"


def _font() -> str:
    """Noto Sans's file, through fontconfig as the kiosk finds it (ImageMagick's own font names vary)."""
    found = subprocess.run(["fc-match", "-f", "%{file}", "Noto Sans"], capture_output=True, text=True)
    return found.stdout or "DejaVu-Sans"


def plot(r: dict, path: Path) -> None:
    """Three panels: memory over the run, CPU seconds, launch to first frame."""
    width, height, top, bottom = 1500, 520, 90, 440
    draw = ["-fill", INK, "-font", _font(), "-pointsize", "26", "-annotate", "+40+45",
            f"Placard and a Chromium kiosk showing the same slides, {r['size']}, {r['seconds']} s, same machine"]
    # Panel 1: PSS over time.
    left, right = 90, 700
    peak = max(r["chromium"]["peak_pss_kib"], r["kiosk"]["peak_pss_kib"]) / 1024
    ymax = max(50, int(peak / 100 + 1) * 100)
    for v in range(0, ymax + 1, ymax // 5):
        y = bottom - (bottom - top) * v / ymax
        draw += ["-stroke", GRID, "-draw", f"line {left},{y:.0f} {right},{y:.0f}", "-stroke", "none",
                 "-fill", INK, "-pointsize", "16", "-annotate", f"+{left - 50}+{y + 5:.0f}", f"{v}"]
    for run, colour in (("kiosk", PLACARD), ("chromium", CHROMIUM)):
        pts = " ".join(f"{left + (right - left) * s['at'] / r['seconds']:.0f},{bottom - (bottom - top) * s['pss_kib'] / 1024 / ymax:.0f}"
                       for s in r[run]["samples"])
        draw += ["-stroke", colour, "-strokewidth", "4", "-fill", "none", "-draw", f"polyline {pts}", "-strokewidth", "1",
                 "-stroke", "none"]
    draw += ["-fill", INK, "-pointsize", "18", "-annotate", f"+{left}+{bottom + 35}",
             f"Memory (PSS of all processes, MiB) over {r['seconds']} s"]
    draw += ["-fill", PLACARD, "-annotate", f"+{left + 20}+{top + 20}", f"Placard {r['kiosk']['peak_pss_kib'] / 1024:.0f} MiB",
             "-fill", CHROMIUM, "-annotate", f"+{left + 20}+{top + 45}",
             f"Chromium {r['chromium']['peak_pss_kib'] / 1024:.0f} MiB ({r['chromium']['processes']} processes)"]
    # Panels 2 and 3: bars.
    for x0, key, label, unit in ((780, "cpu_seconds", f"CPU seconds in {r['seconds']} s", "s"),
                                 (1150, "first_frame_ms", "Launch to first frame (ms)", "ms")):
        values = {run: r[run][key] for run in ("kiosk", "chromium")}
        vmax = max(values.values()) * 1.15
        for i, (run, colour, name) in enumerate((("kiosk", PLACARD, "Placard"), ("chromium", CHROMIUM, "Chromium"))):
            h = (bottom - top) * values[run] / vmax
            x = x0 + 30 + i * 150
            draw += ["-fill", colour, "-draw", f"rectangle {x},{bottom - h:.0f} {x + 100},{bottom}",
                     "-fill", INK, "-pointsize", "18", "-annotate", f"+{x}+{bottom - h - 10:.0f}",
                     f"{values[run]:.1f} {unit}" if unit == "s" else f"{values[run]:.0f} {unit}",
                     "-annotate", f"+{x + 10}+{bottom + 25}", name]
        draw += ["-stroke", INK, "-draw", f"line {x0 + 10},{bottom} {x0 + 320},{bottom}", "-stroke", "none",
                 "-pointsize", "18", "-annotate", f"+{x0 + 20}+{bottom + 60}", label]
    subprocess.run(["convert", "-size", f"{width}x{height}", "xc:white", *draw, str(path)], check=True)
