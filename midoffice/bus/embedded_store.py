"""The embedded log file: async access for the event loop, blocking SQLite work in threads.

Reads run on a small thread pool, each thread with its own read-only connection (WAL lets
them read while the writer writes). Writes go through the single :class:`LogWriter`.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from midoffice.bus import embedded_sql
from midoffice.bus.base import BusError, Message, Position, Record, TopicPartition
from midoffice.bus.embedded_doorbell import Doorbell
from midoffice.bus.embedded_notify import AppendSignal
from midoffice.bus.embedded_tail import PartitionTails
from midoffice.bus.embedded_writer import AppendEntry, AppendReceipt, LogWriter

T = TypeVar("T")

READER_THREADS = 4
FETCH_MAX_BYTES = 16 * 1024 * 1024


class LogStore:
    """Topics, records and committed group offsets in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.signal = AppendSignal()
        self._doorbell = Doorbell(path, self._rung)
        self._tails = PartitionTails()
        self._writer = LogWriter(path, self._appended)
        self._executor: ThreadPoolExecutor | None = None
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()
        self._partition_ids: dict[str, list[int]] = {}

    async def start(self) -> None:
        await self._writer.start()
        self._doorbell.start()
        self._tails.trusting = self._doorbell.active
        self._executor = ThreadPoolExecutor(READER_THREADS, thread_name_prefix="midoffice-bus-read")
        self._partition_ids = await self._read(embedded_sql.load_topics)

    async def close(self) -> None:
        self._doorbell.close()
        await self._writer.close()
        executor, self._executor = self._executor, None
        if executor is not None:
            await asyncio.to_thread(executor.shutdown, wait=True)
        with self._connections_lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self.signal.wake_all()

    def _appended(self, topics: frozenset[str]) -> None:
        self.signal.appended(topics)
        self._doorbell.ring(topics)

    def _rung(self, topics: Iterable[str]) -> None:
        """Another process appended to ``topics``: what we know of their ends is stale."""
        grown = list(topics)
        for topic in grown:
            self._tails.rung(self._partition_ids.get(topic, ()))
        self.signal.appended(grown)

    async def create_topic(self, name: str, partitions: int) -> None:
        """Create ``name`` with ``partitions`` partitions unless it exists already."""
        await self._writer.submit(lambda conn, _now: _create_topic(conn, name, partitions))
        self._partition_ids = await self._read(embedded_sql.load_topics)

    async def partition_ids(self, topic: str) -> list[int]:
        """Row ids of the topic's partitions, by partition number; BusError if unknown."""
        ids = self._partition_ids.get(topic)
        if ids is None:  # perhaps created by another process since we looked
            self._partition_ids = await self._read(embedded_sql.load_topics)
            ids = self._partition_ids.get(topic)
        if ids is None:
            raise BusError(f"unknown topic {topic!r} in {self.path}; create it with ensure_topic")
        return ids

    async def partition_id(self, topic: str, partition: int) -> int:
        ids = await self.partition_ids(topic)
        if not 0 <= partition < len(ids):
            raise BusError(f"topic {topic!r} has no partition {partition} (it has {len(ids)})")
        return ids[partition]

    async def append(self, topic: str, messages: Sequence[tuple[int, Message]]) -> list[Position]:
        """Append (partition, message) pairs in order; their positions in input order."""
        ids = await self.partition_ids(topic)
        entries = [AppendEntry(ids[partition], topic, partition, m) for partition, m in messages]
        receipt = AppendReceipt()

        def learn() -> None:
            # Before consumers are woken or resume: one that looks at the tail in between
            # would otherwise be told "nothing new" and sleep until its fallback poll.
            for partition_id, records in receipt.records.items():
                self._tails.appended(partition_id, records, receipt.began)

        return await self._writer.append(entries, receipt, learn)

    async def fetch(
        self, starts: Sequence[tuple[TopicPartition, int]], max_records: int
    ) -> list[Record]:
        """Records from each (partition, offset) on, partition by partition, within budget."""
        ids = {tp: await self.partition_id(tp.topic, tp.partition) for tp, _ in starts}
        by_id = {partition_id: tp for tp, partition_id in ids.items()}
        found: dict[int, list[embedded_sql.StoredRecord]] = {}
        from_file: list[tuple[int, int]] = []
        budget = max_records
        for tp, offset in starts:
            cached = self._tails.read(ids[tp], offset, budget) if budget > 0 else None
            if cached is None:
                from_file.append((ids[tp], offset))
            elif cached:
                found[ids[tp]] = cached
                budget -= len(cached)
        if from_file and budget > 0:
            began, complete = time.monotonic(), set[int]()
            read = await self._read(
                embedded_sql.fetch, from_file, budget, FETCH_MAX_BYTES, complete
            )
            found.update(read)
            for partition_id, offset in from_file:
                if partition_id in complete:  # read to its end
                    rows = found.get(partition_id)
                    self._tails.confirmed(
                        partition_id, rows[-1].offset + 1 if rows else offset, began
                    )
        return [
            Record(
                topic=by_id[partition_id].topic,
                partition=by_id[partition_id].partition,
                offset=row.offset,
                key=row.key,
                value=row.value,
                headers=row.headers,
                timestamp_ms=row.timestamp_ms,
            )
            for partition_id in (ids[tp] for tp, _ in starts)
            if partition_id in found
            for row in found[partition_id]
        ]

    async def end_offset(self, topic: str, partition: int) -> int:
        partition_id = await self.partition_id(topic, partition)
        return await self._read(embedded_sql.next_offset, partition_id)

    async def offset_for_time(self, topic: str, partition: int, timestamp_ms: int) -> int | None:
        partition_id = await self.partition_id(topic, partition)
        return await self._read(embedded_sql.offset_for_time, partition_id, timestamp_ms)

    async def commit(self, group_id: str, offsets: Mapping[TopicPartition, int]) -> None:
        """Store the group's committed offsets durably."""
        rows = [(group_id, tp.topic, tp.partition, offset) for tp, offset in offsets.items()]
        await self._writer.submit(lambda conn, _now: _commit_offsets(conn, rows))

    async def committed(
        self, group_id: str, partitions: Sequence[TopicPartition]
    ) -> dict[TopicPartition, int]:
        pairs = [(tp.topic, tp.partition) for tp in partitions]
        found = await self._read(embedded_sql.committed_offsets, group_id, pairs)
        return {TopicPartition(topic, partition): o for (topic, partition), o in found.items()}

    async def _read(self, work: Callable[..., T], *args: object) -> T:
        if self._executor is None:
            raise BusError("the embedded bus is not running (start() it, or it was closed)")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._run_read, work, args)

    def _run_read(self, work: Callable[..., T], args: tuple[object, ...]) -> T:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = embedded_sql.connect(self.path, read_only=True)
            self._local.conn = conn
            with self._connections_lock:
                self._connections.append(conn)
        return work(conn, *args)


def _create_topic(conn: sqlite3.Connection, name: str, partitions: int) -> None:
    if conn.execute("SELECT 1 FROM topics WHERE name = ?", (name,)).fetchone():
        return
    conn.execute("INSERT INTO topics (name, partitions) VALUES (?, ?)", (name, partitions))
    conn.executemany(
        "INSERT INTO partitions (topic, partition) VALUES (?, ?)",
        [(name, partition) for partition in range(partitions)],
    )


def _commit_offsets(conn: sqlite3.Connection, rows: list[tuple[str, str, int, int]]) -> None:
    conn.executemany(
        "INSERT INTO group_offsets (group_id, topic, partition, next_offset)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (group_id, topic, partition)"
        " DO UPDATE SET next_offset = excluded.next_offset",
        rows,
    )
