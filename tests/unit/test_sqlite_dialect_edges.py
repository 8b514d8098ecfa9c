"""Edge cases of the in-thread SQLite dialect: AUTOCOMMIT, transaction semantics, the writer
lock on every way out of a transaction, ``complete``/``_Remainder`` and error mapping."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import inspect
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.util.concurrency import greenlet_spawn

from midoffice import sqlite_inline
from midoffice.db import create_engine, writer
from midoffice.sqlite_dialect import complete
from tests.unit import sqlite_support

SCHEMA = sqlite_support.SCHEMA


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    async with sqlite_support.table_engine(tmp_path / "edges.sqlite3") as engine:
        yield engine


@pytest.fixture
async def short_engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """An engine whose connections give up on a lock after 50 ms."""
    database = tmp_path / "short.sqlite3"
    creator = sqlite_inline.connector(str(database), timeout=0.05)
    async with sqlite_support.table_engine(database, async_creator=creator) as engine:
        yield engine


_outsider = sqlite_support.outsider


def _write_lock_is_free(outsider: sqlite3.Connection) -> bool:
    try:
        outsider.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return False
    outsider.execute("ROLLBACK")
    return True


async def _values(engine: AsyncEngine) -> list[Any]:
    async with engine.connect() as conn:
        return list((await conn.execute(text("SELECT v FROM t ORDER BY id"))).scalars())


async def _a_writer_gets_through(engine: AsyncEngine, value: str, seconds: float = 1) -> None:
    async with asyncio.timeout(seconds):
        async with writer(engine).begin() as conn:
            await conn.execute(text("INSERT INTO t (v) VALUES (:v)"), {"v": value})


# --- AUTOCOMMIT ---------------------------------------------------------------------------


async def test_autocommit_statements_commit_on_their_own(engine: AsyncEngine) -> None:
    """SQLAlchemy calls do_begin in AUTOCOMMIT too; no BEGIN may follow, or the statement
    would be invisible to others, hold the write lock, and be lost at close."""
    outsider = _outsider(engine)
    try:
        async with engine.connect() as conn:
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(text("INSERT INTO t (v) VALUES ('auto')"))
            raw = await conn.get_raw_connection()
            assert not raw.driver_connection.in_transaction
            assert outsider.execute("SELECT v FROM t").fetchall() == [("auto",)]
            assert _write_lock_is_free(outsider)
    finally:
        outsider.close()


async def test_vacuum_runs_in_autocommit(engine: AsyncEngine) -> None:
    """The usual way to VACUUM through SQLAlchemy (outside a transaction)."""
    async with engine.connect() as conn:
        await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.exec_driver_sql("VACUUM")


async def test_an_autocommit_engine_keeps_what_it_wrote(tmp_path: Path) -> None:
    """Engine-wide AUTOCOMMIT: the insert is not rolled back on close."""
    url = f"sqlite+aiosqlite:///{tmp_path}/auto.sqlite3"
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(text(SCHEMA))
            await conn.execute(text("INSERT INTO t (v) VALUES ('kept')"))
        assert await _values(engine) == ["kept"]
    finally:
        await engine.dispose()


# --- transactions ---------------------------------------------------------------------------


async def test_statements_after_sqlite_ended_the_transaction_are_not_autocommitted(
    engine: AsyncEngine,
) -> None:
    """SQLite ends a transaction on its own (ON CONFLICT ROLLBACK, RAISE(ROLLBACK),
    SQLITE_FULL/IOERR...) while SQLAlchemy still believes it is in one: the following
    statements must not silently autocommit (a rollback would then keep them)."""
    await _a_writer_gets_through(engine, "x")
    async with engine.connect() as conn:
        await conn.execute(text("INSERT INTO t (v) VALUES ('a')"))
        with pytest.raises(sa_exc.IntegrityError):
            await conn.execute(text("INSERT OR ROLLBACK INTO t (v) VALUES ('x')"))
        with contextlib.suppress(sa_exc.SQLAlchemyError):  # refusing it is fine too
            await conn.execute(text("INSERT INTO t (v) VALUES ('b')"))
        await conn.rollback()
    assert await _values(engine) == ["x"]


async def test_commit_with_nothing_executed_and_autobegin_after_commit(
    engine: AsyncEngine,
) -> None:
    outsider = _outsider(engine)
    try:
        async with writer(engine).connect() as conn:
            await conn.begin()
            await conn.commit()  # nothing ran: no BEGIN, no lock
            assert _write_lock_is_free(outsider)
            await conn.execute(text("SELECT 1"))  # autobegin: BEGIN IMMEDIATE again
            assert not _write_lock_is_free(outsider)
            await conn.commit()
            assert _write_lock_is_free(outsider)
            await conn.rollback()  # nothing pending: a no-op
            await conn.execute(text("INSERT INTO t (v) VALUES ('second')"))
            await conn.rollback()
        assert await _values(engine) == []
        assert _write_lock_is_free(outsider)
    finally:
        outsider.close()


async def test_a_savepoint_as_the_first_statement_is_inside_the_transaction(
    engine: AsyncEngine,
) -> None:
    outsider = _outsider(engine)
    try:
        async with writer(engine).begin() as conn:
            nested = await conn.begin_nested()  # BEGIN IMMEDIATE, then SAVEPOINT
            assert not _write_lock_is_free(outsider)
            await conn.execute(text("INSERT INTO t (v) VALUES ('inner')"))
            await nested.rollback()
            await conn.execute(text("INSERT INTO t (v) VALUES ('outer')"))
            nested = await conn.begin_nested()
            await conn.execute(text("INSERT INTO t (v) VALUES ('released')"))
            await nested.commit()
        with pytest.raises(RuntimeError):
            async with engine.begin() as conn:
                await conn.begin_nested()
                await conn.execute(text("INSERT INTO t (v) VALUES ('gone')"))
                raise RuntimeError
        assert await _values(engine) == ["outer", "released"]
        assert _write_lock_is_free(outsider)
    finally:
        outsider.close()


async def test_ddl_is_transactional(engine: AsyncEngine) -> None:
    with pytest.raises(RuntimeError):
        async with engine.begin() as conn:
            await conn.execute(text("CREATE TABLE u (id INTEGER)"))
            raise RuntimeError
    async with engine.connect() as conn:
        names = (await conn.execute(text("SELECT name FROM sqlite_master"))).scalars().all()
    assert "u" not in names


async def test_executemany_runs_inside_the_transaction(engine: AsyncEngine) -> None:
    insert = text("INSERT INTO t (v) VALUES (:v)")
    async with engine.connect() as conn:
        await conn.execute(insert, [{"v": "a"}, {"v": "b"}, {"v": "c"}])
        raw = await conn.get_raw_connection()
        assert raw.driver_connection.in_transaction
        await conn.rollback()
    assert await _values(engine) == []
    with pytest.raises(sa_exc.IntegrityError):
        async with engine.begin() as conn:
            await conn.execute(insert, [{"v": "d"}, {"v": "d"}])
    await _a_writer_gets_through(engine, "after")
    assert await _values(engine) == ["after"]


async def test_a_stream_as_the_first_statement_begins_the_transaction(
    engine: AsyncEngine,
) -> None:
    outsider = _outsider(engine)
    try:
        await _a_writer_gets_through(engine, "a")
        async with writer(engine).connect() as conn:
            result = await conn.stream(text("SELECT v FROM t"))
            assert not _write_lock_is_free(outsider)  # BEGIN IMMEDIATE before the stream
            assert [row.v async for row in result] == ["a"]
            result = await conn.stream(text("INSERT INTO t (v) VALUES ('b') RETURNING v"))
            assert [row.v async for row in result] == ["b"]
            await conn.rollback()
        assert _write_lock_is_free(outsider)
        assert await _values(engine) == ["a"]
    finally:
        outsider.close()


async def test_result_metadata_survives_the_soft_close(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        result = await conn.execute(text("INSERT INTO t (v) VALUES ('a'), ('b')"))
        assert result.rowcount == 2
        result = await conn.execute(text("INSERT INTO t (v) VALUES ('c')"))
        assert result.lastrowid == 3
        result = await conn.execute(text("SELECT id, v FROM t ORDER BY id"))
        assert list(result.keys()) == ["id", "v"]
        assert [tuple(row) for row in result] == [(1, "a"), (2, "b"), (3, "c")]


# --- the writer lock ------------------------------------------------------------------------


async def test_returning_a_connection_to_the_pool_rolls_back_and_frees_the_lock(
    engine: AsyncEngine,
) -> None:
    async with engine.connect() as conn:
        await conn.execute(text("INSERT INTO t (v) VALUES ('dropped')"))
    await _a_writer_gets_through(engine, "after")
    assert await _values(engine) == ["after"]


async def test_invalidating_a_writing_connection_frees_the_lock(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        await conn.execute(text("INSERT INTO t (v) VALUES ('invalidated')"))
        await conn.invalidate()
    await _a_writer_gets_through(engine, "after")
    assert await _values(engine) == ["after"]


async def test_a_connection_garbage_collected_while_writing_frees_the_lock(
    engine: AsyncEngine,
) -> None:
    async def abandon() -> None:
        conn = await engine.connect()
        await conn.execute(text("INSERT INTO t (v) VALUES ('abandoned')"))
        # neither closed nor committed

    with pytest.warns(sa_exc.SAWarning):  # SQLAlchemy warns about the GC'd connection
        await abandon()
        gc.collect()
    await _a_writer_gets_through(engine, "after")
    assert await _values(engine) == ["after"]


async def test_a_failed_commit_frees_the_lock(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE p (id INTEGER PRIMARY KEY)"))
        await conn.execute(
            text(
                "CREATE TABLE c (id INTEGER PRIMARY KEY, "
                "p INTEGER REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED)"
            )
        )
    with pytest.raises(sa_exc.IntegrityError, match="FOREIGN KEY"):
        async with engine.begin() as conn:
            await conn.execute(text("INSERT INTO c (p) VALUES (99)"))  # fails at COMMIT
    await _a_writer_gets_through(engine, "after")
    async with engine.connect() as conn:
        assert await conn.scalar(text("SELECT count(*) FROM c")) == 0


async def test_a_writer_timing_out_on_the_lock_gets_sqlalchemys_operational_error(
    short_engine: AsyncEngine,
) -> None:
    holding, release = asyncio.Event(), asyncio.Event()

    async def holder() -> None:
        async with short_engine.begin() as conn:
            await conn.execute(text("INSERT INTO t (v) VALUES ('holder')"))
            holding.set()
            await release.wait()

    task = asyncio.create_task(holder())
    await holding.wait()
    with pytest.raises(sa_exc.OperationalError, match="database is locked"):
        async with writer(short_engine).begin() as conn:
            await conn.execute(text("SELECT 1"))
    current = asyncio.current_task()
    assert current is not None and current.cancelling() == 0  # the timeout uncancelled
    release.set()
    await task
    await _a_writer_gets_through(short_engine, "after")
    assert await _values(short_engine) == ["holder", "after"]


async def test_busy_from_another_process_past_the_timeout_is_an_operational_error(
    short_engine: AsyncEngine,
) -> None:
    outsider = _outsider(short_engine)
    try:
        outsider.execute("BEGIN IMMEDIATE")
        with pytest.raises(sa_exc.OperationalError, match="locked"):
            async with short_engine.begin() as conn:
                await conn.execute(text("INSERT INTO t (v) VALUES ('refused')"))
        outsider.execute("ROLLBACK")
        await _a_writer_gets_through(short_engine, "after")  # our lock was released
    finally:
        outsider.close()
    assert await _values(short_engine) == ["after"]


async def test_a_writer_cancelled_while_busy_mid_transaction_frees_the_lock(
    engine: AsyncEngine,
) -> None:
    outsider = _outsider(engine)
    started = asyncio.Event()
    try:

        async def blocked_writer() -> None:
            async with engine.begin() as conn:
                await conn.execute(text("SELECT count(*) FROM t"))  # deferred BEGIN
                started.set()
                await conn.execute(text("INSERT INTO t (v) VALUES ('cancelled')"))

        outsider.execute("BEGIN IMMEDIATE")
        task = asyncio.create_task(blocked_writer())
        await started.wait()
        await asyncio.sleep(0.02)  # retrying SQLITE_BUSY while holding our writer lock
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        outsider.execute("ROLLBACK")
        await _a_writer_gets_through(engine, "after")
    finally:
        outsider.close()
    assert await _values(engine) == ["after"]


async def test_a_closed_driver_connection_is_a_disconnect(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        raw = await conn.get_raw_connection()
        assert isinstance(raw.driver_connection, sqlite_inline.InlineConnection)
        raw.driver_connection.stop()
        with pytest.raises(sa_exc.DBAPIError) as failure:
            await conn.execute(text("SELECT 1"))
        assert failure.value.connection_invalidated
    await _a_writer_gets_through(engine, "after")


# --- complete / _Remainder ------------------------------------------------------------------


async def test_complete_hands_a_coroutine_that_suspends_repeatedly_to_the_loop() -> None:
    loop = asyncio.get_running_loop()

    async def steps() -> int:
        for _ in range(3):
            await asyncio.sleep(0)
        future: asyncio.Future[int] = loop.create_future()
        loop.call_later(0.001, future.set_result, 7)
        return await future

    assert await greenlet_spawn(complete, steps()) == 7


async def test_complete_passes_errors_and_cancellation_through() -> None:
    async def fails_now() -> None:
        raise ValueError("now")

    async def fails_later() -> None:
        await asyncio.sleep(0)
        raise ValueError("later")

    with pytest.raises(ValueError, match="now"):
        await greenlet_spawn(complete, fails_now())
    with pytest.raises(ValueError, match="later"):
        await greenlet_spawn(complete, fails_later())

    cleaned: list[str] = []

    async def waits() -> None:
        try:
            await asyncio.sleep(10)
        finally:
            cleaned.append("cancelled")

    task = asyncio.create_task(greenlet_spawn(complete, waits()))
    await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert cleaned == ["cancelled"]

    async def absorbs() -> str:
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            await asyncio.sleep(0)  # suspends again after the exception
            return "absorbed"
        return "slept"

    task = asyncio.create_task(greenlet_spawn(complete, absorbs()))
    await asyncio.sleep(0.01)
    task.cancel()
    assert await task == "absorbed"


async def test_closing_the_awaiting_coroutine_closes_the_remainder() -> None:
    cleaned: list[str] = []

    async def waits() -> None:
        try:
            await asyncio.sleep(10)
        finally:
            cleaned.append("closed")

    outer = greenlet_spawn(complete, waits())
    outer.send(None)  # suspended inside _Remainder
    outer.close()
    assert cleaned == ["closed"]


def test_complete_outside_a_greenlet_closes_the_coroutine_it_cannot_finish() -> None:
    """await_ refuses outside a greenlet and closes only coroutines; the started coroutine
    must not stay suspended (a lock waiter, a timer) until it is garbage collected."""

    async def suspends() -> None:
        await asyncio.sleep(0)

    coroutine = suspends()
    with pytest.raises(sa_exc.MissingGreenlet):
        complete(coroutine)
    assert inspect.getcoroutinestate(coroutine) == inspect.CORO_CLOSED


async def test_a_write_refused_outside_a_greenlet_does_not_strand_the_writer_lock(
    engine: AsyncEngine,
) -> None:
    """While a refused coroutine lived (its exception kept, or in a reference cycle), its
    waiter future stayed in the asyncio.Lock: the holder's release handed the lock to that
    orphan and every later writer waited for its timeout."""
    database = engine.url.database
    assert database is not None
    stray = await sqlite_inline.connector(database)()
    try:
        async with engine.connect() as holder:
            await holder.execute(text("INSERT INTO t (v) VALUES ('holder')"))
            with pytest.raises(sa_exc.MissingGreenlet) as refused:
                complete(stray.execute("INSERT INTO t (v) VALUES ('stray')"))
            await holder.commit()
        await _a_writer_gets_through(engine, "after", seconds=0.3)
        del refused
    finally:
        await stray.close()


async def test_a_write_that_starts_with_with_takes_the_writer_lock(
    short_engine: AsyncEngine,
) -> None:
    """A CTE-prefixed DML (``WITH ... INSERT``: what SQLAlchemy renders for
    ``insert().add_cte()``) must take the asyncio writer lock. Without it, its connection
    holds SQLite's write lock while another holds the asyncio lock and polls SQLITE_BUSY;
    when the first writes again it waits for the asyncio lock: a lock-order deadlock that
    only the timeouts end (30 s in production, 50 ms here)."""
    wrote, done = asyncio.Event(), asyncio.Event()

    async def cte_writer() -> None:
        async with short_engine.begin() as conn:
            await conn.execute(
                text("WITH c AS (SELECT 'cte' AS v) INSERT INTO t (v) SELECT v FROM c")
            )
            wrote.set()
            await asyncio.sleep(0.01)
            await conn.execute(text("INSERT INTO t (v) VALUES ('plain')"))
        done.set()

    async def other_writer() -> None:
        await wrote.wait()
        async with writer(short_engine).begin() as conn:
            await conn.execute(text("INSERT INTO t (v) VALUES ('other')"))

    async with asyncio.timeout(2):
        results = await asyncio.gather(cte_writer(), other_writer(), return_exceptions=True)
    assert [r for r in results if r is not None] == []
    assert sorted(await _values(short_engine)) == ["cte", "other", "plain"]
