"""Measuring a program and every process it starts, from /proc: CPU time and
proportional set size (PSS), summed over the whole tree, and the same for the
X server it draws on. Linux only; standard library only. Used by run_bench.py.

A browser is many processes (browser, zygotes, GPU, renderers, utility), some
of which start and end during a run. A process belongs to the measured tree
when it descends from the launched one, or shares its session (the launch
starts a new session, so a process re-parented to init still counts).
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import time
from dataclasses import dataclass

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> None:
    """Orphans of the measured programs are re-parented to this process rather
    than to init, so they stay reapable here and nothing outlives the run."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


@dataclass
class Proc:
    pid: int
    ppid: int
    session: int
    cpu_ticks: int  # its own user+system time, plus that of the children it has reaped


def _read_stat(pid: int) -> Proc | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read().decode("ascii", "replace")
    except OSError:
        return None
    # The command name may hold spaces and parentheses: the fields start after the last ')'.
    fields = data[data.rfind(")") + 2:].split()
    utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
    return Proc(pid, int(fields[1]), int(fields[3]), utime + stime + cutime + cstime)


def cpu_seconds(pid: int) -> float:
    p = _read_stat(pid)
    return p.cpu_ticks / CLOCK_TICKS if p else 0.0


def all_processes() -> dict[int, Proc]:
    out = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            p = _read_stat(int(name))
            if p:
                out[p.pid] = p
    return out


def tree(root: int) -> list[Proc]:
    """The launched process (a session leader), its descendants and its session."""
    procs = all_processes()
    children: dict[int, list[int]] = {}
    for p in procs.values():
        children.setdefault(p.ppid, []).append(p.pid)
    todo = [root] + [pid for pid, p in procs.items() if p.session == root]
    members: set[int] = set()
    while todo:
        pid = todo.pop()
        if pid in members or pid not in procs:
            continue
        members.add(pid)
        todo.extend(children.get(pid, []))
    return [procs[pid] for pid in members]


def pss_kib(pid: int) -> int:
    """Proportional set size: each shared page divided among the processes that
    map it, so summing over processes never counts a page twice."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass  # gone, or a zombie: it holds no memory
    return 0


@dataclass
class Sample:
    at: float             # seconds since the first paint
    pss_kib: int          # summed over the program's processes
    cpu_seconds: float    # summed over them, since each started
    processes: int
    x_pss_kib: int        # the X server's
    x_cpu_seconds: float  # the X server's, since it started


def sample(root: int, xserver: int, since: float) -> Sample:
    procs = tree(root)
    return Sample(time.monotonic() - since, sum(pss_kib(p.pid) for p in procs),
                  sum(p.cpu_ticks for p in procs) / CLOCK_TICKS, len(procs), pss_kib(xserver), cpu_seconds(xserver))


def sample_window(proc: subprocess.Popen, xserver: int, since: float, seconds: float, on_tick=None) -> list[Sample]:
    """A sample at `since` (a time.monotonic() reading), at each whole second
    after it and at `since + seconds`, while the program runs; on_tick(second)
    runs after each whole second's (for screenshots)."""
    samples = []
    marks = [float(n) for n in range(int(seconds) + 1)] + ([seconds] if seconds != int(seconds) else [])
    for mark in marks:
        time.sleep(max(0.0, since + mark - time.monotonic()))
        # Looked at without reaping it, so that end_tree can still reap it.
        if os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
            break
        samples.append(sample(proc.pid, xserver, since))
        if on_tick and mark == int(mark):
            on_tick(int(mark))
    return samples


def end_tree(proc: subprocess.Popen, grace_seconds: float = 10) -> None:
    """SIGTERM to every process of the tree, SIGKILL to what is left after the
    grace time, then reaps them all (orphans come here: see become_subreaper)."""
    members = {p.pid for p in tree(proc.pid)}
    for pid in members:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + grace_seconds
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
    for pid in {p.pid for p in tree(proc.pid)} | members:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait()
    for pid in members:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass  # not ours to reap, or reaped already
