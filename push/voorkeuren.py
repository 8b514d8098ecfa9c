"""Citizens' subscription preferences (opt in/out per zaaktype or per zaak), by pseudonym.

Neither the BSN nor the KvK number is stored: preferences are keyed by the same keyed
pseudonym as the ledger (:func:`subject_of`). A choice for one zaak overrides the choice for
its zaaktype; without any choice a citizen receives messages (opt-out model, as MijnOverheid).
"""

from __future__ import annotations

import hashlib
import hmac
import time
import uuid
from dataclasses import dataclass
from typing import Final, Literal

from sqlalchemy import bindparam, delete, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from push.tables import push_voorkeur

Soort = Literal["zaaktype", "zaak"]


def subject_of(kind: Literal["bsn", "kvk"], number: str, key: bytes) -> str:
    """The keyed pseudonym of a BSN (same as in the logs) or a KvK number."""
    value = number if kind == "bsn" else f"kvk:{number}"
    return "pseudo:" + hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:16]


@dataclass(frozen=True)
class Voorkeur:
    soort: Soort
    ref: uuid.UUID
    ontvangen: bool
    bijgewerkt: float


async def voorkeuren(conn: AsyncConnection, subject: str) -> list[Voorkeur]:
    query = select(push_voorkeur).where(push_voorkeur.c.subject == subject)
    rows = await conn.execute(query.order_by(push_voorkeur.c.soort, push_voorkeur.c.ref))
    return [Voorkeur(r.soort, r.ref, r.ontvangen, r.bijgewerkt) for r in rows]


async def zet(
    conn: AsyncConnection, subject: str, soort: Soort, ref: uuid.UUID, ontvangen: bool | None
) -> None:
    """Record a choice; ``None`` removes it (back to the default)."""
    key = (push_voorkeur.c.subject == subject) & (push_voorkeur.c.soort == soort)
    await conn.execute(delete(push_voorkeur).where(key & (push_voorkeur.c.ref == ref)))
    if ontvangen is not None:
        await conn.execute(
            insert(push_voorkeur).values(
                subject=subject, soort=soort, ref=ref, ontvangen=ontvangen, bijgewerkt=time.time()
            )
        )


_V = push_voorkeur
_CHOICES: Final = select(_V.c.soort, _V.c.ontvangen).where(
    _V.c.subject == bindparam("subject"),
    ((_V.c.soort == "zaak") & (_V.c.ref == bindparam("zaak", type_=_V.c.ref.type)))
    | ((_V.c.soort == "zaaktype") & (_V.c.ref == bindparam("zaaktype", type_=_V.c.ref.type))),
)
"""The citizen's choices about one zaak and its zaaktype (built once: read for every fact)."""


async def wil_ontvangen(
    conn: AsyncConnection, subject: str, zaaktype: uuid.UUID, zaak: uuid.UUID
) -> bool:
    """Whether the citizen wants messages about ``zaak`` (zaak choice over zaaktype choice)."""
    values = {"subject": subject, "zaak": zaak, "zaaktype": zaaktype}
    choices = {row.soort: row.ontvangen for row in await conn.execute(_CHOICES, values)}
    return bool(choices.get("zaak", choices.get("zaaktype", True)))
