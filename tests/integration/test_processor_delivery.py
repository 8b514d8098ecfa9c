"""Delivery guarantees of the processor loop, on both backends (embedded + SQLite and
Kafka/Tansu + PostgreSQL): redelivery after a crash at any point changes nothing, a duplicate
event changes nothing, and a poison event goes to the dead-letter topic while its partition
goes on."""

from __future__ import annotations

import asyncio
import json
import uuid

import pytest
from sqlalchemy import select

from midoffice.bus import Message, Record
from midoffice.processing import dead_letter as dlq
from midoffice.processing.loop import as_message
from midoffice.processing.tables import processed_event
from schemas.codec import encode
from tests.integration.processor_support import Backend, opened, run_until, status_set
from zaakmagazijn.tables import status, zaak


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
