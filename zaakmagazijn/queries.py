"""Read queries over the zaakmagazijn projection, for the gateway's read API.

Every list is one query for the page plus one count, ordered on indexed columns with the
primary key as tie-breaker so pages are stable. Status rows carry ``laatst_gezet``: whether the
status is its zaak's current one (``zaak.status``), computed in the same query.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from sqlalchemy import ColumnElement, Integer, Select, bindparam, func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from autorisaties.rights import Visibility
from zaakmagazijn import zaakfilters
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
    """Filters of ``GET /zaken`` and ``POST /zaken/_zoek``: parsed values by filter name (see
    :mod:`zaakmagazijn.zaakfilters`) and the ordering."""

    values: Mapping[str, Any] = field(default_factory=dict)
    ordering: tuple[str, ...] = ()


@dataclass(frozen=True)
class StatusFilters:
    """Filters of ``GET /statussen``; None means "not filtered"."""

    zaak: uuid.UUID | None = None
    statustype: uuid.UUID | None = None
    indicatie_laatst_gezette_status: bool | None = None


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


def _visible(visibility: Visibility | None) -> list[ColumnElement[bool]]:
    condition = zaakfilters.visible(visibility) if visibility is not None else None
    return [condition] if condition is not None else []


def zaak_list_query(
    filters: ZaakFilters, dialect: str, visibility: Visibility | None = None
) -> tuple[Select[Any], dict[str, Any]]:
    """The zaak list query (every row with ``_total``, the count over all pages, as a window;
    ``page_offset`` and ``page_limit`` bound) and the parameters of ``filters``."""
    shape, params = zaakfilters.shape_of(filters.values)
    return _list_statements(shape, filters.ordering, dialect, visibility)[0], params


@functools.lru_cache(maxsize=512)
def _list_statements(
    shape: zaakfilters.Shape,
    ordering: tuple[str, ...],
    dialect: str,
    visibility: Visibility | None,
) -> tuple[Select[Any], Select[Any]]:
    # Built once per shape of request (filters, ordering, client's visibility): building the
    # statement and its cache key cost about as much as running it.
    conditions = [*zaakfilters.shaped_conditions(shape, dialect), *_visible(visibility)]
    total = func.count().over().label("_total")
    query = select(zaak, total).where(*conditions).order_by(*_zaak_order(ordering))
    page = query.offset(bindparam("page_offset", type_=Integer)).limit(
        bindparam("page_limit", type_=Integer)
    )
    return page, select(func.count()).select_from(zaak).where(*conditions)


async def list_zaken(
    conn: AsyncConnection,
    filters: ZaakFilters,
    *,
    offset: int,
    limit: int,
    visibility: Visibility | None = None,
) -> Page:
    """Zaken matching ``filters`` that ``visibility`` lets the client read (None: all),
    rows ``offset`` up to ``offset + limit``."""
    shape, params = zaakfilters.shape_of(filters.values)
    query, count_query = _list_statements(shape, filters.ordering, conn.dialect.name, visibility)
    result = await conn.execute(query, {**params, "page_offset": offset, "page_limit": limit})
    keys = list(result.keys())
    rows = [dict(zip(keys, row, strict=True)) for row in result]  # cheaper than .mappings()
    if rows:  # one statement: the page and, with the window, the count over all pages
        count = 0
        for row in rows:
            count = int(row.pop("_total"))
        return Page(rows=rows, count=count)
    return Page(rows=(), count=int(await conn.scalar(count_query, params) or 0))


_GET_ZAAK: Final = select(zaak).where(zaak.c.uuid == bindparam("zaak_uuid"))
"""Built once (as the other single-row reads of the write path): building costs more than
executing."""


async def get_zaak(conn: AsyncConnection, zaak_uuid: uuid.UUID) -> Mapping[str, Any] | None:
    """The zaak row, or None."""
    result = await conn.execute(_GET_ZAAK, {"zaak_uuid": zaak_uuid})
    row = result.mappings().first()
    return dict(row) if row is not None else None


async def get_zaken(
    conn: AsyncConnection, uuids: Collection[uuid.UUID], visibility: Visibility | None = None
) -> dict[uuid.UUID, Mapping[str, Any]]:
    """The zaak rows of ``uuids`` the client may read, by uuid (one query)."""
    if not uuids:
        return {}
    query = select(zaak).where(zaak.c.uuid.in_(list(uuids)), *_visible(visibility))
    return {row["uuid"]: dict(row) for row in (await conn.execute(query)).mappings()}


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
    conn: AsyncConnection,
    filters: StatusFilters,
    *,
    offset: int,
    limit: int,
    visibility: Visibility | None = None,
) -> Page:
    """Statussen matching ``filters`` of zaken the client may read, per zaak in the order
    they were set."""
    conditions = [*_status_conditions(filters), *_visible(visibility)]
    query = (
        _status_select()
        .where(*conditions)
        .order_by(status.c.zaak, status.c.zaak_sequence, status.c.uuid)
    )
    count_query = select(func.count()).select_from(status)
    if filters.indicatie_laatst_gezette_status is not None or visibility is not None:
        count_query = count_query.join(zaak, zaak.c.uuid == status.c.zaak)
    return await _page(conn, query, count_query.where(*conditions), offset, limit)


_GET_STATUS: Final = (
    _status_select()
    .add_columns(
        zaak.c.zaaktype.label("zaaktype"),
        zaak.c.vertrouwelijkheidaanduiding.label("vertrouwelijkheidaanduiding"),
    )
    .where(status.c.uuid == bindparam("status_uuid"))
)


async def get_status(conn: AsyncConnection, status_uuid: uuid.UUID) -> Mapping[str, Any] | None:
    """The status row (with ``laatst_gezet`` and its zaak's ``zaaktype`` and
    ``vertrouwelijkheidaanduiding``, for authorisation), or None."""
    result = await conn.execute(_GET_STATUS, {"status_uuid": status_uuid})
    row = result.mappings().first()
    return dict(row) if row is not None else None


async def get_statussen(
    conn: AsyncConnection, uuids: Collection[uuid.UUID], visibility: Visibility | None = None
) -> dict[uuid.UUID, Mapping[str, Any]]:
    """The status rows of ``uuids`` of zaken the client may read, by uuid (one query)."""
    if not uuids:
        return {}
    query = _status_select().where(status.c.uuid.in_(list(uuids)), *_visible(visibility))
    return {row["uuid"]: dict(row) for row in (await conn.execute(query)).mappings()}
