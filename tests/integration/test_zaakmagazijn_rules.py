"""Zaakmagazijn handlers against real SQLite and PostgreSQL databases.

The helpers at the top (catalogue, event builders, ``Magazijn``) are shared with
test_zaakmagazijn_projection.py.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import uuid
from collections.abc import AsyncIterator, Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine

import catalogi
from catalogi.loader import load_catalogue
from catalogi.model import Catalogue, Statustype, Zaaktype
from catalogi.source import StaticCatalogue
from midoffice.db import create_engine
from schemas.envelope import Envelope
from schemas.event_types import RESULTAAT_TOEGEVOEGD, ZAAK_GEOPEND, ZAAKSTATUS_GEWIJZIGD
from schemas.outcome import Accepted, Outcome, Rejected
from schemas.payloads import StatusGezetV1, StatusGezetV2, ZaakGeopendV1
from schemas.zaakonderdelen import ResultaatV1
from zaakmagazijn import fingerprint, rules
from zaakmagazijn.handlers import Handler, build_handlers
from zaakmagazijn.migrate import upgrade
from zaakmagazijn.tables import identificatie_teller, status, zaak

# --- shared helpers ---------------------------------------------------------------------------

BRON = "002220647"
OTHER_BRON = "123456782"
NOW = dt.datetime(2026, 5, 4, 12, 0, tzinfo=dt.UTC)

_DEMO = load_catalogue(Path(catalogi.__file__).parent / "demo" / "catalogus.yaml")
ZAAKTYPE: Zaaktype = _DEMO.catalogussen[0].zaaktypen[0]
ST = {s.volgnummer: s for s in ZAAKTYPE.statustypen}  # 1 Ontvangen .. 4 Afgehandeld
OTHER_ZAAKTYPE = ZAAKTYPE.model_copy(
    update={
        "uuid": uuid.UUID("1e2f3a4b-0000-4000-8000-000000000001"),
        "identificatie": "MELDING-OPENBARE-RUIMTE",
        "omschrijving": "Melding openbare ruimte",
        "roltypen": (),
        "resultaattypen": (),
        "eigenschappen": (),
        "zaakobjecttypen": (),
        "zaaktypeInformatieobjecttypen": (),
        "statustypen": (
            Statustype(
                uuid=uuid.UUID("1e2f3a4b-0000-4000-8000-0000000000a1"),
                omschrijving="Gemeld",
                volgnummer=1,
            ),
            Statustype(
                uuid=uuid.UUID("1e2f3a4b-0000-4000-8000-0000000000a2"),
                omschrijving="Opgelost",
                volgnummer=2,
            ),
        ),
    }
)
CATALOGUE = Catalogue(
    [_DEMO.catalogussen[0].model_copy(update={"zaaktypen": (ZAAKTYPE, OTHER_ZAAKTYPE)})]
)


def zaak_geopend(**changes: Any) -> Envelope:
    """An intake zaak-geopend event of the demo zaaktype, with ``changes`` to the payload."""
    fields: dict[str, Any] = {
        "uuid": uuid.uuid4(),
        "bronorganisatie": BRON,
        "verantwoordelijkeOrganisatie": BRON,
        "zaaktype": ZAAKTYPE.uuid,
        "omschrijving": "Parkeervergunning Dorpsstraat 1",
        "registratiedatum": dt.date(2026, 5, 4),
        "startdatum": dt.date(2026, 5, 4),
        "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
        "communicatiekanaal": "https://referentielijsten.example/communicatiekanalen/balie",
        "kenmerken": [{"kenmerk": "K-1", "bron": "parkeren"}],
        "zaakgeometrie": {"type": "Point", "coordinates": [4.9, 52.37]},
    } | changes
    data = ZaakGeopendV1.model_validate(fields)
    return Envelope(type=ZAAK_GEOPEND, subject=data.uuid, data=data, tenant=data.bronorganisatie)


ALL_PRIVILEGES = frozenset({"*"})
RESULTAATTYPE = ZAAKTYPE.resultaattypen[0]  # Verleend: vernietigen, P1Y after afgehandeld


def status_gezet(
    zaak_uuid: uuid.UUID,
    statustype: Statustype,
    gezet: dt.datetime,
    privileges: frozenset[str] = ALL_PRIVILEGES,
    **changes: Any,
) -> Envelope:
    """An intake zaakstatus-gewijzigd event (by default of a client with all rights)."""
    fields: dict[str, Any] = {
        "uuid": uuid.uuid4(),
        "zaak": zaak_uuid,
        "statustype": statustype.uuid,
        "datumStatusGezet": gezet,
        "statustoelichting": statustype.omschrijving,
    } | changes
    data = StatusGezetV2.model_validate(fields)
    return Envelope(
        type=ZAAKSTATUS_GEWIJZIGD, subject=zaak_uuid, data=data, tenant=BRON, privileges=privileges
    )


def resultaat(zaak_uuid: uuid.UUID, resultaattype: uuid.UUID = RESULTAATTYPE.uuid) -> Envelope:
    """An intake resultaat-toegevoegd event (a client with all rights)."""
    data = ResultaatV1(uuid=uuid.uuid4(), zaak=zaak_uuid, resultaattype=resultaattype)
    return Envelope(
        type=RESULTAAT_TOEGEVOEGD, subject=zaak_uuid, data=data, tenant=BRON,
        privileges=ALL_PRIVILEGES,
    )  # fmt: skip


class Magazijn:
    """A migrated database plus handlers; ``handle`` runs one batch in one transaction."""

    def __init__(self, engine: AsyncEngine, handlers: Mapping[str, Handler]) -> None:
        self.engine = engine
        self.handlers = handlers
        self.facts: list[Envelope] = []

    async def handle_batch(self, envelopes: Iterable[Envelope]) -> list[Outcome]:
        outcomes: list[Outcome] = []
        async with self.engine.begin() as conn:
            for envelope in envelopes:
                outcome = await self.handlers[envelope.type](conn, envelope)
                if isinstance(outcome, Accepted):
                    self.facts.extend(outcome.facts)
                outcomes.append(outcome)
        return outcomes

    async def handle(self, envelope: Envelope) -> Outcome:
        return (await self.handle_batch([envelope]))[0]

    async def accept(self, envelope: Envelope) -> Accepted:
        outcome = await self.handle(envelope)
        assert isinstance(outcome, Accepted), outcome
        return outcome

    async def reject(self, envelope: Envelope) -> Rejected:
        outcome = await self.handle(envelope)
        assert isinstance(outcome, Rejected), outcome
        return outcome

    async def snapshot(self) -> fingerprint.Snapshot:
        async with self.engine.connect() as conn:
            return await fingerprint.snapshot(conn)

    async def zaak(self, zaak_uuid: uuid.UUID) -> Any:
        async with self.engine.connect() as conn:
            return (await conn.execute(select(zaak).where(zaak.c.uuid == zaak_uuid))).one()


async def open_magazijn(url: str, **options: Any) -> Magazijn:
    """Migrate ``url`` and return a Magazijn with handlers over the test catalogue."""
    await upgrade(url)
    options.setdefault("clock", lambda: NOW)
    return Magazijn(create_engine(url), build_handlers(StaticCatalogue(CATALOGUE), **options))


def identificatie_of(outcome: Accepted) -> str | None:
    data = outcome.facts[0].data
    assert isinstance(data, ZaakGeopendV1)
    return data.identificatie


def codes(outcome: Rejected) -> list[tuple[str, str]]:
    return [(p.name, p.code) for p in outcome.invalid_params]


# --- tests ------------------------------------------------------------------------------------


@pytest.fixture
async def magazijn(database_url: str) -> AsyncIterator[Magazijn]:
    m = await open_magazijn(database_url)
    yield m
    await m.engine.dispose()


async def test_open_zaak(magazijn: Magazijn) -> None:
    intake = zaak_geopend(identificatie="PV-1")
    outcome = await magazijn.accept(intake)
    assert (outcome.resource, outcome.resource_uuid) == ("zaak", intake.subject)
    (fact,) = outcome.facts
    assert (fact.type, fact.subject, fact.sequence, fact.causationid) == (
        ZAAK_GEOPEND,
        intake.subject,
        1,
        intake.id,
    )
    row = await magazijn.zaak(intake.subject)
    assert row.identificatie == "PV-1"
    assert row.verantwoordelijke_organisatie == BRON
    assert row.zaaktype == ZAAKTYPE.uuid
    assert row.vertrouwelijkheidaanduiding == "zaakvertrouwelijk"
    assert (row.sequence, row.status, row.einddatum) == (1, None, None)
    assert row.attributes["communicatiekanaal"].endswith("/balie")
    assert row.attributes["kenmerken"] == [{"kenmerk": "K-1", "bron": "parkeren"}]
    assert "identificatie" not in row.attributes and "uuid" not in row.attributes
    assert fingerprint.normalise(row.registered_at) == fingerprint.normalise(intake.time)


async def test_generated_identificatie_per_bronorganisatie_and_year(magazijn: Magazijn) -> None:
    first = await magazijn.accept(zaak_geopend())
    second = await magazijn.accept(zaak_geopend())
    other_bron = await magazijn.accept(zaak_geopend(bronorganisatie=OTHER_BRON))
    last_year = await magazijn.accept(zaak_geopend(registratiedatum=dt.date(2025, 12, 31)))
    generated = [identificatie_of(o) for o in (first, second, other_bron, last_year)]
    assert generated == [
        "ZAAK-2026-0000000001",
        "ZAAK-2026-0000000002",
        "ZAAK-2026-0000000001",
        "ZAAK-2025-0000000001",
    ]
    assert (await magazijn.zaak(second.resource_uuid)).identificatie == "ZAAK-2026-0000000002"
    tellers = (await magazijn.snapshot())["identificatie_teller"]
    assert tellers == [
        {"bronorganisatie": BRON, "jaar": 2025, "laatste": 1},
        {"bronorganisatie": BRON, "jaar": 2026, "laatste": 2},
        {"bronorganisatie": OTHER_BRON, "jaar": 2026, "laatste": 1},
    ]


async def test_generation_continues_after_an_explicit_generated_form(magazijn: Magazijn) -> None:
    await magazijn.accept(zaak_geopend(identificatie="ZAAK-2026-0000000005"))
    nxt = await magazijn.accept(zaak_geopend())
    assert identificatie_of(nxt) == "ZAAK-2026-0000000006"


async def test_generation_skips_numbers_already_taken(magazijn: Magazijn) -> None:
    await magazijn.accept(zaak_geopend())
    await magazijn.accept(zaak_geopend())
    async with magazijn.engine.begin() as conn:  # a counter that lags behind the zaken
        await conn.execute(update(identificatie_teller).values(laatste=0))
    nxt = await magazijn.accept(zaak_geopend())
    assert identificatie_of(nxt) == "ZAAK-2026-0000000003"


async def test_explicit_identificatie_is_kept_and_leaves_the_counter(magazijn: Magazijn) -> None:
    outcome = await magazijn.accept(zaak_geopend(identificatie="2026-PARK-0042"))
    assert identificatie_of(outcome) == "2026-PARK-0042"
    assert (await magazijn.snapshot())["identificatie_teller"] == []


async def test_duplicate_identificatie_is_rejected_without_change(magazijn: Magazijn) -> None:
    await magazijn.accept(zaak_geopend(identificatie="PV-1"))
    before = await magazijn.snapshot()
    rejected = await magazijn.reject(zaak_geopend(identificatie="PV-1"))
    assert codes(rejected) == [("identificatie", "identificatie-niet-uniek")]
    assert "PV-1" in rejected.invalid_params[0].reason
    assert await magazijn.snapshot() == before


async def test_same_identificatie_in_another_bronorganisatie(magazijn: Magazijn) -> None:
    await magazijn.accept(zaak_geopend(identificatie="PV-1"))
    await magazijn.accept(zaak_geopend(identificatie="PV-1", bronorganisatie=OTHER_BRON))
    assert len((await magazijn.snapshot())["zaak"]) == 2


async def test_unknown_zaaktype_is_rejected(magazijn: Magazijn) -> None:
    rejected = await magazijn.reject(zaak_geopend(zaaktype=uuid.uuid4()))
    assert codes(rejected) == [("zaaktype", "does_not_exist")]
    assert (await magazijn.snapshot())["zaak"] == []


async def test_existing_zaak_uuid_is_rejected(magazijn: Magazijn) -> None:
    first = await magazijn.accept(zaak_geopend())
    rejected = await magazijn.reject(zaak_geopend(uuid=first.resource_uuid))
    assert codes(rejected) == [("uuid", "unique")]


async def test_payload_must_match_the_subject(magazijn: Magazijn) -> None:
    intake = zaak_geopend()
    wrong = Envelope(type=intake.type, subject=uuid.uuid4(), data=intake.data, tenant=BRON)
    assert codes(await magazijn.reject(wrong)) == [("uuid", "subject-mismatch")]


async def test_status_on_unknown_zaak_is_rejected(magazijn: Magazijn) -> None:
    rejected = await magazijn.reject(status_gezet(uuid.uuid4(), ST[1], NOW))
    assert codes(rejected) == [("zaak", "does_not_exist")]
    assert (await magazijn.snapshot())["status"] == []


async def test_statustype_of_another_zaaktype_is_rejected(magazijn: Magazijn) -> None:
    opened = await magazijn.accept(zaak_geopend())
    before = await magazijn.snapshot()
    foreign = OTHER_ZAAKTYPE.statustypen[0]
    rejected = await magazijn.reject(status_gezet(opened.resource_uuid, foreign, NOW))
    assert codes(rejected) == [("statustype", "zaaktype-mismatch")]
    unknown = ST[1].model_copy(update={"uuid": uuid.uuid4()})
    rejected = await magazijn.reject(status_gezet(opened.resource_uuid, unknown, NOW))
    assert codes(rejected) == [("statustype", "does_not_exist")]
    assert await magazijn.snapshot() == before


async def test_future_datum_status_gezet_is_rejected(magazijn: Magazijn) -> None:
    opened = await magazijn.accept(zaak_geopend())
    too_late = NOW + rules.CLOCK_SKEW_TOLERANCE + dt.timedelta(seconds=1)
    rejected = await magazijn.reject(status_gezet(opened.resource_uuid, ST[1], too_late))
    assert codes(rejected) == [("datumStatusGezet", "future_not_allowed")]
    within = NOW + rules.CLOCK_SKEW_TOLERANCE
    await magazijn.accept(status_gezet(opened.resource_uuid, ST[1], within))


async def test_every_problem_is_reported_at_once(magazijn: Magazijn) -> None:
    opened = await magazijn.accept(zaak_geopend())
    event = status_gezet(
        opened.resource_uuid, OTHER_ZAAKTYPE.statustypen[0], NOW + dt.timedelta(days=1)
    )
    assert codes(await magazijn.reject(event)) == [
        ("statustype", "zaaktype-mismatch"),
        ("datumStatusGezet", "future_not_allowed"),
    ]


async def test_status_that_is_not_the_eindstatus(magazijn: Magazijn) -> None:
    opened = await magazijn.accept(zaak_geopend())
    outcome = await magazijn.accept(status_gezet(opened.resource_uuid, ST[1], NOW))
    fact = outcome.facts[0].data
    assert isinstance(fact, StatusGezetV1)
    assert (fact.isEindstatus, fact.einddatum) == (False, None)
    assert (outcome.resource, outcome.resource_uuid) == ("status", fact.uuid)
    row = await magazijn.zaak(opened.resource_uuid)
    assert (row.status, row.einddatum, row.sequence) == (fact.uuid, None, 2)


async def test_eindstatus_sets_einddatum_in_amsterdam(magazijn: Magazijn) -> None:
    opened = await magazijn.accept(zaak_geopend())
    late_evening = dt.datetime(2026, 5, 3, 22, 30, tzinfo=dt.UTC)  # 00:30 on 4 May in NL
    await magazijn.accept(resultaat(opened.resource_uuid))
    outcome = await magazijn.accept(status_gezet(opened.resource_uuid, ST[4], late_evening))
    fact = outcome.facts[0].data
    assert isinstance(fact, StatusGezetV1)
    assert (fact.isEindstatus, fact.einddatum) == (True, dt.date(2026, 5, 4))
    assert (await magazijn.zaak(opened.resource_uuid)).einddatum == dt.date(2026, 5, 4)


async def test_naive_datum_status_gezet_is_read_as_amsterdam_time(magazijn: Magazijn) -> None:
    opened = await magazijn.accept(zaak_geopend())
    naive = dt.datetime(2026, 5, 4, 0, 30)
    await magazijn.accept(resultaat(opened.resource_uuid))
    outcome = await magazijn.accept(status_gezet(opened.resource_uuid, ST[4], naive))
    fact = outcome.facts[0].data
    assert isinstance(fact, StatusGezetV1)
    assert fact.datumStatusGezet == dt.datetime(2026, 5, 3, 22, 30, tzinfo=dt.UTC)
    assert fact.datumStatusGezet.tzinfo is not None
    assert fact.einddatum == dt.date(2026, 5, 4)


async def test_status_on_closed_zaak_needs_heropenen(magazijn: Magazijn) -> None:
    opened = await magazijn.accept(zaak_geopend())
    await magazijn.accept(resultaat(opened.resource_uuid))
    await magazijn.accept(status_gezet(opened.resource_uuid, ST[4], NOW - dt.timedelta(hours=1)))
    before = await magazijn.snapshot()
    toevoegen = frozenset({"zaken.statussen.toevoegen"})
    rejected = await magazijn.reject(status_gezet(opened.resource_uuid, ST[2], NOW, toevoegen))
    assert (rejected.status_code, rejected.code) == (403, "permission_denied")
    assert await magazijn.snapshot() == before


async def test_reopening_with_heropenen_clears_einddatum_and_archive(magazijn: Magazijn) -> None:
    opened = await magazijn.accept(zaak_geopend())
    zaak_uuid = opened.resource_uuid
    await magazijn.accept(resultaat(zaak_uuid))
    await magazijn.accept(status_gezet(zaak_uuid, ST[4], NOW - dt.timedelta(hours=1)))
    closed = await magazijn.zaak(zaak_uuid)
    assert closed.einddatum is not None and closed.archiefactiedatum is not None
    heropenen = frozenset({"zaken.heropenen"})
    await magazijn.accept(status_gezet(zaak_uuid, ST[2], NOW, heropenen))
    reopened = await magazijn.zaak(zaak_uuid)
    assert (reopened.einddatum, reopened.archiefnominatie, reopened.archiefactiedatum) == (
        None, None, None,
    )  # fmt: skip


async def test_a_status_dated_before_the_eindstatus_keeps_the_zaak_closed(
    magazijn: Magazijn,
) -> None:
    opened = await magazijn.accept(zaak_geopend())
    zaak_uuid = opened.resource_uuid
    await magazijn.accept(resultaat(zaak_uuid))
    await magazijn.accept(status_gezet(zaak_uuid, ST[4], NOW - dt.timedelta(hours=1)))
    closed = await magazijn.zaak(zaak_uuid)
    heropenen = frozenset({"zaken.heropenen"})
    await magazijn.accept(status_gezet(zaak_uuid, ST[2], NOW - dt.timedelta(hours=2), heropenen))
    still = await magazijn.zaak(zaak_uuid)  # the backdated status is history, not current
    assert (still.einddatum, still.archiefnominatie, still.archiefactiedatum) == (
        closed.einddatum, closed.archiefnominatie, closed.archiefactiedatum,
    )  # fmt: skip


async def test_existing_status_uuid_is_rejected(magazijn: Magazijn) -> None:
    opened = await magazijn.accept(zaak_geopend())
    first = await magazijn.accept(status_gezet(opened.resource_uuid, ST[1], NOW))
    again = status_gezet(opened.resource_uuid, ST[2], NOW, uuid=first.resource_uuid)
    assert codes(await magazijn.reject(again)) == [("uuid", "unique")]


async def test_an_existing_status_uuid_on_an_unknown_zaak_is_reported_too(
    magazijn: Magazijn,
) -> None:
    opened = await magazijn.accept(zaak_geopend())
    first = await magazijn.accept(status_gezet(opened.resource_uuid, ST[1], NOW))
    elsewhere = status_gezet(uuid.uuid4(), ST[1], NOW, uuid=first.resource_uuid)
    assert sorted(codes(await magazijn.reject(elsewhere))) == [
        ("uuid", "unique"),
        ("zaak", "does_not_exist"),
    ]


async def test_sequence_increments_per_zaak(magazijn: Magazijn) -> None:
    a = (await magazijn.accept(zaak_geopend())).resource_uuid
    b = (await magazijn.accept(zaak_geopend())).resource_uuid
    gezet = NOW - dt.timedelta(hours=5)
    events = [
        status_gezet(a, ST[1], gezet),
        status_gezet(b, ST[1], gezet),
        status_gezet(a, ST[2], gezet + dt.timedelta(hours=1)),
        status_gezet(a, ST[3], gezet + dt.timedelta(hours=2)),
    ]
    outcomes = await magazijn.handle_batch(events)  # one transaction, as the runtime does
    sequences = [o.facts[0].sequence for o in outcomes if isinstance(o, Accepted)]
    assert sequences == [2, 2, 3, 4]
    row = await magazijn.zaak(a)
    assert (row.sequence, row.status) == (4, outcomes[3].resource_uuid)
    assert (await magazijn.zaak(b)).sequence == 2
    async with magazijn.engine.connect() as conn:
        stored = (
            (
                await conn.execute(
                    select(status.c.zaak_sequence)
                    .where(status.c.zaak == a)
                    .order_by("zaak_sequence")
                )
            )
            .scalars()
            .all()
        )
    assert stored == [2, 3, 4]


async def _race(magazijn: Magazijn, winner: Envelope, loser: Envelope) -> tuple[Outcome, Outcome]:
    """Two processors: ``loser`` is decided while ``winner``'s transaction is still open."""
    handler = magazijn.handlers[ZAAK_GEOPEND]
    async with magazijn.engine.connect() as a, magazijn.engine.connect() as b:
        await a.begin()
        await b.begin()
        won = await handler(a, winner)

        async def decide_loser() -> Outcome:
            return await handler(b, loser)

        racing = asyncio.create_task(decide_loser())
        await asyncio.sleep(0.3)
        assert not racing.done()  # blocked on the unique index by the open transaction
        await a.commit()
        lost = await racing
        await b.commit()
    return won, lost


async def test_concurrent_processors_on_postgresql(postgres_url: str) -> None:
    """Processors of other partitions open zaken of one bronorganisatie at the same time."""
    magazijn = await open_magazijn(postgres_url)
    try:
        won, lost = await _race(magazijn, zaak_geopend(), zaak_geopend())
        assert isinstance(won, Accepted) and isinstance(lost, Accepted)
        assert (identificatie_of(won), identificatie_of(lost)) == (
            "ZAAK-2026-0000000001",
            "ZAAK-2026-0000000002",
        )
        won, lost = await _race(
            magazijn, zaak_geopend(identificatie="PV-1"), zaak_geopend(identificatie="PV-1")
        )
        assert isinstance(won, Accepted) and isinstance(lost, Rejected)
        assert codes(lost) == [("identificatie", "identificatie-niet-uniek")]
        snap = await magazijn.snapshot()
        assert len(snap["zaak"]) == 3
        assert snap["identificatie_teller"] == [
            {"bronorganisatie": BRON, "jaar": 2026, "laatste": 2}
        ]
    finally:
        await magazijn.engine.dispose()


async def test_an_idempotency_key_holds_for_24_hours_then_a_repeat_is_new(
    sqlite_url: str,
) -> None:
    now = [NOW]
    m = await open_magazijn(sqlite_url, clock=lambda: now[0])
    try:
        def attempt(request_hash: str = "ab" * 32) -> Envelope:
            return dataclasses.replace(
                zaak_geopend(), clientid="app-1", idempotencykey="k-1", requesthash=request_hash
            )

        first = await m.accept(attempt())
        now[0] = NOW + dt.timedelta(hours=23, minutes=59)
        repeat = await m.handle(attempt())
        assert isinstance(repeat, Accepted) and repeat.facts == ()
        assert repeat.resource_uuid == first.resource_uuid, "the first outcome, nothing new"
        other = await m.reject(attempt("cd" * 32))
        assert (other.status_code, other.code) == (409, "idempotency-key-reused")
        now[0] = NOW + dt.timedelta(hours=24, minutes=1)
        later = await m.accept(attempt())
        assert later.resource_uuid != first.resource_uuid, "after 24 hours the key is free"
        assert len(later.facts) == 1
    finally:
        await m.engine.dispose()
