"""Figures of one measured run: throughput, latency percentiles, errors, CPU per component."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0..100) with linear interpolation between closest ranks
    (numpy's default); NaN for no values."""
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must lie in 0..100, got {q}")
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Measurement:
    """What a closed-loop run measured inside its window (warm-up excluded)."""

    seconds: float
    latencies: list[float] = field(default_factory=list)  # of successful calls, in seconds
    statuses: Counter[int] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    cpu: dict[str, float] = field(default_factory=dict)  # component -> cores busy (1.0 = one)
    ok_total: int = 0  # successful calls over the whole run, warm-up and tail included

    @property
    def successes(self) -> int:
        return len(self.latencies)

    @property
    def failures(self) -> int:
        return sum(self.errors.values())

    @property
    def rate(self) -> float:
        """Successful calls per second."""
        return self.successes / self.seconds if self.seconds > 0 else 0.0

    def p(self, q: float) -> float:
        """Latency percentile in milliseconds."""
        return percentile(self.latencies, q) * 1000


@dataclass
class Row:
    """One line of the results table."""

    bus: str
    mode: str  # raw | sync (201) | async (202)
    concurrency: int
    measurement: Measurement
    raw_rate: float | None = None  # the raw baseline's rate at the same bus and concurrency
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.raw_rate is None or self.raw_rate <= 0:
            return None
        return self.measurement.rate / self.raw_rate
