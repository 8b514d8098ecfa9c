"""The results tables (printed, and written into ``docs/BENCHMARKS.md``) and the verdicts."""

from __future__ import annotations

import datetime as dt
import math
import os
import platform
from collections.abc import Sequence
from pathlib import Path

from bench.stats import Row

DOC = Path(__file__).resolve().parent.parent / "docs" / "BENCHMARKS.md"
BEGIN, END = "<!-- bench:ingest:begin -->", "<!-- bench:ingest:end -->"
MODES = {
    "raw": "raw produce",
    "sync": "gateway 201 (sync)",
    "async": "gateway 202 (async)",
    "get": "gateway GET zaaktype (auth, catalogue; no write)",
    "hello": "bare FastAPI POST (uvicorn, 1 process)",
    "hello2": "bare FastAPI POST (uvicorn, 2 worker processes)",
}
COMPONENTS = ("server", "bench", "broker", "postgres")
CEILINGS = ("get", "hello", "hello2")


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.1f}"


def _cpu_ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.3f}" if value < 1 else f"{value:.1f}"


def _cpu(row: Row) -> str:
    cpu = row.measurement.cpu
    parts = [f"{name} {cpu[name]:.2f}" for name in COMPONENTS if name in cpu]
    if "machine" in cpu:
        other = cpu["machine"] - sum(cpu.get(name, 0.0) for name in COMPONENTS)
        parts.append(f"other {max(other, 0.0):.2f}")
    return ", ".join(parts)


def cpu_per_event(row: Row) -> float:
    """CPU milliseconds per successful event, summed over our components (not ``other``)."""
    cpu, rate = row.measurement.cpu, row.measurement.rate
    busy = sum(cpu.get(name, 0.0) for name in COMPONENTS)
    return busy * 1000 / rate if rate > 0 and cpu else math.nan


def table(rows: Sequence[Row]) -> str:
    """A Markdown table; also readable as plain text."""
    lines = [
        "| bus | mode | conc. | events/s | p50 ms | p99 ms | ratio to raw | errors "
        "| CPU ms/event | CPU cores busy |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for row in rows:
        m = row.measurement
        ratio = "-" if row.ratio is None else f"{row.ratio:.3f}"
        lines.append(
            f"| {row.bus} | {MODES[row.mode]} | {row.concurrency} | {m.rate:,.0f} "
            f"| {_ms(m.p(50))} | {_ms(m.p(99))} | {ratio} | {m.failures} "
            f"| {_cpu_ms(cpu_per_event(row))} | {_cpu(row)} |"
        )
    return "\n".join(lines)


def tables(rows: Sequence[Row]) -> str:
    main = [r for r in rows if r.mode not in CEILINGS]
    ceilings = [r for r in rows if r.mode in CEILINGS]
    text = table(main)
    if ceilings:
        text += (
            "\n\nCeilings measured in the same run (ratio: to the raw produce rate of that bus; "
            "for the bare FastAPI rows, to the raw Kafka rate when Kafka ran):"
        )
        text += "\n\n" + table(ceilings)
    return text


def _find(rows: Sequence[Row], bus: str, mode: str, concurrency: int) -> Row | None:
    wanted = (bus, mode, concurrency)
    return next((r for r in rows if (r.bus, r.mode, r.concurrency) == wanted), None)


def verdicts(rows: Sequence[Row]) -> list[str]:
    """One line per target and mode: met or missed, with the figure."""
    lines = []
    for mode in ("sync", "async"):
        row = _find(rows, "kafka", mode, 64)
        if row is not None and row.ratio is not None:
            met = "met" if row.ratio >= 0.5 else "MISSED"
            lines.append(
                f"- Kafka, concurrency 64, {MODES[mode]}: {row.ratio:.3f} × raw "
                f"(target ≥ 0.5): **{met}**"
            )
    for mode in ("sync", "async"):
        row = _find(rows, "embedded", mode, 16)
        if row is not None:
            p99 = row.measurement.p(99)
            met = "met" if p99 < 50 else "MISSED"
            lines.append(
                f"- Embedded, concurrency 16, {MODES[mode]}: p99 {p99:.1f} ms "
                f"(target < 50 ms): **{met}**"
            )
    return lines


def notes(rows: Sequence[Row]) -> list[str]:
    out = []
    seen = set()
    for r in rows:
        if r.note and (r.mode != "raw" or r.bus not in seen):
            out.append(f"- {r.bus}, {MODES[r.mode]}, concurrency {r.concurrency}: {r.note}")
            seen.add(r.bus)
        for error, count in r.measurement.errors.most_common(3):
            out.append(f"- {r.bus}, {MODES[r.mode]}, concurrency {r.concurrency}: "
                       f"{count} × {error}")  # fmt: skip
    return out


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores ({model or platform.machine()}), {memory:.0f} GB, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def section(rows: Sequence[Row], command: str, setup: str, load_before: float) -> str:
    """The generated part of the ingest section of docs/BENCHMARKS.md."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        f"Command: `{command}` (what `make bench` runs, with `.venv/bin/python`)  ",
        f"Date: {now}  ",
        f"Machine: {machine()}; other load before the run: {load_before:.2f} cores  ",
        f"Setup: {setup}",
        "",
        tables(rows),
        "",
        "Targets:",
        "",
        *verdicts(rows),
    ]
    extra = notes(rows)
    if extra:
        parts += ["", "Notes from the run:", "", *extra]
    return "\n".join(parts)


def write_section(body: str, doc: Path = DOC) -> None:
    """Replace the generated block in ``doc`` (created with a skeleton when missing)."""
    if doc.exists():
        current = doc.read_text()
    else:
        current = f"# Benchmarks\n\n## Foundation: gateway ingest\n\n{BEGIN}\n{END}\n"
    if BEGIN not in current or END not in current:
        current += f"\n## Foundation: gateway ingest\n\n{BEGIN}\n{END}\n"
    head, rest = current.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(f"{head}{BEGIN}\n{body}\n{END}{tail}")
