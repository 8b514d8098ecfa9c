"""The audit trail of a zaak, kept as a projection of its facts.

Each applied fact writes one entry per resource it created, changed or removed: the acting
client and user and the time come from the fact's envelope, ``oud`` and ``nieuw`` are the
resource before and after (ZGW field names, internal references, JSON values), computed while
the fact is applied. So the trail is rebuilt exactly by a replay of the events topic, and
reading it is one indexed query per zaak (the events topic itself has no index by zaak).
Deleting a zaak removes its trail with it: it holds personal data (rollen).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from schemas.envelope import Envelope
from zaakmagazijn.fingerprint import normalise
from zaakmagazijn.rules import to_utc
from zaakmagazijn.tables import audittrail


@dataclass(frozen=True)
class Wijziging:
    """One audit trail entry: ``actie`` (create, update, partial_update, destroy) on a
    resource, with its state before and after."""

    resource: str
    resource_uuid: uuid.UUID
    actie: str
    oud: Mapping[str, Any] | None
    nieuw: Mapping[str, Any] | None


def document(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` as canonical JSON values (UUIDs, dates and times as text)."""
    return {str(name): normalise(value) for name, value in values.items()}


_INSERT: Final = insert(audittrail)


async def record(conn: AsyncConnection, fact: Envelope, wijzigingen: Sequence[Wijziging]) -> None:
    """Write the entries of ``fact``; their uuids derive from the fact id (replay-stable)."""
    if not wijzigingen:
        return
    await conn.execute(
        _INSERT,
        [
            {
                "uuid": uuid.uuid5(fact.id, f"audittrail:{w.resource}:{w.resource_uuid}"),
                "zaak": fact.subject,
                "sequence": fact.sequence,
                "actie": w.actie,
                "resource": w.resource,
                "resource_uuid": w.resource_uuid,
                "applicatie_id": fact.clientid[:100],
                "gebruikers_id": fact.userid[:255],
                "aanmaakdatum": to_utc(fact.time),
                "oud": dict(w.oud) if w.oud is not None else None,
                "nieuw": dict(w.nieuw) if w.nieuw is not None else None,
            }
            for w in wijzigingen
        ],
    )


async def entries(conn: AsyncConnection, zaak: uuid.UUID) -> list[dict[str, Any]]:
    """The zaak's audit trail, oldest first."""
    rows = await conn.execute(
        select(audittrail)
        .where(audittrail.c.zaak == zaak)
        .order_by(audittrail.c.sequence, audittrail.c.resource, audittrail.c.uuid)
    )
    return [dict(row) for row in rows.mappings()]


async def entry(conn: AsyncConnection, zaak: uuid.UUID, uuid_: uuid.UUID) -> dict[str, Any] | None:
    """One entry of the zaak's audit trail, or None."""
    rows = await conn.execute(
        select(audittrail).where(audittrail.c.uuid == uuid_, audittrail.c.zaak == zaak)
    )
    row = rows.mappings().first()
    return dict(row) if row is not None else None
