"""A closed-loop load driver: ``concurrency`` workers, each calling its operation back to back.

The run has a warm-up (not counted) and a measured window. A call counts when it *ends*
inside the window; its latency is from the moment it was issued to the moment it ended.
CPU per component is snapshotted at the window's edges.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Awaitable, Callable, Sequence

from bench.procstat import CpuMeter
from bench.stats import Measurement

Operation = Callable[[int], Awaitable[int]]
"""Called with a global sequence number; returns a status code (raises on failure)."""


async def drive(
    operations: Sequence[Operation],
    *,
    warmup: float,
    duration: float,
    ok: frozenset[int],
    meter: CpuMeter | None = None,
) -> Measurement:
    """Run one worker per operation (the concurrency is ``len(operations)``)."""
    sequence = itertools.count()
    stop = asyncio.Event()
    done: list[tuple[float, float, int | str]] = []  # (ended, latency, status or error)

    async def worker(operation: Operation) -> None:
        while not stop.is_set():
            began = time.perf_counter()
            try:
                outcome: int | str = await operation(next(sequence))
            except Exception as exc:
                outcome = f"{type(exc).__name__}: {exc}"[:160]
                await asyncio.sleep(0.01)  # a failing target must not turn into a busy loop
            ended = time.perf_counter()
            done.append((ended, ended - began, outcome))

    workers = [asyncio.create_task(worker(operation)) for operation in operations]
    try:
        await asyncio.sleep(warmup)
        start, before = time.perf_counter(), meter.snapshot() if meter else {}
        await asyncio.sleep(duration)
        end, after = time.perf_counter(), meter.snapshot() if meter else {}
        stop.set()
        await asyncio.wait_for(asyncio.gather(*workers), timeout=60)
    finally:
        for task in workers:
            task.cancel()
    result = Measurement(seconds=end - start)
    result.ok_total = sum(1 for _, _, outcome in done if outcome in ok)
    for ended, latency, outcome in done:
        if not start <= ended < end:
            continue
        if isinstance(outcome, str):
            result.errors[outcome] += 1
            continue
        result.statuses[outcome] += 1
        if outcome in ok:
            result.latencies.append(latency)
        else:
            result.errors[f"HTTP {outcome}"] += 1
    if meter:
        result.cpu = CpuMeter.delta(before, after)
    return result
