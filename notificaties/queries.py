"""Reads of the notificaties projection, for the API and the push connector."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection

from notificaties.kanalen import BUILTIN, Kanaal
from notificaties.tables import abonnement, kanaal


@dataclass(frozen=True)
class Abonnement:
    """One live abonnement (secrets still encrypted)."""

    uuid: uuid.UUID
    client_id: str
    callback_url: str
    encrypted_auth: str
    kanalen: tuple[dict[str, Any], ...]
    berichtformaat: str
    encrypted_hmac_secret: str | None
    oauth2: dict[str, Any] | None
    burgerkanaal: bool
    sequence: int


def _abonnement(row: Any) -> Abonnement:
    return Abonnement(
        uuid=row.uuid,
        client_id=row.client_id,
        callback_url=row.callback_url,
        encrypted_auth=row.encrypted_auth,
        kanalen=tuple(row.kanalen),
        berichtformaat=row.berichtformaat,
        encrypted_hmac_secret=row.encrypted_hmac_secret,
        oauth2=row.oauth2,
        burgerkanaal=row.burgerkanaal,
        sequence=row.sequence,
    )


async def kanalen(conn: AsyncConnection, naam: str | None = None) -> list[Kanaal]:
    """The built-in kanalen and those created through the API, by naam."""
    query = select(kanaal).order_by(kanaal.c.naam)
    if naam is not None:
        query = query.where(kanaal.c.naam == naam)
    found = [
        Kanaal(r.uuid, r.naam, r.documentatie_link, tuple(r.filters))
        for r in (await conn.execute(query))
    ]
    builtin = [k for k in BUILTIN.values() if naam is None or k.naam == naam]
    return sorted(builtin + found, key=lambda k: k.naam)


async def kanaal_by_uuid(conn: AsyncConnection, identifier: uuid.UUID) -> Kanaal | None:
    return next((k for k in await kanalen(conn) if k.uuid == identifier), None)


_ABONNEMENT: Final = select(abonnement).where(
    abonnement.c.uuid == bindparam("uuid"), ~abonnement.c.verwijderd
)
_LIVE: Final = select(abonnement).where(~abonnement.c.verwijderd).order_by(abonnement.c.uuid)
"""Built once: the push connector reads them for every batch and every delivery."""


async def get_abonnement(conn: AsyncConnection, identifier: uuid.UUID) -> Abonnement | None:
    row = (await conn.execute(_ABONNEMENT, {"uuid": identifier})).first()
    return _abonnement(row) if row is not None else None


async def abonnement_sequence(conn: AsyncConnection, identifier: uuid.UUID) -> int | None:
    """The sequence of an abonnement, deleted ones included; None when it never existed."""
    value = await conn.scalar(select(abonnement.c.sequence).where(abonnement.c.uuid == identifier))
    return int(value) if value is not None else None


async def live_abonnementen(conn: AsyncConnection) -> list[Abonnement]:
    return [_abonnement(row) for row in await conn.execute(_LIVE)]
