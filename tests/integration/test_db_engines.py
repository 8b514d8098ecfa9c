"""The engines of ``midoffice.db`` on the real databases: the gateway's read pool, and
how PostgreSQL pools check their connections."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from midoffice.db import create_engine, create_read_engine
from tests.fixtures.postgres import postgres_url  # noqa: F401  (fixture)


async def test_postgresql_reads_run_outside_a_transaction_and_cannot_write(
    postgres_url: str,  # noqa: F811
) -> None:
    engine = create_engine(postgres_url)
    reads = create_read_engine(postgres_url, engine)
    try:
        assert reads is not engine
        async with engine.begin() as conn:
            await conn.execute(text("CREATE TABLE t (n integer)"))
            await conn.execute(text("INSERT INTO t VALUES (1)"))
        async with reads.connect() as conn:
            assert await conn.scalar(text("SELECT count(*) FROM t")) == 1
            # no BEGIN was sent: each statement is a transaction of its own
            first = await conn.scalar(text("SELECT pg_current_xact_id()"))
            assert await conn.scalar(text("SELECT pg_current_xact_id()")) != first
            with pytest.raises(DBAPIError, match="read-only transaction"):
                await conn.execute(text("INSERT INTO t VALUES (2)"))
        async with engine.connect() as conn:
            assert await conn.scalar(text("SELECT count(*) FROM t")) == 1
    finally:
        await reads.dispose()
        await engine.dispose()


async def test_sqlite_reads_share_the_engine(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite3'}"
    engine = create_engine(url)
    try:
        assert create_read_engine(url, engine) is engine
    finally:
        await engine.dispose()


async def _backend_pid(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        return int(await conn.scalar(text("SELECT pg_backend_pid()")) or 0)


async def _terminate(url: str, pid: int) -> None:
    """Kill a backend and wait (up to 5 s) until it is gone."""
    admin = create_engine(url)
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f"SELECT pg_terminate_backend({pid}, 5000)"))
    finally:
        await admin.dispose()


async def test_a_connection_that_died_while_idle_is_replaced_before_use(
    postgres_url: str,  # noqa: F811
) -> None:
    """A server restart kills pooled connections: one idle for longer than the ping interval
    is pinged and replaced at checkout, so the next unit of work does not fail."""
    engine = create_engine(postgres_url, pool_size=1, max_overflow=0, idle_ping_seconds=0.2)
    try:
        first = await _backend_pid(engine)
        await _terminate(postgres_url, first)
        await asyncio.sleep(0.3)
        assert await _backend_pid(engine) != first
    finally:
        await engine.dispose()


async def test_a_connection_in_use_a_moment_ago_is_not_pinged(
    postgres_url: str,  # noqa: F811
) -> None:
    """No ping (three round trips outside autocommit) on a busy pool: a connection killed
    between two quick units of work fails the second, which is what a processor retries."""
    engine = create_engine(postgres_url, pool_size=1, max_overflow=0, idle_ping_seconds=60)
    try:
        first = await _backend_pid(engine)
        await _terminate(postgres_url, first)
        with pytest.raises(DBAPIError):
            await _backend_pid(engine)
        assert await _backend_pid(engine) != first  # the pool replaced it after the failure
    finally:
        await engine.dispose()
