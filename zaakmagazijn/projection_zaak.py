"""Appliers of the zaak-level facts: zaak-geopend, -gemuteerd, -verwijderd and
zaakstatus-gewijzigd. Each writes the fact and returns its audit trail entries."""

from __future__ import annotations

import re
import uuid
from typing import Any, Final, TypeVar

from pydantic import BaseModel
from sqlalchemy import bindparam, case, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from schemas.envelope import Envelope
from schemas.payloads import (
    StatusGezetV2,
    ZaakGemuteerdV1,
    ZaakGeopendV1,
    ZaakVerwijderdV1,
)
from zaakmagazijn import identificatie
from zaakmagazijn.audit import Wijziging, document
from zaakmagazijn.errors import InvalidFact
from zaakmagazijn.rules import to_utc
from zaakmagazijn.state import ZAAK_COLUMNS, zaak_document, zaak_row
from zaakmagazijn.tables import ONDERDELEN, audittrail, rol, status, verwijderde_zaak, zaak

_P = TypeVar("_P", bound=BaseModel)
_ROL_URL: Final = re.compile(
    r"/rollen/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/?$"
)


def payload(fact: Envelope, model: type[_P]) -> _P:
    """The fact's payload as ``model``; InvalidFact for any other shape."""
    if not isinstance(fact.data, model):
        raise InvalidFact(f"{fact.type} fact {fact.id} carries {type(fact.data).__name__}")
    return fact.data


def _zaak_values(data: ZaakGeopendV1) -> dict[str, Any]:
    """Typed columns and ``attributes`` of a zaak payload."""
    typed = {column: getattr(data, field) for field, column in ZAAK_COLUMNS.items()}
    typed["vertrouwelijkheidaanduiding"] = str(data.vertrouwelijkheidaanduiding)
    typed["hoofdzaak"] = data.hoofdzaak  # also in attributes, as before 0002
    skip = {*ZAAK_COLUMNS, "gedeeltelijk"}
    attributes = {k: v for k, v in data.model_dump(mode="json").items() if k not in skip}
    return {**typed, "attributes": attributes}


async def _zaak_document(conn: AsyncConnection, fact: Envelope) -> dict[str, Any] | None:
    row = await zaak_row(conn, fact.subject)
    return document(zaak_document(row)) if row is not None else None


_INSERT_ZAAK: Final = insert(zaak)
"""Built once, its columns taken from the parameters: ``.values(...)`` per call coerced
every value of the row."""


async def zaak_geopend(conn: AsyncConnection, fact: Envelope) -> list[Wijziging]:
    data = payload(fact, ZaakGeopendV1)
    if fact.sequence != 1 or data.uuid != fact.subject or data.identificatie is None:
        raise InvalidFact(
            f"zaak-geopend fact {fact.id}: needs sequence 1, subject = uuid and an identificatie"
        )
    row = {
        **_zaak_values(data),
        "einddatum": None,
        "status": None,
        "sequence": fact.sequence,
        "registered_at": to_utc(fact.time),
    }
    await conn.execute(_INSERT_ZAAK, row)
    await identificatie.bump(conn, data.bronorganisatie, data.identificatie)
    return [Wijziging("zaak", data.uuid, "create", None, await _zaak_document(conn, fact))]


async def zaak_gemuteerd(conn: AsyncConnection, fact: Envelope) -> list[Wijziging]:
    data = payload(fact, ZaakGemuteerdV1)
    if data.uuid != fact.subject or data.identificatie is None:
        raise InvalidFact(f"zaak-gemuteerd fact {fact.id}: needs subject = uuid, identificatie")
    oud = await _zaak_document(conn, fact)
    await conn.execute(update(zaak).where(zaak.c.uuid == data.uuid).values(**_zaak_values(data)))
    await identificatie.bump(conn, data.bronorganisatie, data.identificatie)
    actie = "partial_update" if data.gedeeltelijk else "update"
    return [Wijziging("zaak", data.uuid, actie, oud, await _zaak_document(conn, fact))]


async def zaak_verwijderd(conn: AsyncConnection, fact: Envelope) -> list[Wijziging]:
    """Remove the zaak with its parts, statussen and audit trail; keep a tombstone."""
    data = payload(fact, ZaakVerwijderdV1)
    if data.uuid != fact.subject:
        raise InvalidFact(f"zaak-verwijderd fact {fact.id}: needs subject = uuid")
    for table in (*ONDERDELEN, status, audittrail):
        await conn.execute(delete(table).where(table.c.zaak == data.uuid))
    await conn.execute(delete(zaak).where(zaak.c.uuid == data.uuid))
    await conn.execute(
        insert(verwijderde_zaak).values(
            uuid=data.uuid, sequence=fact.sequence, verwijderd_op=to_utc(fact.time)
        )
    )
    return []


def _status_document(data: StatusGezetV2) -> dict[str, Any]:
    fields = ("uuid", "zaak", "statustype", "datumStatusGezet", "statustoelichting", "gezetdoor")
    return document({name: getattr(data, name) for name in fields})


def _build_status_update(archief: bool) -> Any:
    """UPDATE of the zaak for a new status: its current status (the new one included, one
    UPDATE and no read) and, when the new status is the current one, its einddatum. Built
    once per shape; an UPDATE reserves its columns' names, so the parameters are ``s_*``."""
    current = (
        select(status.c.uuid)
        .where(status.c.zaak == bindparam("s_zaak"))
        .order_by(status.c.datum_status_gezet.desc(), status.c.zaak_sequence.desc())
        .limit(1)
        .scalar_subquery()
    )
    einddatum = bindparam("s_einddatum", type_=zaak.c.einddatum.type)
    values: dict[str, Any] = {
        "status": current,
        "einddatum": case((current == bindparam("s_status"), einddatum), else_=zaak.c.einddatum),
        "sequence": bindparam("s_sequence"),  # see projection.WRITES_OWN_SEQUENCE
    }
    if archief:
        values |= {
            "archiefnominatie": bindparam("s_archiefnominatie"),
            "archiefactiedatum": bindparam("s_archiefactiedatum"),
            "startdatum_bewaartermijn": bindparam("s_startdatum_bewaartermijn"),
        }
    return update(zaak).where(zaak.c.uuid == bindparam("s_zaak")).values(**values)


_INSERT_STATUS: Final = insert(status)
_STATUS_UPDATE: Final = {archief: _build_status_update(archief) for archief in (False, True)}


async def zaakstatus_gewijzigd(conn: AsyncConnection, fact: Envelope) -> list[Wijziging]:
    data = payload(fact, StatusGezetV2)
    if fact.sequence == 1 or data.zaak != fact.subject or data.isEindstatus is None:
        raise InvalidFact(
            f"zaakstatus-gewijzigd fact {fact.id}: needs an open zaak = subject "
            "and isEindstatus decided by the processor"
        )
    await conn.execute(
        _INSERT_STATUS,
        {
            "uuid": data.uuid,
            "zaak": data.zaak,
            "statustype": data.statustype,
            "datum_status_gezet": to_utc(data.datumStatusGezet),
            "statustoelichting": data.statustoelichting,
            "gezetdoor": data.gezetdoor,
            "zaak_sequence": fact.sequence,
        },
    )
    values: dict[str, object] = {
        "s_zaak": data.zaak,
        "s_status": data.uuid,
        "s_einddatum": data.einddatum if data.isEindstatus else None,
        "s_sequence": fact.sequence,
    }
    if data.archief is not None:
        values |= {
            "s_archiefnominatie": data.archief.archiefnominatie,
            "s_archiefactiedatum": data.archief.archiefactiedatum,
            "s_startdatum_bewaartermijn": data.archief.startdatumBewaartermijn,
        }
    await conn.execute(_STATUS_UPDATE[data.archief is not None], values)
    await _link_to_rol(conn, data)
    return [Wijziging("status", data.uuid, "create", None, _status_document(data))]


async def _link_to_rol(conn: AsyncConnection, data: StatusGezetV2) -> None:
    """Record the status in ``Rol.statussen`` when ``gezetdoor`` names a rol of the same zaak
    (by URL path, on any host); another value is kept as given and links nothing."""
    found = _ROL_URL.search(data.gezetdoor or "")
    if found is None:
        return
    where = (rol.c.uuid == uuid.UUID(found[1]), rol.c.zaak == data.zaak)
    gegevens = await conn.scalar(select(rol.c.gegevens).where(*where))
    if gegevens is not None:
        statussen = [*gegevens.get("statussen", []), str(data.uuid)]
        await conn.execute(
            update(rol).where(*where).values(gegevens={**gegevens, "statussen": statussen})
        )
