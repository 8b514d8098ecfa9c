"""The autorisaties migration chain, on SQLite and on PostgreSQL, next to the other chains."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from autorisaties.migrate import VERSION_TABLE, current, head, upgrade
from autorisaties.tables import metadata
from midoffice import migrations
from midoffice.db import create_engine

OWN_TABLES = {"applicatie", "applicatie_client_id", "autorisaties_stamp"}


def _differences(connection: Connection) -> list[Any]:
    def own(obj: Any, name: str | None, type_: str, *_: Any) -> bool:
        return type_ != "table" or name in OWN_TABLES

    context = MigrationContext.configure(
        connection,
        opts={"compare_type": True, "version_table": VERSION_TABLE, "include_object": own},
    )
    return list(compare_metadata(context, metadata))


async def test_the_chain_is_registered_and_matches_the_tables(database_url: str) -> None:
    assert "autorisaties" in await migrations.pending(database_url)
    await migrations.upgrade_all(database_url)
    assert await migrations.pending(database_url) == []
    assert await current(database_url) == await head() == "0001"
    engine = create_engine(database_url)
    try:
        async with engine.connect() as conn:
            tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
            assert OWN_TABLES | {VERSION_TABLE, "processed_event", "outbox"} <= tables
            assert await conn.run_sync(_differences) == []
    finally:
        await engine.dispose()


async def test_upgrade_is_idempotent(database_url: str) -> None:
    await upgrade(database_url)
    await upgrade(database_url)
    assert await current(database_url) == "0001"
