"""The autorisaties processor's rules and projection, on SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from autorisaties import queries
from autorisaties.handlers import build_handlers
from autorisaties.projection import SequenceGap, apply
from autorisaties.registry import ApplicatieClients
from autorisaties.secretbox import SecretBox, new_key
from autorisaties.tables import applicatie
from midoffice import migrations
from midoffice.db import create_engine
from schemas.autorisaties_events import (
    APPLICATIE_AANGEMAAKT,
    APPLICATIE_GEWIJZIGD,
    APPLICATIE_VERWIJDERD,
)
from schemas.codec import decode, encode
from schemas.envelope import Envelope
from schemas.outcome import Accepted, Outcome, Rejected
from schemas.payloads_autorisaties import (
    ApplicatieAangemaaktV1,
    ApplicatieGewijzigdV1,
    ApplicatieVerwijderdV1,
    AutorisatieV1,
)

BOX = SecretBox(new_key())
HANDLERS = build_handlers()
ZAAKTYPE = uuid.uuid4()
LEZEN = AutorisatieV1(
    component="zrc",
    scopes=["zaken.lezen"],
    zaaktype=ZAAKTYPE,
    maxVertrouwelijkheidaanduiding="intern",
)


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    await migrations.upgrade_all(database_url)
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


def aangemaakt(client_ids: list[str], **fields: Any) -> Envelope:
    identifier = fields.pop("uuid", uuid.uuid4())
    data = ApplicatieAangemaaktV1(
        uuid=identifier,
        clientIds=client_ids,
        label=fields.pop("label", "Zaaksysteem"),
        autorisaties=fields.pop("autorisaties", [LEZEN]),
        encryptedSecret=BOX.encrypt(fields.pop("secret", "s" * 32)),
        **fields,
    )
    return Envelope(type=APPLICATIE_AANGEMAAKT, subject=identifier, data=data, tenant="")


def gewijzigd(identifier: uuid.UUID, **fields: Any) -> Envelope:
    data = ApplicatieGewijzigdV1(uuid=identifier, **fields)
    return Envelope(type=APPLICATIE_GEWIJZIGD, subject=identifier, data=data, tenant="")


def verwijderd(identifier: uuid.UUID) -> Envelope:
    data = ApplicatieVerwijderdV1(uuid=identifier)
    return Envelope(type=APPLICATIE_VERWIJDERD, subject=identifier, data=data, tenant="")


async def decide(engine: AsyncEngine, envelope: Envelope) -> Outcome:
    async with engine.begin() as conn:
        return await HANDLERS[envelope.type](conn, envelope)


async def accept(engine: AsyncEngine, envelope: Envelope) -> Envelope:
    outcome = await decide(engine, envelope)
    assert isinstance(outcome, Accepted), outcome
    [fact] = outcome.facts
    return fact


def codes(outcome: Outcome) -> dict[str, str]:
    assert isinstance(outcome, Rejected), outcome
    return {p.name: p.code for p in outcome.invalid_params}


async def test_create_then_read_back(engine: AsyncEngine) -> None:
    fact = await accept(engine, aangemaakt(["a", "b"]))
    assert fact.sequence == 1 and fact.causationid is not None
    async with engine.connect() as conn:
        found = await queries.by_client_id(conn, "b")
        assert found is not None and found.client_ids == ("a", "b")
        assert found.autorisaties == (LEZEN,)
        assert BOX.decrypt(found.encrypted_secret) == "s" * 32
        assert await queries.stamp(conn) == 1


async def test_a_client_id_belongs_to_one_applicatie(engine: AsyncEngine) -> None:
    first = await accept(engine, aangemaakt(["a"]))
    assert codes(await decide(engine, aangemaakt(["b", "a"]))) == {"clientIds": "clientId-exists"}
    other = await accept(engine, aangemaakt(["c"]))
    outcome = await decide(engine, gewijzigd(other.subject, clientIds=["c", "a"]))
    assert codes(outcome) == {"clientIds": "clientId-exists"}
    await accept(engine, gewijzigd(first.subject, clientIds=["a", "a2"]))  # own ids: fine


async def test_the_uuid_must_be_new_and_the_rules_hold(engine: AsyncEngine) -> None:
    fact = await accept(engine, aangemaakt(["a"]))
    again = aangemaakt(["z"], uuid=fact.subject)
    assert codes(await decide(engine, again)) == {"uuid": "unique"}
    both = aangemaakt(["y"], heeftAlleAutorisaties=True)
    assert codes(await decide(engine, both)) == {
        "nonFieldErrors": "ambiguous-authorizations-specified"
    }


async def test_patch_merges_and_checks_the_merged_state(engine: AsyncEngine) -> None:
    fact = await accept(engine, aangemaakt(["a"]))
    # heeftAlleAutorisaties next to the existing autorisaties: ambiguous
    outcome = await decide(engine, gewijzigd(fact.subject, heeftAlleAutorisaties=True))
    assert codes(outcome) == {"nonFieldErrors": "ambiguous-authorizations-specified"}
    changed = await accept(engine, gewijzigd(fact.subject, label="Nieuw"))
    assert changed.sequence == 2
    assert isinstance(changed.data, ApplicatieGewijzigdV1)
    assert changed.data.clientIds == ["a"] and changed.data.autorisaties == [LEZEN]
    assert changed.data.encryptedSecret is None  # unchanged secret stays out of the fact
    async with engine.connect() as conn:
        found = await queries.get(conn, fact.subject)
    assert found is not None and found.label == "Nieuw" and found.encrypted_secret


async def test_delete_releases_the_client_ids(engine: AsyncEngine) -> None:
    fact = await accept(engine, aangemaakt(["a"]))
    await accept(engine, verwijderd(fact.subject))
    assert codes(await decide(engine, verwijderd(fact.subject))) == {"uuid": "not_found"}
    assert codes(await decide(engine, gewijzigd(fact.subject, label="x"))) == {"uuid": "not_found"}
    await accept(engine, aangemaakt(["a"]))  # the client_id is free again
    async with engine.connect() as conn:
        assert await queries.get(conn, fact.subject) is None
        row = (
            await conn.execute(select(applicatie).where(applicatie.c.uuid == fact.subject))
        ).one()
    assert row.verwijderd and row.encrypted_secret == "" and row.sequence == 2


async def test_facts_apply_once_and_gaps_stop(engine: AsyncEngine) -> None:
    created = await accept(engine, aangemaakt(["a"]))
    changed = await accept(engine, gewijzigd(created.subject, label="Twee"))
    encoded = encode(changed)
    replayed = decode(encoded.value, encoded.headers)  # through the codec, as from the topic
    async with engine.begin() as conn:
        assert await apply(conn, created) is False
        assert await apply(conn, replayed) is False
        gap = aangemaakt(["q"]).accepted(3, aangemaakt(["q"]).data)
        with pytest.raises(SequenceGap):
            await apply(conn, gap)


async def test_a_rebuild_reproduces_the_projection(engine: AsyncEngine, sqlite_url: str) -> None:
    facts = [await accept(engine, aangemaakt(["a"], uuid=uuid.UUID(int=1)))]
    facts.append(await accept(engine, gewijzigd(uuid.UUID(int=1), clientIds=["a", "b"])))
    facts.append(await accept(engine, aangemaakt(["c"], uuid=uuid.UUID(int=2))))
    facts.append(await accept(engine, verwijderd(uuid.UUID(int=2))))
    await migrations.upgrade_all(sqlite_url.replace("magazijn", "rebuild"))
    rebuilt = create_engine(sqlite_url.replace("magazijn", "rebuild"))
    try:
        async with rebuilt.begin() as conn:
            for fact in facts + facts:  # at least once: every fact twice
                await apply(conn, fact)
        async with engine.connect() as live, rebuilt.connect() as copy:
            assert await queries.all_live(copy) == await queries.all_live(live)
            assert await queries.stamp(copy) == await queries.stamp(live) == 4
    finally:
        await rebuilt.dispose()


async def test_the_registry_follows_the_projection(engine: AsyncEngine) -> None:
    now = [0.0]
    registry = ApplicatieClients(engine, BOX, clock=lambda: now[0])
    await registry.refresh()
    assert registry.secret("a") is None
    fact = await accept(engine, aangemaakt(["a"], secret="eerste-secret-van-a"))
    await registry.refresh()
    assert registry.secret("a") is None  # checked less than a second ago: cached
    now[0] += 1.5
    await registry.refresh()
    assert registry.secret("a") == "eerste-secret-van-a"
    rights = registry.rights("a")
    assert rights is not None and rights.has_scope(rights.autorisaties[0].component, "zaken.lezen")
    await accept(engine, verwijderd(fact.subject))
    registry.invalidate()
    await registry.refresh()
    assert registry.secret("a") is None and registry.rights("a") is None
