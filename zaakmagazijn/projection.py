"""Apply accepted facts to the zaakmagazijn tables: the one way zaak state is written.

The live processor applies each fact right after deciding it; operators rebuild the projection
by applying the events topic into an empty database through these same functions. Applying
depends only on the fact and the current projection, never on the clock or the catalogue, so
a rebuild reproduces the live tables exactly, audit trail included.

Every fact carries its per-zaak ``sequence``: a fact at or below ``zaak.sequence`` was applied
already and is skipped (the topic is at-least-once); a fact beyond ``zaak.sequence + 1`` means
facts are missing and raises :class:`SequenceGap`. A deleted zaak keeps its sequence in a
tombstone (``verwijderde_zaak``), so a late duplicate of one of its facts is skipped too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from types import MappingProxyType
from typing import Final

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from schemas.envelope import Envelope
from schemas.event_types import (
    ZAAK_GEMUTEERD,
    ZAAK_GEOPEND,
    ZAAK_VERWIJDERD,
    ZAAKSTATUS_GEWIJZIGD,
)
from zaakmagazijn import audit, projection_zaak
from zaakmagazijn.errors import InvalidFact, ProjectionError, SequenceGap, UnknownFactType
from zaakmagazijn.onderdelen import BY_EVENT
from zaakmagazijn.projection_onderdelen import apply_onderdeel
from zaakmagazijn.tables import verwijderde_zaak, zaak

__all__ = [
    "APPLIERS",
    "WRITES_OWN_SEQUENCE",
    "Applier",
    "InvalidFact",
    "ProjectionError",
    "SequenceGap",
    "UnknownFactType",
    "apply",
]

Applier = Callable[[AsyncConnection, Envelope], Awaitable[list[audit.Wijziging]]]
"""Writes one fact whose sequence is exactly the zaak's next one; returns its audit entries."""

APPLIERS: Final[Mapping[str, Applier]] = MappingProxyType(
    {
        ZAAK_GEOPEND: projection_zaak.zaak_geopend,
        ZAAK_GEMUTEERD: projection_zaak.zaak_gemuteerd,
        ZAAK_VERWIJDERD: projection_zaak.zaak_verwijderd,
        ZAAKSTATUS_GEWIJZIGD: projection_zaak.zaakstatus_gewijzigd,
        **dict.fromkeys(BY_EVENT, apply_onderdeel),
    }
)
"""Event type -> apply function: the one registry of what the projection understands."""

WRITES_OWN_SEQUENCE: Final = frozenset({ZAAK_VERWIJDERD, ZAAKSTATUS_GEWIJZIGD})
"""Facts whose applier writes ``zaak.sequence`` itself: the status in its one UPDATE of the
zaak (the hot path: a statement less per status), the deletion in the tombstone."""


_SEQUENCE: Final = select(zaak.c.sequence).where(zaak.c.uuid == bindparam("uuid"))
_GONE_SEQUENCE: Final = select(verwijderde_zaak.c.sequence).where(
    verwijderde_zaak.c.uuid == bindparam("uuid")
)
_SET_SEQUENCE: Final = update(zaak).where(zaak.c.uuid == bindparam("z_uuid"))
"""Built once: every fact reads or moves its zaak's sequence."""


async def _sequence(conn: AsyncConnection, fact: Envelope) -> int:
    stored = await conn.scalar(_SEQUENCE, {"uuid": fact.subject})
    if stored is None:
        stored = await conn.scalar(_GONE_SEQUENCE, {"uuid": fact.subject})
    return int(stored or 0)


async def apply(conn: AsyncConnection, fact: Envelope, stored_sequence: int | None = None) -> bool:
    """Apply one accepted fact in ``conn``'s transaction; False when it was applied already.
    ``stored_sequence`` is the zaak's sequence when the caller read it in this transaction.

    Raises SequenceGap when earlier facts of the zaak are missing, InvalidFact for a fact the
    processor cannot have produced, and UnknownFactType for a type not in ``APPLIERS``.
    """
    applier = APPLIERS.get(fact.type)
    if applier is None:
        raise UnknownFactType(f"no applier for {fact.type!r} (fact {fact.id})")
    if fact.sequence is None or fact.sequence < 1:
        raise InvalidFact(f"fact {fact.id} has no per-zaak sequence; only accepted facts apply")
    current = await _sequence(conn, fact) if stored_sequence is None else stored_sequence
    if fact.sequence <= current:
        return False
    if fact.sequence > current + 1:
        raise SequenceGap(fact.subject, current + 1, fact.sequence)
    wijzigingen = await applier(conn, fact)
    if fact.sequence > 1 and fact.type not in WRITES_OWN_SEQUENCE:
        await conn.execute(_SET_SEQUENCE, {"z_uuid": fact.subject, "sequence": fact.sequence})
    await audit.record(conn, fact, wijzigingen)
    return True
