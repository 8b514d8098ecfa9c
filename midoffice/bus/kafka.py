"""The Kafka event bus driver (aiokafka), for Apache Kafka and Kafka-compatible brokers.

Records are partitioned here with the shared murmur2 partitioner, so they land where the
embedded driver would put them. The producer uses acks=all without the idempotent producer
(not every broker offers it; consumers are idempotent instead). Topics are only created by
``ensure_topic``: before producing or subscribing, the topic's existence is checked with a
metadata request for *all* topics, because a metadata request naming an unknown topic makes
some brokers (Tansu, Kafka with auto-create on) create it with default settings.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Sequence
from typing import TypeVar

import structlog
from aiokafka import AIOKafkaProducer
from aiokafka import errors as kafka_errors
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from midoffice.bus.base import (
    BusError,
    EventBus,
    GroupConsumer,
    LogReader,
    Message,
    Position,
    RebalanceListener,
)
from midoffice.bus.kafka_common import bus_error
from midoffice.bus.kafka_consumer import KafkaGroupConsumer
from midoffice.bus.kafka_options import KafkaOptions
from midoffice.bus.kafka_reader import KafkaLogReader
from midoffice.bus.partitioner import Partitioner

logger = structlog.get_logger(__name__)

TOPIC_VISIBLE_TIMEOUT_SECONDS = 10.0

ClientT = TypeVar("ClientT", AIOKafkaProducer, AIOKafkaAdminClient)


class KafkaEventBus(EventBus):
    """An :class:`EventBus` on a Kafka cluster reached through ``bootstrap_servers``."""

    def __init__(
        self,
        bootstrap_servers: str,
        *,
        client_id: str = "midoffice",
        options: KafkaOptions | None = None,
    ) -> None:
        self.bootstrap_servers = bootstrap_servers
        self.client_id = client_id
        self.options = options or KafkaOptions()
        self._producer: AIOKafkaProducer | None = None
        self._admin: AIOKafkaAdminClient | None = None
        self._partition_counts: dict[str, int] = {}
        self._partitioner = Partitioner()
        self._consumers: weakref.WeakSet[KafkaGroupConsumer] = weakref.WeakSet()
        self._readers: weakref.WeakSet[KafkaLogReader] = weakref.WeakSet()

    async def start(self) -> None:
        if self._producer is not None:
            return
        producer = AIOKafkaProducer(
            bootstrap_servers=self.bootstrap_servers,
            client_id=self.client_id,
            acks="all",
            enable_idempotence=False,
            request_timeout_ms=self.options.request_timeout_ms,
            max_request_size=self.options.max_request_size,
        )
        admin = AIOKafkaAdminClient(
            bootstrap_servers=self.bootstrap_servers,
            client_id=f"{self.client_id}-admin",
            request_timeout_ms=self.options.request_timeout_ms,
        )
        try:
            await producer.start()
            await admin.start()
        except kafka_errors.KafkaError as exc:
            await producer.stop()
            await admin.close()
            raise bus_error(exc, "starting the Kafka bus", self.bootstrap_servers) from exc
        self._producer, self._admin = producer, admin
        logger.info("kafka_bus_started", bootstrap=self.bootstrap_servers, client_id=self.client_id)

    async def close(self) -> None:
        """Stop the group consumers and readers made here, then the producer."""
        for consumer in list(self._consumers):
            await consumer.stop()
        for reader in list(self._readers):
            await reader.stop()
        producer, admin = self._producer, self._admin
        self._producer = self._admin = None
        if producer is not None:
            await producer.stop()
        if admin is not None:
            await admin.close()

    async def ensure_topic(self, name: str, partitions: int) -> None:
        if partitions < 1:
            raise ValueError(f"a topic needs at least one partition, got {partitions}")
        admin = self._require(self._admin)
        if name in await self._describe_all():
            return
        new_topic = NewTopic(name, partitions, self.options.replication_factor)
        try:
            response = await admin.create_topics([new_topic])
        except kafka_errors.KafkaError as exc:
            raise bus_error(exc, f"creating topic {name!r}", self.bootstrap_servers) from exc
        for topic, error_code, *details in response.topic_errors:
            error = kafka_errors.for_code(error_code)
            if error_code != 0 and error is not kafka_errors.TopicAlreadyExistsError:
                message = details[0] if details else error.__name__
                raise BusError(f"creating topic {topic!r} failed: {error.__name__}: {message}")
        await self._wait_until_visible(name)
        logger.info("kafka_topic_ensured", topic=name, partitions=partitions)

    async def partition_count(self, topic: str) -> int:
        count = self._partition_counts.get(topic)
        if count is None:
            count = (await self._describe_all()).get(topic)
            if count is None:
                raise BusError(f"unknown topic {topic!r}; create it with ensure_topic")
        return count

    async def publish(self, topic: str, message: Message) -> Position:
        (position,) = await self.publish_batch(topic, [message])
        return position

    async def publish_batch(self, topic: str, messages: Sequence[Message]) -> list[Position]:
        producer = self._require(self._producer)
        count = await self.partition_count(topic)
        try:
            pending = [
                await producer.send(
                    topic,
                    message.value,
                    key=message.key,
                    partition=self._partitioner(topic, message.key, count),
                    headers=list(message.headers),
                )
                for message in messages
            ]
            sent = await asyncio.gather(*pending)
        except kafka_errors.KafkaError as exc:
            raise bus_error(exc, f"publishing to {topic!r}", self.bootstrap_servers) from exc
        return [Position(meta.topic, meta.partition, meta.offset) for meta in sent]

    def group_consumer(
        self,
        group_id: str,
        topics: Sequence[str],
        listener: RebalanceListener | None = None,
    ) -> GroupConsumer:
        if not topics:
            raise BusError("a group consumer needs at least one topic")
        consumer = KafkaGroupConsumer(self, group_id, topics, listener)
        self._consumers.add(consumer)
        return consumer

    def reader(self, topic: str) -> LogReader:
        reader = KafkaLogReader(self, topic)
        self._readers.add(reader)
        return reader

    async def _describe_all(self) -> dict[str, int]:
        """Partition counts of all topics (naming none, so that nothing gets auto-created)."""
        admin = self._require(self._admin)
        try:
            described = await admin.describe_topics()
        except kafka_errors.KafkaError as exc:
            raise bus_error(exc, "reading topic metadata", self.bootstrap_servers) from exc
        counts = {
            entry["topic"]: len(entry["partitions"])
            for entry in described
            if entry["error_code"] == 0 and entry["partitions"]
        }
        self._partition_counts.update(counts)
        return counts

    async def _wait_until_visible(self, topic: str) -> None:
        deadline = asyncio.get_running_loop().time() + TOPIC_VISIBLE_TIMEOUT_SECONDS
        while topic not in await self._describe_all():
            if asyncio.get_running_loop().time() > deadline:
                raise BusError(f"topic {topic!r} was created but did not appear in metadata")
            await asyncio.sleep(0.05)

    def _require(self, client: ClientT | None) -> ClientT:
        if client is None:
            raise BusError("the Kafka bus is not running (start() it, or it was closed)")
        return client
