"""The one way a catalogus changes: a pure function of the current catalogus and an event.

:func:`apply_change` is used by the catalogi processor to compute the state a change would
produce (which it then checks) and by the projection to write it, live and in replay, so a
rebuild from the log is exact. It enforces only structure (the object exists, or does not
yet); lifecycle and consistency rules are :mod:`catalogi.lifecycle` and
:mod:`catalogi.consistency`. Deleting an object also drops the references to it that only
existed through it (a zaaktype-informatieobjecttype of a deleted informatieobjecttype, ...).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final, TypeVar
from uuid import UUID

from pydantic import BaseModel

from catalogi.model import ZAAKTYPE_PARTS, Catalogus, Zaaktype
from schemas.catalogi_events import AANGEMAAKT, GEPUBLICEERD, GEWIJZIGD, VERWIJDERD, Change

CATALOGUS_FIELDS: Final = {
    "zaaktype": "zaaktypen",
    "informatieobjecttype": "informatieobjecttypen",
    "besluittype": "besluittypen",
}
"""Payload field of a catalogus-level object -> the Catalogus field that holds it."""
PART_FIELDS: Final = dict(
    zip(
        ("statustype", "roltype", "resultaattype", "eigenschap", "zaakobjecttype",
         "zaaktypeInformatieobjecttype"),
        ZAAKTYPE_PARTS,
        strict=True,
    )
)  # fmt: skip
"""Payload field of a zaaktype part -> the Zaaktype field that holds it."""

T = TypeVar("T", bound=BaseModel)


class ChangeError(ValueError):
    """The change does not fit the catalogus (unknown object, uuid in use); ``status`` is
    the HTTP status a client gets for it (404 for an unknown object)."""

    def __init__(self, name: str, reason: str, status: int = 400) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason
        self.status = status


def apply_change(current: Catalogus | None, change: Change, data: BaseModel) -> Catalogus:
    """The catalogus after ``change`` with payload ``data``; raises ChangeError."""
    payload: Any = data
    if change.soort is None:
        if change.action == AANGEMAAKT:
            if current is not None:
                raise ChangeError("uuid", f"catalogus {current.uuid} bestaat al")
            return Catalogus.model_validate(dict(payload.catalogus))
        return Catalogus.model_validate(payload.catalogus)
    if current is None:
        raise ChangeError("catalogus", "de catalogus bestaat niet", 404)
    if change.soort.part:
        return _part_change(current, change, payload)
    field = CATALOGUS_FIELDS[change.soort.field]
    items: tuple[Any, ...] = getattr(current, field)
    if change.action == AANGEMAAKT:
        new = getattr(payload, change.soort.field)
        if field == "zaaktypen":
            new = Zaaktype.model_validate(dict(new))
        return current.model_copy(update={field: (*items, new)})
    old = _find(items, payload.uuid if change.action != GEWIJZIGD else
                getattr(payload, change.soort.field).uuid, change.soort.name)  # fmt: skip
    if change.action == GEWIJZIGD:
        new = getattr(payload, change.soort.field)
        if field == "zaaktypen":
            new = Zaaktype.model_validate(
                {**dict(new), **{p: getattr(old, p) for p in ZAAKTYPE_PARTS}}
            )
        return current.model_copy(update={field: _replaced(items, new)})
    if change.action == GEPUBLICEERD:
        updated = current.model_copy(
            update={field: _replaced(items, old.model_copy(update={"concept": False}))}
        )
        for ended in payload.beeindigd:
            version = _find(updated.zaaktypen, ended.uuid, "zaaktype")
            ended_version = version.model_copy(update={"eindeGeldigheid": ended.eindeGeldigheid})
            updated = updated.model_copy(
                update={"zaaktypen": _replaced(updated.zaaktypen, ended_version)}
            )
        return updated
    assert change.action == VERWIJDERD
    return prune(current.model_copy(update={field: _without(items, old.uuid)}))


def _part_change(current: Catalogus, change: Change, payload: Any) -> Catalogus:
    assert change.soort is not None
    field = PART_FIELDS[change.soort.field]
    if change.action == VERWIJDERD:
        owner = _owner(current, field, payload.uuid, change.soort.name)
        return prune(
            _with_zaaktype(current, owner, field, _without(getattr(owner, field), payload.uuid))
        )
    part = getattr(payload, change.soort.field)
    target = next((z for z in current.zaaktypen if z.uuid == payload.zaaktype), None)
    if target is None:
        raise ChangeError("zaaktype", f"zaaktype {payload.zaaktype} bestaat niet in deze catalogus")
    if change.action == AANGEMAAKT:
        return _with_zaaktype(current, target, field, (*getattr(target, field), part))
    owner = _owner(current, field, part.uuid, change.soort.name)
    if owner.uuid == target.uuid:
        return _with_zaaktype(current, owner, field, _replaced(getattr(owner, field), part))
    moved = _with_zaaktype(current, owner, field, _without(getattr(owner, field), part.uuid))
    target = next(z for z in moved.zaaktypen if z.uuid == target.uuid)
    return _with_zaaktype(moved, target, field, (*getattr(target, field), part))


def _with_zaaktype(
    catalogus: Catalogus, zaaktype: Zaaktype, field: str, parts: tuple[Any, ...]
) -> Catalogus:
    new = zaaktype.model_copy(update={field: parts})
    return catalogus.model_copy(update={"zaaktypen": _replaced(catalogus.zaaktypen, new)})


def _owner(catalogus: Catalogus, field: str, uuid: UUID, soort: str) -> Zaaktype:
    for zaaktype in catalogus.zaaktypen:
        if any(p.uuid == uuid for p in getattr(zaaktype, field)):
            return zaaktype
    raise ChangeError("uuid", f"{soort} {uuid} bestaat niet", 404)


def _find(items: Iterable[T], uuid: UUID, soort: str) -> Any:
    for item in items:
        if getattr(item, "uuid", None) == uuid:
            return item
    raise ChangeError("uuid", f"{soort} {uuid} bestaat niet", 404)


def _replaced(items: tuple[T, ...], new: T) -> tuple[T, ...]:
    uuid = getattr(new, "uuid")  # noqa: B009 - every catalogue object has one
    return tuple(new if getattr(item, "uuid") == uuid else item for item in items)  # noqa: B009


def _without(items: tuple[T, ...], uuid: UUID) -> tuple[T, ...]:
    return tuple(item for item in items if getattr(item, "uuid") != uuid)  # noqa: B009


def _keep(values: tuple[UUID, ...], known: set[UUID]) -> tuple[UUID, ...]:
    return tuple(v for v in values if v in known)


def prune(catalogus: Catalogus) -> Catalogus:
    """``catalogus`` without references to objects it no longer holds."""
    iots = {i.uuid for i in catalogus.informatieobjecttypen}
    besluittypen = {b.uuid for b in catalogus.besluittypen}
    zaaktypen = {z.uuid for z in catalogus.zaaktypen}
    return catalogus.model_copy(
        update={
            "besluittypen": tuple(
                b.model_copy(update={"informatieobjecttypen": _keep(b.informatieobjecttypen, iots)})
                for b in catalogus.besluittypen
            ),
            "zaaktypen": tuple(
                _pruned_zaaktype(z, iots, besluittypen, zaaktypen) for z in catalogus.zaaktypen
            ),
        }
    )


def _pruned_zaaktype(
    zaaktype: Zaaktype, iots: set[UUID], besluittypen: set[UUID], zaaktypen: set[UUID]
) -> Zaaktype:
    statustypen = {s.uuid for s in zaaktype.statustypen}
    eigenschappen = {e.uuid for e in zaaktype.eigenschappen}
    resultaattypen = {r.uuid for r in zaaktype.resultaattypen}

    def status_or_none(value: UUID | None) -> UUID | None:
        return value if value in statustypen else None

    return zaaktype.model_copy(
        update={
            "besluittypen": _keep(zaaktype.besluittypen, besluittypen),
            "deelzaaktypen": _keep(zaaktype.deelzaaktypen, zaaktypen),
            "statustypen": tuple(
                s.model_copy(update={"eigenschappen": _keep(s.eigenschappen, eigenschappen)})
                for s in zaaktype.statustypen
            ),
            "eigenschappen": tuple(
                e.model_copy(update={"statustype": status_or_none(e.statustype)})
                for e in zaaktype.eigenschappen
            ),
            "resultaattypen": tuple(
                r.model_copy(update={
                    "besluittypen": _keep(r.besluittypen, besluittypen),
                    "informatieobjecttypen": _keep(r.informatieobjecttypen, iots),
                })
                for r in zaaktype.resultaattypen
            ),
            "zaaktypeInformatieobjecttypen": tuple(
                z.model_copy(update={"statustype": status_or_none(z.statustype)})
                for z in zaaktype.zaaktypeInformatieobjecttypen
                if z.informatieobjecttype in iots
            ),
            "zaakobjecttypen": tuple(
                z.model_copy(update={
                    "statustypen": _keep(z.statustypen, statustypen),
                    "resultaattypen": _keep(z.resultaattypen, resultaattypen),
                })
                for z in zaaktype.zaakobjecttypen
            ),
        }
    )  # fmt: skip
