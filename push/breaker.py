"""A circuit breaker per target, as a pure state machine (the clock is passed in).

closed --N consecutive failures--> open --cool-down elapsed--> half-open (one probe)
half-open --probe succeeds--> closed;  half-open --probe fails--> open (cool-down again)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    closed = "closed"
    open = "open"
    half_open = "half_open"


@dataclass
class CircuitBreaker:
    """``failures`` consecutive failures open it; after ``cooldown`` seconds one probe."""

    failures: int
    cooldown: float
    state: State = State.closed
    consecutive: int = 0
    opened_at: float = 0.0
    probing: bool = False

    def allows(self, now: float) -> int:
        """How many requests may go now: 0 (open, or a probe is out), 1 (probe), or -1
        (closed: no limit from the breaker)."""
        if self.state == State.open and now - self.opened_at >= self.cooldown:
            self.state = State.half_open
        if self.state == State.closed:
            return -1
        if self.state == State.half_open and not self.probing:
            return 1
        return 0

    def started(self) -> None:
        """A request went out (marks the probe in half-open)."""
        if self.state == State.half_open:
            self.probing = True

    def success(self) -> None:
        self.state, self.consecutive, self.probing = State.closed, 0, False

    def failure(self, now: float) -> None:
        self.consecutive += 1
        self.probing = False
        if self.state == State.half_open or self.consecutive >= self.failures:
            self.state, self.opened_at = State.open, now
