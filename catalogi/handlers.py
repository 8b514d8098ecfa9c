"""Handlers of the catalogi processor: decide a catalogue intake event, then apply its fact.

``build_handlers`` returns the one visible mapping from event type to handler. Every change
is judged the same way, inside the runtime's batch transaction:

1. the stored catalogus (the subject of the event) is loaded;
2. the lifecycle rules (:mod:`catalogi.lifecycle`) say whether the change may happen, given
   the acting client's ``privileges`` (geforceerd schrijven / verwijderen);
3. the processor completes the payload (``concept``, versions a publication ends) and
   computes the resulting catalogus (:func:`catalogi.changes.apply_change`);
4. that state must be consistent (:mod:`catalogi.consistency`), and new uuids, domein and
   rsin must not be used by another catalogus;
5. the accepted fact is applied through :func:`catalogi.projection.apply`, as a replay would.

An import (``catalogus-geimporteerd``) of a catalogus that exists with exactly the same
content is accepted without a fact, so importing a file twice is harmless.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from types import MappingProxyType
from typing import Any
from uuid import UUID

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from catalogi import projection, state
from catalogi.changes import ChangeError, apply_change
from catalogi.consistency import catalogus_problems
from catalogi.lifecycle import derive, lifecycle_problems, refusal_status
from catalogi.model import Catalogus
from schemas.catalogi_events import (
    CATALOGUS_AANGEMAAKT,
    CATALOGUS_GEIMPORTEERD,
    CHANGES,
    GEIMPORTEERD,
    Change,
)
from schemas.envelope import Envelope
from schemas.outcome import Accepted, InvalidParam, Outcome, Rejected

Handler = Callable[[AsyncConnection, Envelope], Awaitable[Outcome]]

UNIQUE = "unique"
RACE_RETRIES = 3
_INDEX = re.compile(r"\[\d+\]")


def _reject(*params: InvalidParam, status: int = 400) -> Rejected:
    return Rejected(invalid_params=tuple(params), status_code=status)


def object_uuid(change: Change, data: Any) -> UUID:
    """The uuid of the object an event is about (the catalogus for catalogus events)."""
    if change.soort is None:
        return UUID(str(data.catalogus.uuid))
    inner = getattr(data, change.soort.field, None)
    return UUID(str(inner.uuid if inner is not None else data.uuid))


def field_name(path: str) -> str:
    """The invalidParams name for a consistency problem: its last field."""
    return _INDEX.sub("", path.rsplit(".", 1)[-1]) or "nonFieldErrors"


async def decide(conn: AsyncConnection, envelope: Envelope) -> Outcome:
    """Judge one catalogue change (see the module docstring)."""
    change = CHANGES[envelope.type]
    data: Any = envelope.data
    before, sequence = await state.load(conn, envelope.subject)
    resource = change.soort.name if change.soort else "catalogus"
    uuid = object_uuid(change, data)
    if change.soort is None and uuid != envelope.subject:
        return _reject(InvalidParam("uuid", "invalid", "Het subject is niet de catalogus."))
    if change.action == GEIMPORTEERD and before is not None:
        if before == data.catalogus:
            return Accepted(resource=resource, resource_uuid=uuid, facts=())
        reason = "De catalogus bestaat al met een andere inhoud; wijzig hem via de API."
        return _reject(InvalidParam("catalogus", UNIQUE, reason))
    if before is not None:
        problems = lifecycle_problems(before, change, data, envelope.privileges)
        if problems:
            return _reject(*problems, status=refusal_status(change))
        data = derive(before, change, data)
    try:
        after = apply_change(before, change, data)
    except ChangeError as exc:
        code = "does_not_exist" if exc.status == 404 else UNIQUE
        return _reject(InvalidParam(exc.name, code, exc.reason), status=exc.status)
    problems = [InvalidParam(field_name(p), "invalid", r) for p, r in catalogus_problems(after)]
    problems.extend(await _taken(conn, before, after))
    if problems:
        return _reject(*problems)
    fact = envelope.accepted(sequence + 1, data)
    await projection.apply(conn, fact)
    return Accepted(resource=resource, resource_uuid=uuid, facts=(fact,))


async def _taken(
    conn: AsyncConnection, before: Catalogus | None, after: Catalogus
) -> list[InvalidParam]:
    problems = []
    new = {u for u, _ in state.objects(after)} - {u for u, _ in state.objects(before)} if before \
        else {u for u, _ in state.objects(after)}  # fmt: skip
    for uuid in sorted(await state.taken_elsewhere(conn, new, after.uuid), key=str):
        problems.append(InvalidParam("uuid", UNIQUE, f"uuid {uuid} is al in gebruik."))
    if await state.domein_rsin_taken(conn, after.domein, after.rsin, after.uuid):
        reason = f"Er is al een catalogus met domein {after.domein} en rsin {after.rsin}."
        problems.append(InvalidParam("domein", UNIQUE, reason))
    return problems


def _retrying(handler: Handler) -> Handler:
    """Run ``handler`` in a savepoint; decide again when a concurrent write (another
    catalogus, another partition) won a unique constraint."""

    async def run(conn: AsyncConnection, envelope: Envelope) -> Outcome:
        for attempt in range(1, RACE_RETRIES + 1):
            try:
                async with conn.begin_nested():
                    return await handler(conn, envelope)
            except IntegrityError:
                if attempt == RACE_RETRIES:
                    raise
        raise AssertionError("unreachable")

    return run


def build_handlers() -> Mapping[str, Handler]:
    """The catalogi handlers, keyed by intake event type: every catalogue change is decided
    by :func:`decide`, creating or importing a catalogus included."""
    handler = _retrying(decide)
    return MappingProxyType(
        {
            CATALOGUS_AANGEMAAKT: handler,
            CATALOGUS_GEIMPORTEERD: handler,
            **{t: handler for t, c in CHANGES.items() if c.soort is not None},
        }
    )
