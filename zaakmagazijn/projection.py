"""Apply accepted facts to the zaakmagazijn tables: the one way zaak state is written.

The live processor applies each fact right after deciding it; operators rebuild the projection
by applying the events topic into an empty database through these same functions. Applying
depends only on the fact and the current projection, never on the clock or the catalogue, so
a rebuild reproduces the live tables exactly.

Every fact carries its per-zaak ``sequence``: a fact at or below ``zaak.sequence`` was applied
already and is skipped (the topic is at-least-once); a fact beyond ``zaak.sequence + 1`` means
facts are missing and raises :class:`SequenceGap`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from types import MappingProxyType
from typing import Final, TypeVar
from uuid import UUID

from pydantic import BaseModel
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from schemas.envelope import Envelope
from schemas.event_types import ZAAK_GEOPEND, ZAAKSTATUS_GEWIJZIGD
from schemas.payloads import StatusGezetV1, ZaakGeopendV1
from zaakmagazijn import identificatie
from zaakmagazijn.rules import to_utc
from zaakmagazijn.tables import status, zaak

Applier = Callable[[AsyncConnection, Envelope], Awaitable[None]]
"""Writes one fact whose sequence is exactly the zaak's next one."""

_P = TypeVar("_P", bound=BaseModel)


class ProjectionError(Exception):
    """A fact cannot be applied to the projection."""


class SequenceGap(ProjectionError):
    """Facts of a zaak are missing: ``got`` arrived while ``expected`` was due."""

    def __init__(self, zaak: UUID, expected: int, got: int) -> None:
        super().__init__(f"zaak {zaak}: expected sequence {expected}, got {got}")
        self.zaak = zaak
        self.expected = expected
        self.got = got


class InvalidFact(ProjectionError):
    """The fact is not something the processor can have accepted (wrong shape or order)."""


class UnknownFactType(ProjectionError):
    """No applier is registered for the fact's type; callers may filter on ``APPLIERS``."""


# ZaakGeopendV1 fields stored in typed columns; every other field goes into ``attributes``.
_ZAAK_COLUMNS: Final[Mapping[str, str]] = {
    "uuid": "uuid",
    "identificatie": "identificatie",
    "bronorganisatie": "bronorganisatie",
    "verantwoordelijkeOrganisatie": "verantwoordelijke_organisatie",
    "zaaktype": "zaaktype",
    "omschrijving": "omschrijving",
    "toelichting": "toelichting",
    "registratiedatum": "registratiedatum",
    "startdatum": "startdatum",
    "einddatumGepland": "einddatum_gepland",
    "uiterlijkeEinddatumAfdoening": "uiterlijke_einddatum_afdoening",
    "publicatiedatum": "publicatiedatum",
    "vertrouwelijkheidaanduiding": "vertrouwelijkheidaanduiding",
    "archiefnominatie": "archiefnominatie",
    "archiefstatus": "archiefstatus",
    "archiefactiedatum": "archiefactiedatum",
    "startdatumBewaartermijn": "startdatum_bewaartermijn",
}


def _payload(fact: Envelope, model: type[_P]) -> _P:
    if not isinstance(fact.data, model):
        raise InvalidFact(f"{fact.type} fact {fact.id} carries {type(fact.data).__name__}")
    return fact.data


async def _apply_zaak_geopend(conn: AsyncConnection, fact: Envelope) -> None:
    data = _payload(fact, ZaakGeopendV1)
    if fact.sequence != 1 or data.uuid != fact.subject or data.identificatie is None:
        raise InvalidFact(
            f"zaak-geopend fact {fact.id}: needs sequence 1, subject = uuid and an identificatie"
        )
    typed = {column: getattr(data, field) for field, column in _ZAAK_COLUMNS.items()}
    typed["vertrouwelijkheidaanduiding"] = str(data.vertrouwelijkheidaanduiding)
    attributes = {
        name: value
        for name, value in data.model_dump(mode="json").items()
        if name not in _ZAAK_COLUMNS
    }
    await conn.execute(
        insert(zaak).values(
            **typed,
            einddatum=None,
            status=None,
            sequence=fact.sequence,
            attributes=attributes,
            registered_at=to_utc(fact.time),
        )
    )
    await identificatie.bump(conn, data.bronorganisatie, data.identificatie)


async def _apply_zaakstatus_gewijzigd(conn: AsyncConnection, fact: Envelope) -> None:
    data = _payload(fact, StatusGezetV1)
    if fact.sequence == 1 or data.zaak != fact.subject or data.isEindstatus is None:
        raise InvalidFact(
            f"zaakstatus-gewijzigd fact {fact.id}: needs an open zaak = subject "
            "and isEindstatus decided by the processor"
        )
    await conn.execute(
        insert(status).values(
            uuid=data.uuid,
            zaak=data.zaak,
            statustype=data.statustype,
            datum_status_gezet=to_utc(data.datumStatusGezet),
            statustoelichting=data.statustoelichting,
            gezetdoor=data.gezetdoor,
            zaak_sequence=fact.sequence,
        )
    )
    current = await conn.scalar(
        select(status.c.uuid)
        .where(status.c.zaak == data.zaak)
        .order_by(status.c.datum_status_gezet.desc(), status.c.zaak_sequence.desc())
        .limit(1)
    )
    values: dict[str, object] = {"sequence": fact.sequence, "status": current}
    if current == data.uuid:  # the new status is the current one: it decides the einddatum
        values["einddatum"] = data.einddatum if data.isEindstatus else None
    await conn.execute(update(zaak).where(zaak.c.uuid == data.zaak).values(**values))


APPLIERS: Final[Mapping[str, Applier]] = MappingProxyType(
    {
        ZAAK_GEOPEND: _apply_zaak_geopend,
        ZAAKSTATUS_GEWIJZIGD: _apply_zaakstatus_gewijzigd,
    }
)
"""Event type -> apply function: the one registry of what the projection understands."""


async def apply(conn: AsyncConnection, fact: Envelope) -> bool:
    """Apply one accepted fact in ``conn``'s transaction; False when it was applied already.

    Raises SequenceGap when earlier facts of the zaak are missing, InvalidFact for a fact the
    processor cannot have produced, and UnknownFactType for a type not in ``APPLIERS``.
    """
    applier = APPLIERS.get(fact.type)
    if applier is None:
        raise UnknownFactType(f"no applier for {fact.type!r} (fact {fact.id})")
    if fact.sequence is None or fact.sequence < 1:
        raise InvalidFact(f"fact {fact.id} has no per-zaak sequence; only accepted facts apply")
    stored = await conn.scalar(select(zaak.c.sequence).where(zaak.c.uuid == fact.subject))
    current = int(stored or 0)
    if fact.sequence <= current:
        return False
    if fact.sequence > current + 1:
        raise SequenceGap(fact.subject, current + 1, fact.sequence)
    await applier(conn, fact)
    return True
