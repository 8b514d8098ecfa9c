"""The gateway's read engine (``midoffice.db.create_read_engine``) on the real databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

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
