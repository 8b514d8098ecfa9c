"""The processing-log writer against a real database: concurrent reads share a commit, a
confirmed write returns once committed, a database that is away makes a confirmed write fail
after its timeout instead of answering without a record, and nothing queued is lost."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from midoffice import migrations
from midoffice.db import create_engine
from tests.fixtures.postgres import postgres_url  # noqa: F401  (fixture)
from verwerkingslog.record import Trace, Verwerking, records
from verwerkingslog.tables import verwerking
from verwerkingslog.writer import Writer


def _records(n: int) -> list[Verwerking]:
    trace = Trace.from_traceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
    started = dt.datetime.now(dt.UTC)
    return records([("BSN", f"{n:09d}")], key=b"k", trace=trace, name="pip_zaken_inzien",
                   activity_id="urn:x", client_id="pip", started=started)  # fmt: skip


async def test_batches_confirm_and_survive_an_absent_database(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/log.sqlite3"
    await migrations.upgrade_all(url)
    engine = create_engine(url)
    writer = Writer(engine, batch_seconds=0.01)
    try:
        await asyncio.gather(*(writer.write(_records(n), confirm=True) for n in range(50)))
        async with engine.connect() as conn:
            assert await conn.scalar(select(func.count()).select_from(verwerking)) == 50
        await writer.write(_records(99), confirm=False)  # background: flushed by close()
        await writer.close()
        async with engine.connect() as conn:
            assert await conn.scalar(select(func.count()).select_from(verwerking)) == 51
    finally:
        await engine.dispose()

    away = create_engine("postgresql+asyncpg://postgres@127.0.0.1:1/absent")
    stuck = Writer(away, confirm_timeout=0.3)
    try:
        with pytest.raises(TimeoutError):
            await stuck.write(_records(1), confirm=True)
        await stuck.close(timeout=0.3)  # gives up loudly (an error log line), never hangs
    finally:
        await away.dispose()



async def test_a_batch_larger_than_one_statement_allows_is_written(
    postgres_url: str,  # noqa: F811
) -> None:
    """Each batch is ONE INSERT; a backlog beyond PostgreSQL's 32,767 bound parameters (here
    3,000 records x 13 columns) goes in several statements instead of failing forever."""
    await migrations.upgrade_all(postgres_url)
    engine = create_engine(postgres_url)
    writer = Writer(engine, max_batch=10_000, confirm_timeout=30)
    try:
        backlog = [record for n in range(3_000) for record in _records(n)]
        await writer.write(backlog, confirm=True)
        async with engine.connect() as conn:
            assert await conn.scalar(select(func.count()).select_from(verwerking)) == 3_000
        await writer.close()
    finally:
        await engine.dispose()
