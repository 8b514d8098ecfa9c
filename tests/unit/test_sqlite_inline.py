"""The in-thread SQLite connection: writers of one process wait for each other without
blocking the event loop, readers never wait, and errors surface as SQLAlchemy's."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from midoffice.db import create_engine, writer
from midoffice.sqlite_inline import InlineConnection


async def _engine(tmp_path: Path) -> AsyncEngine:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/inline.sqlite3")
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)"))
    return engine


async def test_statements_run_on_the_inline_connection(tmp_path: Path) -> None:
    engine = await _engine(tmp_path)
    try:
        async with engine.connect() as conn:
            raw = await conn.get_raw_connection()
            assert isinstance(raw.driver_connection, InlineConnection)
    finally:
        await engine.dispose()


async def test_concurrent_writers_wait_for_each_other_and_readers_do_not(tmp_path: Path) -> None:
    engine = await _engine(tmp_path)
    holding = asyncio.Event()
    release = asyncio.Event()

    async def long_writer() -> None:
        async with engine.begin() as conn:
            await conn.execute(text("INSERT INTO t (v) VALUES ('first')"))
            holding.set()
            await release.wait()  # holds the write lock while suspended

    async def reading_writer(i: int) -> None:
        async with writer(engine).begin() as conn:  # BEGIN IMMEDIATE: no stale snapshot
            await conn.execute(text("SELECT count(*) FROM t"))
            await asyncio.sleep(0)
            await conn.execute(text("INSERT INTO t (v) VALUES (:v)"), {"v": f"w{i}"})

    try:
        first = asyncio.create_task(long_writer())
        await holding.wait()
        others = [asyncio.create_task(reading_writer(i)) for i in range(20)]
        async with engine.connect() as conn:  # a reader is not held up by the writer
            assert await conn.scalar(text("SELECT count(*) FROM t")) == 0
        await asyncio.sleep(0.01)
        assert not any(task.done() for task in others)  # waiting, not failing
        release.set()
        await asyncio.wait_for(asyncio.gather(first, *others), 10)
        async with engine.connect() as conn:
            assert await conn.scalar(text("SELECT count(*) FROM t")) == 21
    finally:
        await engine.dispose()


async def test_a_failed_write_rolls_back_and_frees_the_lock(tmp_path: Path) -> None:
    engine = await _engine(tmp_path)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("INSERT INTO t (v) VALUES ('x')"))
        with pytest.raises(IntegrityError):
            async with engine.begin() as conn:
                await conn.execute(text("INSERT INTO t (v) VALUES ('y')"))
                await conn.execute(text("INSERT INTO t (v) VALUES ('x')"))
        async with asyncio.timeout(5):  # the next writer is not stuck behind the failed one
            async with engine.begin() as conn:
                await conn.execute(text("INSERT INTO t (v) VALUES ('z')"))
        async with engine.connect() as conn:
            assert (await conn.execute(text("SELECT v FROM t ORDER BY v"))).scalars().all() == [
                "x",
                "z",
            ]
    finally:
        await engine.dispose()


async def test_a_writer_gives_up_on_a_lock_held_past_its_timeout(tmp_path: Path) -> None:
    from midoffice.sqlite_inline import connector

    connect = connector(str(tmp_path / "timeout.sqlite3"), timeout=0.05)
    holder, waiter = await connect(), await connect()
    try:
        await (await holder.execute("BEGIN IMMEDIATE")).close()
        started = asyncio.get_running_loop().time()
        with pytest.raises(sqlite3.OperationalError, match="database is locked"):
            await waiter.execute("BEGIN IMMEDIATE")
        assert asyncio.get_running_loop().time() - started >= 0.04
        await holder.rollback()  # the lock is released with the transaction
        await (await waiter.execute("BEGIN IMMEDIATE")).close()
        await waiter.rollback()
    finally:
        await holder.close()
        await waiter.close()
