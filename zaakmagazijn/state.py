"""Reads of the current zaakmagazijn state that the handlers decide on."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from zaakmagazijn.rules import ZaakState
from zaakmagazijn.tables import status, zaak


async def zaak_state(conn: AsyncConnection, uuid: UUID) -> ZaakState | None:
    """The stored zaak ``uuid``, or None when it does not exist."""
    row = (
        await conn.execute(
            select(zaak.c.uuid, zaak.c.zaaktype, zaak.c.sequence, zaak.c.einddatum).where(
                zaak.c.uuid == uuid
            )
        )
    ).one_or_none()
    if row is None:
        return None
    return ZaakState(
        uuid=row.uuid, zaaktype=row.zaaktype, sequence=row.sequence, einddatum=row.einddatum
    )


async def zaak_exists(conn: AsyncConnection, uuid: UUID) -> bool:
    """Whether a zaak with this uuid is stored."""
    found = await conn.scalar(select(zaak.c.uuid).where(zaak.c.uuid == uuid))
    return found is not None


async def identificatie_taken(
    conn: AsyncConnection, bronorganisatie: str, identificatie: str
) -> bool:
    """Whether ``identificatie`` is already used by a zaak of ``bronorganisatie``."""
    found = await conn.scalar(
        select(zaak.c.uuid).where(
            zaak.c.bronorganisatie == bronorganisatie, zaak.c.identificatie == identificatie
        )
    )
    return found is not None


async def status_exists(conn: AsyncConnection, uuid: UUID) -> bool:
    """Whether a status with this uuid is stored."""
    found = await conn.scalar(select(status.c.uuid).where(status.c.uuid == uuid))
    return found is not None
