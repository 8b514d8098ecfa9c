"""Handlers of the documentmagazijn processor: decide an intake event, then apply its fact.

``build_handlers`` returns the one visible mapping from event type to handler. The processor
is the single writer per document and the judge of the state rules: identificatie unique per
bronorganisatie (generated when absent), informatieobjecttype in the catalogue, every update
under the current lock, parts uploaded in order and completely, versions immutable (an update
is a new versie). The fact carries everything derived (versie, identificatie), so a replay
rebuilds the projection from facts alone.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from types import MappingProxyType
from typing import TypeVar

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncConnection

from autorisaties.scopes import DOCUMENTEN_GEFORCEERD_UNLOCK
from catalogi.source import CatalogueSource
from documentmagazijn import projection, queries
from schemas import documenten_events as ev
from schemas.envelope import Envelope
from schemas.outcome import Accepted, InvalidParam, Outcome, Rejected
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

Handler = Callable[[AsyncConnection, Envelope], Awaitable[Outcome]]
RESOURCE = "enkelvoudiginformatieobject"
_P = TypeVar("_P", bound=BaseModel)


def _payload(envelope: Envelope, model: type[_P]) -> _P:
    if not isinstance(envelope.data, model):
        raise TypeError(f"{envelope.type} event carries {type(envelope.data).__name__}")
    return envelope.data


def _reject(name: str, code: str, reason: str, resource: str = RESOURCE) -> Rejected:
    return Rejected(
        (InvalidParam(name, code, reason),),
        code=code if code == "not_found" else "invalid",
        resource=resource,
    )


def _not_found(envelope: Envelope) -> Rejected:
    return _reject(
        "informatieobject", "not_found", f"Informatieobject {envelope.subject} bestaat niet."
    )


async def _accept(
    conn: AsyncConnection,
    envelope: Envelope,
    data: BaseModel,
    resource: str = RESOURCE,
    resource_uuid: object = None,
) -> Accepted:
    sequence = await queries.sequence_of(conn, envelope.subject) + 1
    fact = envelope.accepted(sequence, data)
    await projection.apply(conn, fact)
    uuid = resource_uuid if resource_uuid is not None else envelope.subject
    return Accepted(resource=resource, resource_uuid=uuid, facts=(fact,))  # type: ignore[arg-type]


def _lock_problem(current: str, given: str) -> InvalidParam | None:
    if not given:
        return InvalidParam(
            "lock", "missing-lock-id", "Dit informatieobject moet vergrendeld zijn; geef de lock."
        )
    if not current or current != given:
        return InvalidParam("lock", "incorrect-lock-id", "Onjuiste lock.")
    return None


def _delen_problem(omvang: int | None, delen: list[BestandsdeelV1]) -> InvalidParam | None:
    if omvang is None:
        return None
    if [d.volgnummer for d in delen] != list(range(1, len(delen) + 1)) or sum(
        d.omvang for d in delen
    ) != omvang:
        return InvalidParam(
            "bestandsdelen", "invalid", "De bestandsdelen dekken de bestandsomvang niet."
        )
    return None


def build_handlers(catalogue: CatalogueSource) -> Mapping[str, Handler]:
    """The documentmagazijn handlers, keyed by intake event type."""

    async def _metadata(
        conn: AsyncConnection, envelope: Envelope, info: InformatieobjectV1
    ) -> tuple[InformatieobjectV1, list[InvalidParam]]:
        problems = []
        if catalogue.current().informatieobjecttype(info.informatieobjecttype) is None:
            problems.append(
                InvalidParam(
                    "informatieobjecttype",
                    "does_not_exist",
                    "Het informatieobjecttype bestaat niet in de catalogus.",
                )
            )
        if not info.identificatie:
            year = envelope.time.year
            number = await queries.count_for(conn, info.bronorganisatie, year) + 1
            while await queries.identificatie_taken(
                conn, info.bronorganisatie, f"DOCUMENT-{year}-{number:010d}", envelope.subject
            ):
                number += 1
            info = info.model_copy(update={"identificatie": f"DOCUMENT-{year}-{number:010d}"})
        elif await queries.identificatie_taken(
            conn, info.bronorganisatie, info.identificatie, envelope.subject
        ):
            problems.append(
                InvalidParam(
                    "identificatie",
                    "identificatie-niet-uniek",
                    "Deze identificatie bestaat al voor deze bronorganisatie.",
                )
            )
        return info, problems

    async def aangemaakt(conn: AsyncConnection, envelope: Envelope) -> Outcome:
        data = _payload(envelope, DocumentAangemaaktV1)
        if data.uuid != envelope.subject or await queries.sequence_of(conn, data.uuid):
            return _reject("uuid", "unique", f"Informatieobject {data.uuid} bestaat al.")
        info, problems = await _metadata(conn, envelope, data.informatieobject)
        if data.inhoud is None and data.bestandsomvang is not None and len(data.lock) < 16:
            problems.append(InvalidParam("lock", "required", "Een upload in delen vergrendelt."))
        if problem := _delen_problem(
            data.bestandsomvang if data.inhoud is None else None, data.bestandsdelen
        ):
            problems.append(problem)
        if problems:
            return Rejected(tuple(problems), resource=RESOURCE)
        fact = data.model_copy(
            update={
                "informatieobject": info,
                "versie": 1,
                "lock": "" if data.inhoud else data.lock,
                "bestandsdelen": [] if data.inhoud else data.bestandsdelen,
            }
        )
        return await _accept(conn, envelope, fact)

    async def gewijzigd(conn: AsyncConnection, envelope: Envelope) -> Outcome:
        data = _payload(envelope, DocumentGewijzigdV1)
        current = await queries.get(conn, envelope.subject)
        if current is None:
            return _not_found(envelope)
        problems = [p for p in [_lock_problem(current.lock, data.lock)] if p]
        info, more = await _metadata(conn, envelope, data.informatieobject)
        problems += more
        if problem := _delen_problem(
            data.bestandsomvang if data.inhoud is None else None, data.bestandsdelen
        ):
            problems.append(problem)
        if problems:
            return Rejected(tuple(problems), resource=RESOURCE)
        delen = (
            data.bestandsdelen if data.inhoud is None and data.bestandsomvang is not None else []
        )
        fact = data.model_copy(
            update={
                "informatieobject": info,
                "versie": current.laatste_versie + 1,
                "bestandsdelen": delen,
            }
        )
        return await _accept(conn, envelope, fact)

    async def vergrendeld(conn: AsyncConnection, envelope: Envelope) -> Outcome:
        data = _payload(envelope, DocumentVergrendeldV1)
        current = await queries.get(conn, envelope.subject)
        if current is None:
            return _not_found(envelope)
        if current.locked:
            return _reject(
                "nonFieldErrors", "existing-lock", "Het informatieobject is al vergrendeld."
            )
        return await _accept(conn, envelope, data)

    async def ontgrendeld(conn: AsyncConnection, envelope: Envelope) -> Outcome:
        data = _payload(envelope, DocumentOntgrendeldV1)
        current = await queries.get(conn, envelope.subject)
        if current is None:
            return _not_found(envelope)
        forced = data.geforceerd and ({"*", DOCUMENTEN_GEFORCEERD_UNLOCK} & envelope.privileges)
        if not forced and (problem := _lock_problem(current.lock, data.lock)):
            return Rejected((problem,), resource=RESOURCE)
        return await _accept(conn, envelope, data)

    async def bestandsdeel(conn: AsyncConnection, envelope: Envelope) -> Outcome:
        data = _payload(envelope, BestandsdeelGeuploadV1)
        current = await queries.get(conn, envelope.subject)
        if current is None:
            return _not_found(envelope)
        if problem := _lock_problem(current.lock, data.lock):
            return Rejected((problem,), resource="bestandsdeel")
        deel = next((d for d in current.delen if d.uuid == data.bestandsdeel), None)
        if deel is None:
            return _reject(
                "uuid",
                "not_found",
                "Dit bestandsdeel hoort niet bij een lopende upload.",
                "bestandsdeel",
            )
        volgende = next((d for d in current.delen if d.sha256 is None), None)
        if volgende is None or volgende.uuid != deel.uuid:
            return _reject(
                "inhoud",
                "order",
                "Bestandsdelen moeten op volgorde worden geupload.",
                "bestandsdeel",
            )
        if data.deel.size != deel.omvang:
            return _reject(
                "inhoud",
                "file-size",
                f"Het bestandsdeel moet {deel.omvang} bytes zijn.",
                "bestandsdeel",
            )
        laatste = deel.volgnummer == len(current.delen)
        if laatste != (data.inhoud is not None) or (
            data.inhoud is not None and data.inhoud.size != current.bestandsomvang
        ):
            return _reject(
                "inhoud",
                "incomplete",
                "De samengevoegde inhoud ontbreekt of klopt niet.",
                "bestandsdeel",
            )
        return await _accept(conn, envelope, data, "bestandsdeel", data.bestandsdeel)

    async def verwijderd(conn: AsyncConnection, envelope: Envelope) -> Outcome:
        data = _payload(envelope, DocumentVerwijderdV1)
        if await queries.get(conn, envelope.subject) is None:
            return _not_found(envelope)
        if await queries.objectinformatieobjecten(conn, envelope.subject, None):
            return _reject(
                "nonFieldErrors",
                "pending-relations",
                "Het informatieobject heeft nog objectinformatieobjecten.",
            )
        return await _accept(conn, envelope, data)

    async def gebruiksrecht(conn: AsyncConnection, envelope: Envelope) -> Outcome:
        data = _payload(envelope, GebruiksrechtV1)
        if (
            data.informatieobject != envelope.subject
            or await queries.get(conn, envelope.subject) is None
        ):
            return _not_found(envelope)
        existing = await queries.gebruiksrecht_by_uuid(conn, data.uuid)
        if (envelope.type == ev.GEBRUIKSRECHT_GEWIJZIGD) != (existing is not None):
            return _reject(
                "uuid",
                "not_found" if existing is None else "unique",
                "Gebruiksrecht.",
                "gebruiksrecht",
            )
        if existing is not None and existing.informatieobject != data.informatieobject:
            return _reject(
                "informatieobject",
                "wijzigen-niet-toegelaten",
                "Het informatieobject mag niet gewijzigd worden.",
                "gebruiksrecht",
            )
        return await _accept(conn, envelope, data, "gebruiksrecht", data.uuid)

    async def gebruiksrecht_weg(conn: AsyncConnection, envelope: Envelope) -> Outcome:
        data = _payload(envelope, GebruiksrechtVerwijderdV1)
        existing = await queries.gebruiksrecht_by_uuid(conn, data.uuid)
        if existing is None or existing.informatieobject != envelope.subject:
            return _reject("uuid", "not_found", "Gebruiksrecht bestaat niet.", "gebruiksrecht")
        return await _accept(conn, envelope, data, "gebruiksrecht", data.uuid)

    async def oio(conn: AsyncConnection, envelope: Envelope) -> Outcome:
        data = _payload(envelope, ObjectinformatieobjectV1)
        if (
            data.informatieobject != envelope.subject
            or await queries.get(conn, envelope.subject) is None
        ):
            return _not_found(envelope)
        if await queries.objectinformatieobjecten(conn, data.informatieobject, data.object):
            return _reject(
                "nonFieldErrors",
                "unique",
                "De velden informatieobject en object moeten een unieke set zijn.",
                "objectinformatieobject",
            )
        return await _accept(conn, envelope, data, "objectinformatieobject", data.uuid)

    async def oio_weg(conn: AsyncConnection, envelope: Envelope) -> Outcome:
        data = _payload(envelope, ObjectinformatieobjectVerwijderdV1)
        existing = await queries.objectinformatieobject_by_uuid(conn, data.uuid)
        if existing is None or existing.informatieobject != envelope.subject:
            return _reject(
                "uuid",
                "not_found",
                "Objectinformatieobject bestaat niet.",
                "objectinformatieobject",
            )
        return await _accept(conn, envelope, data, "objectinformatieobject", data.uuid)

    return MappingProxyType(
        {
            ev.DOCUMENT_AANGEMAAKT: aangemaakt,
            ev.DOCUMENT_GEWIJZIGD: gewijzigd,
            ev.DOCUMENT_VERGRENDELD: vergrendeld,
            ev.DOCUMENT_ONTGRENDELD: ontgrendeld,
            ev.DOCUMENT_VERWIJDERD: verwijderd,
            ev.BESTANDSDEEL_GEUPLOAD: bestandsdeel,
            ev.GEBRUIKSRECHT_AANGEMAAKT: gebruiksrecht,
            ev.GEBRUIKSRECHT_GEWIJZIGD: gebruiksrecht,
            ev.GEBRUIKSRECHT_VERWIJDERD: gebruiksrecht_weg,
            ev.OBJECTINFORMATIEOBJECT_AANGEMAAKT: oio,
            ev.OBJECTINFORMATIEOBJECT_VERWIJDERD: oio_weg,
        }
    )
