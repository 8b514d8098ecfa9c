"""A consumer group member on Kafka (aiokafka), committing only when told to."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import structlog
from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener
from aiokafka import errors as kafka_errors
from aiokafka.structs import OffsetAndMetadata

from midoffice.bus.base import BusError, GroupConsumer, RebalanceListener, Record, TopicPartition
from midoffice.bus.kafka_common import bus_error, from_kafka_tp, to_kafka_tp, to_record

if TYPE_CHECKING:
    from midoffice.bus.kafka import KafkaEventBus

logger = structlog.get_logger(__name__)


class _ListenerBridge(ConsumerRebalanceListener):
    """Forwards aiokafka's rebalance callbacks to our listener, in our types."""

    def __init__(self, listener: RebalanceListener | None) -> None:
        self._listener = listener

    async def on_partitions_revoked(self, revoked: object) -> None:
        partitions = _ours(revoked)
        if partitions and self._listener is not None:  # aiokafka also reports "nothing yet"
            await self._listener.on_partitions_revoked(partitions)

    async def on_partitions_assigned(self, assigned: object) -> None:
        if self._listener is not None:
            await self._listener.on_partitions_assigned(_ours(assigned))


def _ours(partitions: object) -> frozenset[TopicPartition]:
    return frozenset(from_kafka_tp(tp) for tp in partitions)  # type: ignore[attr-defined]


class KafkaGroupConsumer(GroupConsumer):
    """Subscribes to ``topics`` in ``group_id``; new groups start at the earliest offset."""

    def __init__(
        self,
        bus: KafkaEventBus,
        group_id: str,
        topics: Sequence[str],
        listener: RebalanceListener | None,
    ) -> None:
        self._bus = bus
        self.group_id = group_id
        self._topics = list(dict.fromkeys(topics))
        self._listener = listener
        self._consumer: AIOKafkaConsumer | None = None

    async def start(self) -> None:
        if self._consumer is not None:
            raise BusError("a group consumer can only be started once")
        for topic in self._topics:
            await self._bus.partition_count(topic)  # BusError for an unknown topic
        options = self._bus.options
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self._bus.bootstrap_servers,
            client_id=self._bus.client_id,
            group_id=self.group_id,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            session_timeout_ms=options.session_timeout_ms,
            heartbeat_interval_ms=options.heartbeat_interval_ms,
            rebalance_timeout_ms=options.rebalance_timeout_ms,
            request_timeout_ms=options.request_timeout_ms,
            max_partition_fetch_bytes=options.max_request_size,
            fetch_max_wait_ms=options.fetch_wait_for(self.group_id),
        )
        try:
            await consumer.start()
        except kafka_errors.KafkaError as exc:
            await consumer.stop()
            raise bus_error(
                exc, f"joining group {self.group_id!r}", self._bus.bootstrap_servers
            ) from exc
        consumer.subscribe(self._topics, listener=_ListenerBridge(self._listener))
        self._consumer = consumer

    async def stop(self) -> None:
        """Let the listener finish and commit what it holds, then leave the group."""
        consumer, self._consumer = self._consumer, None
        if consumer is None:
            return
        held = _ours(consumer.assignment())
        if held and self._listener is not None:
            try:
                await self._listener.on_partitions_revoked(held)
            except Exception:
                logger.exception(
                    "rebalance_listener_failed", group_id=self.group_id, call="revoked"
                )
        await consumer.stop()

    async def poll(self, timeout: float, max_records: int = 500) -> list[Record]:
        consumer = self._require()
        try:
            batches = await consumer.getmany(
                timeout_ms=max(0, int(timeout * 1000)), max_records=max_records
            )
        except kafka_errors.KafkaError as exc:
            raise bus_error(
                exc, f"polling group {self.group_id!r}", self._bus.bootstrap_servers
            ) from exc
        return [to_record(consumed) for batch in batches.values() for consumed in batch]

    async def commit(self, offsets: Mapping[TopicPartition, int]) -> None:
        consumer = self._require()
        to_commit = {
            to_kafka_tp(tp): OffsetAndMetadata(offset, "") for tp, offset in offsets.items()
        }
        try:
            await consumer.commit(to_commit)
        except kafka_errors.KafkaError as exc:
            raise bus_error(
                exc,
                f"committing {dict(offsets)} for group {self.group_id!r}",
                self._bus.bootstrap_servers,
            ) from exc

    async def committed(self, tp: TopicPartition) -> int | None:
        consumer = self._require()
        try:
            offset = await consumer.committed(to_kafka_tp(tp))
        except kafka_errors.KafkaError as exc:
            raise bus_error(
                exc, f"reading the commit of {tp}", self._bus.bootstrap_servers
            ) from exc
        return None if offset is None or offset < 0 else int(offset)

    def assignment(self) -> frozenset[TopicPartition]:
        if self._consumer is None:
            return frozenset()
        return _ours(self._consumer.assignment())

    def _require(self) -> AIOKafkaConsumer:
        if self._consumer is None:
            raise BusError(f"the consumer of group {self.group_id!r} is not running")
        return self._consumer
