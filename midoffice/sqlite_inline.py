"""An aiosqlite-compatible SQLite connection that runs each statement in the calling thread.

SQLAlchemy's ``sqlite+aiosqlite`` dialect awaits one coroutine per DBAPI call. aiosqlite
answers each on its own thread (queue, thread switch, ``call_soon_threadsafe``, loop wake-up):
about 0.6 ms of CPU per statement here, against 5 µs for the statement itself. The connection
below offers the same awaitable API, but its coroutines run ``sqlite3`` directly and complete
without suspending unless they wait for a lock; :mod:`midoffice.sqlite_dialect` runs them in
place.

Running inline is only safe if no statement waits for a lock held by another connection of
the same process: that wait would block the event loop, and with it the holder. SQLite in WAL
mode never blocks readers, so only writers need care: a per-database, per-event-loop
:class:`asyncio.Lock` is taken (awaiting, not blocking) by a connection's first writing
statement and released when its transaction ends. SQLite's busy timeout is 0: a lock held
by another process or by another kind of connection (a thread) is waited for by sleeping on
the event loop and retrying, up to the connection's timeout, so the holder can finish.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
import time
import weakref
from collections.abc import Callable, Iterable, Sequence
from typing import Any, cast

_WRITES = frozenset({"INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER"})
_WRITE_AFTER_WITH = re.compile(r"\b(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
_LOCKS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, asyncio.Lock]] = (
    weakref.WeakKeyDictionary()
)


def _writer_lock(database: str) -> asyncio.Lock:
    loop = asyncio.get_running_loop()
    return _LOCKS.setdefault(loop, {}).setdefault(database, asyncio.Lock())


def _writes(operation: str) -> bool:
    head = operation.lstrip()[:8].upper()
    keyword = head.split(None, 1)[0] if head else ""
    if keyword == "WITH":  # a common table expression ahead of INSERT, UPDATE or DELETE
        return _WRITE_AFTER_WITH.search(operation) is not None
    return keyword in _WRITES or head.startswith("BEGIN I") or head.startswith("BEGIN E")


class _ImmediateQueue:
    """Stands in for aiosqlite's request queue (SQLAlchemy sets isolation_level through it)."""

    def put_nowait(self, item: tuple[asyncio.Future[Any], Callable[[], Any]]) -> None:
        future, function = item
        try:
            future.set_result(function())
        except Exception as exc:
            future.set_exception(exc)


_BUSY_SLEEP_MAX = 0.002
"""Longest sleep between attempts: another process's write transactions last milliseconds
(``serve`` and its companion share the file), so a waiting writer looks again soon."""
_SQLITE_BUSY = 5  # plain SQLITE_BUSY; SQLITE_BUSY_SNAPSHOT (517) cannot succeed on retry


async def _unblocking(owner: InlineConnection, call: Callable[..., Any], *args: Any) -> Any:
    """``call(*args)`` with SQLite's busy timeout at 0: a lock held by another connection
    (another process, or a thread of this one) is waited for by sleeping on the event loop,
    never by blocking it, up to the connection's timeout."""
    deadline = time.monotonic() + owner._lock_timeout
    delay = 0.0005
    while True:
        try:
            return call(*args)
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorcode", None) != _SQLITE_BUSY:
                raise
            if time.monotonic() + delay > deadline:
                raise
        await asyncio.sleep(delay)
        delay = min(delay * 2, _BUSY_SLEEP_MAX)


class InlineCursor:
    """The awaitable cursor API of aiosqlite over a ``sqlite3.Cursor``."""

    def __init__(self, connection: InlineConnection) -> None:
        self._owner = connection
        self._cursor = connection._conn.cursor()

    async def __aenter__(self) -> InlineCursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value

    async def execute(self, operation: str, parameters: Any = None) -> InlineCursor:
        await self._owner._before(operation)
        try:
            if parameters is None:
                await _unblocking(self._owner, self._cursor.execute, operation)
            else:
                await _unblocking(self._owner, self._cursor.execute, operation, parameters)
        finally:
            self._owner._after()
        return self

    async def executemany(self, operation: str, seq: Iterable[Any]) -> InlineCursor:
        await self._owner._before(operation)
        rows = list(seq)
        try:
            await _unblocking(self._owner, self._cursor.executemany, operation, rows)
        finally:
            self._owner._after()
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    def rows(self) -> list[Any]:
        """The remaining rows, read at once (the statement ran in this thread already)."""
        return self._cursor.fetchall()

    def close_now(self) -> None:
        self._cursor.close()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(size if size is not None else self._cursor.arraysize)

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()

    async def setinputsizes(self, *sizes: Any) -> None:
        return None

    async def nextset(self) -> None:
        return None


class InlineConnection:
    """The part of ``aiosqlite.Connection`` SQLAlchemy's aiosqlite dialect uses."""

    def __init__(self, conn: sqlite3.Connection, database: str, lock_timeout: float) -> None:
        self._conn = conn
        self._database = database
        self._lock_timeout = lock_timeout
        self._lock: asyncio.Lock | None = None  # held while this connection writes
        self._tx = _ImmediateQueue()

    @property
    def _connection(self) -> sqlite3.Connection | None:
        return self._conn if not self._closed else None

    _closed = False

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level

    def set_isolation_level(self, value: str | None) -> None:
        self._conn.isolation_level = cast(Any, value)  # typeshed: only the BEGIN kinds

    @property
    def in_transaction(self) -> bool:
        return self._conn.in_transaction

    def cursor(self) -> InlineCursor:
        return InlineCursor(self)

    async def execute(self, operation: str, parameters: Any = None) -> InlineCursor:
        cursor = self.cursor()
        return await cursor.execute(operation, parameters)

    async def _before(self, operation: str) -> None:
        if self._lock is None and _writes(operation):
            lock = _writer_lock(self._database)
            try:
                # A timer, not wait_for: wait_for runs acquire() in a task of its own, which
                # suspends the writer for a loop round even when the lock is free.
                async with asyncio.timeout(self._lock_timeout):
                    await lock.acquire()
            except TimeoutError:
                raise sqlite3.OperationalError("database is locked") from None
            self._lock = lock

    def _after(self) -> None:
        if self._lock is not None and not self._conn.in_transaction:
            self._release()

    def _release(self) -> None:
        lock, self._lock = self._lock, None
        if lock is not None and lock.locked():
            lock.release()

    async def commit(self) -> None:
        try:
            await _unblocking(self, self._conn.commit)
        finally:
            self._after()

    async def rollback(self) -> None:
        try:
            self._conn.rollback()
        finally:
            self._after()

    async def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._release()
            self._conn.close()

    def stop(self) -> None:
        """Close at once (SQLAlchemy's forced terminate)."""
        if not self._closed:
            self._closed = True
            self._release()
            self._conn.close()

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self._conn.create_function(*args, **kwargs)


def connector(database: str, *, timeout: float = 30.0, uri: bool = False) -> Callable[[], Any]:
    """An ``async_creator`` for ``create_async_engine`` that opens :class:`InlineConnection`s."""

    async def connect() -> InlineConnection:
        conn = sqlite3.connect(
            database, timeout=0, check_same_thread=False, isolation_level=None, uri=uri
        )
        return InlineConnection(conn, database, timeout)

    return connect


__all__: Sequence[str] = ("InlineConnection", "InlineCursor", "connector")
