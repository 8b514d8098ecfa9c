"""Catalogue model: the Catalogi API 1.3.1 resources with ZGW field names, and lookups.

A :class:`Catalogus` holds its zaaktypen, informatieobjecttypen and besluittypen; a
:class:`Zaaktype` holds its statustypen, roltypen, resultaattypen, eigenschappen,
zaakobjecttypen and zaaktype-informatieobjecttypen. References between catalogue objects are
UUIDs (the adapters turn them into URLs). References to the VNG reference lists
(``resultaattypeomschrijving``, ``selectielijstklasse``, ``selectielijstProcestype``) are URLs,
kept as given. Only ``Zaaktype``, ``Informatieobjecttype`` and ``Besluittype`` have a
``concept`` flag; the types inside a zaaktype follow their zaaktype.

:class:`Catalogue` is an immutable snapshot of one or more catalogussen with these lookups
(each ``None`` when the uuid is unknown):

- ``catalogussen`` (tuple), ``catalogus(uuid) -> Catalogus``;
- ``zaaktypen() -> [(Catalogus, Zaaktype)]``, ``zaaktype(uuid) -> Zaaktype``,
  ``catalogus_of(zaaktype_uuid) -> Catalogus``;
- ``statustype(uuid) -> (Zaaktype, Statustype)``, ``roltype(uuid) -> (Zaaktype, Roltype)``,
  ``resultaattype(uuid) -> (Zaaktype, Resultaattype)``,
  ``eigenschap(uuid) -> (Zaaktype, Eigenschap)``,
  ``zaakobjecttype(uuid) -> (Zaaktype, Zaakobjecttype)``,
  ``zaaktype_informatieobjecttype(uuid) -> (Zaaktype, ZaaktypeInformatieobjecttype)``;
- ``informatieobjecttypen() -> [(Catalogus, Informatieobjecttype)]``,
  ``informatieobjecttype(uuid) -> Informatieobjecttype``;
- ``besluittypen() -> [(Catalogus, Besluittype)]``, ``besluittype(uuid) -> Besluittype``;
- ``owner(uuid) -> Catalogus``: the catalogus that holds any catalogue object.

On a zaaktype: ``statustypen``, ``roltypen``, ``resultaattypen``, ``eigenschappen``,
``zaakobjecttypen``, ``zaaktypeInformatieobjecttypen`` (tuples of the objects),
``informatieobjecttypen`` (UUIDs, by volgnummer), ``eindstatustype`` (highest volgnummer).
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from schemas.catalogi_gegevensgroepen import (
    AardRelatie,
    Afleidingswijze,
    Archiefnominatie,
    BronCatalogus,
    BrondatumArchiefprocedure,
    BronZaaktype,
    CheckListItem,
    EigenschapSpecificatie,
    Formaat,
    IndicatieInternOfExtern,
    InformatieobjecttypeOmschrijvingGeneriek,
    ReferentieProces,
    Richting,
    RolOmschrijvingGeneriek,
    ZaakTypenRelatie,
)
from schemas.catalogi_resources import (
    Besluittype,
    Catalogus,
    CatalogusGegevens,
    Eigenschap,
    Geldigheid,
    Informatieobjecttype,
    Resultaattype,
    Roltype,
    Statustype,
    Zaakobjecttype,
    Zaaktype,
    ZaaktypeGegevens,
    ZaaktypeInformatieobjecttype,
)

__all__ = [
    "ZAAKTYPE_PARTS",
    "AardRelatie",
    "Afleidingswijze",
    "Archiefnominatie",
    "Besluittype",
    "BronCatalogus",
    "BronZaaktype",
    "BrondatumArchiefprocedure",
    "Catalogue",
    "Catalogus",
    "CatalogusGegevens",
    "CheckListItem",
    "Eigenschap",
    "EigenschapSpecificatie",
    "Formaat",
    "Geldigheid",
    "IndicatieInternOfExtern",
    "Informatieobjecttype",
    "InformatieobjecttypeOmschrijvingGeneriek",
    "ReferentieProces",
    "Resultaattype",
    "Richting",
    "RolOmschrijvingGeneriek",
    "Roltype",
    "Statustype",
    "ZaakTypenRelatie",
    "Zaakobjecttype",
    "Zaaktype",
    "ZaaktypeGegevens",
    "ZaaktypeInformatieobjecttype",
]


ZAAKTYPE_PARTS = (
    "statustypen",
    "roltypen",
    "resultaattypen",
    "eigenschappen",
    "zaakobjecttypen",
    "zaaktypeInformatieobjecttypen",
)
"""The fields of a zaaktype that hold its parts, each a tuple of objects with a uuid."""


class Catalogue:
    """Read-only lookups over one or more catalogussen (see the module docstring)."""

    def __init__(self, catalogussen: Iterable[Catalogus]) -> None:
        self.catalogussen = tuple(catalogussen)
        self._catalogussen = {c.uuid: c for c in self.catalogussen}
        self._zaaktypen = {z.uuid: (c, z) for c in self.catalogussen for z in c.zaaktypen}
        self._parts: dict[str, dict[UUID, tuple[Zaaktype, object]]] = {
            field: {p.uuid: (z, p) for _, z in self._zaaktypen.values() for p in getattr(z, field)}
            for field in ZAAKTYPE_PARTS
        }
        self._iots = {i.uuid: (c, i) for c in self.catalogussen for i in c.informatieobjecttypen}
        self._besluittypen = {b.uuid: (c, b) for c in self.catalogussen for b in c.besluittypen}
        self._owner: dict[UUID, Catalogus] = {
            **self._catalogussen,
            **{u: c for u, (c, _) in self._zaaktypen.items()},
            **{u: c for u, (c, _) in self._iots.items()},
            **{u: c for u, (c, _) in self._besluittypen.items()},
        }
        for parts in self._parts.values():
            for part_uuid, (zaaktype, _) in parts.items():
                self._owner[part_uuid] = self._zaaktypen[zaaktype.uuid][0]

    def catalogus(self, uuid: UUID) -> Catalogus | None:
        return self._catalogussen.get(uuid)

    def owner(self, uuid: UUID) -> Catalogus | None:
        """The catalogus holding the catalogue object ``uuid`` (of any kind)."""
        return self._owner.get(uuid)

    def zaaktypen(self) -> list[tuple[Catalogus, Zaaktype]]:
        return list(self._zaaktypen.values())

    def zaaktype(self, uuid: UUID) -> Zaaktype | None:
        found = self._zaaktypen.get(uuid)
        return found[1] if found else None

    def catalogus_of(self, zaaktype: UUID) -> Catalogus | None:
        found = self._zaaktypen.get(zaaktype)
        return found[0] if found else None

    def _part(self, field: str, uuid: UUID) -> tuple[Zaaktype, object] | None:
        return self._parts[field].get(uuid)

    def statustype(self, uuid: UUID) -> tuple[Zaaktype, Statustype] | None:
        """The statustype and the zaaktype it belongs to, or None."""
        return self._part("statustypen", uuid)  # type: ignore[return-value]

    def roltype(self, uuid: UUID) -> tuple[Zaaktype, Roltype] | None:
        return self._part("roltypen", uuid)  # type: ignore[return-value]

    def resultaattype(self, uuid: UUID) -> tuple[Zaaktype, Resultaattype] | None:
        return self._part("resultaattypen", uuid)  # type: ignore[return-value]

    def eigenschap(self, uuid: UUID) -> tuple[Zaaktype, Eigenschap] | None:
        return self._part("eigenschappen", uuid)  # type: ignore[return-value]

    def zaakobjecttype(self, uuid: UUID) -> tuple[Zaaktype, Zaakobjecttype] | None:
        return self._part("zaakobjecttypen", uuid)  # type: ignore[return-value]

    def zaaktype_informatieobjecttype(
        self, uuid: UUID
    ) -> tuple[Zaaktype, ZaaktypeInformatieobjecttype] | None:
        return self._part("zaaktypeInformatieobjecttypen", uuid)  # type: ignore[return-value]

    def informatieobjecttypen(self) -> list[tuple[Catalogus, Informatieobjecttype]]:
        return list(self._iots.values())

    def informatieobjecttype(self, uuid: UUID) -> Informatieobjecttype | None:
        found = self._iots.get(uuid)
        return found[1] if found else None

    def besluittypen(self) -> list[tuple[Catalogus, Besluittype]]:
        return list(self._besluittypen.values())

    def besluittype(self, uuid: UUID) -> Besluittype | None:
        found = self._besluittypen.get(uuid)
        return found[1] if found else None
