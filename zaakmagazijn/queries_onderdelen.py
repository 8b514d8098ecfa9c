"""Read queries over the parts of a zaak (rollen, resultaat, zaakobjecten, ...), for the
gateway's read API: lists filtered like Open Zaak filters them, details, and the uuids a zaak
lists of its parts. Every read is limited to the zaken the client may read (its
``Visibility``), in the same query.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Collection, Mapping
from typing import Any, Final

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Integer,
    String,
    Table,
    Uuid,
    any_,
    bindparam,
    cast,
    func,
    literal,
    literal_column,
    select,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from autorisaties.rights import Visibility
from zaakmagazijn import zaakfilters
from zaakmagazijn.queries import Page
from zaakmagazijn.tables import (
    resultaat,
    rol,
    zaak,
    zaakeigenschap,
    zaakinformatieobject,
    zaakobject,
)

RELATIES: Final[Mapping[str, Table]] = {
    "rollen": rol,
    "eigenschappen": zaakeigenschap,
    "zaakobjecten": zaakobject,
    "zaakinformatieobjecten": zaakinformatieobject,
}
"""Zaak field -> the table of the parts it lists."""


def _relaties_query(dialect: str) -> Any:
    """The UNION ALL of every kind of part (and deelzaken) of the zaken in ``:zaken``; one
    bound list, so the statement is compiled once and cached."""
    if dialect == "postgresql":
        zaken = bindparam("zaken", type_=ARRAY(Uuid))
        teksten = bindparam("teksten", type_=ARRAY(String))

        def of(column: Any, param: Any) -> Any:
            return column == any_(param)
    else:
        zaken = bindparam("zaken", expanding=True)
        teksten = bindparam("teksten", expanding=True)

        def of(column: Any, param: Any) -> Any:
            return column.in_(param)

    parts = [
        select(
            literal(name, String).label("soort"), cast(table.c.zaak, String).label("zaak"),
            table.c.uuid.label("uuid"), table.c.volgnummer.label("volgorde"),
        ).where(of(table.c.zaak, zaken))
        for name, table in {**RELATIES, "resultaat": resultaat}.items()
    ]  # fmt: skip
    deel = select(
        literal("deelzaken", String).label("soort"), zaak.c.hoofdzaak.label("zaak"),
        zaak.c.uuid.label("uuid"), literal(0, Integer).label("volgorde"),
    ).where(of(zaak.c.hoofdzaak, teksten))  # fmt: skip
    # Sorted as the zaak lists its parts: by volgnummer, then uuid. A uuid sorts the same as
    # its text on both databases (PostgreSQL compares the 16 bytes; SQLite stores hex).
    return union_all(*parts, deel).order_by(literal_column("volgorde"), literal_column("uuid"))


_RELATIES_QUERIES: dict[str, Any] = {}
_LISTED: Final = (*RELATIES, "deelzaken")


async def relaties(
    conn: AsyncConnection, zaak_uuids: Collection[uuid.UUID]
) -> dict[uuid.UUID, dict[str, Any]]:
    """Per zaak the uuids of its parts and deelzaken, as ``zaak_to_response`` lists them: ONE
    query (a UNION ALL over the part tables) for all zaken of a page, so a page costs no N+1."""
    found: dict[uuid.UUID, dict[str, Any]] = {}
    by_text: dict[str, dict[str, Any]] = {}
    dialect = conn.dialect.name
    teksten = []
    for zaak_uuid in zaak_uuids:
        parts: dict[str, Any] = {name: [] for name in _LISTED}
        parts["resultaat"] = None
        found[zaak_uuid] = parts
        text = str(zaak_uuid)
        teksten.append(text)
        by_text[text] = parts
        if dialect != "postgresql":  # the part tables' zaak column is hex text there
            by_text[zaak_uuid.hex] = parts
    if not found:
        return found
    query = _RELATIES_QUERIES.get(dialect)
    if query is None:
        query = _RELATIES_QUERIES.setdefault(dialect, _relaties_query(dialect))
    rows = await conn.execute(query, {"zaken": list(found), "teksten": teksten})
    for soort, zaak_text, part_uuid, _volgorde in rows:
        target = by_text.get(zaak_text)
        if target is None:  # a deelzaak's hoofdzaak written in another form
            target = _parsed(zaak_text, found)
            if target is None:
                continue
        if soort == "resultaat":
            target["resultaat"] = part_uuid
        else:
            target[soort].append(part_uuid)
    return found


def _parsed(text: str, found: Mapping[uuid.UUID, dict[str, Any]]) -> dict[str, Any] | None:
    try:
        return found.get(uuid.UUID(text))
    except ValueError:
        return None


def _select(table: Table) -> Any:
    """Rows of ``table`` with their zaak's zaaktype and vertrouwelijkheidaanduiding."""
    return select(
        table, zaak.c.zaaktype.label("zaaktype"),
        zaak.c.vertrouwelijkheidaanduiding.label("vertrouwelijkheidaanduiding"),
        zaak.c.bronorganisatie.label("bronorganisatie"),
    ).join(zaak, zaak.c.uuid == table.c.zaak)  # fmt: skip


@functools.cache
def _one(table: Table) -> Any:
    """:func:`_select` of the part ``:part_uuid``, built once per table."""
    return _select(table).where(table.c.uuid == bindparam("part_uuid"))


def _visible(visibility: Visibility | None) -> list[ColumnElement[bool]]:
    condition = zaakfilters.visible(visibility) if visibility is not None else None
    return [condition] if condition is not None else []


async def list_onderdelen(
    conn: AsyncConnection,
    table: Table,
    filters: Mapping[str, Any],
    *,
    offset: int,
    limit: int | None,
    visibility: Visibility | None = None,
) -> Page:
    """Parts in ``table`` whose columns equal ``filters`` (column name -> value), of zaken
    the client may read; in the order they were added. ``limit`` None: all of them."""
    conditions = [table.c[name] == value for name, value in filters.items()]
    conditions += _visible(visibility)
    query = _select(table).where(*conditions).order_by(table.c.zaak, table.c.volgnummer,
                                                        table.c.uuid)  # fmt: skip
    count_query = (
        select(func.count()).select_from(table).join(zaak, zaak.c.uuid == table.c.zaak)
    ).where(*conditions)
    count = int(await conn.scalar(count_query) or 0)
    if count <= offset:
        return Page(rows=(), count=count)
    query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    result = await conn.execute(query)
    return Page(rows=[dict(row) for row in result.mappings()], count=count)


async def get_onderdeel(
    conn: AsyncConnection, table: Table, part_uuid: uuid.UUID
) -> Mapping[str, Any] | None:
    """One part (with its zaak's zaaktype, vertrouwelijkheidaanduiding, bronorganisatie)."""
    result = await conn.execute(_one(table), {"part_uuid": part_uuid})
    row = result.mappings().first()
    return dict(row) if row is not None else None


async def get_onderdelen(
    conn: AsyncConnection,
    table: Table,
    uuids: Collection[uuid.UUID],
    visibility: Visibility | None = None,
) -> dict[uuid.UUID, Mapping[str, Any]]:
    """The parts of ``uuids`` the client may read, by uuid (one query; for expand)."""
    if not uuids:
        return {}
    query = _select(table).where(table.c.uuid.in_(list(uuids)), *_visible(visibility))
    return {row["uuid"]: dict(row) for row in (await conn.execute(query)).mappings()}
