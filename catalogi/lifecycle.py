"""The concept -> published lifecycle of the Catalogi API, as the catalogi processor judges it.

- A zaaktype, informatieobjecttype or besluittype is created as a concept. A concept may be
  changed and deleted; ``/publish`` makes it definitive, and then it is immutable.
- The parts of a zaaktype (statustypen, roltypen, ...) follow their zaaktype: they can be
  created, changed and deleted only while the zaaktype is a concept. A
  zaaktype-informatieobjecttype may also be deleted while its informatieobjecttype is one.
- ``catalogi.geforceerd-schrijven`` lifts the rule for changes, and
  ``catalogi.geforceerd-verwijderen`` for deletions (corrections by a beheerder).
- Publishing a zaaktype ends the geldigheid of the previous published version (same
  identificatie, no eindeGeldigheid yet) the day before the new version begins, so every
  zaak keeps the version it was created under, and versions never overlap.

What a published zaaktype needs (published related types, statustypen) is a rule on the
resulting state: :mod:`catalogi.consistency`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set
from typing import Any, Final

from pydantic import BaseModel

from catalogi.changes import CATALOGUS_FIELDS, PART_FIELDS
from catalogi.model import Catalogus, Zaaktype
from schemas.catalogi_events import AANGEMAAKT, GEPUBLICEERD, GEWIJZIGD, VERWIJDERD, Change
from schemas.outcome import InvalidParam
from schemas.payloads_catalogi import GepubliceerdV1, VersieBeeindigd

GEFORCEERD_SCHRIJVEN: Final = "catalogi.geforceerd-schrijven"
GEFORCEERD_VERWIJDEREN: Final = "catalogi.geforceerd-verwijderen"
PRIVILEGES: Final = frozenset({GEFORCEERD_SCHRIJVEN, GEFORCEERD_VERWIJDEREN})
"""The scopes a lifecycle rule may need; the gateway passes them on as envelope privileges."""

NON_CONCEPT: Final = "non-concept-object"
NON_CONCEPT_ZAAKTYPE: Final = "non-concept-zaaktype"
ALREADY_PUBLISHED: Final = "already-published"


def _concept(obj: Any) -> bool:
    return bool(getattr(obj, "concept", True))


def _by_uuid(items: Any, uuid: Any) -> Any:
    return next((item for item in items if item.uuid == uuid), None)


def _part_owner(catalogus: Catalogus, field: str, uuid: Any) -> Zaaktype | None:
    return next(
        (z for z in catalogus.zaaktypen if any(p.uuid == uuid for p in getattr(z, field))), None
    )


def lifecycle_problems(
    before: Catalogus, change: Change, data: BaseModel, privileges: Set[str]
) -> list[InvalidParam]:
    """Why ``change`` may not happen to ``before`` (empty when it may)."""
    soort, action, payload = change.soort, change.action, data
    if soort is None or (action == AANGEMAAKT and not soort.part):
        return []
    forced = GEFORCEERD_VERWIJDEREN if action == VERWIJDERD else GEFORCEERD_SCHRIJVEN
    if soort.part:
        field = PART_FIELDS[soort.field]
        uuid = getattr(payload, "uuid", None) or getattr(payload, soort.field).uuid
        owners = [_part_owner(before, field, uuid)]
        if action != VERWIJDERD:
            owners.append(_by_uuid(before.zaaktypen, getattr(payload, "zaaktype", None)))
        if all(_concept(z) for z in owners if z is not None) or forced in privileges:
            return []
        if action == VERWIJDERD and soort.field == "zaaktypeInformatieobjecttype":
            ztiot = _by_uuid(getattr(owners[0], field, ()), uuid)
            if ztiot is not None and _concept(_by_uuid(before.informatieobjecttypen,
                                                       ztiot.informatieobjecttype)):  # fmt: skip
                return []
        reason = "Het zaaktype is gepubliceerd; alleen een concept kan worden bewerkt."
        return [InvalidParam("zaaktype", NON_CONCEPT_ZAAKTYPE, reason)]
    uuid = getattr(payload, "uuid", None) or getattr(payload, soort.field).uuid
    old = _by_uuid(getattr(before, CATALOGUS_FIELDS[soort.field]), uuid)
    if old is None or _concept(old):
        return []
    if action == GEPUBLICEERD:
        return [InvalidParam("nonFieldErrors", ALREADY_PUBLISHED,
                             f"Het {soort.name} is al gepubliceerd.")]  # fmt: skip
    if forced in privileges:
        return []
    verb = "verwijderd" if action == VERWIJDERD else "bewerkt"
    reason = f"Het {soort.name} is gepubliceerd; alleen een concept kan worden {verb}."
    return [InvalidParam("nonFieldErrors", NON_CONCEPT, reason)]


def refusal_status(change: Change) -> int:
    """The HTTP status of a lifecycle refusal, as the ZGW reference implementations answer:
    403 for deleting, or changing a published zaaktype, informatieobjecttype or besluittype;
    400 for the parts of a published zaaktype and for publishing twice."""
    soort = change.soort
    if change.action == VERWIJDERD or (soort and not soort.part and change.action == GEWIJZIGD):
        return 403
    return 400


def derive(before: Catalogus, change: Change, data: BaseModel) -> BaseModel:
    """The payload of the accepted fact: ``concept`` as the lifecycle sets it (new types are
    concepts; a change keeps the flag), and the versions a publication ends."""
    soort, payload = change.soort, data
    if soort is None or soort.part:
        return payload
    if change.action in (AANGEMAAKT, GEWIJZIGD):
        obj = getattr(payload, soort.field)
        old = _by_uuid(getattr(before, CATALOGUS_FIELDS[soort.field]), obj.uuid)
        concept = True if change.action == AANGEMAAKT or old is None else old.concept
        return payload.model_copy(update={soort.field: obj.model_copy(update={"concept": concept})})
    if change.action == GEPUBLICEERD and soort.field == "zaaktype":
        assert isinstance(payload, GepubliceerdV1)
        new = _by_uuid(before.zaaktypen, payload.uuid)
        if new is None:
            return payload
        ended = tuple(
            VersieBeeindigd(uuid=z.uuid, eindeGeldigheid=new.beginGeldigheid - dt.timedelta(days=1))
            for z in before.zaaktypen
            if z.identificatie == new.identificatie and z.uuid != new.uuid and not z.concept
            and z.eindeGeldigheid is None and z.beginGeldigheid < new.beginGeldigheid
        )  # fmt: skip
        return payload.model_copy(update={"beeindigd": ended})
    return payload
