"""The zaakmagazijn migration chain, on SQLite and on PostgreSQL."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from midoffice.db import create_engine
from midoffice.processing.tables import metadata as processing_metadata
from zaakmagazijn.migrate import VERSION_TABLE, current, head, head_revision, upgrade
from zaakmagazijn.tables import metadata as zaakmagazijn_metadata

EXPECTED_TABLES = {
    "zaak", "status", "identificatie_teller", "processed_event", "outbox",
    "rol", "resultaat", "zaakobject", "zaakeigenschap", "zaakinformatieobject", "klantcontact",
    "audittrail", "verwijderde_zaak", "idempotentie",
}  # fmt: skip


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "version_table": VERSION_TABLE}
    )
    return list(
        compare_metadata(context, [zaakmagazijn_metadata, processing_metadata])  # type: ignore[arg-type]
    )


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_upgrade_creates_the_schema(database_url: str) -> None:
    assert await current(database_url) is None
    await upgrade(database_url)
    assert await current(database_url) == await head() == head_revision() == "0004"
    engine = create_engine(database_url)
    try:
        async with engine.connect() as conn:
            assert await conn.run_sync(_tables) == EXPECTED_TABLES | {VERSION_TABLE}
    finally:
        await engine.dispose()


async def test_migrated_schema_matches_the_table_modules(database_url: str) -> None:
    await upgrade(database_url)
    engine = create_engine(database_url)
    try:
        async with engine.connect() as conn:
            assert await conn.run_sync(_differences) == []
    finally:
        await engine.dispose()


async def test_upgrade_is_idempotent(database_url: str) -> None:
    await upgrade(database_url)
    await upgrade(database_url)
    await upgrade(database_url, "0004")
    assert await current(database_url) == "0004"
    engine = create_engine(database_url)
    try:
        async with engine.connect() as conn:
            assert await conn.run_sync(_differences) == []
    finally:
        await engine.dispose()


async def test_the_comparison_notices_drift(database_url: str) -> None:
    """Guard against a comparison that passes vacuously."""
    await upgrade(database_url)
    engine = create_engine(database_url)
    try:
        async with engine.begin() as conn:
            await conn.exec_driver_sql("DROP INDEX ix_zaak_startdatum")
        async with engine.connect() as conn:
            differences = await conn.run_sync(_differences)
    finally:
        await engine.dispose()
    assert [d[0] for d in differences] == ["add_index"]
    assert differences[0][1].name == "ix_zaak_startdatum"
