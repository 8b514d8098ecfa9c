"""Handlers of the zaakmagazijn processor: decide an intake event, then apply its fact.

``build_handlers`` returns the one visible mapping from event type to handler. A handler runs
inside the runtime's batch transaction: it checks the event against the current state
(:mod:`zaakmagazijn.rules`, :mod:`zaakmagazijn.privileges`), writes every derived value
(generated identificatie, isEindstatus, einddatum, archive fields, texts from the catalogue)
into the accepted fact, and applies that fact through :func:`projection.apply`, the same
function a replay uses. A rejected event changes nothing.

Processors of other partitions may open zaken of the same bronorganisatie at the same time.
When such a concurrent write wins a unique constraint (identificatie, identificatie_teller,
an Idempotency-Key), the handler rolls back to its savepoint and decides again on the now
committed state, so the event is rejected, gets the next free number, or gets the first
outcome instead of failing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Mapping
from functools import partial
from types import MappingProxyType

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from catalogi.source import CatalogueSource
from schemas import event_types as t
from schemas.envelope import Envelope
from schemas.outcome import Outcome
from zaakmagazijn import rules
from zaakmagazijn.deciding import Clock, Context, Handler
from zaakmagazijn.idempotency import idempotent
from zaakmagazijn.onderdeel_handlers import onderdeel
from zaakmagazijn.onderdelen import BY_EVENT
from zaakmagazijn.registratie import zaak_geregistreerd
from zaakmagazijn.zaak_handlers import (
    zaak_gemuteerd,
    zaak_geopend,
    zaak_verwijderd,
    zaakstatus_gewijzigd,
)

__all__ = ["RACE_RETRIES", "Clock", "Handler", "build_handlers", "utc_now"]

RACE_RETRIES = 3
"""How often a handler decides again after losing a unique constraint to a concurrent write."""

Decide = Callable[[Context, AsyncConnection, Envelope], Awaitable[Outcome]]


def utc_now() -> dt.datetime:
    """The current time, aware, in UTC."""
    return dt.datetime.now(dt.UTC)


def _retrying(handler: Handler) -> Handler:
    """Run ``handler`` in a savepoint; decide again when a concurrent write won a race."""

    async def run(conn: AsyncConnection, envelope: Envelope) -> Outcome:
        for attempt in range(1, RACE_RETRIES + 1):
            try:
                async with conn.begin_nested():
                    return await handler(conn, envelope)
            except IntegrityError:
                if attempt == RACE_RETRIES:
                    raise
        raise AssertionError("unreachable")

    run.__doc__ = handler.__doc__
    # midoffice.processing.batch.OWN_SAVEPOINT: a guarded batch need not add a savepoint;
    # batch.UNGUARDED: an unguarded one runs the decision bare (a lost race rolls the batch
    # back, and the guarded run of it decides again here).
    setattr(run, "runs_in_own_savepoint", True)  # noqa: B010
    setattr(run, "unguarded", handler)  # noqa: B010
    return run


def build_handlers(
    source: CatalogueSource,
    *,
    clock: Clock = utc_now,
    clock_skew_tolerance: dt.timedelta = rules.CLOCK_SKEW_TOLERANCE,
) -> Mapping[str, Handler]:
    """The zaakmagazijn handlers, keyed by intake event type. Each decision reads the
    catalogue snapshot of ``source`` (the processor refreshes it before every batch).

    ``clock`` gives "now" for the datumStatusGezet check and the Idempotency-Key window.
    """
    ctx = Context(source=source, clock=clock, clock_skew_tolerance=clock_skew_tolerance)
    decisions: dict[str, Decide] = {
        t.ZAAK_GEOPEND: zaak_geopend,
        t.ZAAK_GEMUTEERD: zaak_gemuteerd,
        t.ZAAK_VERWIJDERD: zaak_verwijderd,
        t.ZAAKSTATUS_GEWIJZIGD: zaakstatus_gewijzigd,
        t.ZAAK_GEREGISTREERD: zaak_geregistreerd,
        **dict.fromkeys(BY_EVENT, onderdeel),
    }
    return MappingProxyType(
        {
            event_type: _retrying(idempotent(partial(decide, ctx), clock))
            for event_type, decide in decisions.items()
        }
    )
