"""Reading one Kafka topic by explicit position, outside any consumer group.

Two quirks of Kafka-compatible brokers are handled here. Tansu's ListOffsets(latest) can
answer less than the true end of a partition (the base offset of the last batch + 1), while
the high watermark in a fetch response is right; so ``end_offset`` seeks a probe consumer to
the reported end and takes the high watermark of the fetch that follows. Tansu's
offsets-for-times answers with the first offset of a record batch, and with
``(0, timestamp -1)`` when there is none; so ``offset_for_time`` scans forward to the first
record that is really at or after the time.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka import errors as kafka_errors

from midoffice.bus.base import BusError, LogReader, Record
from midoffice.bus.kafka_common import bus_error, to_record

if TYPE_CHECKING:
    from midoffice.bus.kafka import KafkaEventBus

PROBE_TIMEOUT_SECONDS = 10.0


class KafkaLogReader(LogReader):
    """Reads ``topic`` with a manually assigned consumer; no group, no commits."""

    def __init__(self, bus: KafkaEventBus, topic: str) -> None:
        self._bus = bus
        self.topic = topic
        self._reader: AIOKafkaConsumer | None = None
        self._probe: AIOKafkaConsumer | None = None
        self._reading: tuple[int, int] | None = None  # (partition, next offset) the reader is at

    async def start(self) -> None:
        await self._bus.partition_count(self.topic)  # BusError for an unknown topic
        self._reader = self._consumer(self._bus.options.reader_fetch_max_wait_ms)
        self._probe = self._consumer(fetch_max_wait_ms=10)
        try:
            await self._reader.start()
            await self._probe.start()
        except kafka_errors.KafkaError as exc:
            await self.stop()
            raise self._error(exc, "starting the reader") from exc

    async def stop(self) -> None:
        for consumer in (self._reader, self._probe):
            if consumer is not None:
                await consumer.stop()
        self._reader = self._probe = None

    async def partitions(self) -> list[int]:
        return list(range(await self._bus.partition_count(self.topic)))

    async def end_offset(self, partition: int) -> int:
        probe = self._require(self._probe)
        tp = await self._partition(partition)
        probe.assign([tp])  # a fresh assignment: fetch answers from before are discarded
        try:
            reported = (await probe.end_offsets([tp]))[tp]
            probe.seek(tp, reported)
            deadline = asyncio.get_running_loop().time() + PROBE_TIMEOUT_SECONDS
            while probe.last_poll_timestamp(tp) is None:
                if asyncio.get_running_loop().time() > deadline:
                    raise BusError(f"no fetch answer for {self.topic}[{partition}] in time")
                await probe.getmany(tp, timeout_ms=10, max_records=1)
            highwater = probe.highwater(tp)
        except kafka_errors.KafkaError as exc:
            raise self._error(exc, f"finding the end of partition {partition}") from exc
        finally:
            probe.assign([])
        return max(int(reported), int(highwater or 0))

    async def offset_for_time(self, partition: int, timestamp_ms: int) -> int:
        reader = self._require(self._reader)
        tp = await self._partition(partition)
        try:
            found = (await reader.offsets_for_times({tp: timestamp_ms}))[tp]
        except kafka_errors.KafkaError as exc:
            raise self._error(exc, f"finding a time in partition {partition}") from exc
        if found is None or found.timestamp < 0:
            return await self.end_offset(partition)
        offset = int(found.offset)
        while records := await self.read(partition, offset, timeout=0.5):
            for record in records:
                if record.timestamp_ms >= timestamp_ms:
                    return record.offset
            offset = records[-1].offset + 1
        return offset

    async def read(
        self, partition: int, offset: int, max_records: int = 500, timeout: float = 1.0
    ) -> list[Record]:
        reader = self._require(self._reader)
        tp = await self._partition(partition)
        try:
            if self._reading is None or self._reading[0] != partition:
                reader.assign([tp])
                self._reading = (partition, -1)
            if self._reading[1] != offset:
                reader.seek(tp, offset)
            batches = await reader.getmany(
                tp, timeout_ms=max(0, int(timeout * 1000)), max_records=max_records
            )
        except kafka_errors.KafkaError as exc:
            self._reading = None
            raise self._error(exc, f"reading partition {partition} from offset {offset}") from exc
        records = [to_record(consumed) for consumed in batches.get(tp, [])]
        self._reading = (partition, records[-1].offset + 1 if records else offset)
        return records

    async def _partition(self, partition: int) -> TopicPartition:
        count = await self._bus.partition_count(self.topic)
        if not 0 <= partition < count:
            raise BusError(f"topic {self.topic!r} has no partition {partition} (it has {count})")
        return TopicPartition(self.topic, partition)

    def _consumer(self, fetch_max_wait_ms: int) -> AIOKafkaConsumer:
        return AIOKafkaConsumer(
            bootstrap_servers=self._bus.bootstrap_servers,
            client_id=f"{self._bus.client_id}-reader",
            group_id=None,
            enable_auto_commit=False,
            auto_offset_reset="none",
            fetch_max_wait_ms=fetch_max_wait_ms,
            max_partition_fetch_bytes=self._bus.options.max_request_size,
            request_timeout_ms=self._bus.options.request_timeout_ms,
        )

    def _require(self, consumer: AIOKafkaConsumer | None) -> AIOKafkaConsumer:
        if consumer is None:
            raise BusError(f"the reader of {self.topic!r} is not running")
        return consumer

    def _error(self, exc: BaseException, action: str) -> BusError:
        return bus_error(exc, f"{action} of {self.topic!r}", self._bus.bootstrap_servers)
