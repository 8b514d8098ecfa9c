"""Per-subject positions of the read model: each fact applies exactly once, in order.

Every accepted fact carries a contiguous ``sequence`` per subject (zaak, document or
catalogus). A fact at or below the stored position was applied already (the events topic is
at-least-once); one beyond the next position means facts are missing.
"""

from __future__ import annotations

from typing import Final
from uuid import UUID

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from burgerzaken.tables import burgerzaken_positie
from schemas.envelope import Envelope


class ProjectionError(Exception):
    """A fact cannot be applied to the read model."""


class SequenceGap(ProjectionError):
    """Facts of ``subject`` are missing: ``got`` arrived while ``expected`` was due."""

    def __init__(self, subject: UUID, expected: int, got: int) -> None:
        super().__init__(f"subject {subject}: expected sequence {expected}, got {got}")
        self.expected = expected
        self.got = got


_P = burgerzaken_positie
_POSITION: Final = select(_P.c.sequence).where(_P.c.subject == bindparam("subject"))
_INSERT: Final = insert(_P)
_ADVANCE: Final = update(_P).where(_P.c.subject == bindparam("p_subject"))
"""Built once: every fact reads and moves its subject's position."""


async def claim(conn: AsyncConnection, fact: Envelope) -> bool:
    """Advance the position of ``fact.subject`` to ``fact.sequence``; False for a duplicate.

    Raises :class:`SequenceGap` when earlier facts of the subject are missing and
    :class:`ProjectionError` for a fact without a sequence (only accepted facts apply).
    """
    if fact.sequence is None or fact.sequence < 1:
        raise ProjectionError(f"fact {fact.id} has no per-subject sequence")
    stored = await conn.scalar(_POSITION, {"subject": fact.subject})
    current = int(stored or 0)
    if fact.sequence <= current:
        return False
    if fact.sequence > current + 1:
        raise SequenceGap(fact.subject, current + 1, fact.sequence)
    if stored is None:
        await conn.execute(_INSERT, {"subject": fact.subject, "sequence": fact.sequence})
    else:
        await conn.execute(_ADVANCE, {"p_subject": fact.subject, "sequence": fact.sequence})
    return True
