"""Decisions on the parts of a zaak (rollen, resultaat, zaakobjecten, zaakeigenschappen,
zaakinformatieobjecten, klantcontacten), one handler for all of them.

Rules: the zaak exists and is the event's subject; a new part has a new uuid, a changed or
removed one exists and belongs to that zaak (which it cannot leave); a closed zaak changes
only with ``zaken.geforceerd-bijwerken``; the catalogue reference (roltype, resultaattype,
eigenschap, zaakobjecttype) belongs to the zaak's zaaktype; one resultaat per zaak; a
document is linked to a zaak once, and a document of this MidOffice (a URL ending in
``/enkelvoudiginformatieobjecten/<uuid>``, matched on its path like every incoming URL) must
exist in the documentmagazijn. That projection is read as it stands: its events are keyed by
document, so a document accepted but not yet applied by the documentmagazijn processor is
not there yet.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from documentmagazijn import queries as documenten
from schemas.envelope import Envelope
from schemas.outcome import InvalidParam, Outcome
from schemas.zaakonderdelen import (
    OnderdeelVerwijderdV1,
    ResultaatV1,
    ZaakinformatieobjectV1,
)
from zaakmagazijn import privileges, rules, state
from zaakmagazijn.deciding import Context, accept, rejected
from zaakmagazijn.onderdelen import BY_EVENT, Onderdeel, completed
from zaakmagazijn.rules import DOES_NOT_EXIST, UNIQUE, ZaakState
from zaakmagazijn.tables import zaakinformatieobject


async def onderdeel(
    ctx: Context, conn: AsyncConnection, envelope: Envelope, index: int = 0
) -> Outcome:
    """Add, change or remove one part of a zaak."""
    spec, actie = BY_EVENT[envelope.type]
    data: BaseModel = envelope.data
    expected = OnderdeelVerwijderdV1 if actie == "destroy" else spec.model
    if not isinstance(data, expected):
        raise TypeError(f"{envelope.type} event carries {type(data).__name__}")
    target, zaak_uuid = data.uuid, data.zaak  # type: ignore[attr-defined]
    zaak = await state.zaak_state(conn, zaak_uuid)
    stored = await state.onderdeel(conn, spec.table, target)
    problems = [
        *rules.check_subject("zaak", zaak_uuid, envelope.subject),
        *rules.check_zaak_exists(zaak, zaak_uuid),
    ]
    if actie == "create" and stored is not None:
        problems.append(rules.unique_uuid(spec.resource, target))
    if actie != "create" and stored is None:
        reason = f"Er bestaat geen {spec.resource} met uuid {target}."
        problems.append(InvalidParam("uuid", DOES_NOT_EXIST, reason))
    if stored is not None and actie != "create":
        problems += rules.check_immutable("zaak", stored["zaak"], zaak_uuid)
    if problems or zaak is None:
        return rejected(problems)
    denied = privileges.check_change(zaak, envelope.privileges)
    if denied is not None:
        return denied
    if actie != "destroy":
        problems += await _check(ctx, conn, spec, data, zaak, stored)
        if problems:
            return rejected(problems)
        data = completed(
            spec, data, ctx.source.current(), envelope.time, stored and stored["gegevens"]
        )
    return await accept(conn, envelope, zaak.sequence + 1, data, (spec.resource, target), index)


async def _check(
    ctx: Context,
    conn: AsyncConnection,
    spec: Onderdeel,
    data: BaseModel,
    zaak: ZaakState,
    stored: dict[str, Any] | None,
) -> list[InvalidParam]:
    problems: list[InvalidParam] = []
    if spec.reference is not None and spec.lookup is not None:
        reference = getattr(data, spec.reference)
        if reference is not None:
            found = spec.lookup(ctx.source.current(), reference)
            problems += rules.check_type_of_zaaktype(spec.reference, found, zaak)
    if (
        isinstance(data, ResultaatV1)
        and stored is None
        and await state.resultaat_of(conn, zaak.uuid) is not None
    ):
        problems.append(InvalidParam("zaak", UNIQUE, "Deze zaak heeft al een resultaat."))
    if isinstance(data, ZaakinformatieobjectV1):
        if stored is not None:
            before = stored["gegevens"]["informatieobject"]
            problems += rules.check_immutable("informatieobject", before, data.informatieobject)
        else:
            if await _linked(conn, zaak, data.informatieobject):
                reason = "De velden zaak, informatieobject moeten een unieke set zijn."
                problems.append(InvalidParam("nonFieldErrors", UNIQUE, reason))
            local = documenten.document_uuid(data.informatieobject)
            if local is not None and not await documenten.bestaat(conn, local):
                reason = f"Het informatieobject {data.informatieobject} bestaat niet."
                problems.append(InvalidParam("informatieobject", DOES_NOT_EXIST, reason))
    return problems


async def _linked(conn: AsyncConnection, zaak: ZaakState, informatieobject: str) -> bool:
    found = await conn.scalar(
        select(zaakinformatieobject.c.uuid).where(
            zaakinformatieobject.c.zaak == zaak.uuid,
            zaakinformatieobject.c.informatieobject == informatieobject,
        )
    )
    return found is not None
