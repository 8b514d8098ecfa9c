"""The processor test backend on both configurations (embedded + SQLite, and Kafka/Tansu +
PostgreSQL), registered as a pytest plugin (fixture ``backend``), and the events the tests
feed it."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from catalogi.loader import load_catalogue
from catalogi.source import StaticCatalogue
from midoffice.bus import EventBus, Record, connect
from midoffice.db import create_engine
from midoffice.processing import dead_letter as dlq
from midoffice.processing.loop import Handler, Processor
from midoffice.processing.tables import processed_event
from midoffice.settings import DEMO_CATALOGUE
from schemas import event_types
from schemas.envelope import Envelope
from schemas.payloads import StatusGezetV1, ZaakGeopendV1
from tests.fixtures.postgres import create_database, drop_database
from zaakmagazijn import migrate
from zaakmagazijn.handlers import build_handlers

ZAAKTYPE = uuid.UUID("0d5a7b68-6c2c-4f0e-9f0b-1a4c2b3d4e5f")
STATUSTYPE_1 = uuid.UUID("7e1c3a10-0001-4a4a-8a8a-000000000001")
RSIN = "002220647"


@dataclass
class Backend:
    bus: EventBus
    engine: AsyncEngine
    intake: str
    events: str

    def processor(
        self, name: str = "zaakmagazijn", handlers: Mapping[str, Handler] | None = None
    ) -> Processor:
        """The zaakmagazijn processor on this backend (or one with ``handlers``)."""
        return Processor(
            name=name,
            bus=self.bus,
            engine=self.engine,
            handlers=handlers or build_handlers(StaticCatalogue(load_catalogue(DEMO_CATALOGUE))),
            source_topic=self.intake,
            events_topic=self.events,
            poll_timeout=0.05,
        )

    async def read_all(self, topic: str) -> list[Record]:
        reader = self.bus.reader(topic)
        await reader.start()
        try:
            records: list[Record] = []
            for partition in await reader.partitions():
                end, position = await reader.end_offset(partition), 0
                while position < end:
                    batch = await reader.read(partition, position, 500, timeout=2.0)
                    records += batch
                    position = batch[-1].offset + 1
            return records
        finally:
            await reader.stop()

    async def count(self, table) -> int:  # type: ignore[no-untyped-def]
        async with self.engine.connect() as conn:
            return int((await conn.execute(select(func.count()).select_from(table))).scalar_one())


@pytest.fixture(params=["embedded", pytest.param("kafka", marks=pytest.mark.kafka)])
async def backend(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Backend]:
    pg_url = None
    if request.param == "embedded":
        bus_url, db_url = f"embedded://{tmp_path}/log.sqlite3", f"sqlite+aiosqlite:///{tmp_path}/db"
    else:
        bus_url = request.getfixturevalue("tansu_url")
        db_url = pg_url = await create_database()
    suffix = uuid.uuid4().hex[:8]
    intake, events = f"intake_{suffix}", f"events_{suffix}"
    await migrate.upgrade(db_url)
    bus = connect(bus_url)
    await bus.start()
    for topic in (intake, events, dlq.dead_letter_topic(intake)):
        await bus.ensure_topic(topic, 3)
    engine = create_engine(db_url)
    try:
        yield Backend(bus, engine, intake, events)
    finally:
        await bus.close()
        await engine.dispose()
        if pg_url:
            await drop_database(pg_url)


def opened(zaak_uuid: uuid.UUID | None = None) -> Envelope:
    zaak_uuid = zaak_uuid or uuid.uuid4()
    return Envelope(
        type=event_types.ZAAK_GEOPEND,
        subject=zaak_uuid,
        tenant=RSIN,
        data=ZaakGeopendV1(
            uuid=zaak_uuid,
            bronorganisatie=RSIN,
            verantwoordelijkeOrganisatie=RSIN,
            zaaktype=ZAAKTYPE,
            registratiedatum=dt.date(2026, 11, 1),
            startdatum=dt.date(2026, 11, 1),
            vertrouwelijkheidaanduiding="openbaar",
        ),
    )


def status_set(zaak_uuid: uuid.UUID) -> Envelope:
    return Envelope(
        type=event_types.ZAAKSTATUS_GEWIJZIGD,
        subject=zaak_uuid,
        tenant=RSIN,
        data=StatusGezetV1(
            uuid=uuid.uuid4(),
            zaak=zaak_uuid,
            statustype=STATUSTYPE_1,
            datumStatusGezet=dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC),
        ),
    )


async def run_until(backend: Backend, processor: Processor, decided: int) -> None:
    """Run ``processor`` until the inbox holds ``decided`` rows (10 s at most)."""
    stop = asyncio.Event()
    task = asyncio.create_task(processor.run(stop))
    try:
        async with asyncio.timeout(20):
            while await backend.count(processed_event) < decided:
                await asyncio.sleep(0.05)
            # the batch that wrote the last inbox row must also finish its flush and commit
            await asyncio.sleep(0.3)
    finally:
        stop.set()
        await task
