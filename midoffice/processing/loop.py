"""The processor loop. Per consumed batch:

1. consume; 2. decode; 3. dispatch through the handler mapping (event type -> handler);
4. in ONE database transaction apply the effects, record the processed event ids (inbox) and
   the facts to emit (outbox); 5. publish the outbox; 6. commit the offsets.

A crash at any point is harmless: before 4 commits nothing happened; after it, the inbox
recognises the redelivered events and the outbox is flushed before the partition goes on.
An event that can never be processed (undecodable, or its handler fails) goes to the
dead-letter topic with its reason and origin, and the partition goes on.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

import structlog
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from midoffice import metrics
from midoffice.bus.base import BusError, EventBus, GroupConsumer, Message, Record, TopicPartition
from midoffice.db import writer
from midoffice.processing import inbox, outbox
from midoffice.processing.dead_letter import dead_letter, dead_letter_topic
from schemas.codec import DecodeError, decode, encode
from schemas.envelope import Envelope, trace_id
from schemas.outcome import Accepted, Outcome, Rejected
from schemas.registry import REGISTRY

Handler = Callable[[AsyncConnection, Envelope], Awaitable[Outcome]]
OWN_SAVEPOINT = "runs_in_own_savepoint"
"""A handler with this attribute set to True runs all its work inside a savepoint of its own
(its failure leaves nothing behind), so the loop does not wrap it in a second one."""
DecisionListener = Callable[[Sequence[tuple[uuid.UUID, Outcome]]], None]

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    DisconnectionError,
    BusError,
    ConnectionError,
    TimeoutError,
)

log = structlog.get_logger(__name__)

IDLE_COMMIT_SECONDS = 1.0


def _is_transient(exc: BaseException) -> bool:
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, TRANSIENT_ERRORS)


def as_message(envelope: Envelope) -> Message:
    encoded = encode(envelope)
    return Message(key=encoded.key, value=encoded.value, headers=encoded.headers)


class Processor:
    """Consumes ``source_topic`` as consumer group ``name`` and applies ``handlers``."""

    def __init__(
        self,
        *,
        name: str,
        bus: EventBus,
        engine: AsyncEngine,
        handlers: Mapping[str, Handler],
        source_topic: str,
        events_topic: str,
        batch_size: int = 200,
        poll_timeout: float = 0.25,
        on_decided: DecisionListener | None = None,
        before_batch: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.name = name
        self.bus = bus
        self.engine = engine
        self._writer = writer(engine)
        self.handlers = handlers
        self.source_topic = source_topic
        self.events_topic = events_topic
        self.dead_letter_topic = dead_letter_topic(source_topic)
        self.batch_size = batch_size
        self.poll_timeout = poll_timeout
        self.on_decided = on_decided
        self.before_batch = before_batch
        self._batch_lock = asyncio.Lock()
        # Partitions whose outbox rows are all published; others are flushed before a batch.
        self._clean: set[TopicPartition] = set()
        # Offsets of batches with nothing for this processor, committed at most once per
        # IDLE_COMMIT_SECONDS: re-reading such records after a crash or rebalance only skips
        # them again, and a shared intake topic no longer costs every processor a commit per
        # batch of the others' events.
        self._idle_offsets: dict[TopicPartition, int] = {}
        self._idle_since = 0.0
        self._idle_batch = False
        self.ready = asyncio.Event()

    async def run(self, stop: asyncio.Event) -> None:
        """Process until ``stop`` is set; leaves the group cleanly."""
        consumer = self.bus.group_consumer(self.name, [self.source_topic], listener=self)
        await consumer.start()
        self.ready.set()
        log.info("processor_started", processor=self.name, topic=self.source_topic)
        try:
            while not stop.is_set():
                records = await consumer.poll(self.poll_timeout, self.batch_size)
                if records:
                    async with self._batch_lock:
                        await self.process(consumer, records)
        finally:
            if self._idle_offsets:
                await self._commit_offsets(consumer, self._take_idle_offsets())
            await consumer.stop()
            log.info("processor_stopped", processor=self.name)

    async def on_partitions_revoked(self, revoked: frozenset[TopicPartition]) -> None:
        # Waiting for the batch lock lets the batch in hand finish and commit its offsets.
        async with self._batch_lock:
            self._clean -= revoked
            for tp in revoked:  # the next owner reads them again and skips them again
                self._idle_offsets.pop(tp, None)
            log.info("partitions_revoked", processor=self.name, partitions=len(revoked))

    async def on_partitions_assigned(self, assigned: frozenset[TopicPartition]) -> None:
        self._clean -= assigned  # a predecessor may have left outbox rows behind
        log.info("partitions_assigned", processor=self.name, partitions=len(assigned))

    async def process(self, consumer: GroupConsumer, records: list[Record]) -> None:
        """Process one batch to the end (retrying transient errors), then commit offsets."""
        started = time.perf_counter()
        delay = 0.05
        while True:
            try:
                decisions = await self._apply_batch(records)
                break
            except Exception as exc:
                if not _is_transient(exc):
                    raise
                metrics.TRANSIENT_RETRIES.labels(self.name).inc()
                log.warning("batch_retry", processor=self.name, error=repr(exc), delay=delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
        if self.on_decided and decisions:
            self.on_decided(decisions)
        dirty = {r.tp for r in records} - self._clean
        if dirty:  # the batch queued facts or dead letters: publish them before committing
            await outbox.flush(self.engine, self.bus, self.name, dirty)
            self._clean |= dirty
        offsets = self._offsets(records)
        if self._idle_batch and not dirty:
            if not self._idle_offsets:
                self._idle_since = time.monotonic()
            self._idle_offsets.update(offsets)
            if time.monotonic() - self._idle_since >= IDLE_COMMIT_SECONDS:
                await self._commit_offsets(consumer, self._take_idle_offsets())
        else:
            await self._commit_offsets(consumer, self._take_idle_offsets() | offsets)
        metrics.BATCH_SECONDS.labels(self.name).observe(time.perf_counter() - started)

    @staticmethod
    def _offsets(records: list[Record]) -> dict[TopicPartition, int]:
        offsets: dict[TopicPartition, int] = {}
        for record in records:
            offsets[record.tp] = max(offsets.get(record.tp, 0), record.offset + 1)
        return offsets

    def _take_idle_offsets(self) -> dict[TopicPartition, int]:
        offsets, self._idle_offsets = self._idle_offsets, {}
        return offsets

    async def _commit_offsets(
        self, consumer: GroupConsumer, offsets: dict[TopicPartition, int]
    ) -> None:
        try:
            await consumer.commit(offsets)
        except Exception as exc:
            # The effects are committed; whoever gets the partition next skips them via the inbox.
            log.warning("offset_commit_failed", processor=self.name, error=repr(exc))

    async def _apply_batch(self, records: list[Record]) -> list[tuple[uuid.UUID, Outcome]]:
        sources = {r.tp for r in records}
        if sources - self._clean:  # leftovers of a crashed batch or predecessor go out first
            await outbox.flush(self.engine, self.bus, self.name, sources - self._clean)
            self._clean |= sources
        decoded: list[tuple[Record, Envelope]] = []
        dead: list[tuple[Record, str]] = []
        for record in records:
            if self._not_mine(record):
                continue
            try:
                decoded.append((record, decode(record.value, record.headers)))
            except DecodeError as exc:
                dead.append((record, f"undecodable: {exc}"))
        decisions: list[tuple[uuid.UUID, Outcome]] = []
        # Events of types this processor has no handler for are skipped; a batch of only such
        # events (the other processors' share of a shared topic) needs no transaction at all.
        decoded = [(record, env) for record, env in decoded if env.type in self.handlers]
        self._idle_batch = not decoded and not dead
        if self._idle_batch:
            return decisions
        if self.before_batch is not None:  # e.g. a catalogue check: only for work of our own
            await self.before_batch()
        # Inbox and outbox rows are written once, at the end of the batch's transaction.
        inbox_rows: list[dict[str, Any]] = []
        outbox_rows: list[dict[str, Any]] = []
        async with self._writer.begin() as conn:
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
                    outcome = await self._decide(
                        conn, record, envelope, dead, inbox_rows, outbox_rows
                    )
                decisions.append((envelope.id, outcome))
            for record, reason in dead:
                log.error(
                    "dead_letter",
                    processor=self.name,
                    reason=reason,
                    topic=record.topic,
                    partition=record.partition,
                    offset=record.offset,
                )
                outbox_rows += outbox.entries(
                    self.name,
                    record.tp,
                    self.dead_letter_topic,
                    [dead_letter(record, self.name, reason)],
                )
                metrics.DEAD_LETTERS.labels(self.name).inc()
            await inbox.record_all(conn, inbox_rows)
            if outbox_rows:  # unpublished until the flush after the commit
                queued = {(row["source_topic"], row["source_partition"]) for row in outbox_rows}
                self._clean -= {TopicPartition(topic, partition) for topic, partition in queued}
                await outbox.add_all(conn, outbox_rows)
        return decisions

    def _not_mine(self, record: Record) -> bool:
        """True for a record whose ``ce_type`` header names a registered type this processor
        has no handler for: it is skipped without decoding. Records without that header, or
        of an unregistered type, are decoded, so they still reach the dead-letter topic."""
        for name, value in record.headers:
            if name == "ce_type":
                event_type = value.decode("utf-8", "replace")
                return event_type not in self.handlers and event_type in REGISTRY
        return False

    async def _decide(
        self,
        conn: AsyncConnection,
        record: Record,
        envelope: Envelope,
        dead: list[tuple[Record, str]],
        inbox_rows: list[dict[str, Any]],
        outbox_rows: list[dict[str, Any]],
    ) -> Outcome:
        handler = self.handlers[envelope.type]
        try:
            if getattr(handler, OWN_SAVEPOINT, False):
                outcome = await handler(conn, envelope)
            else:
                async with conn.begin_nested():
                    outcome = await handler(conn, envelope)
        except Exception as exc:
            if _is_transient(exc):
                raise
            log.exception("handler_failed", processor=self.name, type=envelope.type)
            reason = f"handler failed: {type(exc).__name__}: {exc}"
            inbox_rows.append(
                inbox.entry(
                    self.name,
                    envelope.id,
                    inbox.DEAD_LETTER,
                    {"reason": reason},
                    client_id=envelope.clientid,
                )
            )
            dead.append((record, reason))
            metrics.EVENTS_PROCESSED.labels(self.name, "dead_letter").inc()
            return Rejected(invalid_params=(), code="verwerking-mislukt", title=reason)
        inbox_rows.append(inbox.entry(self.name, envelope.id, outcome, client_id=envelope.clientid))
        if isinstance(outcome, Accepted) and outcome.facts:
            outbox_rows += outbox.entries(
                self.name, record.tp, self.events_topic, [as_message(f) for f in outcome.facts]
            )
        metrics.EVENTS_PROCESSED.labels(self.name, outcome.status).inc()
        log.debug("event_decided", processor=self.name, outcome=outcome.status)
        return outcome
