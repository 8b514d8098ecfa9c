"""The burgerzaken and verwerkingslog chains are registered and their DDL matches the tables
(on PostgreSQL, the stricter of the two; every SQLite test runs the same chains)."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData
from sqlalchemy.engine import Connection

import burgerzaken.migrate
import verwerkingslog.migrate
from burgerzaken.tables import metadata as burgerzaken_metadata
from midoffice import migrations
from midoffice.db import create_engine
from verwerkingslog.tables import metadata as verwerkingslog_metadata

CHAINS: list[tuple[ModuleType, MetaData]] = [
    (burgerzaken.migrate, burgerzaken_metadata),
    (verwerkingslog.migrate, verwerkingslog_metadata),
]


def _differences(connection: Connection, chain: ModuleType, metadata: MetaData) -> list[Any]:
    def own(obj: Any, name: str | None, type_: str, *_: Any) -> bool:
        return type_ != "table" or name in metadata.tables

    context = MigrationContext.configure(
        connection,
        opts={"compare_type": True, "version_table": chain.VERSION_TABLE, "include_object": own},
    )
    return list(compare_metadata(context, metadata))


async def test_the_chains_are_registered_idempotent_and_match_the_tables(postgres_url: str) -> None:
    database_url = postgres_url
    pending = await migrations.pending(database_url)
    assert {"burgerzaken", "verwerkingslog"} <= set(pending)
    await migrations.upgrade_all(database_url)
    assert await migrations.pending(database_url) == []
    engine = create_engine(database_url)
    try:
        for chain, metadata in CHAINS:
            await chain.upgrade(database_url)  # again: nothing to do
            assert await chain.current(database_url) == await chain.head() == "0001"
            async with engine.connect() as conn:
                differences = await conn.run_sync(_differences, chain, metadata)
            assert differences == [], chain.__name__
    finally:
        await engine.dispose()
