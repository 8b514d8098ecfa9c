"""The parts of a zaak (rollen, resultaat, zaakobjecten, zaakeigenschappen,
zaakinformatieobjecten, klantcontacten): one description each, shared by the handlers, the
projection and the queries, so every part is decided, applied and read the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final, Literal
from uuid import UUID

from pydantic import BaseModel
from sqlalchemy import Table

from catalogi.model import Catalogue, Zaaktype
from schemas import event_types as t
from schemas.zaakonderdelen import (
    KlantcontactV1,
    ResultaatV1,
    RolV1,
    ZaakeigenschapV1,
    ZaakinformatieobjectV1,
    ZaakobjectV1,
)
from zaakmagazijn import tables

Actie = Literal["create", "update", "destroy"]
Lookup = Callable[[Catalogue, UUID], tuple[Zaaktype, Any] | None]


@dataclass(frozen=True)
class Onderdeel:
    """How one kind of part is stored and which catalogue reference it must fit."""

    resource: str  # the ZGW resource name, singular: "rol"
    table: Table
    model: type[BaseModel]
    events: Mapping[str, Actie]  # event type -> what it does
    reference: str | None = None  # the catalogue reference field that must fit the zaaktype
    lookup: Lookup | None = None

    def columns(self, data: BaseModel) -> dict[str, Any]:
        """The typed (filter) columns of a part with payload ``data``."""
        return _COLUMNS.get(self.resource, _none)(data)


def _none(_data: BaseModel) -> dict[str, Any]:
    return {}


_ROL_KEYS: Final[Mapping[str, tuple[tuple[str, str], ...]]] = {
    "natuurlijk_persoon": (
        ("inpBsn", "inp_bsn"),
        ("anpIdentificatie", "anp_identificatie"),
        ("inpA_nummer", "inp_a_nummer"),
    ),
    "niet_natuurlijk_persoon": (
        ("innNnpId", "inn_nnp_id"),
        ("annIdentificatie", "ann_identificatie"),
    ),
    "vestiging": (("vestigingsNummer", "vestigings_nummer"),),
    "medewerker": (("identificatie", "medewerker_identificatie"),),
    "organisatorische_eenheid": (("identificatie", "organisatorische_eenheid_identificatie"),),
}
ROL_KEY_COLUMNS: Final = tuple(
    column for keys in _ROL_KEYS.values() for _, column in keys
)
"""Every rol column that holds a betrokkeneIdentificatie key."""


def _rol_columns(data: BaseModel) -> dict[str, Any]:
    assert isinstance(data, RolV1)
    columns: dict[str, Any] = dict.fromkeys(ROL_KEY_COLUMNS)
    identificatie = data.betrokkeneIdentificatie or {}
    for field, column in _ROL_KEYS[str(data.betrokkeneType)]:
        columns[column] = identificatie.get(field) or None
    return columns | {
        "betrokkene_type": str(data.betrokkeneType),
        "roltype": data.roltype,
        "omschrijving": data.omschrijving,
        "omschrijving_generiek": data.omschrijvingGeneriek,
        "betrokkene": data.betrokkene,
    }


def _resultaat_columns(data: BaseModel) -> dict[str, Any]:
    assert isinstance(data, ResultaatV1)
    return {"resultaattype": data.resultaattype}


def _zaakobject_columns(data: BaseModel) -> dict[str, Any]:
    assert isinstance(data, ZaakobjectV1)
    return {"object": data.object, "object_type": data.objectType}


def _zaakeigenschap_columns(data: BaseModel) -> dict[str, Any]:
    assert isinstance(data, ZaakeigenschapV1)
    return {"eigenschap": data.eigenschap}


def _zaakinformatieobject_columns(data: BaseModel) -> dict[str, Any]:
    assert isinstance(data, ZaakinformatieobjectV1)
    return {"informatieobject": data.informatieobject}


_COLUMNS: Final[Mapping[str, Callable[[BaseModel], dict[str, Any]]]] = {
    "rol": _rol_columns,
    "resultaat": _resultaat_columns,
    "zaakobject": _zaakobject_columns,
    "zaakeigenschap": _zaakeigenschap_columns,
    "zaakinformatieobject": _zaakinformatieobject_columns,
}


def completed(
    onderdeel: Onderdeel,
    data: BaseModel,
    catalogue: Catalogue,
    moment: dt.datetime,
    stored: Mapping[str, Any] | None,
) -> BaseModel:
    """``data`` with the fields the processor sets: texts copied from the catalogue and the
    registratiedatum (``moment`` for a new part, the stored one for an update)."""
    changes: dict[str, Any] = {}
    if isinstance(data, RolV1):
        found = catalogue.roltype(data.roltype)
        if found is not None:
            changes |= {
                "omschrijving": found[1].omschrijving,
                "omschrijvingGeneriek": str(found[1].omschrijvingGeneriek),
            }
    if isinstance(data, ZaakeigenschapV1):
        found_eigenschap = catalogue.eigenschap(data.eigenschap)
        if found_eigenschap is not None:
            changes["naam"] = found_eigenschap[1].naam
    if isinstance(data, (RolV1, ZaakinformatieobjectV1)):
        before = (stored or {}).get("registratiedatum")
        changes["registratiedatum"] = before or moment.astimezone(dt.UTC)
    if not changes:
        return data
    return type(data).model_validate(data.model_dump() | changes)


def _events(toegevoegd: str, gewijzigd: str | None, verwijderd: str | None) -> dict[str, Actie]:
    events: dict[str, Actie] = {toegevoegd: "create"}
    if gewijzigd:
        events[gewijzigd] = "update"
    if verwijderd:
        events[verwijderd] = "destroy"
    return events


ONDERDELEN: Final[Mapping[str, Onderdeel]] = MappingProxyType(
    {
        o.resource: o
        for o in (
            Onderdeel(
                "rol", tables.rol, RolV1, _events(t.ROL_TOEGEVOEGD, None, t.ROL_VERWIJDERD),
                "roltype", Catalogue.roltype,
            ),
            Onderdeel(
                "resultaat", tables.resultaat, ResultaatV1,
                _events(t.RESULTAAT_TOEGEVOEGD, t.RESULTAAT_GEWIJZIGD, t.RESULTAAT_VERWIJDERD),
                "resultaattype", Catalogue.resultaattype,
            ),
            Onderdeel(
                "zaakobject", tables.zaakobject, ZaakobjectV1,
                _events(t.ZAAKOBJECT_TOEGEVOEGD, t.ZAAKOBJECT_GEWIJZIGD, t.ZAAKOBJECT_VERWIJDERD),
                "zaakobjecttype", Catalogue.zaakobjecttype,
            ),
            Onderdeel(
                "zaakeigenschap", tables.zaakeigenschap, ZaakeigenschapV1,
                _events(
                    t.ZAAKEIGENSCHAP_TOEGEVOEGD, t.ZAAKEIGENSCHAP_GEWIJZIGD,
                    t.ZAAKEIGENSCHAP_VERWIJDERD,
                ),
                "eigenschap", Catalogue.eigenschap,
            ),
            Onderdeel(
                "zaakinformatieobject", tables.zaakinformatieobject, ZaakinformatieobjectV1,
                _events(
                    t.ZAAKINFORMATIEOBJECT_TOEGEVOEGD, t.ZAAKINFORMATIEOBJECT_GEWIJZIGD,
                    t.ZAAKINFORMATIEOBJECT_VERWIJDERD,
                ),
            ),
            Onderdeel(
                "klantcontact", tables.klantcontact, KlantcontactV1,
                _events(t.KLANTCONTACT_TOEGEVOEGD, None, None),
            ),
        )
    }
)  # fmt: skip
"""Resource name -> its description."""

BY_EVENT: Final[Mapping[str, tuple[Onderdeel, Actie]]] = MappingProxyType(
    {event: (o, actie) for o in ONDERDELEN.values() for event, actie in o.events.items()}
)
"""Event type -> the part it is about and what it does."""
