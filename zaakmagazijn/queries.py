"""Read queries over the zaakmagazijn projection, for the gateway's read API.

Every list is one query for the page plus one count, ordered on indexed columns with the
primary key as tie-breaker so pages are stable. Status rows carry ``laatst_gezet``: whether the
status is its zaak's current one (``zaak.status``), computed in the same query.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from zaakmagazijn.tables import status, zaak

ZAAK_ORDERING: Final = {
    "startdatum": zaak.c.startdatum,
    "einddatum": zaak.c.einddatum,
    "publicatiedatum": zaak.c.publicatiedatum,
    "archiefactiedatum": zaak.c.archiefactiedatum,
    "registratiedatum": zaak.c.registratiedatum,
    "identificatie": zaak.c.identificatie,
}
"""Fields a zaak list may be ordered by (``-`` prefix: descending), as the Zaken API lists."""


@dataclass(frozen=True)
class Page:
    """One page of rows and the number of rows over all pages."""

    rows: Sequence[Mapping[str, Any]]
    count: int


@dataclass(frozen=True)
class ZaakFilters:
    """Filters of ``GET /zaken``; None means "not filtered"."""

    identificatie: str | None = None
    bronorganisatie: str | None = None
    zaaktype: uuid.UUID | None = None
    startdatum: dt.date | None = None
    startdatum_gt: dt.date | None = None
    startdatum_gte: dt.date | None = None
    startdatum_lt: dt.date | None = None
    startdatum_lte: dt.date | None = None
    ordering: tuple[str, ...] = ()


@dataclass(frozen=True)
class StatusFilters:
    """Filters of ``GET /statussen``; None means "not filtered"."""

    zaak: uuid.UUID | None = None
    statustype: uuid.UUID | None = None
    indicatie_laatst_gezette_status: bool | None = None


def _zaak_conditions(filters: ZaakFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.identificatie is not None:
        conditions.append(zaak.c.identificatie == filters.identificatie)
    if filters.bronorganisatie is not None:
        conditions.append(zaak.c.bronorganisatie == filters.bronorganisatie)
    if filters.zaaktype is not None:
        conditions.append(zaak.c.zaaktype == filters.zaaktype)
    start = zaak.c.startdatum
    for value, condition in (
        (filters.startdatum, lambda d: start == d),
        (filters.startdatum_gt, lambda d: start > d),
        (filters.startdatum_gte, lambda d: start >= d),
        (filters.startdatum_lt, lambda d: start < d),
        (filters.startdatum_lte, lambda d: start <= d),
    ):
        if value is not None:
            conditions.append(condition(value))
    return conditions


def _zaak_order(ordering: tuple[str, ...]) -> list[Any]:
    """ORDER BY terms; unknown names raise KeyError (the caller validates first)."""
    terms: list[Any] = []
    for name in ordering:
        column = ZAAK_ORDERING[name.removeprefix("-")]
        terms.append(column.desc() if name.startswith("-") else column.asc())
    if not terms:
        terms.append(zaak.c.startdatum.desc())
    terms.append(zaak.c.uuid.asc())
    return terms


async def _page(
    conn: AsyncConnection, query: Select[Any], count_query: Select[Any], offset: int, limit: int
) -> Page:
    count = int(await conn.scalar(count_query) or 0)
    if count <= offset:
        return Page(rows=(), count=count)
    result = await conn.execute(query.offset(offset).limit(limit))
    return Page(rows=[dict(row) for row in result.mappings()], count=count)


async def list_zaken(
    conn: AsyncConnection, filters: ZaakFilters, *, offset: int, limit: int
) -> Page:
    """Zaken matching ``filters``, rows ``offset`` up to ``offset + limit``."""
    conditions = _zaak_conditions(filters)
    query = select(zaak).where(*conditions).order_by(*_zaak_order(filters.ordering))
    count_query = select(func.count()).select_from(zaak).where(*conditions)
    return await _page(conn, query, count_query, offset, limit)


async def get_zaak(conn: AsyncConnection, zaak_uuid: uuid.UUID) -> Mapping[str, Any] | None:
    """The zaak row, or None."""
    result = await conn.execute(select(zaak).where(zaak.c.uuid == zaak_uuid))
    row = result.mappings().first()
    return dict(row) if row is not None else None


async def zaak_bronorganisatie(conn: AsyncConnection, zaak_uuid: uuid.UUID) -> str | None:
    """The bronorganisatie of a zaak in the projection, or None when it is not (yet) there."""
    value = await conn.scalar(select(zaak.c.bronorganisatie).where(zaak.c.uuid == zaak_uuid))
    return str(value) if value is not None else None


_LAATST_GEZET: Final = (zaak.c.status == status.c.uuid).label("laatst_gezet")


def _status_select() -> Select[Any]:
    return select(status, _LAATST_GEZET).join(zaak, zaak.c.uuid == status.c.zaak)


def _status_conditions(filters: StatusFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.zaak is not None:
        conditions.append(status.c.zaak == filters.zaak)
    if filters.statustype is not None:
        conditions.append(status.c.statustype == filters.statustype)
    if filters.indicatie_laatst_gezette_status is True:
        conditions.append(zaak.c.status == status.c.uuid)
    elif filters.indicatie_laatst_gezette_status is False:
        conditions.append(or_(zaak.c.status.is_(None), zaak.c.status != status.c.uuid))
    return conditions


async def list_statussen(
    conn: AsyncConnection, filters: StatusFilters, *, offset: int, limit: int
) -> Page:
    """Statussen matching ``filters``, per zaak in the order they were set."""
    conditions = _status_conditions(filters)
    query = (
        _status_select()
        .where(*conditions)
        .order_by(status.c.zaak, status.c.zaak_sequence, status.c.uuid)
    )
    count_query = select(func.count()).select_from(status)
    if filters.indicatie_laatst_gezette_status is not None:
        count_query = count_query.join(zaak, zaak.c.uuid == status.c.zaak)
    return await _page(conn, query, count_query.where(*conditions), offset, limit)


async def get_status(conn: AsyncConnection, status_uuid: uuid.UUID) -> Mapping[str, Any] | None:
    """The status row (with ``laatst_gezet``), or None."""
    result = await conn.execute(_status_select().where(status.c.uuid == status_uuid))
    row = result.mappings().first()
    return dict(row) if row is not None else None
