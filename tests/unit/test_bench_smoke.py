"""Fast checks of the benchmark helpers (the benchmarks themselves run with ``make bench``)."""

from __future__ import annotations

import asyncio
import math
from pathlib import Path

import pytest

from bench.driver import drive
from bench.httpclient import Response, build_request
from bench.report import BEGIN, END, write_section
from bench.stats import Measurement, Row, percentile


def test_percentile_interpolates_between_closest_ranks() -> None:
    values = [4.0, 1.0, 3.0, 2.0]  # unsorted on purpose
    assert percentile(values, 0) == 1.0
    assert percentile(values, 100) == 4.0
    assert percentile(values, 50) == 2.5
    assert percentile(values, 99) == pytest.approx(3.97)
    assert percentile([7.0], 99) == 7.0
    assert math.isnan(percentile([], 50))
    with pytest.raises(ValueError):
        percentile(values, 101)


def test_rate_counts_successes_and_ratio_compares_with_raw() -> None:
    measured = Measurement(seconds=2.0, latencies=[0.01] * 30)
    measured.errors["HTTP 500"] += 4
    row = Row("kafka", "sync", 16, measured, raw_rate=60.0)
    assert measured.rate == 15.0 and measured.failures == 4
    assert row.ratio == 0.25
    assert measured.p(50) == pytest.approx(10.0)


async def test_drive_counts_only_the_window_and_sorts_out_failures() -> None:
    async def ok(sequence: int) -> int:
        await asyncio.sleep(0.001)  # a real operation waits for I/O
        return 201 if sequence % 5 else 400

    measured = await drive([ok, ok], warmup=0.05, duration=0.2, ok=frozenset({201}))
    assert measured.successes > 0
    assert measured.errors["HTTP 400"] > 0
    assert set(measured.statuses) == {201, 400}
    assert 0.19 < measured.seconds < 0.3


def test_request_bytes_and_response_headers() -> None:
    request = build_request("POST", "/x", "127.0.0.1:1", {"Prefer": "respond-async"}, b"{}")
    assert request.startswith(b"POST /x HTTP/1.1\r\nHost: 127.0.0.1:1\r\n")
    assert request.endswith(b"Content-Length: 2\r\n\r\n{}")
    response = Response(202, b"HTTP/1.1 202 Accepted\r\nlocation: /v/1", b"{}")
    assert response.header("Location") == "/v/1" and response.header("etag") is None


def test_write_section_replaces_only_the_generated_block(tmp_path: Path) -> None:
    doc = tmp_path / "BENCHMARKS.md"
    doc.write_text(f"# B\n\nintro\n{BEGIN}\nold figures\n{END}\n\n### Analysis\nkept\n")
    write_section("new figures", doc)
    text = doc.read_text()
    assert "new figures" in text and "old figures" not in text
    assert text.startswith("# B\n\nintro\n") and text.endswith("### Analysis\nkept\n")


async def test_statement_overhead_measures_both_ways() -> None:
    from bench.statement_overhead import run

    figures = await run(calls=50)
    assert set(figures) == {"select_sqlalchemy", "select_raw", "insert_sqlalchemy", "insert_raw"}
    assert all(value > 0 for value in figures.values())


def test_lifecycle_reports_cpu_per_request() -> None:
    from bench.zaken_lifecycle import Run
    from bench.zaken_report import lifecycle_section

    run = Run(8, seconds=2.0, zaken=20, latencies=[0.04] * 200, cores={"serve": 0.5})
    assert run.cpu_ms_per_request("serve") == pytest.approx(5.0)  # 0.5 core at 100 requests/s
    assert math.isnan(run.cpu_ms_per_request("companion"))  # not measured
    table = lifecycle_section([run], 2.0, 100.0)
    assert "| 8 | 10.0 | 100 | 40.0 | 40.0 | 0 | 5.0 | nan |" in table


async def test_lifecycle_baseline_writes_durably_and_is_reported() -> None:
    from bench.zaken_lifecycle import Run, measure_baseline
    from bench.zaken_report import lifecycle_section

    baseline = await measure_baseline(2, warmup=0.3, duration=1.0)
    assert baseline.label == "baseline" and len(baseline.latencies) > 7
    assert baseline.zaken == len(baseline.latencies) // 7
    assert baseline.cores["serve"] > 0
    measured = Run(8, seconds=1.0, zaken=1, latencies=[0.04] * 7, cores={"serve": 0.5})
    table = lifecycle_section([measured, baseline], 1.0, 100.0)
    assert "Raw baseline in the same run" in table
    assert f"| 2 | {baseline.zaken_per_second:.1f} |" in table
    assert "**NOT met** (1.0)" in table  # the verdict is about MidOffice, not the baseline
