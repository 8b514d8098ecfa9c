"""Where the objects of each Catalogi resource are in a catalogue snapshot: all of them (for
lists) and one by uuid (for details), each as a :class:`Found` with its catalogus and zaaktype.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final
from uuid import UUID

from catalogi.model import Catalogue
from midoffice.gateway.routes.catalogi_filters import Found

_PART_LOOKUP: Final = {
    "statustype": ("statustypen", Catalogue.statustype),
    "roltype": ("roltypen", Catalogue.roltype),
    "resultaattype": ("resultaattypen", Catalogue.resultaattype),
    "eigenschap": ("eigenschappen", Catalogue.eigenschap),
    "zaakobjecttype": ("zaakobjecttypen", Catalogue.zaakobjecttype),
    "zaaktype-informatieobjecttype": (
        "zaaktypeInformatieobjecttypen",
        Catalogue.zaaktype_informatieobjecttype,
    ),
}


def parts(soort: str) -> tuple[Callable[[Catalogue], list[Found]], Callable[..., Found | None]]:
    field, lookup = _PART_LOOKUP[soort]

    def all_(catalogue: Catalogue) -> list[Found]:
        found = []
        for catalogus, zaaktype in catalogue.zaaktypen():
            parts = list(getattr(zaaktype, field))
            if soort == "statustype":
                parts.sort(key=lambda part: part.volgnummer)
            found += [Found(catalogus, zaaktype, part) for part in parts]
        return found

    def find(catalogue: Catalogue, uuid: UUID) -> Found | None:
        hit = lookup(catalogue, uuid)
        if hit is None:
            return None
        catalogus = catalogue.catalogus_of(hit[0].uuid)
        return Found(catalogus, hit[0], hit[1]) if catalogus is not None else None

    return all_, find


def zaaktypen(catalogue: Catalogue) -> list[Found]:
    return [Found(c, z, z) for c, z in catalogue.zaaktypen()]


def zaaktype(catalogue: Catalogue, uuid: UUID) -> Found | None:
    zaaktype, catalogus = catalogue.zaaktype(uuid), catalogue.catalogus_of(uuid)
    return Found(catalogus, zaaktype, zaaktype) if zaaktype and catalogus else None


def informatieobjecttypen(catalogue: Catalogue) -> list[Found]:
    return [Found(c, None, i) for c, i in catalogue.informatieobjecttypen()]


def informatieobjecttype(catalogue: Catalogue, uuid: UUID) -> Found | None:
    obj, catalogus = catalogue.informatieobjecttype(uuid), catalogue.owner(uuid)
    return Found(catalogus, None, obj) if obj and catalogus else None


def besluittypen(catalogue: Catalogue) -> list[Found]:
    return [Found(c, None, b) for c, b in catalogue.besluittypen()]


def besluittype(catalogue: Catalogue, uuid: UUID) -> Found | None:
    obj, catalogus = catalogue.besluittype(uuid), catalogue.owner(uuid)
    return Found(catalogus, None, obj) if obj and catalogus else None
