"""The embedded log's single writer: one thread, one connection, group commit.

Publishes, offset commits and topic creations are queued; the writer thread takes everything
that is waiting and applies it in ONE transaction, then resolves the callers' futures on their
event loop. Under load many publishes share one commit, so a publish costs far less than a
transaction of its own. Each request runs in a savepoint: a failing request fails alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import structlog

from midoffice.bus import embedded_sql
from midoffice.bus.base import BusError, Message, Position
from midoffice.bus.embedded_checkpoint import Checkpointer

logger = structlog.get_logger(__name__)

T = TypeVar("T")
WriteWork = Callable[[sqlite3.Connection, int], Any]


@dataclass(frozen=True)
class AppendEntry:
    """One message bound for a known partition (``partition_id`` is its row id)."""

    partition_id: int
    topic: str
    partition: int
    message: Message


@dataclass
class AppendReceipt:
    """What an append stored: records by partition row id, and when its transaction (holding
    the file's write lock) began."""

    began: float = 0.0
    records: dict[int, list[embedded_sql.StoredRecord]] = field(default_factory=dict)


@dataclass
class _Request:
    future: asyncio.Future[Any]
    work: WriteWork
    appended_topics: frozenset[str] = field(default_factory=frozenset)
    on_commit: Callable[[], None] | None = None


_STOP = object()


class LogWriter:
    """Owns the write connection; ``submit`` runs work inside the next group commit."""

    def __init__(self, path: Path, on_appended: Callable[[frozenset[str]], None]) -> None:
        self._path = path
        self._on_appended = on_appended
        self._queue: queue.SimpleQueue[_Request | object] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._checkpointer = Checkpointer(path)
        self._closed = False

    async def start(self) -> None:
        """Open the write connection (creating the schema) and start the writer thread."""
        self._loop = asyncio.get_running_loop()
        try:
            conn = await asyncio.to_thread(self._open)
        except (OSError, sqlite3.Error) as exc:
            raise BusError(f"cannot open the embedded log {self._path}: {exc}") from exc
        self._thread = threading.Thread(
            target=self._run, args=(conn,), name="midoffice-bus-writer", daemon=True
        )
        self._thread.start()
        self._checkpointer.start()

    async def close(self) -> None:
        """Finish the queued work, then stop the thread and close the connection."""
        if self._closed:
            return
        self._closed = True
        if self._thread is not None:
            self._queue.put(_STOP)
            await asyncio.to_thread(self._thread.join)
            await asyncio.to_thread(self._checkpointer.stop)

    async def submit(
        self,
        work: WriteWork,
        appended_topics: frozenset[str] = frozenset(),
        on_commit: Callable[[], None] | None = None,
    ) -> Any:
        """Run ``work(conn, now_ms)`` in the writer's next transaction; its result once durable.

        ``on_commit`` runs on the event loop once the transaction committed, before anyone is
        woken: before the waiting appenders resume and before consumers hear of the append."""
        if self._closed or self._loop is None:
            raise BusError("the embedded bus is not running (start() it, or it was closed)")
        future: asyncio.Future[Any] = self._loop.create_future()
        self._queue.put(_Request(future, work, appended_topics, on_commit))
        return await future

    async def append(
        self,
        entries: Sequence[AppendEntry],
        receipt: AppendReceipt | None = None,
        on_commit: Callable[[], None] | None = None,
    ) -> list[Position]:
        """Append the entries in order; their positions, in input order. ``receipt`` is filled
        with the stored records (valid from ``on_commit`` on: the transaction committed)."""
        topics = frozenset(entry.topic for entry in entries)
        positions: list[Position] = await self.submit(
            lambda c, now: _append(c, entries, now, receipt), topics, on_commit
        )
        return positions

    def _open(self) -> sqlite3.Connection:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        conn = embedded_sql.connect(self._path, read_only=False)
        embedded_sql.initialise(conn)
        conn.execute("PRAGMA wal_autocheckpoint=0")  # the Checkpointer thread does it
        conn.execute("PRAGMA busy_timeout=0")  # another process's lock: see _begin_immediate
        return conn

    def _run(self, conn: sqlite3.Connection) -> None:
        try:
            stopping = False
            while not stopping:
                batch: list[_Request] = []
                item = self._queue.get()
                while True:
                    if item is _STOP:
                        stopping = True
                    elif isinstance(item, _Request):
                        batch.append(item)
                    try:
                        item = self._queue.get_nowait()
                    except queue.Empty:
                        break
                if batch:
                    self._commit(conn, batch)
        finally:
            conn.close()

    def _commit(self, conn: sqlite3.Connection, batch: list[_Request]) -> None:
        outcomes: list[tuple[_Request, bool, Any]] = []
        now_ms = time.time_ns() // 1_000_000
        try:
            _begin_immediate(conn)
            for request in batch:
                conn.execute("SAVEPOINT request")
                try:
                    result = request.work(conn, now_ms)
                except Exception as exc:
                    conn.execute("ROLLBACK TO request")
                    outcomes.append((request, False, _as_bus_error(exc)))
                else:
                    outcomes.append((request, True, result))
                conn.execute("RELEASE request")
            conn.execute("COMMIT")
            self._checkpointer.note_write()
        except Exception as exc:  # the whole transaction is lost: every request in it fails
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            logger.error("embedded_log_commit_failed", error=str(exc), requests=len(batch))
            error = BusError(f"embedded log write failed: {exc}")
            outcomes = [(request, False, error) for request in batch]
        appended = frozenset().union(
            *(request.appended_topics for request, ok, _ in outcomes if ok)
        )
        assert self._loop is not None
        try:
            self._loop.call_soon_threadsafe(self._deliver, outcomes, appended)
        except RuntimeError:  # the event loop is gone; nobody is waiting any more
            logger.warning("embedded_log_results_dropped", requests=len(outcomes))

    def _deliver(
        self, outcomes: list[tuple[_Request, bool, Any]], appended: frozenset[str]
    ) -> None:
        for request, ok, _ in outcomes:
            if ok and request.on_commit is not None:
                try:
                    request.on_commit()
                except Exception:  # a cache update: the records are durable either way
                    logger.exception("embedded_log_on_commit_failed")
        for request, ok, value in outcomes:
            if request.future.done():
                continue
            if ok:
                request.future.set_result(value)
            else:
                request.future.set_exception(value)
        if appended:
            self._on_appended(appended)


_SQLITE_BUSY = 5
LOCK_TIMEOUT_SECONDS = 30.0
_BUSY_SLEEP_MAX = 0.002


def _begin_immediate(conn: sqlite3.Connection) -> None:
    """Take the file's write lock. Another process's writer (``serve``'s companion) holds it
    for a millisecond or so; SQLite's own busy handler would sleep 1, 2, 5, 10... ms between
    attempts, so the writer polls with sleeps of at most 2 ms instead, up to 30 s."""
    deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
    delay = 0.0002
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorcode", None) != _SQLITE_BUSY:
                raise
            if time.monotonic() + delay > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, _BUSY_SLEEP_MAX)


def _as_headers(headers: Sequence[tuple[str, bytes]]) -> embedded_sql.Headers:
    """The headers as a read of the file gives them back."""
    return tuple((name, bytes(value)) for name, value in headers)


def _as_bus_error(exc: Exception) -> BusError:
    return exc if isinstance(exc, BusError) else BusError(f"embedded log write failed: {exc}")


def _append(
    conn: sqlite3.Connection,
    entries: Sequence[AppendEntry],
    now_ms: int,
    receipt: AppendReceipt | None = None,
) -> list[Position]:
    if receipt is not None:
        receipt.began, receipt.records = time.monotonic(), {}
    heads: dict[int, list[int]] = {}
    for partition_id in dict.fromkeys(entry.partition_id for entry in entries):
        row = conn.execute(
            "SELECT next_offset, last_timestamp_ms FROM partitions WHERE id = ?", (partition_id,)
        ).fetchone()
        if row is None:
            raise BusError(f"partition row {partition_id} is missing from the embedded log")
        heads[partition_id] = [int(row[0]), max(now_ms, int(row[1]))]
    rows: list[tuple[int, int, int, bytes | None, bytes | None, bytes]] = []
    positions: list[Position] = []
    for entry in entries:
        head = heads[entry.partition_id]
        offset, timestamp_ms = head
        head[0] = offset + 1
        message = entry.message
        headers = embedded_sql.encode_headers(message.headers)
        rows.append((entry.partition_id, offset, timestamp_ms, message.key, headers, message.value))
        positions.append(Position(entry.topic, entry.partition, offset))
        if receipt is not None:
            stored = embedded_sql.StoredRecord(
                offset, timestamp_ms, message.key, _as_headers(message.headers), message.value
            )
            receipt.records.setdefault(entry.partition_id, []).append(stored)
    conn.executemany(
        "INSERT INTO records (partition_id, record_offset, timestamp_ms, key, headers, value)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.executemany(
        "UPDATE partitions SET next_offset = ?, last_timestamp_ms = ? WHERE id = ?",
        [(head[0], head[1], partition_id) for partition_id, head in heads.items()],
    )
    return positions
