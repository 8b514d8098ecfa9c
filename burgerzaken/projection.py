"""Apply accepted facts to the citizen's read model: the one way it is written.

The ``burgerzaken`` processor (consumer group on the events topic) applies each fact as it
arrives; ``midoffice replay/verify burgerzaken`` apply the topic through the same function.
Applying depends only on the fact and the read model's own tables (never on the clock, the
catalogue projection or the zaakmagazijn), so a rebuild reproduces it exactly.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from types import MappingProxyType
from typing import Final

from sqlalchemy.ext.asyncio import AsyncConnection

from burgerzaken import apply_catalogi, apply_documenten, apply_zaken, positie
from schemas.envelope import Envelope

APPLIERS: Final[Mapping[str, Callable[[AsyncConnection, Envelope], Awaitable[None]]]] = (
    MappingProxyType(
        {**apply_zaken.APPLIERS, **apply_documenten.APPLIERS, **apply_catalogi.APPLIERS}
    )
)
"""Fact type -> apply function: every zaak, document and catalogue fact (each advances its
subject's position, so none can be skipped without noticing)."""


class UnknownFactType(positie.ProjectionError):
    """Not a fact of this read model; callers may filter on :data:`APPLIERS`."""


async def apply(conn: AsyncConnection, fact: Envelope) -> bool:
    """Apply one accepted fact in ``conn``'s transaction; False when it was applied already."""
    applier = APPLIERS.get(fact.type)
    if applier is None:
        raise UnknownFactType(f"no burgerzaken applier for {fact.type!r} (fact {fact.id})")
    if not await positie.claim(conn, fact):
        return False
    await applier(conn, fact)
    return True
