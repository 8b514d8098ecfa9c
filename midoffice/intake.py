"""The gateway's side of the intake: publish events and learn the processor's outcome.

The outcome is durable in the processor's inbox table (same database as the zaakmagazijn).
A processor in the same process resolves waiters at once (``notify``); a gateway running as
its own process finds the outcome by polling the inbox with a short, growing interval.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import OrderedDict
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncEngine

from midoffice.bus.base import EventBus, Message
from midoffice.container import PendingOutcome
from midoffice.processing import inbox
from schemas.codec import encode
from schemas.envelope import Envelope
from schemas.outcome import Outcome

_POLL_START = 0.005
_POLL_MAX = 0.1
_REMEMBER = 100_000


class BusIntake:
    """IntakePort on an EventBus, with outcomes read from the processor's inbox."""

    def __init__(self, bus: EventBus, engine: AsyncEngine, topic: str) -> None:
        self._bus = bus
        self._engine = engine
        self._topic = topic
        self._waiters: dict[uuid.UUID, asyncio.Future[Outcome]] = {}
        self._submitted: OrderedDict[uuid.UUID, float] = OrderedDict()

    async def submit(self, envelope: Envelope) -> None:
        encoded = encode(envelope)
        await self._bus.publish(
            self._topic, Message(key=encoded.key, value=encoded.value, headers=encoded.headers)
        )
        self._submitted[envelope.id] = time.monotonic()
        while len(self._submitted) > _REMEMBER:
            self._submitted.popitem(last=False)

    async def wait(self, event_id: uuid.UUID, timeout: float) -> Outcome | None:
        future = self._waiters.get(event_id)
        if future is None:
            future = asyncio.get_running_loop().create_future()
            self._waiters[event_id] = future
        deadline = time.monotonic() + timeout
        interval = _POLL_START
        try:
            while True:
                recorded = await self._load(event_id)
                if recorded is not None:
                    return recorded
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                try:
                    return await asyncio.wait_for(
                        asyncio.shield(future), timeout=min(interval, remaining)
                    )
                except TimeoutError:
                    interval = min(interval * 2, _POLL_MAX)
        finally:
            self._waiters.pop(event_id, None)

    def notify(self, decisions: Sequence[tuple[uuid.UUID, Outcome]]) -> None:
        """Called by an in-process processor after its transaction committed."""
        for event_id, outcome in decisions:
            future = self._waiters.get(event_id)
            if future is not None and not future.done():
                future.set_result(outcome)

    async def outcome(self, event_id: uuid.UUID) -> Outcome | PendingOutcome | None:
        recorded = await self._load(event_id)
        if recorded is not None:
            return recorded
        if event_id in self._submitted:
            return PendingOutcome(event_id)
        return None

    async def _load(self, event_id: uuid.UUID) -> Outcome | None:
        async with self._engine.connect() as conn:
            return await inbox.load(conn, event_id)
