"""The catalogi processor's projection and the database-backed catalogue, on SQLite and on
PostgreSQL: the migration chain, decisions on real tables, cheap refresh, and replay."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from catalogi import projection
from catalogi.handlers import build_handlers
from catalogi.loader import load_catalogussen
from catalogi.migrate import VERSION_TABLE, current, head
from catalogi.model import Statustype, ZaaktypeGegevens
from catalogi.store import DatabaseCatalogue
from catalogi.tables import PROJECTION_TABLES
from catalogi.tables import metadata as catalogi_metadata
from midoffice import migrations
from midoffice.db import create_engine
from midoffice.settings import DEMO_CATALOGUE
from schemas.catalogi_events import CATALOGUS_GEIMPORTEERD, event_type
from schemas.envelope import Envelope
from schemas.outcome import Accepted, Outcome, Rejected
from schemas.payloads_catalogi import (
    CatalogusGeimporteerdV1,
    GepubliceerdV1,
    StatustypeGeschrevenV1,
    VerwijderdV1,
    ZaaktypeGeschrevenV1,
)
from tests.fixtures.postgres import create_database, drop_database
from zaakmagazijn.fingerprint import normalise

[DEMO] = load_catalogussen(DEMO_CATALOGUE)
ZAAKTYPE = DEMO.zaaktypen[0]
HANDLERS = build_handlers()
IMPORT = CatalogusGeimporteerdV1(catalogus=DEMO)
NEXT_YEAR = dt.date(2027, 1, 1)


@pytest.fixture
async def engine(database_url: str) -> Any:
    await migrations.upgrade_all(database_url)
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


def envelope(event: str, data: Any, *privileges: str, subject: uuid.UUID = DEMO.uuid) -> Envelope:
    return Envelope(
        type=event, subject=subject, data=data, tenant=DEMO.rsin, privileges=frozenset(privileges)
    )


async def decide(engine: AsyncEngine, event: Envelope) -> Outcome:
    async with engine.begin() as conn:
        return await HANDLERS[event.type](conn, event)


async def snapshot(engine: AsyncEngine) -> dict[str, list[dict[str, Any]]]:
    async with engine.connect() as conn:
        return {
            table.name: sorted(
                (
                    {k: normalise(v) for k, v in row.items()}
                    for row in (await conn.execute(select(table))).mappings()
                ),
                key=lambda row: row["uuid"],
            )
            for table in PROJECTION_TABLES
        }


def _differences(connection: Connection) -> list[Any]:
    def own_tables_only(name: str | None, type_: str, parent_names: Any) -> bool:
        # the database also holds the other packages' tables (one of them indexes a
        # `catalogus` column): compare only the catalogi chain's own
        return type_ != "table" or name in catalogi_metadata.tables

    context = MigrationContext.configure(
        connection,
        opts={
            "compare_type": True,
            "version_table": VERSION_TABLE,
            "include_name": own_tables_only,
        },
    )
    return list(compare_metadata(context, catalogi_metadata))  # type: ignore[arg-type]


async def test_the_migration_matches_the_tables(engine: AsyncEngine, database_url: str) -> None:
    assert await current(database_url) == await head()
    async with engine.connect() as conn:
        differences = await conn.run_sync(_differences)
    assert [d for d in differences if "catalogus" in str(d)] == []


async def test_decisions_refresh_and_replay(engine: AsyncEngine, database_url: str) -> None:
    source = DatabaseCatalogue(engine)
    await source.refresh()
    assert source.empty
    facts: list[Envelope] = []

    async def accepted(event: Envelope) -> None:
        outcome = await decide(engine, event)
        assert isinstance(outcome, Accepted), outcome
        facts.extend(outcome.facts)

    await accepted(envelope(CATALOGUS_GEIMPORTEERD, IMPORT))
    again = await decide(
        engine, envelope(CATALOGUS_GEIMPORTEERD, CatalogusGeimporteerdV1(catalogus=DEMO))
    )
    assert isinstance(again, Accepted) and again.facts == ()  # identical import: no change

    await source.refresh()
    snapshot_before = source.current()
    assert snapshot_before.zaaktype(ZAAKTYPE.uuid) == ZAAKTYPE
    await source.refresh()
    assert source.current() is snapshot_before  # nothing changed: no reload

    # a new version of the zaaktype: concept, with statustypen, then published
    nieuw = ZAAKTYPE.model_copy(update={"uuid": uuid.uuid4(), "beginGeldigheid": NEXT_YEAR})
    gegevens = {name: getattr(nieuw, name) for name in ZaaktypeGegevens.model_fields}
    payload = ZaaktypeGeschrevenV1(zaaktype=ZaaktypeGegevens.model_validate(gegevens))
    await accepted(envelope(event_type("zaaktype", "aangemaakt"), payload))
    statustypen = [
        Statustype(uuid=uuid.uuid4(), omschrijving=omschrijving, volgnummer=volgnummer)
        for volgnummer, omschrijving in ((1, "Ontvangen"), (2, "Afgehandeld"))
    ]
    for statustype in statustypen:
        data = StatustypeGeschrevenV1(zaaktype=nieuw.uuid, statustype=statustype)
        await accepted(envelope(event_type("statustype", "aangemaakt"), data))
    await accepted(
        envelope(event_type("zaaktype", "gepubliceerd"), GepubliceerdV1(uuid=nieuw.uuid))
    )
    ended = facts[-1].data.beeindigd  # type: ignore[attr-defined]
    assert [(e.uuid, e.eindeGeldigheid) for e in ended] == [(ZAAKTYPE.uuid, dt.date(2026, 12, 31))]

    weg = envelope(event_type("statustype", "verwijderd"), VerwijderdV1(uuid=statustypen[0].uuid))
    refused = await decide(engine, weg)
    assert isinstance(refused, Rejected) and refused.status_code == 403
    forced = "catalogi.geforceerd-verwijderen"
    await accepted(envelope(weg.type, weg.data, forced))
    laatste = envelope(weg.type, VerwijderdV1(uuid=statustypen[1].uuid), forced)
    refused = await decide(engine, laatste)  # a published zaaktype keeps a statustype
    assert isinstance(refused, Rejected) and refused.invalid_params[0].name == "statustypen"

    await source.refresh()
    assert source.current() is not snapshot_before
    assert source.current().statustype(statustypen[0].uuid) is None
    assert [f.sequence for f in facts] == list(range(1, len(facts) + 1))

    # replay: the facts, applied to an empty database, give the same tables
    live = await snapshot(engine)
    rebuilt_url = database_url.replace("magazijn.sqlite3", "rebuilt.sqlite3")
    if rebuilt_url == database_url:  # PostgreSQL: replay into a fresh schema of its own
        rebuilt_url = await create_database()
    try:
        await migrations.upgrade_all(rebuilt_url)
        rebuilt = create_engine(rebuilt_url)
        try:
            async with rebuilt.begin() as conn:
                for fact in facts:
                    assert await projection.apply(conn, fact)
                assert not await projection.apply(conn, facts[0])  # a duplicate is skipped
            assert await snapshot(rebuilt) == live
        finally:
            await rebuilt.dispose()
    finally:
        if rebuilt_url.startswith("postgresql"):
            await drop_database(rebuilt_url)


async def test_uuids_are_unique_over_all_catalogussen(engine: AsyncEngine) -> None:
    await decide(engine, envelope(CATALOGUS_GEIMPORTEERD, IMPORT))
    ander = DEMO.model_copy(update={"uuid": uuid.uuid4(), "domein": "ANDER"})
    outcome = await decide(
        engine,
        envelope(
            CATALOGUS_GEIMPORTEERD, CatalogusGeimporteerdV1(catalogus=ander), subject=ander.uuid
        ),
    )
    assert isinstance(outcome, Rejected)
    assert {p.code for p in outcome.invalid_params} == {"unique"}


async def test_a_gap_in_the_sequence_stops_a_replay(engine: AsyncEngine) -> None:
    fact = envelope(CATALOGUS_GEIMPORTEERD, CatalogusGeimporteerdV1(catalogus=DEMO)).accepted(
        2, CatalogusGeimporteerdV1(catalogus=DEMO)
    )
    async with engine.begin() as conn:
        with pytest.raises(projection.SequenceGap):
            await projection.apply(conn, fact)
