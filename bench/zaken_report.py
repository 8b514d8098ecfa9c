"""Results of the Zaken API benchmarks as Markdown, written into their own sections of
``docs/BENCHMARKS.md`` (between ``<!-- bench:<name>:begin/end -->`` markers; other sections
are left alone)."""

from __future__ import annotations

import datetime as dt
import os
import platform
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DOC = Path(__file__).resolve().parent.parent / "docs" / "BENCHMARKS.md"


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def lifecycle_line(run: Any) -> str:
    prefix = f"{run.label}, " if run.label else ""
    return (f"{prefix}concurrency {run.concurrency}: {run.zaken_per_second:.1f} zaken/s, "
            f"{run.requests_per_second:.0f} req/s, p50 {run.p(50):.1f} ms, p99 {run.p(99):.1f} ms, "
            f"errors {sum(run.errors.values())}, CPU per request: serve "
            f"{run.cpu_ms_per_request('serve'):.1f} ms, companion "
            f"{run.cpu_ms_per_request('companion'):.1f} ms")  # fmt: skip


def lifecycle_section(runs: Sequence[Any], duration: float, target: float) -> str:
    lines = [
        "## Zaak lifecycle (`python -m bench.zaken_lifecycle`)",
        "",
        f"{dt.date.today()} on {machine()}. `midoffice serve` (embedded log + SQLite, the "
        f"embedded default) as a child process; per zaak 7 synchronous writes (zaak, rol, "
        f"3 statussen, resultaat, eindstatus), each answered after the processor decided it; "
        f"{duration:g} s measured per concurrency after a warm-up, closed loop.",
        "",
        "| concurrency | zaken/s | requests/s | p50 ms | p99 ms | errors "
        "| CPU ms per request: serve | companion |",
        "|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    measured = [run for run in runs if not run.label]
    for run in measured:
        lines.append(_lifecycle_row(run, str(run.concurrency)))
    baselines = [run for run in runs if run.label]
    if baselines:
        lines += [
            "",
            "Raw baseline in the same run (`bench/lifecycle_baseline.py`): a bare FastAPI `POST` "
            "under uvicorn that validates a status-like body, writes one SQLite row in its own "
            "transaction and reads it back; no authentication, event log, processor, rules, "
            "read model or audit trail. Seven writes count as a zaak.",
            "",
            "| concurrency | zaken/s | requests/s | p50 ms | p99 ms | CPU ms per request |",
            "|--:|--:|--:|--:|--:|--:|",
        ]
        for run in baselines:
            lines.append(
                f"| {run.concurrency} | {run.zaken_per_second:.1f} "
                f"| {run.requests_per_second:.0f} | {run.p(50):.1f} | {run.p(99):.1f} "
                f"| {run.cpu_ms_per_request('serve'):.2f} |"
            )
    at8 = next((r for r in measured if r.concurrency == 8), None)
    if at8 is not None:
        verdict = "met" if at8.zaken_per_second >= target else "NOT met"
        lines += ["", f"Target >= {target:g} zaken/s at concurrency 8: **{verdict}** "
                      f"({at8.zaken_per_second:.1f})."]  # fmt: skip
    return "\n".join(lines)


def _lifecycle_row(run: Any, concurrency: str) -> str:
    return (
        f"| {concurrency} | {run.zaken_per_second:.1f} | {run.requests_per_second:.0f} "
        f"| {run.p(50):.1f} | {run.p(99):.1f} | {sum(run.errors.values())} "
        f"| {run.cpu_ms_per_request('serve'):.1f} "
        f"| {run.cpu_ms_per_request('companion'):.1f} |"
    )


def write(name: str, text: str) -> None:
    """Replace (or append) the section ``name`` of docs/BENCHMARKS.md."""
    begin, end = f"<!-- bench:{name}:begin -->", f"<!-- bench:{name}:end -->"
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    block = f"{begin}\n{text}\n{end}"
    if begin in current and end in current:
        before, rest = current.split(begin, 1)
        current = before + block + rest.split(end, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n" + block + "\n"
    DOC.write_text(current, encoding="utf-8")
