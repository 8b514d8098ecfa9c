"""How the processor loop spends statements on a batch, on both backends: no savepoint per
event unless a handler fails, one INSERT for the batch's outbox rows, and published rows
deleted without a transaction of their own. And that a failing handler still costs only its
own event, with everything else in its batch kept."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, select

from midoffice.bus import Record
from midoffice.bus.base import GroupConsumer, TopicPartition
from midoffice.processing import dead_letter as dlq
from midoffice.processing.loop import IDLE_COMMIT_SECONDS, as_message
from midoffice.processing.tables import outbox, processed_event
from schemas import event_types
from schemas.envelope import Envelope
from schemas.outcome import Outcome
from tests.integration.processor_support import Backend, opened, status_set
from zaakmagazijn.tables import zaak


@contextmanager
def statements(backend: Backend) -> Iterator[list[str]]:
    """The SQL statements run through ``backend.engine`` meanwhile (transaction control too)."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(" ".join(statement.split())[:60])

    def commit(_conn: Any) -> None:
        seen.append("COMMIT")

    target = backend.engine.sync_engine
    event.listen(target, "before_cursor_execute", record)
    event.listen(target, "commit", commit)
    try:
        yield seen
    finally:
        event.remove(target, "before_cursor_execute", record)
        event.remove(target, "commit", commit)


async def consumed(backend: Backend, name: str, count: int) -> list[Record]:
    """``count`` records of the intake topic, read (and committed) as consumer group ``name``."""
    consumer = backend.bus.group_consumer(name, [backend.intake])
    await consumer.start()
    records: list[Record] = []
    try:
        async with asyncio.timeout(20):
            while len(records) < count:
                records += await consumer.poll(0.2, 500)
        await consumer.commit({r.tp: r.offset + 1 for r in records})
    finally:
        await consumer.stop()
    return records


async def test_a_batch_without_failures_runs_no_savepoint_and_one_outbox_insert(
    backend: Backend,
) -> None:
    first, second = uuid.uuid4(), uuid.uuid4()
    events = [opened(first), opened(second), status_set(first)]
    await backend.bus.publish_batch(backend.intake, [as_message(e) for e in events])
    processor = backend.processor()
    records = await consumed(backend, processor.name, len(events))

    with statements(backend) as seen:
        decisions = await processor._apply_batch(records)

    assert [outcome.status for _, outcome in decisions] == ["accepted"] * 3
    assert not [s for s in seen if "SAVEPOINT" in s.upper()], seen
    assert len([s for s in seen if s.startswith("INSERT INTO outbox")]) == 1, seen
    assert await backend.count(zaak) == 2


async def test_published_rows_leave_the_outbox_in_the_next_transaction_or_when_idle(
    backend: Backend,
) -> None:
    first = uuid.uuid4()  # both events of one zaak: one partition, seen before
    processor = backend.processor()
    await backend.bus.publish(backend.intake, as_message(opened(first)))
    assert await processor._decide_and_publish(await consumed(backend, processor.name, 1))
    assert processor._published, "the first fact is out, its row not yet gone"
    await backend.bus.publish(backend.intake, as_message(status_set(first)))
    records = await consumed(backend, processor.name, 1)

    with statements(backend) as seen:
        assert await processor._decide_and_publish(records)

    # the second batch's own transaction deleted the first row: no transaction of its own
    deletes = [i for i, s in enumerate(seen) if s.startswith("DELETE FROM outbox")]
    assert len(deletes) == 1, seen
    transaction = seen[deletes[0] : seen.index("COMMIT", deletes[0])]
    assert any(s.startswith("INSERT INTO status ") for s in transaction), seen
    assert await backend.count(outbox) == 1
    stop = asyncio.Event()
    task = asyncio.create_task(processor.run(stop))  # nothing left to consume: idle
    try:
        async with asyncio.timeout(IDLE_COMMIT_SECONDS + 20):  # a Kafka group join first
            while await backend.count(outbox):
                await asyncio.sleep(0.1)
    finally:
        stop.set()
        await task
    facts = await backend.read_all(backend.events)
    types = sorted(dict(r.headers)["ce_type"].decode() for r in facts)
    assert types == sorted([event_types.ZAAK_GEOPEND, event_types.ZAAKSTATUS_GEWIJZIGD]), (
        "each fact published once"
    )


async def test_a_failing_handler_costs_only_its_own_event(backend: Backend) -> None:
    doomed, kept = uuid.uuid4(), uuid.uuid4()
    processor = backend.processor()
    real = processor.handlers[event_types.ZAAK_GEOPEND]

    async def fails_for_doomed(conn: Any, envelope: Envelope) -> Outcome:
        outcome = await real(conn, envelope)  # writes the zaak, then fails
        if envelope.subject == doomed:
            raise RuntimeError("kapot")
        return outcome

    handlers = dict(processor.handlers)
    handlers[event_types.ZAAK_GEOPEND] = fails_for_doomed
    processor = backend.processor(handlers=handlers)
    events = [opened(kept), opened(doomed), status_set(kept)]
    await backend.bus.publish_batch(backend.intake, [as_message(e) for e in events])
    records = await consumed(backend, processor.name, len(events))

    with statements(backend) as seen:
        decisions = await processor._apply_batch(records)

    by_event = {event_id: outcome.status for event_id, outcome in decisions}
    assert by_event == {events[0].id: "accepted", events[1].id: "rejected",
                        events[2].id: "accepted"}  # fmt: skip
    assert any("SAVEPOINT" in s.upper() for s in seen), "decided again, guarded"
    async with backend.engine.connect() as conn:
        stored = set((await conn.execute(select(zaak.c.uuid))).scalars())
        outcomes = dict((await conn.execute(select(processed_event.c.event_id,
                                                   processed_event.c.outcome))).all())  # fmt: skip
    assert stored == {kept}, "the failing handler's write is rolled back, the rest kept"
    assert sorted(outcomes.values()) == ["accepted", "accepted", "dead_letter"]
    await processor._publish({record.tp for record in records})
    letters = await backend.read_all(dlq.dead_letter_topic(backend.intake))
    assert len(letters) == 1
    assert "RuntimeError: kapot" in dlq.origin(letters[0])[dlq.REASON]


class HeldCommits:
    """The processor's real group consumer, whose commits wait until ``release`` is set."""

    def __init__(self, consumer: GroupConsumer) -> None:
        self.consumer = consumer
        self.release = asyncio.Event()
        self.calls: list[dict[TopicPartition, int]] = []

    async def commit(self, offsets: Mapping[TopicPartition, int]) -> None:
        self.calls.append(dict(offsets))
        await self.release.wait()
        await self.consumer.commit(offsets)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.consumer, name)


async def test_offsets_are_committed_in_order_while_the_next_batch_is_decided(
    backend: Backend,
) -> None:
    zaak_uuid = uuid.uuid4()  # one zaak: one partition
    events = [opened(zaak_uuid), status_set(zaak_uuid)]
    await backend.bus.publish_batch(backend.intake, [as_message(e) for e in events])
    processor = backend.processor()
    consumer = backend.bus.group_consumer(processor.name, [backend.intake])
    await consumer.start()
    try:
        records: list[Record] = []
        async with asyncio.timeout(20):
            while len(records) < 2:
                records += await consumer.poll(0.2, 500)
        held = HeldCommits(consumer)
        tp = records[0].tp
        # Both batches are decided while the first one's commit is still on its way.
        async with asyncio.timeout(10):
            await processor.process(held, records[:1])  # type: ignore[arg-type]
            await processor.process(held, records[1:])  # type: ignore[arg-type]
        assert await backend.count(processed_event) == 2
        assert held.calls == [{tp: records[0].offset + 1}], "the second waits for the first"
        held.release.set()
        await processor._commits_landed()
        assert held.calls == [{tp: records[0].offset + 1}, {tp: records[1].offset + 1}]
        assert await consumer.committed(tp) == records[1].offset + 1
    finally:
        await consumer.stop()
