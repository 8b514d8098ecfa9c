"""Per-subject positions of the read model: each fact applies exactly once, in order.

Every accepted fact carries a contiguous ``sequence`` per subject (zaak, document or
catalogus). A fact at or below the stored position was applied already (the events topic is
at-least-once); one beyond the next position means facts are missing.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import insert, select, update
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


async def claim(conn: AsyncConnection, fact: Envelope) -> bool:
    """Advance the position of ``fact.subject`` to ``fact.sequence``; False for a duplicate.

    Raises :class:`SequenceGap` when earlier facts of the subject are missing and
    :class:`ProjectionError` for a fact without a sequence (only accepted facts apply).
    """
    if fact.sequence is None or fact.sequence < 1:
        raise ProjectionError(f"fact {fact.id} has no per-subject sequence")
    stored = await conn.scalar(
        select(burgerzaken_positie.c.sequence).where(burgerzaken_positie.c.subject == fact.subject)
    )
    current = int(stored or 0)
    if fact.sequence <= current:
        return False
    if fact.sequence > current + 1:
        raise SequenceGap(fact.subject, current + 1, fact.sequence)
    if stored is None:
        await conn.execute(
            insert(burgerzaken_positie).values(subject=fact.subject, sequence=fact.sequence)
        )
    else:
        await conn.execute(
            update(burgerzaken_positie)
            .where(burgerzaken_positie.c.subject == fact.subject)
            .values(sequence=fact.sequence)
        )
    return True
