"""Handlers of the notificaties processor: decide a kanaal or abonnement event, apply its fact.

``build_handlers`` is the one mapping from event type to handler. The gateway checks syntax
and scopes; the processor judges what depends on state: a kanaal naam is unique, an
abonnement's kanalen exist and offer its filter keys, an abonnement that is changed or deleted
exists and belongs to the acting client (or the client is the MidOffice itself).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from types import MappingProxyType

from sqlalchemy.ext.asyncio import AsyncConnection

from notificaties import projection, queries, rules
from schemas.envelope import Envelope
from schemas.notificaties_events import (
    ABONNEMENT_AANGEMAAKT,
    ABONNEMENT_GEWIJZIGD,
    ABONNEMENT_VERWIJDERD,
    KANAAL_AANGEMAAKT,
)
from schemas.outcome import Accepted, InvalidParam, Outcome, Rejected
from schemas.payloads_notificaties import AbonnementV1, KanaalAangemaaktV1

Handler = Callable[[AsyncConnection, Envelope], Awaitable[Outcome]]


def _not_found(resource: str) -> Rejected:
    reason = "Het object bestaat niet."
    return Rejected(
        (InvalidParam("uuid", "not_found", reason),), code="not_found", resource=resource
    )


async def _accept(
    conn: AsyncConnection, envelope: Envelope, sequence: int, resource: str
) -> Accepted:
    fact = envelope.accepted(sequence, envelope.data)
    await projection.apply(conn, fact)
    return Accepted(resource=resource, resource_uuid=envelope.subject, facts=(fact,))


async def kanaal_aangemaakt(conn: AsyncConnection, envelope: Envelope) -> Outcome:
    """Create a kanaal: its naam is not taken."""
    data = envelope.data
    assert isinstance(data, KanaalAangemaaktV1)
    if await queries.kanalen(conn, data.naam):
        problem = InvalidParam("naam", "unique", f"Kanaal {data.naam!r} bestaat al.")
        return Rejected((problem,), resource="kanaal")
    return await _accept(conn, envelope, 1, "kanaal")


async def _check_abonnement(conn: AsyncConnection, data: AbonnementV1) -> list[InvalidParam]:
    return rules.check_kanalen(data.kanalen, await queries.kanalen(conn))


async def abonnement_aangemaakt(conn: AsyncConnection, envelope: Envelope) -> Outcome:
    """Create an abonnement: new uuid, kanalen exist, filter keys offered."""
    data = envelope.data
    assert isinstance(data, AbonnementV1)
    problems = await _check_abonnement(conn, data)
    if await queries.abonnement_sequence(conn, data.uuid) is not None:
        problems.append(InvalidParam("uuid", "unique", "Dit abonnement bestaat al."))
    if problems:
        return Rejected(tuple(problems), resource="abonnement")
    return await _accept(conn, envelope, 1, "abonnement")


async def abonnement_gewijzigd(conn: AsyncConnection, envelope: Envelope) -> Outcome:
    """Replace an abonnement: it exists and is the acting client's."""
    data = envelope.data
    assert isinstance(data, AbonnementV1)
    current = await queries.get_abonnement(conn, envelope.subject)
    if current is None or current.client_id != data.clientId:
        return _not_found("abonnement")
    if problems := await _check_abonnement(conn, data):
        return Rejected(tuple(problems), resource="abonnement")
    return await _accept(conn, envelope, current.sequence + 1, "abonnement")


async def abonnement_verwijderd(conn: AsyncConnection, envelope: Envelope) -> Outcome:
    """Delete an abonnement: it exists (ownership is checked by the gateway)."""
    current = await queries.get_abonnement(conn, envelope.subject)
    if current is None:
        return _not_found("abonnement")
    return await _accept(conn, envelope, current.sequence + 1, "abonnement")


def build_handlers() -> Mapping[str, Handler]:
    """The notificaties handlers, keyed by intake event type."""
    return MappingProxyType(
        {
            KANAAL_AANGEMAAKT: kanaal_aangemaakt,
            ABONNEMENT_AANGEMAAKT: abonnement_aangemaakt,
            ABONNEMENT_GEWIJZIGD: abonnement_gewijzigd,
            ABONNEMENT_VERWIJDERD: abonnement_verwijderd,
        }
    )
