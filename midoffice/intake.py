"""The gateway's side of the intake: publish events and learn the processor's outcome.

The outcome is durable in the processor's inbox table (same database as the zaakmagazijn).
A processor in the same process resolves waiters at once (``notify``); a gateway running as
its own process finds the outcome by polling the inbox with a short, growing interval.

Polling costs a database round trip per waiter and interval, so it is kept for events that
no processor in this process will decide. The intake learns which partitions are decided
here from ``notify`` (the partition of each submitted event is known from its publish
position); for those, the inbox is only polled as a slow safety net (for a rebalance that
moved the partition to another process). An outcome that arrives before its waiter is kept
briefly, so the first look needs no database either.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncEngine

from midoffice.bus.base import EventBus, Message
from midoffice.container import PendingOutcome
from midoffice.processing import inbox
from schemas.codec import encode
from schemas.envelope import Envelope
from schemas.outcome import Accepted, Outcome

_POLL_START = 0.005
_POLL_MAX = 0.1
_LOCAL_POLL_START = 0.5
"""First look for an event of a partition the local processor decides (safety net)."""
_LOCAL_POLL_MAX = 1.0
_LOCAL_FRESH_SECONDS = 30.0
"""A partition counts as decided here while the local processor decided on it this recently."""
_LOCAL_BUSY_SECONDS = 1.0
"""While the local processor decided on the partition this recently, the outcome will come
by ``notify``; only a partition it stopped deciding (moved away) is polled."""
_REMEMBER = 100_000
_EARLY = 10_000


class BusIntake:
    """IntakePort on an EventBus, with outcomes read from the processor's inbox."""

    def __init__(self, bus: EventBus, engine: AsyncEngine, topic: str) -> None:
        self._bus = bus
        self._engine = engine
        self._topic = topic
        self._waiters: dict[uuid.UUID, asyncio.Future[Outcome]] = {}
        # event id -> (submitted at, partition once published); oldest first
        self._submitted: OrderedDict[uuid.UUID, tuple[float, int | None]] = OrderedDict()
        self._decided_here: dict[int, float] = {}  # partition -> last local decision
        self._early: OrderedDict[uuid.UUID, Outcome] = OrderedDict()

    async def submit(self, envelope: Envelope) -> None:
        encoded = encode(envelope)
        # Known before the publish returns: a local processor may decide on it that soon.
        self._submitted[envelope.id] = (time.monotonic(), None)
        try:
            position = await self._bus.publish(
                self._topic, Message(key=encoded.key, value=encoded.value, headers=encoded.headers)
            )
        except BaseException:
            self._submitted.pop(envelope.id, None)
            self._early.pop(envelope.id, None)
            raise
        self._submitted[envelope.id] = (self._submitted[envelope.id][0], position.partition)
        while len(self._submitted) > _REMEMBER:
            self._submitted.popitem(last=False)

    async def wait(self, event_id: uuid.UUID, timeout: float) -> Outcome | None:
        early = self._early.pop(event_id, None)
        if early is not None:
            return early
        future = self._waiters.get(event_id)
        if future is None:
            future = asyncio.get_running_loop().create_future()
            self._waiters[event_id] = future
        local = self._decided_locally(event_id)
        deadline = time.monotonic() + timeout
        interval, ceiling = (
            (_LOCAL_POLL_START, _LOCAL_POLL_MAX) if local else (_POLL_START, _POLL_MAX)
        )
        try:
            if not local:
                recorded = await self._load(event_id)
                if recorded is not None:
                    return recorded
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                try:
                    return await asyncio.wait_for(
                        asyncio.shield(future), timeout=min(interval, remaining)
                    )
                except TimeoutError:
                    interval = min(interval * 2, ceiling)
                if local and self._decided_locally(event_id, within=_LOCAL_BUSY_SECONDS):
                    continue
                recorded = await self._load(event_id)
                if recorded is not None:
                    return recorded
        finally:
            self._waiters.pop(event_id, None)

    def notify(self, decisions: Sequence[tuple[uuid.UUID, Outcome]]) -> None:
        """Called by an in-process processor after its transaction committed."""
        now = time.monotonic()
        for event_id, outcome in decisions:
            submitted = self._submitted.get(event_id)
            if submitted is not None and submitted[1] is not None:
                self._decided_here[submitted[1]] = now
            future = self._waiters.get(event_id)
            if future is not None:
                if not future.done():
                    future.set_result(outcome)
            elif submitted is not None:  # decided before its waiter came (or none will come)
                if isinstance(outcome, Accepted):  # as the inbox gives it back: without facts
                    outcome = replace(outcome, facts=())
                self._early[event_id] = outcome
                while len(self._early) > _EARLY:
                    self._early.popitem(last=False)

    async def outcome(self, event_id: uuid.UUID) -> Outcome | PendingOutcome | None:
        recorded = await self._load(event_id)
        if recorded is not None:
            return recorded
        if event_id in self._submitted:
            return PendingOutcome(event_id)
        return None

    async def submitter(self, event_id: uuid.UUID) -> str | None:
        """The client_id recorded with the outcome of ``event_id`` (None while undecided)."""
        async with self._engine.connect() as conn:
            return await inbox.submitter(conn, event_id)

    def _decided_locally(self, event_id: uuid.UUID, within: float = _LOCAL_FRESH_SECONDS) -> bool:
        """Whether a processor in this process decided on the event's partition lately."""
        submitted = self._submitted.get(event_id)
        if submitted is None or submitted[1] is None:
            return False
        last = self._decided_here.get(submitted[1])
        return last is not None and time.monotonic() - last < within

    async def _load(self, event_id: uuid.UUID) -> Outcome | None:
        async with self._engine.connect() as conn:
            return await inbox.load(conn, event_id)
