"""Apply accepted kanaal and abonnement facts: the one way their tables are written.

The processor applies each fact right after deciding it; a rebuild applies the events topic
through this same function. A fact at or below the object's ``sequence`` is skipped; one beyond
``sequence + 1`` raises :class:`SequenceGap`.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import Table, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from notificaties.tables import abonnement, kanaal
from schemas.envelope import Envelope
from schemas.notificaties_events import (
    ABONNEMENT_AANGEMAAKT,
    ABONNEMENT_GEWIJZIGD,
    ABONNEMENT_VERWIJDERD,
    KANAAL_AANGEMAAKT,
)
from schemas.payloads_notificaties import AbonnementV1, KanaalAangemaaktV1


class SequenceGap(Exception):
    """Facts of a kanaal or abonnement are missing."""

    def __init__(self, subject: UUID, expected: int, got: int) -> None:
        super().__init__(f"notificaties object {subject}: expected sequence {expected}, got {got}")


def abonnement_row(data: AbonnementV1) -> dict[str, Any]:
    """The ``abonnement`` columns of an abonnement payload."""
    return {
        "client_id": data.clientId,
        "callback_url": data.callbackUrl,
        "encrypted_auth": data.encryptedAuth,
        "kanalen": [k.model_dump(mode="json") for k in data.kanalen],
        "berichtformaat": data.berichtformaat,
        "encrypted_hmac_secret": data.encryptedHmacSecret,
        "oauth2": data.oauth2.model_dump(mode="json") if data.oauth2 else None,
        "burgerkanaal": data.burgerkanaal,
        "verwijderd": False,
    }


async def _sequence(conn: AsyncConnection, table: Table, subject: UUID) -> int:
    value = await conn.scalar(select(table.c.sequence).where(table.c.uuid == subject))
    return int(value) if value is not None else 0


async def apply(conn: AsyncConnection, fact: Envelope) -> bool:
    """Apply one fact; False when it was applied before (a duplicate)."""
    table = kanaal if fact.type == KANAAL_AANGEMAAKT else abonnement
    current = await _sequence(conn, table, fact.subject)
    sequence = fact.sequence or 0
    if sequence <= current:
        return False
    if sequence != current + 1:
        raise SequenceGap(fact.subject, current + 1, sequence)
    data = fact.data
    if fact.type == KANAAL_AANGEMAAKT:
        assert isinstance(data, KanaalAangemaaktV1)
        await conn.execute(
            insert(kanaal).values(
                uuid=data.uuid,
                naam=data.naam,
                documentatie_link=data.documentatieLink,
                filters=list(data.filters),
                sequence=sequence,
            )
        )
    elif fact.type == ABONNEMENT_AANGEMAAKT:
        assert isinstance(data, AbonnementV1)
        await conn.execute(
            insert(abonnement).values(uuid=data.uuid, sequence=sequence, **abonnement_row(data))
        )
    elif fact.type == ABONNEMENT_GEWIJZIGD:
        assert isinstance(data, AbonnementV1)
        await conn.execute(
            update(abonnement)
            .where(abonnement.c.uuid == fact.subject)
            .values(sequence=sequence, **abonnement_row(data))
        )
    elif fact.type == ABONNEMENT_VERWIJDERD:
        await conn.execute(
            update(abonnement)
            .where(abonnement.c.uuid == fact.subject)
            .values(sequence=sequence, verwijderd=True)
        )
    else:
        raise ValueError(f"no notificaties applier for {fact.type}")
    return True
