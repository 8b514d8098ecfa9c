"""The processor loop. Per consumed batch:

1. consume; 2. decode; 3. dispatch through the handler mapping (event type -> handler);
4. in ONE database transaction apply the effects, record the processed event ids (inbox) and
   the facts to emit (outbox) (:mod:`midoffice.processing.batch`); 5. publish the facts;
6. commit the offsets, in order, while the next batch is already consumed and decided.

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
from sqlalchemy.ext.asyncio import AsyncEngine

from midoffice import metrics
from midoffice.bus.base import EventBus, GroupConsumer, Record, TopicPartition
from midoffice.db import writer
from midoffice.processing import outbox
from midoffice.processing.batch import (
    Batch,
    BatchDecider,
    Handler,
    HandlerFailed,
    as_message,
    is_transient,
)
from midoffice.processing.dead_letter import dead_letter_topic
from schemas.codec import DecodeError, decode
from schemas.envelope import Envelope
from schemas.outcome import Outcome
from schemas.registry import REGISTRY

__all__ = [
    "DecisionListener",
    "Handler",
    "Processor",
    "as_message",
]

DecisionListener = Callable[[Sequence[tuple[uuid.UUID, Outcome]]], None]

log = structlog.get_logger(__name__)

IDLE_COMMIT_SECONDS = 1.0


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
        self._decider = BatchDecider(name, handlers, events_topic, self.dead_letter_topic)
        self.batch_size = batch_size
        self.poll_timeout = poll_timeout
        self.on_decided = on_decided
        self.before_batch = before_batch
        self._batch_lock = asyncio.Lock()
        # Partitions whose outbox rows are all published; others are flushed before a batch.
        self._clean: set[TopicPartition] = set()
        # What committed batches queued, to publish from memory, and the ids of those rows;
        # once published, the ids move to _published: deleted in the next transaction, or
        # after IDLE_COMMIT_SECONDS without one (a transaction of their own would contend
        # for SQLite's write lock while the processor is busy).
        self._queued: dict[TopicPartition, list[dict[str, Any]]] = {}
        self._queued_ids: list[int] = []
        self._published: list[int] = []
        self._last_write = 0.0
        # Offsets of batches with nothing for this processor, committed at most once per
        # IDLE_COMMIT_SECONDS: re-reading such records after a crash or rebalance only skips
        # them again, and a shared intake topic no longer costs every processor a commit per
        # batch of the others' events.
        self._idle_offsets: dict[TopicPartition, int] = {}
        self._idle_since = 0.0
        # The offset commit of the last batch, running while the next batch is decided: the
        # inbox makes a commit that never lands harmless (its events are skipped again).
        self._committing: asyncio.Task[None] | None = None
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
                elif self._published and time.monotonic() - self._last_write >= IDLE_COMMIT_SECONDS:
                    await self._delete_published()
        finally:
            await self._delete_published()
            if self._idle_offsets:
                self._commit_later(consumer, self._take_idle_offsets())
            await self._commits_landed()
            await consumer.stop()
            log.info("processor_stopped", processor=self.name)

    async def on_partitions_revoked(self, revoked: frozenset[TopicPartition]) -> None:
        # Waiting for the batch lock lets the batch in hand finish and commit its offsets.
        async with self._batch_lock:
            await self._commits_landed()  # while the partitions are still ours
            await self._delete_published()
            self._clean -= revoked
            for tp in revoked:  # committed: the next owner publishes them from the table
                self._queued.pop(tp, None)
            for tp in revoked:  # the next owner reads them again and skips them again
                self._idle_offsets.pop(tp, None)
            log.info("partitions_revoked", processor=self.name, partitions=len(revoked))

    async def on_partitions_assigned(self, assigned: frozenset[TopicPartition]) -> None:
        self._clean -= assigned  # a predecessor may have left outbox rows behind
        log.info("partitions_assigned", processor=self.name, partitions=len(assigned))

    async def process(self, consumer: GroupConsumer, records: list[Record]) -> None:
        """Process one batch to the end (retrying transient errors), then commit offsets."""
        started = time.perf_counter()
        busy = await self._decide_and_publish(records)
        offsets = self._offsets(records)
        if not busy:
            if not self._idle_offsets:
                self._idle_since = time.monotonic()
            self._idle_offsets.update(offsets)
            if time.monotonic() - self._idle_since >= IDLE_COMMIT_SECONDS:
                self._commit_later(consumer, self._take_idle_offsets())
        else:
            self._commit_later(consumer, self._take_idle_offsets() | offsets)
        metrics.BATCH_SECONDS.labels(self.name).observe(time.perf_counter() - started)

    async def _decide_and_publish(self, records: list[Record]) -> bool:
        """Apply ``records`` (retrying transient errors), report the decisions and publish
        what they queued. True when the records held work for this processor."""
        delay = 0.05
        while True:
            try:
                decisions = await self._apply_batch(records)
                break
            except Exception as exc:
                if not is_transient(exc):
                    raise
                metrics.TRANSIENT_RETRIES.labels(self.name).inc()
                log.warning("batch_retry", processor=self.name, error=repr(exc), delay=delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
        if self.on_decided and decisions:
            self.on_decided(decisions)
        dirty = {r.tp for r in records} - self._clean
        if dirty:  # the batch queued facts or dead letters: publish them before committing
            await self._publish(dirty)
        return bool(decisions or dirty)

    async def _publish(self, partitions: set[TopicPartition]) -> None:
        """Publish what committed batches queued for ``partitions``; their rows are deleted
        later. If publishing fails, the rows stay and the partition stays unclean, so the
        next batch of it publishes them from the table first."""
        rows = [row for tp in partitions for row in self._queued.pop(tp, [])]
        await outbox.publish(self.bus, rows)
        self._clean |= partitions
        if not self._queued:
            self._published += self._queued_ids
            self._queued_ids = []

    async def _delete_published(self) -> None:
        ids, self._published = self._published, []
        if not ids:
            return
        try:
            async with self._writer.begin() as conn:
                await outbox.delete(conn, ids)
        except Exception as exc:  # they are published: at worst a restart sends them again
            self._published = ids + self._published
            log.warning("outbox_delete_failed", processor=self.name, error=repr(exc))

    @staticmethod
    def _offsets(records: list[Record]) -> dict[TopicPartition, int]:
        offsets: dict[TopicPartition, int] = {}
        for record in records:
            offsets[record.tp] = max(offsets.get(record.tp, 0), record.offset + 1)
        return offsets

    def _take_idle_offsets(self) -> dict[TopicPartition, int]:
        offsets, self._idle_offsets = self._idle_offsets, {}
        return offsets

    def _commit_later(self, consumer: GroupConsumer, offsets: dict[TopicPartition, int]) -> None:
        """Commit ``offsets`` after the commits before them, without waiting for it here."""
        previous = self._committing

        async def commit() -> None:
            if previous is not None:
                await previous  # in order: a later commit never lands before an earlier one
            await self._commit_offsets(consumer, offsets)

        self._committing = asyncio.create_task(commit(), name=f"{self.name}:commit")

    async def _commits_landed(self) -> None:
        committing, self._committing = self._committing, None
        if committing is not None:
            await committing

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
            for tp in sources - self._clean:
                self._queued.pop(tp, None)  # the table has them too
            await self._delete_published()
            await outbox.flush(self.engine, self.bus, self.name, sources - self._clean)
            self._clean |= sources
        decoded: list[tuple[Record, Envelope]] = []
        undecodable: list[tuple[Record, str]] = []
        for record in records:
            if self._not_mine(record):
                continue
            try:
                decoded.append((record, decode(record.value, record.headers)))
            except DecodeError as exc:
                undecodable.append((record, f"undecodable: {exc}"))
        # Events of types this processor has no handler for are skipped; a batch of only such
        # events (the other processors' share of a shared topic) needs no transaction at all.
        decoded = [(record, env) for record, env in decoded if env.type in self.handlers]
        if not decoded and not undecodable:
            return []
        if self.before_batch is not None:  # e.g. a catalogue check: only for work of our own
            await self.before_batch()
        try:
            batch = await self._transaction(decoded, undecodable, guarded=False)
        except HandlerFailed:  # rolled back: again, each handler in a savepoint of its own
            batch = await self._transaction(decoded, undecodable, guarded=True)
        for record, reason in batch.dead:
            log.error(
                "dead_letter",
                processor=self.name,
                reason=reason,
                topic=record.topic,
                partition=record.partition,
                offset=record.offset,
            )
            metrics.DEAD_LETTERS.labels(self.name).inc()
        for label in batch.counted:
            metrics.EVENTS_PROCESSED.labels(self.name, label).inc()
        for row in batch.outbox_rows:  # committed: published after the batch, in order
            tp = TopicPartition(row["source_topic"], row["source_partition"])
            self._clean.discard(tp)
            self._queued.setdefault(tp, []).append(row)
        self._queued_ids += batch.outbox_ids
        return batch.decisions

    async def _transaction(
        self,
        decoded: list[tuple[Record, Envelope]],
        undecodable: list[tuple[Record, str]],
        *,
        guarded: bool,
    ) -> Batch:
        """Decide in one transaction, which also deletes the rows published since the last."""
        published, self._published = self._published, []
        self._last_write = time.monotonic()
        try:
            async with self._writer.begin() as conn:
                await outbox.delete(conn, published)
                return await self._decider.decide(conn, decoded, undecodable, guarded=guarded)
        except BaseException:
            self._published = published + self._published
            # A commit that failed on the way back may still have happened: the next batch of
            # these partitions publishes what the table holds for them first.
            self._clean -= {record.tp for record, _ in decoded + undecodable}
            raise

    def _not_mine(self, record: Record) -> bool:
        """True for a record whose ``ce_type`` header names a registered type this processor
        has no handler for: it is skipped without decoding. Records without that header, or
        of an unregistered type, are decoded, so they still reach the dead-letter topic."""
        for name, value in record.headers:
            if name == "ce_type":
                event_type = value.decode("utf-8", "replace")
                return event_type not in self.handlers and event_type in REGISTRY
        return False
