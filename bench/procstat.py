"""CPU time per component (server, bench process, broker, database) from ``/proc``.

Linux only; on other systems the meter reports nothing. Figures are in cores: 1.0 is one
core busy for the whole window, 2.0 is both cores of the benchmark machine.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

_PROC = Path("/proc")
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

PidSource = Callable[[], Iterable[int]]


def process_cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds of ``pid`` (all its threads); 0.0 when it is gone."""
    try:
        stat = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return 0.0
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS


def pids_named(name: str) -> list[int]:
    """Processes whose command name is ``name`` (e.g. every ``postgres`` backend)."""
    found = []
    for entry in _PROC.glob("[0-9]*"):
        try:
            if (entry / "comm").read_text().strip() == name:
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def machine_busy_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine, summed over cores."""
    try:
        first = (_PROC / "stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return 0.0, 0.0
    ticks = [int(value) for value in first[:8]]
    idle = ticks[3] + ticks[4]  # idle + iowait
    return (sum(ticks) - idle) / _TICKS, sum(ticks) / _TICKS


class CpuMeter:
    """Snapshots CPU seconds per named component; ``delta`` turns two into cores busy."""

    def __init__(self, components: dict[str, PidSource]) -> None:
        self.components = components

    def snapshot(self) -> dict[str, float]:
        taken = {"_wall": time.perf_counter(), "bench": time.process_time()}
        for name, pids in self.components.items():
            taken[name] = sum(process_cpu_seconds(pid) for pid in pids())
        taken["machine"] = machine_busy_seconds()[0]
        return taken

    @staticmethod
    def delta(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
        wall = after["_wall"] - before["_wall"]
        if wall <= 0:
            return {}
        return {
            name: max(0.0, after[name] - before[name]) / wall
            for name in after
            if name != "_wall" and name in before
        }


def child_pids(prefix: str) -> list[int]:
    """Children of this process whose command name starts with ``prefix`` (the broker)."""
    me = str(os.getpid())
    found = []
    for entry in _PROC.glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        comm, rest = stat.split("(", 1)[1].rsplit(")", 1)
        if comm.startswith(prefix) and rest.split()[1] == me:
            found.append(int(entry.name))
    return found


def process_tree(parents: list[int]) -> list[int]:
    """Every descendant of ``parents`` (uvicorn's worker processes)."""
    children: dict[str, list[int]] = {}
    for entry in _PROC.glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        children.setdefault(stat.rsplit(")", 1)[1].split()[1], []).append(int(entry.name))
    found, todo = [], [str(pid) for pid in parents]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(str(child))
    return found


def postgres_pids(database: str) -> list[int]:
    """The PostgreSQL backends serving ``database``, plus the server's WAL writer, background
    writer and checkpointer (the work a commit causes outside the backend)."""
    found = []
    for pid in pids_named("postgres"):
        try:
            cmdline = (_PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if f" {database} " in cmdline or "writer" in cmdline or "checkpointer" in cmdline:
            found.append(pid)
    return found
