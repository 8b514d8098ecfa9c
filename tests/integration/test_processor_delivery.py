"""Delivery guarantees of the processor loop, on both backends (embedded + SQLite and
Kafka/Tansu + PostgreSQL): redelivery after a crash at any point changes nothing, a duplicate
event changes nothing, and a poison event goes to the dead-letter topic while its partition
goes on."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from catalogi.loader import load_catalogue
from catalogi.source import StaticCatalogue
from midoffice.bus import EventBus, Message, Record, connect
from midoffice.db import create_engine
from midoffice.processing import dead_letter as dlq
from midoffice.processing.loop import Processor, as_message
from midoffice.processing.tables import processed_event
from midoffice.settings import DEMO_CATALOGUE
from schemas import event_types
from schemas.codec import encode
from schemas.envelope import Envelope
from schemas.payloads import StatusGezetV1, ZaakGeopendV1
from tests.fixtures.postgres import create_database, drop_database
from zaakmagazijn import migrate
from zaakmagazijn.handlers import build_handlers
from zaakmagazijn.tables import status, zaak

ZAAKTYPE = uuid.UUID("0d5a7b68-6c2c-4f0e-9f0b-1a4c2b3d4e5f")
STATUSTYPE_1 = uuid.UUID("7e1c3a10-0001-4a4a-8a8a-000000000001")
RSIN = "002220647"


@dataclass
class Backend:
    bus: EventBus
    engine: AsyncEngine
    intake: str
    events: str

    def processor(self, name: str = "zaakmagazijn") -> Processor:
        return Processor(
            name=name,
            bus=self.bus,
            engine=self.engine,
            handlers=build_handlers(StaticCatalogue(load_catalogue(DEMO_CATALOGUE))),
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


async def test_delivering_the_same_event_twice_changes_nothing(backend: Backend) -> None:
    event = opened()
    await backend.bus.publish_batch(backend.intake, [as_message(event), as_message(event)])
    await run_until(backend, backend.processor(), 1)
    assert await backend.count(zaak) == 1
    assert await backend.count(processed_event) == 1
    assert len(await backend.read_all(backend.events)) == 1


@pytest.mark.parametrize("crash_point", ["after_db_commit", "after_outbox_flush"])
async def test_crash_before_offset_commit_causes_no_duplicate_and_no_loss(
    backend: Backend, crash_point: str
) -> None:
    zaken = [uuid.uuid4() for _ in range(6)]
    events = [opened(z) for z in zaken] + [status_set(z) for z in zaken]
    await backend.bus.publish_batch(backend.intake, [as_message(e) for e in events])

    doomed = backend.processor()
    consumer = backend.bus.group_consumer(doomed.name, [backend.intake])
    await consumer.start()
    records: list[Record] = []
    async with asyncio.timeout(20):
        while len(records) < len(events):
            records += await consumer.poll(0.2, 500)
    await doomed._apply_batch(records)  # the database transaction commits here
    if crash_point == "after_outbox_flush":
        from midoffice.processing import outbox

        await outbox.flush(backend.engine, backend.bus, doomed.name, {r.tp for r in records})
    await consumer.stop()  # "killed": the offsets were never committed

    await run_until(backend, backend.processor(), len(events))
    assert await backend.count(zaak) == 6
    assert await backend.count(status) == 6
    facts = await backend.read_all(backend.events)
    fact_ids = [dict(r.headers)["ce_id"] for r in facts]
    assert len(fact_ids) == 12 and len(set(fact_ids)) == 12, "no fact lost, none published twice"


async def test_poison_event_goes_to_dead_letters_and_the_partition_goes_on(
    backend: Backend,
) -> None:
    zaak_uuid = uuid.uuid4()
    key = str(zaak_uuid).encode()
    garbage = Message(key=key, value=b"\x00\xffnot an event", headers=(("ce_specversion", b"1.0"),))
    future = encode(opened(zaak_uuid))
    newer = tuple(
        (n, v.replace(b":v1", b":v99") if n == "ce_dataschema" else v) for n, v in future.headers
    )
    unknown_version = Message(key=key, value=future.value, headers=newer)
    good = as_message(opened(zaak_uuid))
    positions = await backend.bus.publish_batch(backend.intake, [garbage, unknown_version, good])
    assert len({p.partition for p in positions}) == 1, "same key, same partition"

    await run_until(backend, backend.processor(), 1)
    assert await backend.count(zaak) == 1, "the event after the poison ones was processed"

    letters = await backend.read_all(dlq.dead_letter_topic(backend.intake))
    assert len(letters) == 2
    origins = [dlq.origin(letter) for letter in letters]
    assert [int(o[dlq.ORIGIN_OFFSET]) for o in origins] == [
        positions[0].offset,
        positions[1].offset,
    ]
    assert {o[dlq.ORIGIN_TOPIC] for o in origins} == {backend.intake}
    assert {int(o[dlq.ORIGIN_PARTITION]) for o in origins} == {positions[0].partition}
    assert "undecodable" in origins[0][dlq.REASON]
    assert "no version 99" in origins[1][dlq.REASON]
    assert letters[0].value == garbage.value, "the original bytes are kept"
    requeued = dlq.requeue_message(letters[1])
    assert dlq.REASON not in dict(requeued.headers)


async def test_rejected_event_records_the_reason_and_changes_nothing(backend: Backend) -> None:
    await backend.bus.publish(backend.intake, as_message(status_set(uuid.uuid4())))
    await run_until(backend, backend.processor(), 1)
    async with backend.engine.connect() as conn:
        row = (await conn.execute(select(processed_event))).one()
    assert row.outcome == "rejected"
    detail = row.detail if isinstance(row.detail, dict) else json.loads(row.detail)
    assert detail["invalidParams"][0]["name"] == "zaak"
    assert await backend.count(status) == 0
    assert await backend.read_all(backend.events) == []
