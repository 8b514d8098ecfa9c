"""The event bus interface: a partitioned, durable log with consumer groups.

Two drivers implement it, chosen by URL scheme: ``embedded://`` (a SQLite file, one process)
and ``kafka://`` (aiokafka against Apache Kafka or any Kafka-compatible broker).
Semantics follow Kafka: a key always maps to the same partition (murmur2, as Kafka's default
partitioner), order is kept within a partition, offsets start at 0 and are contiguous, and a
committed offset is the offset of the *next* record the group will read.
"""

from __future__ import annotations

import abc
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, order=True)
class TopicPartition:
    topic: str
    partition: int


@dataclass(frozen=True)
class Message:
    """A record to publish."""

    key: bytes | None
    value: bytes
    headers: tuple[tuple[str, bytes], ...] = ()


@dataclass(frozen=True)
class Record:
    """A record read from the log."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    headers: tuple[tuple[str, bytes], ...]
    timestamp_ms: int

    @property
    def tp(self) -> TopicPartition:
        return TopicPartition(self.topic, self.partition)


@dataclass(frozen=True)
class Position:
    """Where a published record landed."""

    topic: str
    partition: int
    offset: int


class BusError(RuntimeError):
    """The bus could not do what was asked (unknown topic, broker unreachable, ...)."""


class RebalanceListener(Protocol):
    """Called around partition (re)assignment of a group consumer.

    ``on_partitions_revoked`` runs before partitions are taken away: the consumer must finish
    the batch in hand and commit it there, so that the next owner neither loses nor repeats.
    """

    async def on_partitions_revoked(self, revoked: frozenset[TopicPartition]) -> None: ...

    async def on_partitions_assigned(self, assigned: frozenset[TopicPartition]) -> None: ...


class GroupConsumer(abc.ABC):
    """A member of a consumer group. Offsets are only ever committed explicitly."""

    @abc.abstractmethod
    async def start(self) -> None: ...

    @abc.abstractmethod
    async def stop(self) -> None:
        """Leave the group; its partitions go to the remaining members."""

    @abc.abstractmethod
    async def poll(self, timeout: float, max_records: int = 500) -> list[Record]:
        """Records from the assigned partitions, in partition order; [] after ``timeout`` s.

        A new member starts each partition at the group's committed offset, or at the
        beginning of the partition when the group has none.
        """

    @abc.abstractmethod
    async def commit(self, offsets: Mapping[TopicPartition, int]) -> None:
        """Commit, per partition, the offset of the next record to read."""

    @abc.abstractmethod
    async def committed(self, tp: TopicPartition) -> int | None:
        """The group's committed offset for ``tp``, or None."""

    @abc.abstractmethod
    def assignment(self) -> frozenset[TopicPartition]: ...


class LogReader(abc.ABC):
    """Reads one topic by explicit position, outside any group (replay, audit, verify)."""

    @abc.abstractmethod
    async def start(self) -> None: ...

    @abc.abstractmethod
    async def stop(self) -> None: ...

    @abc.abstractmethod
    async def partitions(self) -> list[int]: ...

    @abc.abstractmethod
    async def end_offset(self, partition: int) -> int:
        """The offset the next record published to ``partition`` will get (its true end)."""

    @abc.abstractmethod
    async def offset_for_time(self, partition: int, timestamp_ms: int) -> int:
        """The first offset whose timestamp is >= ``timestamp_ms``; the end if there is none."""

    @abc.abstractmethod
    async def read(
        self, partition: int, offset: int, max_records: int = 500, timeout: float = 1.0
    ) -> list[Record]:
        """Records of ``partition`` starting at ``offset``; [] when none arrive in time."""


class EventBus(abc.ABC):
    """A durable, partitioned log. Create one per process through ``midoffice.bus.connect``."""

    @abc.abstractmethod
    async def start(self) -> None: ...

    @abc.abstractmethod
    async def close(self) -> None: ...

    @abc.abstractmethod
    async def ensure_topic(self, name: str, partitions: int) -> None:
        """Create the topic if it does not exist. An existing topic is left as it is."""

    @abc.abstractmethod
    async def partition_count(self, topic: str) -> int:
        """Number of partitions of an existing topic; BusError if it does not exist."""

    @abc.abstractmethod
    async def publish(self, topic: str, message: Message) -> Position:
        """Append one record durably (acks=all) and return where it landed."""

    @abc.abstractmethod
    async def publish_batch(self, topic: str, messages: Sequence[Message]) -> list[Position]:
        """Append records, keeping their order per key; returns positions in input order."""

    @abc.abstractmethod
    def group_consumer(
        self,
        group_id: str,
        topics: Sequence[str],
        listener: RebalanceListener | None = None,
    ) -> GroupConsumer: ...

    @abc.abstractmethod
    def reader(self, topic: str) -> LogReader: ...
