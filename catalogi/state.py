"""Reads of the catalogi projection that the processor, the store and the CLI need."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from catalogi.model import ZAAKTYPE_PARTS, Catalogus
from catalogi.tables import catalogus, catalogus_object


async def load(conn: AsyncConnection, uuid: UUID) -> tuple[Catalogus | None, int]:
    """The stored catalogus ``uuid`` and its sequence; (None, 0) when there is none."""
    row = (
        await conn.execute(
            select(catalogus.c.document, catalogus.c.sequence).where(catalogus.c.uuid == uuid)
        )
    ).one_or_none()
    if row is None:
        return None, 0
    return Catalogus.model_validate(row.document), int(row.sequence)


async def load_all(conn: AsyncConnection) -> list[Catalogus]:
    """Every stored catalogus, by domein and rsin."""
    rows = await conn.execute(
        select(catalogus.c.document).order_by(catalogus.c.domein, catalogus.c.rsin)
    )
    return [Catalogus.model_validate(row.document) for row in rows]


async def stamp(conn: AsyncConnection) -> tuple[int, int]:
    """(number of catalogussen, sum of their sequences): changes whenever any catalogus does
    (catalogussen are never deleted and every change raises a sequence)."""
    row = (await conn.execute(_STAMP)).one()
    return int(row[0]), int(row[1])


_STAMP = select(func.count(), func.coalesce(func.sum(catalogus.c.sequence), 0))
"""Built once: checked before every processor batch and (at most every 20 ms) per request."""


async def taken_elsewhere(conn: AsyncConnection, uuids: Iterable[UUID], owner: UUID) -> set[UUID]:
    """The subset of ``uuids`` already used by an object of another catalogus than ``owner``."""
    wanted = list(uuids)
    if not wanted:
        return set()
    rows = await conn.execute(
        select(catalogus_object.c.uuid).where(
            catalogus_object.c.uuid.in_(wanted), catalogus_object.c.catalogus != owner
        )
    )
    return {row.uuid for row in rows}


async def domein_rsin_taken(conn: AsyncConnection, domein: str, rsin: str, owner: UUID) -> bool:
    """Whether another catalogus than ``owner`` has this domein and rsin."""
    found = await conn.scalar(
        select(catalogus.c.uuid).where(
            catalogus.c.domein == domein, catalogus.c.rsin == rsin, catalogus.c.uuid != owner
        )
    )
    return found is not None


def objects(value: Catalogus) -> Iterator[tuple[UUID, str]]:
    """(uuid, soort) of the catalogus and of every object it holds."""
    yield value.uuid, "catalogus"
    for field, soort in (("informatieobjecttypen", "informatieobjecttype"),
                         ("besluittypen", "besluittype"), ("zaaktypen", "zaaktype")):  # fmt: skip
        for item in getattr(value, field):
            yield item.uuid, soort
    for zaaktype in value.zaaktypen:
        for field in ZAAKTYPE_PARTS:
            for part in getattr(zaaktype, field):
                yield part.uuid, field
