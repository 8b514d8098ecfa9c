"""The decisions of one batch, inside its database transaction.

Each event is decided by its handler; then the batch's inbox rows (one per event, with its
outcome) and outbox rows (its facts, and the dead letters) are written, each in one statement.

Handlers first run *unguarded*, without a savepoint each: the common case, where every handler
returns an outcome, then costs two statements less per event. When a handler raises, the
caller rolls the transaction back and decides the batch again *guarded*: each handler in a
savepoint of its own, so a failing one leaves nothing behind and its event goes to the dead
letters while the others are kept. A rejection is an outcome, not a failure: a handler that
writes before it rejects (an atomic registration) manages its own savepoint.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import structlog
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection

from midoffice.bus.base import BusError, Message, Record
from midoffice.processing import inbox, outbox
from midoffice.processing.dead_letter import dead_letter
from schemas.codec import encode
from schemas.envelope import Envelope, trace_id
from schemas.outcome import Accepted, Outcome, Rejected

Handler = Callable[[AsyncConnection, Envelope], Awaitable[Outcome]]

OWN_SAVEPOINT: Final = "runs_in_own_savepoint"
"""A handler with this attribute set to True runs all its work inside a savepoint of its own
(its failure leaves nothing behind), so a guarded batch does not wrap it in a second one."""
UNGUARDED: Final = "unguarded"
"""On such a handler: the same decision without its own savepoint, for an unguarded batch."""

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    DisconnectionError,
    BusError,
    ConnectionError,
    TimeoutError,
)

log = structlog.get_logger(__name__)


def is_transient(exc: BaseException) -> bool:
    """Whether ``exc`` may pass on a retry (a lost connection, a timeout, a busy database)."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, TRANSIENT_ERRORS)


def as_message(envelope: Envelope) -> Message:
    """``envelope`` encoded as a record to publish."""
    encoded = encode(envelope)
    return Message(key=encoded.key, value=encoded.value, headers=encoded.headers)


class HandlerFailed(Exception):
    """A handler raised in an unguarded batch: roll back and decide the batch guarded."""


@dataclass
class Batch:
    """What deciding a batch produced; it takes effect when the transaction commits."""

    decisions: list[tuple[uuid.UUID, Outcome]] = field(default_factory=list)
    inbox_rows: list[dict[str, Any]] = field(default_factory=list)
    outbox_rows: list[dict[str, Any]] = field(default_factory=list)
    outbox_ids: list[int] = field(default_factory=list)
    dead: list[tuple[Record, str]] = field(default_factory=list)
    counted: list[str] = field(default_factory=list)
    """The metric label of each decided event: its outcome's status, or ``dead_letter``."""


@dataclass(frozen=True)
class BatchDecider:
    """Decides batches for consumer ``name`` with ``handlers``."""

    name: str
    handlers: Mapping[str, Handler]
    events_topic: str
    dead_letter_topic: str

    async def decide(
        self,
        conn: AsyncConnection,
        decoded: list[tuple[Record, Envelope]],
        undecodable: list[tuple[Record, str]],
        *,
        guarded: bool,
    ) -> Batch:
        """Decide ``decoded`` in ``conn``'s transaction and write the inbox and outbox rows.

        Raises :class:`HandlerFailed` when a handler raises and ``guarded`` is False, and any
        transient error as it is."""
        batch = Batch(dead=list(undecodable))
        done = await inbox.seen(conn, self.name, {env.id for _, env in decoded})
        for record, envelope in decoded:
            if envelope.id in done:
                continue
            done.add(envelope.id)
            with structlog.contextvars.bound_contextvars(
                event_id=str(envelope.id),
                zaak=str(envelope.subject),
                trace_id=trace_id(envelope.traceparent),
            ):
                outcome = await self._decide(conn, record, envelope, batch, guarded)
            batch.decisions.append((envelope.id, outcome))
        for record, reason in batch.dead:
            batch.outbox_rows += outbox.entries(
                self.name,
                record.tp,
                self.dead_letter_topic,
                [dead_letter(record, self.name, reason)],
            )
        await inbox.record_all(conn, batch.inbox_rows)
        batch.outbox_ids = await outbox.add_all(conn, batch.outbox_rows)
        return batch

    async def _decide(
        self, conn: AsyncConnection, record: Record, envelope: Envelope, batch: Batch, guarded: bool
    ) -> Outcome:
        handler = self.handlers[envelope.type]
        try:
            if not guarded:
                outcome = await getattr(handler, UNGUARDED, handler)(conn, envelope)
            elif getattr(handler, OWN_SAVEPOINT, False):
                outcome = await handler(conn, envelope)
            else:
                async with conn.begin_nested():
                    outcome = await handler(conn, envelope)
        except Exception as exc:
            if is_transient(exc):
                raise
            if not guarded:
                raise HandlerFailed(envelope.id) from exc
            log.exception("handler_failed", processor=self.name, type=envelope.type)
            reason = f"handler failed: {type(exc).__name__}: {exc}"
            batch.inbox_rows.append(
                inbox.entry(
                    self.name, envelope.id, inbox.DEAD_LETTER, {"reason": reason},
                    client_id=envelope.clientid,
                )
            )  # fmt: skip
            batch.dead.append((record, reason))
            batch.counted.append("dead_letter")
            return Rejected(invalid_params=(), code="verwerking-mislukt", title=reason)
        batch.inbox_rows.append(
            inbox.entry(self.name, envelope.id, outcome, client_id=envelope.clientid)
        )
        if isinstance(outcome, Accepted) and outcome.facts:
            batch.outbox_rows += outbox.entries(
                self.name, record.tp, self.events_topic, [as_message(f) for f in outcome.facts]
            )
        batch.counted.append(outcome.status)
        log.debug("event_decided", processor=self.name, outcome=outcome.status)
        return outcome
