"""The raw baselines: the bare produce loop on the same log the gateway publishes to.

- Kafka: one ``AIOKafkaProducer(acks="all", enable_idempotence=False)`` (what the MidOffice's
  Kafka driver uses), ``send_and_wait`` from ``concurrency`` tasks, on the same broker.
- Embedded: ``EmbeddedEventBus.publish`` (``midoffice.bus.connect("embedded://...")``) from
  ``concurrency`` tasks, on a log file of its own in the same temporary directory.

Both send the bytes and headers of encoded status events (``schemas.codec.encode``), keyed by
the benchmark's zaken, to a topic with as many partitions as the intake topic.
"""

from __future__ import annotations

from collections.abc import Sequence

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from bench.driver import Operation, drive
from bench.procstat import CpuMeter
from bench.stats import Measurement
from midoffice.bus import EventBus, Message, connect

RAW_TOPIC = "bench.raw"
OK = frozenset({0})


class RawKafka:
    """``send_and_wait`` loops on the broker at ``bootstrap``."""

    def __init__(self, bootstrap: str, partitions: int) -> None:
        self.bootstrap = bootstrap
        self.partitions = partitions
        self.producer: AIOKafkaProducer | None = None

    async def start(self) -> None:
        admin = AIOKafkaAdminClient(bootstrap_servers=self.bootstrap)
        await admin.start()
        try:  # Tansu creates no topics by itself
            await admin.create_topics([NewTopic(RAW_TOPIC, self.partitions, 1)])
        finally:
            await admin.close()
        self.producer = AIOKafkaProducer(
            bootstrap_servers=self.bootstrap, acks="all", enable_idempotence=False
        )
        await self.producer.start()

    async def stop(self) -> None:
        if self.producer is not None:
            await self.producer.stop()

    def operation(self, messages: Sequence[Message]) -> Operation:
        producer = self.producer
        assert producer is not None

        async def send(sequence: int) -> int:
            message = messages[sequence % len(messages)]
            await producer.send_and_wait(
                RAW_TOPIC, message.value, key=message.key, headers=list(message.headers)
            )
            return 0

        return send


class RawEmbedded:
    """``EventBus.publish`` loops on an embedded log at ``path``."""

    def __init__(self, path: str, partitions: int) -> None:
        self.path = path
        self.partitions = partitions
        self.bus: EventBus | None = None

    async def start(self) -> None:
        self.bus = connect(f"embedded://{self.path}", client_id="bench-raw")
        await self.bus.start()
        await self.bus.ensure_topic(RAW_TOPIC, self.partitions)

    async def stop(self) -> None:
        if self.bus is not None:
            await self.bus.close()

    def operation(self, messages: Sequence[Message]) -> Operation:
        bus = self.bus
        assert bus is not None

        async def publish(sequence: int) -> int:
            await bus.publish(RAW_TOPIC, messages[sequence % len(messages)])
            return 0

        return publish


async def measure_raw(
    raw: RawKafka | RawEmbedded,
    messages: Sequence[Message],
    concurrency: int,
    *,
    warmup: float,
    duration: float,
    meter: CpuMeter,
) -> Measurement:
    operation = raw.operation(messages)
    return await drive(
        [operation] * concurrency, warmup=warmup, duration=duration, ok=OK, meter=meter
    )
