"""Handlers of the zaakmagazijn processor: decide an intake event, then apply its fact.

``build_handlers`` returns the one visible mapping from event type to handler. A handler runs
inside the runtime's batch transaction: it checks the event against the current state
(:mod:`zaakmagazijn.rules`), writes every derived value (generated identificatie, isEindstatus,
einddatum) into the accepted fact, and applies that fact through :func:`projection.apply`, the
same function a replay uses. A rejected event changes nothing.

Processors of other partitions may open zaken of the same bronorganisatie at the same time.
When such a concurrent write wins a unique constraint (identificatie, identificatie_teller),
the handler rolls back to its savepoint and decides again on the now committed state, so the
event is rejected or gets the next free number instead of failing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Mapping
from types import MappingProxyType
from typing import TypeVar
from uuid import UUID

from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from catalogi.source import CatalogueSource
from schemas.envelope import Envelope
from schemas.event_types import ZAAK_GEOPEND, ZAAKSTATUS_GEWIJZIGD
from schemas.outcome import Accepted, InvalidParam, Outcome, Rejected
from schemas.payloads import StatusGezetV1, ZaakGeopendV1
from zaakmagazijn import identificatie, projection, rules, state

Handler = Callable[[AsyncConnection, Envelope], Awaitable[Outcome]]
Clock = Callable[[], dt.datetime]

RACE_RETRIES = 3
"""How often a handler decides again after losing a unique constraint to a concurrent write."""

_P = TypeVar("_P", bound=BaseModel)


def utc_now() -> dt.datetime:
    """The current time, aware, in UTC."""
    return dt.datetime.now(dt.UTC)


def _payload(envelope: Envelope, model: type[_P]) -> _P:
    if not isinstance(envelope.data, model):
        raise TypeError(f"{envelope.type} event carries {type(envelope.data).__name__}")
    return envelope.data


def _with(payload: _P, **changes: object) -> _P:
    """A validated copy of ``payload`` with ``changes``."""
    return type(payload).model_validate(payload.model_dump() | changes)


async def _accept(
    conn: AsyncConnection,
    envelope: Envelope,
    sequence: int,
    data: BaseModel,
    resource: tuple[str, UUID],
) -> Accepted:
    """Build the accepted fact, apply it exactly as a replay would, and report it."""
    fact = envelope.accepted(sequence, data)
    await projection.apply(conn, fact)
    return Accepted(resource=resource[0], resource_uuid=resource[1], facts=(fact,))


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
    return run


def build_handlers(
    source: CatalogueSource,
    *,
    clock: Clock = utc_now,
    reopen_allowed: bool = False,
    clock_skew_tolerance: dt.timedelta = rules.CLOCK_SKEW_TOLERANCE,
) -> Mapping[str, Handler]:
    """The zaakmagazijn handlers, keyed by intake event type. Each decision reads the
    catalogue snapshot of ``source`` (the processor refreshes it before every batch).

    ``clock`` gives "now" for the datumStatusGezet check; ``reopen_allowed`` relaxes the rule
    that a closed zaak takes no further status (reopening, a later issue).
    """

    async def zaak_geopend(conn: AsyncConnection, envelope: Envelope) -> Outcome:
        """Register a zaak: zaaktype known, uuid new, identificatie unique or generated."""
        data = _payload(envelope, ZaakGeopendV1)
        catalogue = source.current()
        problems: list[InvalidParam] = [
            *rules.check_subject("uuid", data.uuid, envelope.subject),
            *rules.check_zaaktype(catalogue, data.zaaktype),
        ]
        if await state.zaak_exists(conn, data.uuid):
            problems.append(rules.unique_uuid("zaak", data.uuid))
        if data.identificatie is not None and await state.identificatie_taken(
            conn, data.bronorganisatie, data.identificatie
        ):
            problems.append(
                rules.identificatie_niet_uniek(data.identificatie, data.bronorganisatie)
            )
        if problems:
            return Rejected(invalid_params=tuple(problems))
        if data.identificatie is None:
            generated = await identificatie.generate(
                conn, data.bronorganisatie, data.registratiedatum.year
            )
            data = _with(data, identificatie=generated)
        return await _accept(conn, envelope, 1, data, ("zaak", data.uuid))

    async def zaakstatus_gewijzigd(conn: AsyncConnection, envelope: Envelope) -> Outcome:
        """Set a status: zaak open, statustype of its zaaktype, not in the future."""
        data = _payload(envelope, StatusGezetV1)
        catalogue = source.current()
        zaak = await state.zaak_state(conn, data.zaak)
        problems: list[InvalidParam] = [
            *rules.check_subject("zaak", data.zaak, envelope.subject),
            *rules.check_zaak_exists(zaak, data.zaak),
            *rules.check_statustype(catalogue, data.statustype, zaak),
            *rules.check_not_in_future(
                "datumStatusGezet", data.datumStatusGezet, clock(), clock_skew_tolerance
            ),
            *rules.check_open(zaak, reopen_allowed=reopen_allowed),
        ]
        if await state.status_exists(conn, data.uuid):
            problems.append(rules.unique_uuid("status", data.uuid))
        found = catalogue.statustype(data.statustype)
        if problems or zaak is None or found is None:
            return Rejected(invalid_params=tuple(problems))
        zaaktype, statustype = found
        gezet = rules.aware(data.datumStatusGezet)
        afsluiting = rules.afsluiting(zaaktype, statustype, gezet)
        data = _with(
            data,
            datumStatusGezet=gezet,
            isEindstatus=afsluiting.is_eindstatus,
            einddatum=afsluiting.einddatum,
        )
        return await _accept(conn, envelope, zaak.sequence + 1, data, ("status", data.uuid))

    return MappingProxyType(
        {
            ZAAK_GEOPEND: _retrying(zaak_geopend),
            ZAAKSTATUS_GEWIJZIGD: _retrying(zaakstatus_gewijzigd),
        }
    )
