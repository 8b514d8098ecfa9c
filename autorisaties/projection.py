"""Apply accepted applicatie facts to the autorisaties tables: the one way they are written.

The processor applies each fact right after deciding it; a rebuild applies the events topic
through these same functions. Every fact carries its per-applicatie ``sequence``: a fact at or
below ``applicatie.sequence`` was applied already and is skipped; a fact beyond
``sequence + 1`` means facts are missing and raises :class:`SequenceGap`. A deleted applicatie
keeps its row (``verwijderd``) so its sequence survives; only its client_ids are released.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Final, TypeVar
from uuid import UUID

from pydantic import BaseModel
from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from autorisaties.tables import STAMP_ID, applicatie, applicatie_client_id, autorisaties_stamp
from schemas.autorisaties_events import (
    APPLICATIE_AANGEMAAKT,
    APPLICATIE_GEWIJZIGD,
    APPLICATIE_VERWIJDERD,
)
from schemas.envelope import Envelope
from schemas.payloads_autorisaties import (
    ApplicatieAangemaaktV1,
    ApplicatieGewijzigdV1,
    ApplicatieVerwijderdV1,
    AutorisatieV1,
)

Applier = Callable[[AsyncConnection, Envelope], Awaitable[None]]
_P = TypeVar("_P", bound=BaseModel)


class ProjectionError(Exception):
    """A fact cannot be applied to the projection."""


class SequenceGap(ProjectionError):
    """Facts of an applicatie are missing: ``got`` arrived while ``expected`` was due."""

    def __init__(self, subject: UUID, expected: int, got: int) -> None:
        super().__init__(f"applicatie {subject}: expected sequence {expected}, got {got}")
        self.subject, self.expected, self.got = subject, expected, got


class InvalidFact(ProjectionError):
    """The fact is not something the processor can have accepted."""


class UnknownFactType(ProjectionError):
    """No applier is registered for the fact's type."""


def _payload(fact: Envelope, model: type[_P]) -> _P:
    if not isinstance(fact.data, model):
        raise InvalidFact(f"{fact.type} fact {fact.id} carries {type(fact.data).__name__}")
    return fact.data


def _autorisaties(items: Iterable[AutorisatieV1]) -> list[dict[str, object]]:
    return [item.model_dump(mode="json") for item in items]


async def _set_client_ids(conn: AsyncConnection, subject: UUID, client_ids: list[str]) -> None:
    await conn.execute(
        delete(applicatie_client_id).where(applicatie_client_id.c.applicatie == subject)
    )
    if client_ids:
        await conn.execute(
            insert(applicatie_client_id),
            [{"client_id": client_id, "applicatie": subject} for client_id in client_ids],
        )


async def _apply_aangemaakt(conn: AsyncConnection, fact: Envelope) -> None:
    data = _payload(fact, ApplicatieAangemaaktV1)
    if fact.sequence != 1 or data.uuid != fact.subject:
        raise InvalidFact(f"applicatie-aangemaakt fact {fact.id}: needs sequence 1, subject = uuid")
    await conn.execute(
        insert(applicatie).values(
            uuid=data.uuid,
            label=data.label,
            heeft_alle_autorisaties=data.heeftAlleAutorisaties,
            autorisaties=_autorisaties(data.autorisaties),
            encrypted_secret=data.encryptedSecret,
            verwijderd=False,
            sequence=1,
            registered_at=fact.time,
        )
    )
    await _set_client_ids(conn, data.uuid, data.clientIds)


async def _apply_gewijzigd(conn: AsyncConnection, fact: Envelope) -> None:
    data = _payload(fact, ApplicatieGewijzigdV1)
    if (
        data.uuid != fact.subject
        or data.clientIds is None
        or data.label is None
        or data.heeftAlleAutorisaties is None
        or data.autorisaties is None
    ):
        raise InvalidFact(f"applicatie-gewijzigd fact {fact.id}: needs the complete new state")
    values: dict[str, object] = {
        "label": data.label,
        "heeft_alle_autorisaties": data.heeftAlleAutorisaties,
        "autorisaties": _autorisaties(data.autorisaties),
        "sequence": fact.sequence,
    }
    if data.encryptedSecret is not None:
        values["encrypted_secret"] = data.encryptedSecret
    await conn.execute(update(applicatie).where(applicatie.c.uuid == data.uuid).values(**values))
    await _set_client_ids(conn, data.uuid, data.clientIds)


async def _apply_verwijderd(conn: AsyncConnection, fact: Envelope) -> None:
    data = _payload(fact, ApplicatieVerwijderdV1)
    if data.uuid != fact.subject:
        raise InvalidFact(f"applicatie-verwijderd fact {fact.id}: subject != uuid")
    await conn.execute(
        update(applicatie)
        .where(applicatie.c.uuid == data.uuid)
        .values(verwijderd=True, encrypted_secret="", sequence=fact.sequence)
    )
    await _set_client_ids(conn, data.uuid, [])


APPLIERS: Final[Mapping[str, Applier]] = MappingProxyType(
    {
        APPLICATIE_AANGEMAAKT: _apply_aangemaakt,
        APPLICATIE_GEWIJZIGD: _apply_gewijzigd,
        APPLICATIE_VERWIJDERD: _apply_verwijderd,
    }
)
"""Event type -> apply function: the one registry of what the projection understands."""


async def apply(conn: AsyncConnection, fact: Envelope) -> bool:
    """Apply one accepted fact in ``conn``'s transaction; False when it was applied already."""
    applier = APPLIERS.get(fact.type)
    if applier is None:
        raise UnknownFactType(f"no applier for {fact.type!r} (fact {fact.id})")
    if fact.sequence is None or fact.sequence < 1:
        raise InvalidFact(f"fact {fact.id} has no sequence; only accepted facts apply")
    stored = await conn.scalar(
        select(applicatie.c.sequence).where(applicatie.c.uuid == fact.subject)
    )
    current = int(stored or 0)
    if fact.sequence <= current:
        return False
    if fact.sequence > current + 1:
        raise SequenceGap(fact.subject, current + 1, fact.sequence)
    await applier(conn, fact)
    await conn.execute(
        update(autorisaties_stamp)
        .where(autorisaties_stamp.c.id == STAMP_ID)
        .values(version=autorisaties_stamp.c.version + 1)
    )
    return True
