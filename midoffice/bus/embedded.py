"""The embedded event bus: a durable, partitioned log with consumer groups in one SQLite file.

Same semantics as the Kafka driver (murmur2 partitioning, contiguous offsets from 0, explicit
commits), for one process: consumer groups are coordinated in memory, so members of a group
must share one ``EmbeddedEventBus``. Records appended by another process on the same file wake
this process's consumers through the doorbell (:mod:`embedded_doorbell`), and a fallback poll
catches whatever a lost datagram missed.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from pathlib import Path

import structlog

from midoffice.bus.base import (
    BusError,
    EventBus,
    GroupConsumer,
    LogReader,
    Message,
    Position,
    RebalanceListener,
)
from midoffice.bus.embedded_consumer import EmbeddedGroupConsumer
from midoffice.bus.embedded_groups import GroupCoordinator
from midoffice.bus.embedded_reader import EmbeddedLogReader
from midoffice.bus.embedded_store import LogStore
from midoffice.bus.partitioner import Partitioner

logger = structlog.get_logger(__name__)

DEFAULT_FALLBACK_POLL_SECONDS = 0.2


class EmbeddedEventBus(EventBus):
    """An :class:`EventBus` on one SQLite file (created with its directory when missing)."""

    def __init__(
        self,
        path: str | Path,
        *,
        client_id: str = "midoffice",
        fallback_poll_seconds: float = DEFAULT_FALLBACK_POLL_SECONDS,
    ) -> None:
        self.path = Path(path)
        self.client_id = client_id
        self._fallback_poll_seconds = fallback_poll_seconds
        self._store = LogStore(self.path)
        self._coordinator = GroupCoordinator(self.partition_count)
        self._partitioner = Partitioner()
        self._consumers: weakref.WeakSet[EmbeddedGroupConsumer] = weakref.WeakSet()
        self._started = False

    async def start(self) -> None:
        if self._started:
            return
        await self._store.start()
        self._started = True
        logger.info("embedded_bus_started", path=str(self.path), client_id=self.client_id)

    async def close(self) -> None:
        """Stop the group consumers made here, finish queued writes and close the file."""
        if not self._started:
            return
        for consumer in list(self._consumers):
            await consumer.stop()
        await self._store.close()
        self._started = False
        logger.info("embedded_bus_closed", path=str(self.path))

    async def ensure_topic(self, name: str, partitions: int) -> None:
        if partitions < 1:
            raise ValueError(f"a topic needs at least one partition, got {partitions}")
        await self._store.create_topic(name, partitions)

    async def partition_count(self, topic: str) -> int:
        return len(await self._store.partition_ids(topic))

    async def publish(self, topic: str, message: Message) -> Position:
        (position,) = await self.publish_batch(topic, [message])
        return position

    async def publish_batch(self, topic: str, messages: Sequence[Message]) -> list[Position]:
        if not messages:
            return []
        count = await self.partition_count(topic)
        placed = [(self._partitioner(topic, m.key, count), m) for m in messages]
        return await self._store.append(topic, placed)

    def group_consumer(
        self,
        group_id: str,
        topics: Sequence[str],
        listener: RebalanceListener | None = None,
    ) -> GroupConsumer:
        if not topics:
            raise BusError("a group consumer needs at least one topic")
        consumer = EmbeddedGroupConsumer(
            self._store, self._coordinator, group_id, topics, listener, self._fallback_poll_seconds
        )
        self._consumers.add(consumer)
        return consumer

    def reader(self, topic: str) -> LogReader:
        return EmbeddedLogReader(self._store, topic, self._fallback_poll_seconds)
