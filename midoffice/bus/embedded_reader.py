"""Reading one topic of the embedded log by explicit position (replay, audit, verify)."""

from __future__ import annotations

import asyncio

from midoffice.bus.base import LogReader, Record, TopicPartition
from midoffice.bus.embedded_notify import wait_for_signal
from midoffice.bus.embedded_store import LogStore


class EmbeddedLogReader(LogReader):
    """Positions come from the caller; end offsets are exact (read from the file)."""

    def __init__(self, store: LogStore, topic: str, fallback_poll_seconds: float) -> None:
        self._store = store
        self.topic = topic
        self._fallback_poll_seconds = fallback_poll_seconds

    async def start(self) -> None:
        await self._store.partition_ids(self.topic)

    async def stop(self) -> None:
        """Nothing to release: the reader borrows the bus's connections."""

    async def partitions(self) -> list[int]:
        return list(range(len(await self._store.partition_ids(self.topic))))

    async def end_offset(self, partition: int) -> int:
        return await self._store.end_offset(self.topic, partition)

    async def offset_for_time(self, partition: int, timestamp_ms: int) -> int:
        found = await self._store.offset_for_time(self.topic, partition, timestamp_ms)
        return found if found is not None else await self.end_offset(partition)

    async def read(
        self, partition: int, offset: int, max_records: int = 500, timeout: float = 1.0
    ) -> list[Record]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        start = [(TopicPartition(self.topic, partition), offset)]
        while True:
            with self._store.signal.waiter([self.topic]) as appended:
                records = await self._store.fetch(start, max_records)
                remaining = deadline - loop.time()
                if records or remaining <= 0:
                    return records
                await wait_for_signal(appended, timeout=min(remaining, self._fallback_poll_seconds))
