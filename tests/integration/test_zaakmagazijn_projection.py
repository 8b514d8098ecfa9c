"""Applying facts: idempotent, gap-detecting, and a replay reproduces the live projection."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine

from midoffice.db import create_engine
from schemas import event_types
from schemas.codec import decode, encode
from schemas.envelope import Envelope
from schemas.payloads import StatusGezetV1
from tests.integration.test_zaakmagazijn_rules import (
    NOW,
    OTHER_BRON,
    ST,
    Magazijn,
    open_magazijn,
    resultaat,
    status_gezet,
    zaak_geopend,
)
from zaakmagazijn import fingerprint
from zaakmagazijn.migrate import upgrade
from zaakmagazijn.projection import (
    APPLIERS,
    InvalidFact,
    SequenceGap,
    UnknownFactType,
    apply,
)
from zaakmagazijn.tables import zaak


@pytest.fixture
async def magazijn(database_url: str) -> AsyncIterator[Magazijn]:
    m = await open_magazijn(database_url)
    yield m
    await m.engine.dispose()


async def live_run(magazijn: Magazijn) -> list[Envelope]:
    """A small but varied history; returns the accepted facts in log order."""
    a = (await magazijn.accept(zaak_geopend())).resource_uuid
    b = (
        await magazijn.accept(zaak_geopend(identificatie="PV-7", toelichting="ß € ✓"))
    ).resource_uuid
    c = (await magazijn.accept(zaak_geopend(bronorganisatie=OTHER_BRON))).resource_uuid
    d = (await magazijn.accept(zaak_geopend(registratiedatum=dt.date(2025, 12, 31)))).resource_uuid
    start = NOW - dt.timedelta(days=2)
    await magazijn.handle_batch(
        [
            status_gezet(a, ST[1], start),
            resultaat(a),
            resultaat(c),
            status_gezet(b, ST[1], start),
            status_gezet(a, ST[2], start + dt.timedelta(hours=1)),
            status_gezet(a, ST[3], start + dt.timedelta(minutes=30)),  # backdated: not current
            status_gezet(b, ST[2], start),  # same moment: the later one wins
            zaak_geopend(identificatie="PV-7"),  # rejected inside the batch
            status_gezet(c, ST[4], dt.datetime(2026, 5, 3, 23, 59, 59, 999999, tzinfo=dt.UTC)),
            status_gezet(d, ST[1], dt.datetime(2026, 3, 29, 1, 30)),  # naive, around DST
        ]
    )
    await magazijn.accept(status_gezet(a, ST[4], start + dt.timedelta(hours=3)))
    assert len(magazijn.facts) == 14
    return list(magazijn.facts)


def through_the_log(facts: list[Envelope]) -> list[Envelope]:
    """The facts as a replay reads them back from the events topic."""
    return [decode(e.value, e.headers) for e in map(encode, facts)]


async def apply_all(engine: AsyncEngine, facts: list[Envelope]) -> list[bool]:
    async with engine.begin() as conn:
        return [await apply(conn, fact) for fact in facts]


async def snapshot_of(engine: AsyncEngine) -> fingerprint.Snapshot:
    async with engine.connect() as conn:
        return await fingerprint.snapshot(conn)


async def empty_database(url: str) -> AsyncEngine:
    await upgrade(url)
    return create_engine(url)


async def test_applying_a_fact_twice_changes_nothing(magazijn: Magazijn) -> None:
    facts = await live_run(magazijn)
    before = await magazijn.snapshot()
    assert await apply_all(magazijn.engine, facts) == [False] * len(facts)
    assert await apply_all(magazijn.engine, facts[-1:]) == [False]
    assert await magazijn.snapshot() == before


async def test_a_sequence_gap_raises(magazijn: Magazijn) -> None:
    opened = await magazijn.accept(zaak_geopend())
    first = await magazijn.accept(status_gezet(opened.resource_uuid, ST[1], NOW))
    before = await magazijn.snapshot()
    skipped = first.facts[0]
    ahead = skipped.accepted(4, skipped.data, index=1)  # sequence 3 never arrived
    with pytest.raises(SequenceGap) as raised:
        await apply_all(magazijn.engine, [ahead])
    assert (raised.value.zaak, raised.value.expected, raised.value.got) == (
        opened.resource_uuid,
        3,
        4,
    )
    assert await magazijn.snapshot() == before


async def test_a_status_for_an_unseen_zaak_is_a_gap(magazijn: Magazijn, tmp_path: object) -> None:
    opened = await magazijn.accept(zaak_geopend())
    status_fact = (await magazijn.accept(status_gezet(opened.resource_uuid, ST[1], NOW))).facts[0]
    replica = await empty_database(f"sqlite+aiosqlite:///{tmp_path}/replica.sqlite3")
    try:
        with pytest.raises(SequenceGap):
            await apply_all(replica, [status_fact])
        assert (await snapshot_of(replica))["status"] == []
    finally:
        await replica.dispose()


async def test_only_accepted_facts_of_known_types_apply(magazijn: Magazijn) -> None:
    intake = zaak_geopend()
    with pytest.raises(InvalidFact):
        await apply_all(magazijn.engine, [intake])  # no sequence: an intake event
    alien = Envelope(
        type="nl.overheid.documenten.document-toegevoegd",
        subject=uuid.uuid4(),
        data=intake.data,
        tenant=intake.tenant,
        sequence=1,
    )
    with pytest.raises(UnknownFactType):
        await apply_all(magazijn.engine, [alien])
    assert set(APPLIERS) == set(event_types.ALL) - {event_types.ZAAK_GEREGISTREERD}


async def test_current_status_and_einddatum_follow_datum_status_gezet(magazijn: Magazijn) -> None:
    facts = await live_run(magazijn)
    statussen = [f.data for f in facts if isinstance(f.data, StatusGezetV1)]
    a_statussen = [s for s in statussen if s.zaak == statussen[0].zaak]
    row = await magazijn.zaak(a_statussen[0].zaak)
    assert row.status == a_statussen[-1].uuid and row.einddatum == a_statussen[-1].einddatum
    b_statussen = [s for s in statussen if s.zaak == statussen[1].zaak]
    assert (await magazijn.zaak(b_statussen[0].zaak)).status == b_statussen[1].uuid


async def test_replay_into_an_empty_database_reproduces_the_live_one(
    magazijn: Magazijn, tmp_path: object
) -> None:
    facts = await live_run(magazijn)
    live = await magazijn.snapshot()
    replica = await empty_database(f"sqlite+aiosqlite:///{tmp_path}/replica.sqlite3")
    try:
        log = through_the_log(facts)
        with_duplicates = [*log[:5], *log[2:7], *log[5:]]  # at-least-once delivery
        applied = await apply_all(replica, with_duplicates)
        assert applied.count(True) == len(facts)
        rebuilt = await snapshot_of(replica)
    finally:
        await replica.dispose()
    assert fingerprint.diff(live, rebuilt) == []
    assert fingerprint.content_hash(rebuilt) == fingerprint.content_hash(live)


async def test_same_facts_give_the_same_hash_on_sqlite_and_postgresql(
    sqlite_url: str, postgres_url: str, tmp_path: object
) -> None:
    live = await open_magazijn(sqlite_url)
    try:
        facts = through_the_log(await live_run(live))
        live_hash = fingerprint.content_hash(await live.snapshot())
    finally:
        await live.engine.dispose()
    hashes = {}
    for name, url in [
        ("sqlite", f"sqlite+aiosqlite:///{tmp_path}/other.sqlite3"),
        ("postgres", postgres_url),
    ]:
        engine = await empty_database(url)
        try:
            await apply_all(engine, facts)
            hashes[name] = fingerprint.content_hash(await snapshot_of(engine))
        finally:
            await engine.dispose()
    assert hashes == {"sqlite": live_hash, "postgres": live_hash}


async def test_diff_reports_changed_missing_and_extra_rows(magazijn: Magazijn) -> None:
    facts = await live_run(magazijn)
    live = await magazijn.snapshot()
    changed = facts[0].subject
    async with magazijn.engine.begin() as conn:
        await conn.execute(
            update(zaak).where(zaak.c.uuid == changed).values(omschrijving="Gewijzigd")
        )
    other = await magazijn.snapshot()
    original = next(r["omschrijving"] for r in live["zaak"] if r["uuid"] == str(changed))
    assert fingerprint.diff(live, other) == [
        f'zaak[uuid={changed}].omschrijving: live "{original}" != other "Gewijzigd"'
    ]
    assert fingerprint.content_hash(other) != fingerprint.content_hash(live)
    fewer = {**other, "identificatie_teller": other["identificatie_teller"][1:]}
    teller = live["identificatie_teller"][0]
    lines = fingerprint.diff(live, fewer)
    assert (
        f"identificatie_teller[bronorganisatie={teller['bronorganisatie']}, "
        f"jaar={teller['jaar']}]: missing in other"
    ) in lines
    assert fingerprint.diff(fewer, live)[-1].endswith("extra in other")
    assert len(fingerprint.diff(live, {}, limit=3)) == 4  # 3 lines and a summary
