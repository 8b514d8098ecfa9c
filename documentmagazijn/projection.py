"""Apply accepted documenten facts to the documentmagazijn tables: the one way they are written.

Used live by the processor (right after deciding) and by a rebuild from the events topic. Every
fact carries its per-document ``sequence``: at or below ``document.sequence`` it was applied
already (skipped), beyond ``sequence + 1`` facts are missing (:class:`SequenceGap`). A versie
row, once written, is never changed except to record its content when its last part arrived.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from types import MappingProxyType
from typing import Any, Final, TypeVar
from uuid import UUID

from pydantic import BaseModel
from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from documentmagazijn.tables import (
    bestandsdeel,
    document,
    document_audit,
    document_versie,
    gebruiksrecht,
    objectinformatieobject,
)
from schemas import documenten_events as ev
from schemas.envelope import Envelope
from schemas.payloads_documenten import (
    BestandsdeelGeuploadV1,
    BestandsdeelV1,
    DocumentAangemaaktV1,
    DocumentGewijzigdV1,
    DocumentOntgrendeldV1,
    DocumentVergrendeldV1,
    DocumentVerwijderdV1,
    GebruiksrechtV1,
    GebruiksrechtVerwijderdV1,
    InformatieobjectV1,
    ObjectinformatieobjectV1,
    ObjectinformatieobjectVerwijderdV1,
)

Applier = Callable[[AsyncConnection, Envelope], Awaitable[None]]
_P = TypeVar("_P", bound=BaseModel)


class ProjectionError(Exception):
    """A fact cannot be applied."""


class SequenceGap(ProjectionError):
    def __init__(self, subject: UUID, expected: int, got: int) -> None:
        super().__init__(f"document {subject}: expected sequence {expected}, got {got}")


class InvalidFact(ProjectionError):
    """Not something the processor can have accepted."""


def _payload(fact: Envelope, model: type[_P]) -> _P:
    if not isinstance(fact.data, model):
        raise InvalidFact(f"{fact.type} fact {fact.id} carries {type(fact.data).__name__}")
    return fact.data


def _document_values(info: InformatieobjectV1) -> dict[str, Any]:
    return {
        "bronorganisatie": info.bronorganisatie,
        "identificatie": info.identificatie,
        "informatieobjecttype": info.informatieobjecttype,
        "vertrouwelijkheidaanduiding": info.vertrouwelijkheidaanduiding.value,
    }


async def _new_versie(
    conn: AsyncConnection,
    fact: Envelope,
    subject: UUID,
    versie: int,
    info: InformatieobjectV1,
    sha256: str | None,
    size: int | None,
    delen: list[BestandsdeelV1],
) -> None:
    await conn.execute(
        insert(document_versie).values(
            document=subject,
            versie=versie,
            begin_registratie=fact.time,
            informatieobject=info.model_dump(mode="json"),
            sha256=sha256,
            bestandsomvang=size,
        )
    )
    await conn.execute(delete(bestandsdeel).where(bestandsdeel.c.document == subject))
    if delen:
        await conn.execute(
            insert(bestandsdeel),
            [
                {
                    "uuid": d.uuid,
                    "document": subject,
                    "volgnummer": d.volgnummer,
                    "omvang": d.omvang,
                    "sha256": None,
                }
                for d in delen
            ],
        )


async def _aangemaakt(conn: AsyncConnection, fact: Envelope) -> None:
    data = _payload(fact, DocumentAangemaaktV1)
    if fact.sequence != 1 or data.versie != 1 or not data.informatieobject.identificatie:
        raise InvalidFact(f"aangemaakt fact {fact.id}: needs sequence 1, versie 1, identificatie")
    await conn.execute(
        insert(document).values(
            uuid=fact.subject,
            versie=1,
            lock=data.lock,
            indicatie_gebruiksrecht=data.informatieobject.indicatieGebruiksrecht,
            sequence=1,
            **_document_values(data.informatieobject),
        )
    )
    inhoud = data.inhoud
    await _new_versie(
        conn,
        fact,
        fact.subject,
        1,
        data.informatieobject,
        inhoud.sha256 if inhoud else None,
        inhoud.size if inhoud else data.bestandsomvang,
        data.bestandsdelen,
    )


async def _gewijzigd(conn: AsyncConnection, fact: Envelope) -> None:
    data = _payload(fact, DocumentGewijzigdV1)
    previous = (
        await conn.execute(
            select(document_versie.c.sha256, document_versie.c.bestandsomvang).where(
                document_versie.c.document == fact.subject,
                document_versie.c.versie == data.versie - 1,
            )
        )
    ).one_or_none()
    if previous is None or data.versie < 2:
        raise InvalidFact(f"gewijzigd fact {fact.id}: versie {data.versie} has no predecessor")
    if data.inhoud is not None:
        sha256, size = data.inhoud.sha256, data.inhoud.size
    elif data.bestandsomvang is not None:
        sha256, size = None, data.bestandsomvang
    else:
        sha256, size = previous.sha256, previous.bestandsomvang
    await conn.execute(
        update(document)
        .where(document.c.uuid == fact.subject)
        .values(
            versie=data.versie,
            indicatie_gebruiksrecht=data.informatieobject.indicatieGebruiksrecht,
            **_document_values(data.informatieobject),
        )
    )
    await _new_versie(
        conn,
        fact,
        fact.subject,
        data.versie,
        data.informatieobject,
        sha256,
        size,
        data.bestandsdelen,
    )


async def _vergrendeld(conn: AsyncConnection, fact: Envelope) -> None:
    data = _payload(fact, DocumentVergrendeldV1)
    await conn.execute(
        update(document).where(document.c.uuid == fact.subject).values(lock=data.lock)
    )


async def _ontgrendeld(conn: AsyncConnection, fact: Envelope) -> None:
    _payload(fact, DocumentOntgrendeldV1)
    await conn.execute(update(document).where(document.c.uuid == fact.subject).values(lock=""))
    await conn.execute(  # an unfinished upload in parts is abandoned
        delete(bestandsdeel).where(bestandsdeel.c.document == fact.subject)
    )


async def _bestandsdeel(conn: AsyncConnection, fact: Envelope) -> None:
    data = _payload(fact, BestandsdeelGeuploadV1)
    await conn.execute(
        update(bestandsdeel)
        .where(bestandsdeel.c.uuid == data.bestandsdeel)
        .values(sha256=data.deel.sha256)
    )
    if data.inhoud is not None:  # the last part: the versie gets its content
        versie = await conn.scalar(select(document.c.versie).where(document.c.uuid == fact.subject))
        await conn.execute(
            update(document_versie)
            .where(document_versie.c.document == fact.subject, document_versie.c.versie == versie)
            .values(sha256=data.inhoud.sha256, bestandsomvang=data.inhoud.size)
        )
        await conn.execute(delete(bestandsdeel).where(bestandsdeel.c.document == fact.subject))


async def _verwijderd(conn: AsyncConnection, fact: Envelope) -> None:
    _payload(fact, DocumentVerwijderdV1)
    for table, column in (
        (document_versie, document_versie.c.document),
        (bestandsdeel, bestandsdeel.c.document),
        (gebruiksrecht, gebruiksrecht.c.informatieobject),
        (objectinformatieobject, objectinformatieobject.c.informatieobject),
    ):
        await conn.execute(delete(table).where(column == fact.subject))
    # The row stays (as a tombstone) so the sequence keeps replays idempotent.
    await conn.execute(
        update(document)
        .where(document.c.uuid == fact.subject)
        .values(versie=0, lock="", identificatie=f"del-{fact.subject.hex}")
    )


async def _gebruiksrecht(conn: AsyncConnection, fact: Envelope) -> None:
    data = _payload(fact, GebruiksrechtV1)
    values = {
        "informatieobject": data.informatieobject,
        "startdatum": data.startdatum,
        "einddatum": data.einddatum,
        "omschrijving_voorwaarden": data.omschrijvingVoorwaarden,
    }
    await conn.execute(delete(gebruiksrecht).where(gebruiksrecht.c.uuid == data.uuid))
    await conn.execute(insert(gebruiksrecht).values(uuid=data.uuid, **values))
    await _sync_indicatie(conn, fact.subject)


async def _gebruiksrecht_weg(conn: AsyncConnection, fact: Envelope) -> None:
    data = _payload(fact, GebruiksrechtVerwijderdV1)
    await conn.execute(delete(gebruiksrecht).where(gebruiksrecht.c.uuid == data.uuid))
    await _sync_indicatie(conn, fact.subject)


async def _sync_indicatie(conn: AsyncConnection, subject: UUID) -> None:
    """The standard: indicatieGebruiksrecht is true while gebruiksrechten exist, and goes
    back to null when the last one is removed."""
    count = await conn.scalar(
        select(gebruiksrecht.c.uuid).where(gebruiksrecht.c.informatieobject == subject).limit(1)
    )
    await conn.execute(
        update(document)
        .where(document.c.uuid == subject)
        .values(indicatie_gebruiksrecht=True if count is not None else None)
    )


async def _oio(conn: AsyncConnection, fact: Envelope) -> None:
    data = _payload(fact, ObjectinformatieobjectV1)
    await conn.execute(
        insert(objectinformatieobject).values(
            uuid=data.uuid,
            informatieobject=data.informatieobject,
            object=data.object,
            object_type=data.objectType,
        )
    )


async def _oio_weg(conn: AsyncConnection, fact: Envelope) -> None:
    data = _payload(fact, ObjectinformatieobjectVerwijderdV1)
    await conn.execute(
        delete(objectinformatieobject).where(objectinformatieobject.c.uuid == data.uuid)
    )


APPLIERS: Final[Mapping[str, Applier]] = MappingProxyType(
    {
        ev.DOCUMENT_AANGEMAAKT: _aangemaakt,
        ev.DOCUMENT_GEWIJZIGD: _gewijzigd,
        ev.DOCUMENT_VERGRENDELD: _vergrendeld,
        ev.DOCUMENT_ONTGRENDELD: _ontgrendeld,
        ev.DOCUMENT_VERWIJDERD: _verwijderd,
        ev.BESTANDSDEEL_GEUPLOAD: _bestandsdeel,
        ev.GEBRUIKSRECHT_AANGEMAAKT: _gebruiksrecht,
        ev.GEBRUIKSRECHT_GEWIJZIGD: _gebruiksrecht,
        ev.GEBRUIKSRECHT_VERWIJDERD: _gebruiksrecht_weg,
        ev.OBJECTINFORMATIEOBJECT_AANGEMAAKT: _oio,
        ev.OBJECTINFORMATIEOBJECT_VERWIJDERD: _oio_weg,
    }
)
"""Event type -> apply function: what the projection understands."""


async def apply(conn: AsyncConnection, fact: Envelope) -> bool:
    """Apply one accepted fact in ``conn``'s transaction; False when applied already."""
    applier = APPLIERS.get(fact.type)
    if applier is None:
        raise InvalidFact(f"no applier for {fact.type!r} (fact {fact.id})")
    if fact.sequence is None or fact.sequence < 1:
        raise InvalidFact(f"fact {fact.id} has no sequence; only accepted facts apply")
    stored = await conn.scalar(select(document.c.sequence).where(document.c.uuid == fact.subject))
    current = int(stored or 0)
    if fact.sequence <= current:
        return False
    if fact.sequence > current + 1:
        raise SequenceGap(fact.subject, current + 1, fact.sequence)
    await applier(conn, fact)
    await conn.execute(
        update(document).where(document.c.uuid == fact.subject).values(sequence=fact.sequence)
    )
    payload = fact.payload_json()
    await conn.execute(
        insert(document_audit).values(
            uuid=fact.id,
            document=fact.subject,
            sequence=fact.sequence,
            aanmaakdatum=fact.time,
            type=fact.type,
            resource_uuid=UUID(str(payload.get("uuid", fact.subject))),
            applicatie_id=fact.clientid[:100],
            gebruikers_id=fact.userid[:255],
            nieuw=payload,
        )
    )
    return True
