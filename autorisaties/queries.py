"""Reads of the autorisaties projection, for the processor's rules, the gateway and the
client registry. Deleted applicaties (``verwijderd``) are invisible here except to
:func:`get_any`, which the processor needs for the per-applicatie sequence."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import func, select
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from autorisaties.tables import STAMP_ID, applicatie, applicatie_client_id, autorisaties_stamp
from schemas.payloads_autorisaties import AutorisatieV1


@dataclass(frozen=True)
class Applicatie:
    """One applicatie as the projection holds it (``encrypted_secret`` is a Fernet token)."""

    uuid: uuid.UUID
    client_ids: tuple[str, ...]
    label: str
    heeft_alle_autorisaties: bool
    autorisaties: tuple[AutorisatieV1, ...]
    encrypted_secret: str
    verwijderd: bool
    sequence: int


def _applicatie(row: Row[Any], client_ids: Iterable[str]) -> Applicatie:
    return Applicatie(
        uuid=row.uuid,
        client_ids=tuple(client_ids),
        label=row.label,
        heeft_alle_autorisaties=row.heeft_alle_autorisaties,
        autorisaties=tuple(AutorisatieV1.model_validate(a) for a in row.autorisaties),
        encrypted_secret=row.encrypted_secret,
        verwijderd=row.verwijderd,
        sequence=row.sequence,
    )


async def _client_ids(
    conn: AsyncConnection, uuids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[str]]:
    found: dict[uuid.UUID, list[str]] = {u: [] for u in uuids}
    if uuids:
        rows = await conn.execute(
            select(applicatie_client_id.c.applicatie, applicatie_client_id.c.client_id)
            .where(applicatie_client_id.c.applicatie.in_(list(uuids)))
            .order_by(applicatie_client_id.c.client_id)
        )
        for row in rows:
            found[row.applicatie].append(row.client_id)
    return found


async def _rows(conn: AsyncConnection, rows: Sequence[Row[Any]]) -> list[Applicatie]:
    ids = await _client_ids(conn, [row.uuid for row in rows])
    return [_applicatie(row, ids[row.uuid]) for row in rows]


async def get_any(conn: AsyncConnection, identifier: uuid.UUID) -> Applicatie | None:
    """The applicatie ``identifier``, deleted or not."""
    row = (await conn.execute(select(applicatie).where(applicatie.c.uuid == identifier))).first()
    return (await _rows(conn, [row]))[0] if row is not None else None


async def get(conn: AsyncConnection, identifier: uuid.UUID) -> Applicatie | None:
    """The live applicatie ``identifier``, or None (unknown or deleted)."""
    found = await get_any(conn, identifier)
    return found if found is not None and not found.verwijderd else None


async def by_client_id(conn: AsyncConnection, client_id: str) -> Applicatie | None:
    """The live applicatie that holds ``client_id``."""
    owner = await conn.scalar(
        select(applicatie_client_id.c.applicatie).where(
            applicatie_client_id.c.client_id == client_id
        )
    )
    return await get(conn, owner) if owner is not None else None


async def client_ids_taken(
    conn: AsyncConnection, client_ids: Iterable[str], excluding: uuid.UUID
) -> dict[str, uuid.UUID]:
    """Which of ``client_ids`` another live applicatie holds, and which one."""
    rows = await conn.execute(
        select(applicatie_client_id).where(
            applicatie_client_id.c.client_id.in_(list(client_ids)),
            applicatie_client_id.c.applicatie != excluding,
        )
    )
    return {row.client_id: row.applicatie for row in rows}


async def page(
    conn: AsyncConnection, *, client_ids: Sequence[str] = (), offset: int = 0, limit: int = 100
) -> tuple[int, list[Applicatie]]:
    """Live applicaties ordered by label and uuid; with ``client_ids`` only those that hold
    one of them. Returns the total count and one page."""
    query = select(applicatie).where(applicatie.c.verwijderd.is_(False))
    if client_ids:
        holders = select(applicatie_client_id.c.applicatie).where(
            applicatie_client_id.c.client_id.in_(list(client_ids))
        )
        query = query.where(applicatie.c.uuid.in_(holders))
    count = await conn.scalar(select(func.count()).select_from(query.subquery()))
    rows = await conn.execute(
        query.order_by(applicatie.c.label, applicatie.c.uuid).offset(offset).limit(limit)
    )
    return int(count or 0), await _rows(conn, rows.all())


async def all_live(conn: AsyncConnection) -> list[Applicatie]:
    """Every live applicatie (for the gateway's client registry)."""
    rows = await conn.execute(select(applicatie).where(applicatie.c.verwijderd.is_(False)))
    return await _rows(conn, rows.all())


_STAMP: Final = select(autorisaties_stamp.c.version).where(autorisaties_stamp.c.id == STAMP_ID)


async def stamp(conn: AsyncConnection) -> int:
    """How many facts the projection has applied: changes whenever an applicatie changes."""
    version = await conn.scalar(_STAMP)
    return int(version or 0)
