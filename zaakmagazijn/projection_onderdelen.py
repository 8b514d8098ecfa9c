"""Appliers of the facts about the parts of a zaak (see :mod:`zaakmagazijn.onderdelen`)."""

from __future__ import annotations

import functools

from sqlalchemy import Insert, Table, delete, insert, update
from sqlalchemy.ext.asyncio import AsyncConnection

from schemas.envelope import Envelope
from schemas.zaakonderdelen import OnderdeelVerwijderdV1
from zaakmagazijn.audit import Wijziging, document
from zaakmagazijn.errors import InvalidFact
from zaakmagazijn.onderdelen import BY_EVENT
from zaakmagazijn.state import onderdeel


@functools.cache
def _insert(table: Table) -> Insert:
    """``INSERT INTO table``, its columns taken from the parameters (built once: building
    it with ``.values(...)`` coerced every value on every call)."""
    return insert(table)


async def apply_onderdeel(conn: AsyncConnection, fact: Envelope) -> list[Wijziging]:
    """Insert, replace or delete the part the fact is about."""
    spec, actie = BY_EVENT[fact.type]
    table = spec.table
    if actie == "destroy":
        if not isinstance(fact.data, OnderdeelVerwijderdV1):
            raise InvalidFact(f"{fact.type} fact {fact.id} carries {type(fact.data).__name__}")
        target, zaak = fact.data.uuid, fact.data.zaak
    else:
        if not isinstance(fact.data, spec.model):
            raise InvalidFact(f"{fact.type} fact {fact.id} carries {type(fact.data).__name__}")
        target, zaak = fact.data.uuid, fact.data.zaak  # type: ignore[attr-defined]
    if zaak != fact.subject:
        raise InvalidFact(f"{fact.type} fact {fact.id}: the part's zaak is not the subject")
    stored = await onderdeel(conn, table, target)
    oud = stored["gegevens"] if stored is not None else None
    if actie == "destroy":
        if stored is None:
            raise InvalidFact(f"{fact.type} fact {fact.id}: no {spec.resource} {target}")
        await conn.execute(delete(table).where(table.c.uuid == target))
        return [Wijziging(spec.resource, target, "destroy", oud, None)]
    gegevens = document(fact.data.model_dump(mode="json"))
    values = {"gegevens": gegevens, **spec.columns(fact.data)}
    if actie == "create":
        if stored is not None:
            raise InvalidFact(f"{fact.type} fact {fact.id}: {spec.resource} {target} exists")
        row = {"uuid": target, "zaak": zaak, "volgnummer": fact.sequence, **values}
        await conn.execute(_insert(table), row)
        return [Wijziging(spec.resource, target, "create", None, gegevens)]
    if stored is None:
        raise InvalidFact(f"{fact.type} fact {fact.id}: no {spec.resource} {target}")
    await conn.execute(update(table).where(table.c.uuid == target).values(**values))
    return [Wijziging(spec.resource, target, "update", oud, gegevens)]
