"""Retry and throttle arithmetic (pure)."""

from __future__ import annotations

import random
from collections.abc import Sequence

HOUR = 3600.0


def backoff(
    attempts: int, initial: float, maximum: float, rng: random.Random | None = None
) -> float:
    """Seconds to wait after the ``attempts``-th failure: exponential, capped, with "equal
    jitter" (half fixed, half random), so retries of many deliveries spread out but never
    come back at once."""
    ceiling = min(maximum, initial * 2 ** max(attempts - 1, 0))
    return ceiling / 2 + (rng or random).uniform(0, ceiling / 2)


def throttled_until(scheduled: Sequence[float], now: float, limit: int) -> float:
    """When the next message to a citizen may go, given the times of the messages already
    scheduled for them on this target (any order; also future ones, deferred earlier).

    At most ``limit`` messages fall in any hour: with ``limit`` or more scheduled in the
    last hour or later, the next one is deferred to one hour after the ``limit``-th latest.
    """
    recent = sorted(t for t in scheduled if t > now - HOUR)
    if len(recent) < limit:
        return now
    return max(now, recent[-limit] + HOUR)
