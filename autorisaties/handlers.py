"""Handlers of the autorisaties processor: decide an intake event, then apply its fact.

``build_handlers`` returns the one visible mapping from event type to handler. A handler runs
inside the runtime's batch transaction, checks the event against the current state (client_ids
unique across the live applicaties, the applicatie exists or is new, the autorisaties rules on
the merged state of a PATCH), writes the complete new state into the accepted fact and applies
it through :func:`projection.apply`, the function a rebuild uses. A rejected event changes
nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from types import MappingProxyType
from typing import TypeVar
from uuid import UUID

from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from autorisaties import projection, queries, rules
from schemas.autorisaties_events import (
    APPLICATIE_AANGEMAAKT,
    APPLICATIE_GEWIJZIGD,
    APPLICATIE_VERWIJDERD,
)
from schemas.envelope import Envelope
from schemas.outcome import Accepted, InvalidParam, Outcome, Rejected
from schemas.payloads_autorisaties import (
    ApplicatieAangemaaktV1,
    ApplicatieGewijzigdV1,
    ApplicatieVerwijderdV1,
)

Handler = Callable[[AsyncConnection, Envelope], Awaitable[Outcome]]
RESOURCE = "applicatie"
RACE_RETRIES = 3

_P = TypeVar("_P", bound=BaseModel)


def _payload(envelope: Envelope, model: type[_P]) -> _P:
    if not isinstance(envelope.data, model):
        raise TypeError(f"{envelope.type} event carries {type(envelope.data).__name__}")
    return envelope.data


def _subject(data_uuid: UUID, envelope: Envelope) -> list[InvalidParam]:
    if data_uuid == envelope.subject:
        return []
    return [InvalidParam("uuid", "invalid", "De uuid is niet het subject van de event.")]


def _not_found(identifier: UUID) -> Rejected:
    reason = f"Applicatie {identifier} bestaat niet."
    return Rejected(
        (InvalidParam("uuid", "not_found", reason),), code="not_found", resource=RESOURCE
    )


async def _accept(
    conn: AsyncConnection, envelope: Envelope, sequence: int, data: BaseModel
) -> Accepted:
    fact = envelope.accepted(sequence, data)
    await projection.apply(conn, fact)
    return Accepted(resource=RESOURCE, resource_uuid=envelope.subject, facts=(fact,))


def _retrying(handler: Handler) -> Handler:
    """Run ``handler`` in a savepoint; decide again when a concurrent write won a client_id."""

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


async def applicatie_aangemaakt(conn: AsyncConnection, envelope: Envelope) -> Outcome:
    """Register an applicatie: uuid new, client_ids free, autorisaties valid."""
    data = _payload(envelope, ApplicatieAangemaaktV1)
    problems = [
        *_subject(data.uuid, envelope),
        *rules.check_client_ids(data.clientIds),
        *rules.check_autorisaties(data.heeftAlleAutorisaties, data.autorisaties),
        *rules.client_ids_exist(await queries.client_ids_taken(conn, data.clientIds, data.uuid)),
    ]
    if await queries.get_any(conn, data.uuid) is not None:
        problems.append(InvalidParam("uuid", "unique", f"Applicatie {data.uuid} bestaat al."))
    if problems:
        return Rejected(tuple(problems), resource=RESOURCE)
    return await _accept(conn, envelope, 1, data)


async def applicatie_gewijzigd(conn: AsyncConnection, envelope: Envelope) -> Outcome:
    """Change an applicatie: merge the given fields into the current state, check, apply."""
    data = _payload(envelope, ApplicatieGewijzigdV1)
    current = await queries.get(conn, data.uuid)
    if current is None:
        return _not_found(data.uuid)
    merged = data.model_copy(
        update={
            "clientIds": data.clientIds if data.clientIds is not None else list(current.client_ids),
            "label": data.label if data.label is not None else current.label,
            "heeftAlleAutorisaties": (
                data.heeftAlleAutorisaties
                if data.heeftAlleAutorisaties is not None
                else current.heeft_alle_autorisaties
            ),
            "autorisaties": (
                data.autorisaties if data.autorisaties is not None else list(current.autorisaties)
            ),
        }
    )
    assert merged.clientIds is not None and merged.autorisaties is not None
    problems = [
        *_subject(data.uuid, envelope),
        *rules.check_client_ids(merged.clientIds),
        *rules.check_autorisaties(bool(merged.heeftAlleAutorisaties), merged.autorisaties),
        *rules.client_ids_exist(await queries.client_ids_taken(conn, merged.clientIds, data.uuid)),
    ]
    if problems:
        return Rejected(tuple(problems), resource=RESOURCE)
    fact_data = ApplicatieGewijzigdV1.model_validate(merged.model_dump())
    return await _accept(conn, envelope, current.sequence + 1, fact_data)


async def applicatie_verwijderd(conn: AsyncConnection, envelope: Envelope) -> Outcome:
    """Delete an applicatie: it must exist; its client_ids are released."""
    data = _payload(envelope, ApplicatieVerwijderdV1)
    current = await queries.get(conn, data.uuid)
    if current is None:
        return _not_found(data.uuid)
    if problems := _subject(data.uuid, envelope):
        return Rejected(tuple(problems), resource=RESOURCE)
    return await _accept(conn, envelope, current.sequence + 1, data)


def build_handlers() -> Mapping[str, Handler]:
    """The autorisaties handlers, keyed by intake event type."""
    return MappingProxyType(
        {
            APPLICATIE_AANGEMAAKT: _retrying(applicatie_aangemaakt),
            APPLICATIE_GEWIJZIGD: _retrying(applicatie_gewijzigd),
            APPLICATIE_VERWIJDERD: _retrying(applicatie_verwijderd),
        }
    )
