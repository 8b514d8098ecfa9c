"""Reads of the current zaakmagazijn state that the handlers decide on and the projection
writes from."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, Final
from uuid import UUID

from sqlalchemy import Row, Select, Table, bindparam, func, select
from sqlalchemy import exists as exists_query
from sqlalchemy.ext.asyncio import AsyncConnection

from zaakmagazijn.rules import ZaakState
from zaakmagazijn.tables import (
    resultaat,
    status,
    verwijderde_zaak,
    zaak,
    zaakeigenschap,
    zaakinformatieobject,
)

ZAAK_COLUMNS: Final[Mapping[str, str]] = {
    "uuid": "uuid",
    "identificatie": "identificatie",
    "bronorganisatie": "bronorganisatie",
    "verantwoordelijkeOrganisatie": "verantwoordelijke_organisatie",
    "zaaktype": "zaaktype",
    "omschrijving": "omschrijving",
    "toelichting": "toelichting",
    "registratiedatum": "registratiedatum",
    "startdatum": "startdatum",
    "einddatumGepland": "einddatum_gepland",
    "uiterlijkeEinddatumAfdoening": "uiterlijke_einddatum_afdoening",
    "publicatiedatum": "publicatiedatum",
    "vertrouwelijkheidaanduiding": "vertrouwelijkheidaanduiding",
    "archiefnominatie": "archiefnominatie",
    "archiefstatus": "archiefstatus",
    "archiefactiedatum": "archiefactiedatum",
    "startdatumBewaartermijn": "startdatum_bewaartermijn",
}
"""Zaak payload fields (ZGW names) stored in typed columns; the others are in ``attributes``."""


def zaak_document(row: Mapping[str, Any]) -> dict[str, Any]:
    """The zaak as its payload fields (ZGW names, internal references), plus the derived
    ``einddatum`` and ``status``: what the audit trail records and updates start from."""
    document = {name: row[column] for name, column in ZAAK_COLUMNS.items()}
    document.update(row["attributes"] or {})
    document["einddatum"] = row["einddatum"]
    document["status"] = row["status"]
    return document


_ZAAK_ROW: Final = select(zaak).where(zaak.c.uuid == bindparam("zaak_uuid"))


async def zaak_row(conn: AsyncConnection, uuid: UUID) -> dict[str, Any] | None:
    """The stored zaak row, or None."""
    row = (await conn.execute(_ZAAK_ROW, {"zaak_uuid": uuid})).mappings().first()
    return dict(row) if row is not None else None


# The hot path's statements are built once: building a select with a join costs several
# times what executing it does (SQLAlchemy caches the compiled form, not the construction).
_ZAAK_STATE: Final[Select[Any]] = (
    select(
        zaak.c.uuid, zaak.c.zaaktype, zaak.c.sequence, zaak.c.einddatum,
        zaak.c.archiefnominatie, zaak.c.archiefactiedatum,
        zaak.c.startdatum_bewaartermijn, zaak.c.status,
        status.c.datum_status_gezet,
    )
    .select_from(zaak.outerjoin(status, status.c.uuid == zaak.c.status))
    .where(zaak.c.uuid == bindparam("zaak_uuid"))
)  # fmt: skip
_ZAAK_STATE_FOR_STATUS: Final[Select[Any]] = _ZAAK_STATE.add_columns(
    exists_query().where(status.c.uuid == bindparam("status_uuid")).label("status_taken")
)


def _zaak_state(row: Row[Any]) -> ZaakState:
    return ZaakState(
        uuid=row.uuid,
        zaaktype=row.zaaktype,
        sequence=row.sequence,
        einddatum=row.einddatum,
        archiefnominatie=row.archiefnominatie,
        archiefactiedatum=row.archiefactiedatum,
        startdatum_bewaartermijn=row.startdatum_bewaartermijn,
        status=row.status,
        status_moment=row.datum_status_gezet,
    )


async def zaak_state(conn: AsyncConnection, uuid: UUID) -> ZaakState | None:
    """The stored zaak ``uuid`` with its current status's datumStatusGezet, or None when it
    does not exist."""
    row = (await conn.execute(_ZAAK_STATE, {"zaak_uuid": uuid})).one_or_none()
    return _zaak_state(row) if row is not None else None


async def zaak_state_for_status(
    conn: AsyncConnection, uuid: UUID, status_uuid: UUID
) -> tuple[ZaakState | None, bool]:
    """:func:`zaak_state`, and whether a status ``status_uuid`` is stored, in one query
    when the zaak exists (the hot path of every status change)."""
    values = {"zaak_uuid": uuid, "status_uuid": status_uuid}
    row = (await conn.execute(_ZAAK_STATE_FOR_STATUS, values)).one_or_none()
    if row is None:
        return None, await status_exists(conn, status_uuid)
    return _zaak_state(row), bool(row.status_taken)


@functools.cache
def _uuid_of(table: Table) -> Select[Any]:
    """The uuid of ``table``'s row ``:uuid`` (one statement per table, built once)."""
    return select(table.c.uuid).where(table.c.uuid == bindparam("uuid"))


@functools.cache
def _row_of(table: Table) -> Select[Any]:
    return select(table).where(table.c.uuid == bindparam("uuid"))


_IDENTIFICATIE_TAKEN: Final = select(zaak.c.uuid).where(
    zaak.c.bronorganisatie == bindparam("bronorganisatie"),
    zaak.c.identificatie == bindparam("identificatie"),
)
_STATUS_COUNT: Final = (
    select(func.count()).select_from(status).where(status.c.zaak == bindparam("zaak"))
)
_RESULTAATTYPE: Final = select(resultaat.c.resultaattype).where(
    resultaat.c.zaak == bindparam("zaak")
)
_EIGENSCHAPPEN: Final = select(zaakeigenschap.c.gegevens).where(
    zaakeigenschap.c.zaak == bindparam("zaak")
)
_INFORMATIEOBJECTEN: Final = (
    select(zaakinformatieobject.c.informatieobject)
    .where(zaakinformatieobject.c.zaak == bindparam("zaak"))
    .order_by(zaakinformatieobject.c.informatieobject)
)


async def zaak_exists(conn: AsyncConnection, uuid: UUID) -> bool:
    """Whether a zaak with this uuid is stored (or was, and has been deleted)."""
    if await conn.scalar(_uuid_of(zaak), {"uuid": uuid}) is not None:
        return True
    return await conn.scalar(_uuid_of(verwijderde_zaak), {"uuid": uuid}) is not None


async def identificatie_taken(
    conn: AsyncConnection, bronorganisatie: str, identificatie: str
) -> bool:
    """Whether ``identificatie`` is already used by a zaak of ``bronorganisatie``."""
    values = {"bronorganisatie": bronorganisatie, "identificatie": identificatie}
    return await conn.scalar(_IDENTIFICATIE_TAKEN, values) is not None


async def exists(conn: AsyncConnection, table: Table, uuid: UUID) -> bool:
    """Whether ``table`` holds a row with this uuid (statussen and the parts of a zaak)."""
    return await conn.scalar(_uuid_of(table), {"uuid": uuid}) is not None


async def status_exists(conn: AsyncConnection, uuid: UUID) -> bool:
    """Whether a status with this uuid is stored."""
    return await exists(conn, status, uuid)


async def status_count(conn: AsyncConnection, zaak_uuid: UUID) -> int:
    """How many statussen the zaak has."""
    return int(await conn.scalar(_STATUS_COUNT, {"zaak": zaak_uuid}) or 0)


async def resultaat_of(conn: AsyncConnection, zaak_uuid: UUID) -> UUID | None:
    """The resultaattype of the zaak's resultaat, or None when it has none."""
    return await conn.scalar(_RESULTAATTYPE, {"zaak": zaak_uuid})


async def onderdeel(conn: AsyncConnection, table: Table, uuid: UUID) -> dict[str, Any] | None:
    """A stored part of a zaak (row of ``table``), or None."""
    row = (await conn.execute(_row_of(table), {"uuid": uuid})).mappings().first()
    return dict(row) if row is not None else None


async def eigenschappen(conn: AsyncConnection, zaak_uuid: UUID) -> dict[str, str]:
    """The zaak's zaakeigenschappen as naam -> waarde."""
    rows = await conn.execute(_EIGENSCHAPPEN, {"zaak": zaak_uuid})
    return {row.gegevens.get("naam", ""): row.gegevens.get("waarde", "") for row in rows}


async def informatieobjecten(conn: AsyncConnection, zaak_uuid: UUID) -> list[str]:
    """The informatieobject URLs of the zaak's zaakinformatieobjecten."""
    rows = await conn.scalars(_INFORMATIEOBJECTEN, {"zaak": zaak_uuid})
    return list(rows)
