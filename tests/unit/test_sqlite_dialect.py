"""The in-thread SQLite dialect: transactions begin at their first statement (deferred, or
with the write lock for ``writer`` engines), savepoints and rollbacks are real, a lock held
elsewhere is waited for on the event loop, and no connection events are needed."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from midoffice.db import writer
from midoffice.sqlite_dialect import InlineSQLiteDialect, complete
from tests.unit import sqlite_support


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    async with sqlite_support.table_engine(tmp_path / "dialect.sqlite3") as engine:
        yield engine


def test_complete_runs_a_coroutine_that_does_not_suspend_in_place() -> None:
    async def answer() -> int:
        return 42

    assert complete(answer()) == 42  # outside any greenlet or event loop


async def test_the_dialect_needs_no_connection_events(engine: AsyncEngine) -> None:
    assert isinstance(engine.sync_engine.dialect, InlineSQLiteDialect)
    assert not engine.sync_engine._has_events  # else every statement dispatches events
    assert not writer(engine).sync_engine._has_events


async def test_a_writer_holds_the_write_lock_from_its_first_statement(
    engine: AsyncEngine,
) -> None:
    outsider = sqlite_support.outsider(engine)
    try:
        async with writer(engine).begin() as conn:
            await conn.execute(text("SELECT count(*) FROM t"))
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                outsider.execute("BEGIN IMMEDIATE")
        async with engine.begin() as conn:  # a plain transaction begins deferred
            await conn.execute(text("SELECT count(*) FROM t"))
            outsider.execute("BEGIN IMMEDIATE")
            outsider.execute("ROLLBACK")
    finally:
        outsider.close()


async def test_rollback_and_savepoints_are_real_transactions(engine: AsyncEngine) -> None:
    with pytest.raises(RuntimeError):
        async with engine.begin() as conn:
            await conn.execute(text("INSERT INTO t (v) VALUES ('rolled back')"))
            raise RuntimeError("abandon the transaction")
    async with engine.begin() as conn:
        await conn.execute(text("INSERT INTO t (v) VALUES ('kept')"))
        nested = await conn.begin_nested()
        await conn.execute(text("INSERT INTO t (v) VALUES ('inner')"))
        await nested.rollback()
    async with engine.connect() as conn:
        assert (await conn.execute(text("SELECT v FROM t"))).scalars().all() == ["kept"]


async def test_a_lock_held_elsewhere_is_waited_for_without_blocking_the_loop(
    engine: AsyncEngine,
) -> None:
    outsider = sqlite_support.outsider(engine)
    outsider.execute("BEGIN IMMEDIATE")
    outsider.execute("INSERT INTO t (v) VALUES ('outsider')")
    ticks = 0

    async def ticking() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.001)

    ticker = asyncio.create_task(ticking())
    asyncio.get_running_loop().call_later(0.1, outsider.execute, "COMMIT")
    try:
        async with asyncio.timeout(5):
            async with writer(engine).begin() as conn:
                count = await conn.scalar(text("SELECT count(*) FROM t"))
                await conn.execute(text("INSERT INTO t (v) VALUES ('ours')"))
        assert count == 1  # it began after the outsider's commit: no stale snapshot
        assert ticks >= 20  # the loop ran while the writer waited
    finally:
        ticker.cancel()
        outsider.close()
    async with engine.connect() as conn:
        rows = (await conn.execute(text("SELECT v FROM t ORDER BY id"))).scalars().all()
    assert rows == ["outsider", "ours"]


async def test_a_writer_cancelled_while_waiting_for_the_lock_leaves_nothing_behind(
    engine: AsyncEngine,
) -> None:
    holding, release = asyncio.Event(), asyncio.Event()

    async def holder() -> None:
        async with writer(engine).begin() as conn:
            await conn.execute(text("INSERT INTO t (v) VALUES ('holder')"))
            holding.set()
            await release.wait()

    async def waiter() -> None:
        async with writer(engine).begin() as conn:
            await conn.execute(text("INSERT INTO t (v) VALUES ('cancelled')"))

    first = asyncio.create_task(holder())
    await holding.wait()
    cancelled = asyncio.create_task(waiter())
    await asyncio.sleep(0.01)  # waiting for the lock on the event loop
    cancelled.cancel()
    with pytest.raises(asyncio.CancelledError):
        await cancelled
    release.set()
    await first
    async with asyncio.timeout(5):  # the lock is free again
        async with writer(engine).begin() as conn:
            await conn.execute(text("INSERT INTO t (v) VALUES ('after')"))
    async with engine.connect() as conn:
        rows = (await conn.execute(text("SELECT v FROM t ORDER BY id"))).scalars().all()
    assert rows == ["holder", "after"]


async def test_streamed_results_read_through_a_server_side_cursor(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        await conn.execute(text("INSERT INTO t (v) VALUES ('a'), ('b'), ('c')"))
    async with engine.connect() as conn:
        result = await conn.stream(text("SELECT v FROM t ORDER BY v"))
        assert [row.v async for row in result] == ["a", "b", "c"]
