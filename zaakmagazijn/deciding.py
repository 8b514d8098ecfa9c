"""What every zaakmagazijn handler shares: the decision context, payload access, and accepting
a decision (build the fact, apply it exactly as a replay would)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar
from uuid import UUID

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncConnection

from catalogi.source import CatalogueSource
from schemas.envelope import Envelope
from schemas.outcome import Accepted, InvalidParam, Outcome, Rejected
from zaakmagazijn import projection

Clock = Callable[[], dt.datetime]
Handler = Callable[[AsyncConnection, Envelope], Awaitable[Outcome]]

_P = TypeVar("_P", bound=BaseModel)


@dataclass(frozen=True)
class Context:
    """What a decision may look at besides the database: the catalogue and the clock."""

    source: CatalogueSource
    clock: Clock
    clock_skew_tolerance: dt.timedelta


def payload(envelope: Envelope, model: type[_P]) -> _P:
    """The intake payload as ``model``. An older version built in-process (not decoded, so not
    upcast) is read as the current one; anything else is a bug (TypeError)."""
    data = envelope.data
    if isinstance(data, model):
        return data
    if isinstance(data, BaseModel) and issubclass(model, type(data)):
        return model.model_validate(data.model_dump())
    raise TypeError(f"{envelope.type} event carries {type(data).__name__}")


def with_changes(data: _P, **changes: object) -> _P:
    """A validated copy of ``data`` with ``changes``."""
    return type(data).model_validate(data.model_dump() | changes)


def rejected(problems: Sequence[InvalidParam]) -> Rejected:
    """The 400 outcome for broken rules."""
    return Rejected(invalid_params=tuple(problems))


async def accept(
    conn: AsyncConnection,
    envelope: Envelope,
    sequence: int,
    data: BaseModel,
    resource: tuple[str, UUID],
    index: int = 0,
    stored_sequence: int | None = None,
) -> Accepted:
    """Build the accepted fact (``index``: its position among the facts of one intake
    event), apply it exactly as a replay would, and report it. ``stored_sequence``: the
    zaak's sequence as the decision read it in this transaction (saves reading it again)."""
    fact = envelope.accepted(sequence, data, index)
    await projection.apply(conn, fact, stored_sequence)
    return Accepted(resource=resource[0], resource_uuid=resource[1], facts=(fact,))


def part_of(envelope: Envelope, event_type: str, data: BaseModel) -> Envelope:
    """The envelope of one part of a composite intake event (same id, other type and data)."""
    return replace(envelope, type=event_type, data=data)


def prefixed(prefix: str, outcome: Rejected) -> Rejected:
    """``outcome`` with its invalidParams named below ``prefix`` (``rollen.0.roltype``)."""
    params = tuple(replace(p, name=f"{prefix}.{p.name}") for p in outcome.invalid_params)
    return replace(outcome, invalid_params=params)
