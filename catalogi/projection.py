"""Apply accepted catalogue facts to the catalogi tables: the one way catalogue state is written.

The live processor applies each fact right after deciding it; a rebuild applies the events
topic through the same function. Applying depends only on the fact and the stored catalogus
(:func:`catalogi.changes.apply_change`), so a rebuild reproduces the tables exactly. Facts
carry a per-catalogus ``sequence``: at or below the stored one is a duplicate (skipped),
beyond the next one is a gap (:class:`SequenceGap`).
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import delete, insert, update
from sqlalchemy.ext.asyncio import AsyncConnection

from catalogi import state
from catalogi.changes import ChangeError, apply_change
from catalogi.model import Catalogus
from catalogi.tables import catalogus, catalogus_object
from schemas.catalogi_events import CHANGES
from schemas.envelope import Envelope


class ProjectionError(Exception):
    """A fact cannot be applied to the projection."""


class SequenceGap(ProjectionError):
    """Facts of a catalogus are missing: ``got`` arrived while ``expected`` was due."""

    def __init__(self, catalogus_uuid: UUID, expected: int, got: int) -> None:
        super().__init__(f"catalogus {catalogus_uuid}: expected sequence {expected}, got {got}")
        self.expected = expected
        self.got = got


class InvalidFact(ProjectionError):
    """The fact is not something the processor can have accepted."""


class UnknownFactType(ProjectionError):
    """Not a catalogue fact; callers may filter on ``schemas.catalogi_events.CHANGES``."""


async def apply(conn: AsyncConnection, fact: Envelope) -> bool:
    """Apply one accepted fact in ``conn``'s transaction; False when it was applied already."""
    change = CHANGES.get(fact.type)
    if change is None:
        raise UnknownFactType(f"no catalogue change {fact.type!r} (fact {fact.id})")
    if fact.sequence is None or fact.sequence < 1:
        raise InvalidFact(f"fact {fact.id} has no per-catalogus sequence")
    current, sequence = await state.load(conn, fact.subject)
    if fact.sequence <= sequence:
        return False
    if fact.sequence > sequence + 1:
        raise SequenceGap(fact.subject, sequence + 1, fact.sequence)
    try:
        after = apply_change(current, change, fact.data)
    except ChangeError as exc:
        raise InvalidFact(f"fact {fact.id}: {exc}") from exc
    if after.uuid != fact.subject:
        raise InvalidFact(f"fact {fact.id} is about catalogus {after.uuid}, not {fact.subject}")
    await store(conn, after, fact.sequence, existed=current is not None)
    return True


async def store(conn: AsyncConnection, value: Catalogus, sequence: int, *, existed: bool) -> None:
    """Write ``value`` as the catalogus at ``sequence``, with its object index."""
    row = {
        "domein": value.domein,
        "rsin": value.rsin,
        "sequence": sequence,
        "document": value.model_dump(mode="json"),
    }
    if existed:
        await conn.execute(update(catalogus).where(catalogus.c.uuid == value.uuid).values(**row))
        await conn.execute(
            delete(catalogus_object).where(catalogus_object.c.catalogus == value.uuid)
        )
    else:
        await conn.execute(insert(catalogus).values(uuid=value.uuid, **row))
    await conn.execute(
        insert(catalogus_object),
        [{"uuid": u, "catalogus": value.uuid, "soort": s} for u, s in state.objects(value)],
    )
