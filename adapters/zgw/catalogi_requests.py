"""ZGW Catalogi API 1.3.1 request bodies -> catalogue objects (the internal model).

Read-only and unknown fields are ignored, as Django REST framework does. References become
UUIDs: URLs of our own resources (matched on their path, any host) and, where the 1.3 schema
names objects that way, an omschrijving (besluittypen, informatieobjecttypen) or an
identificatie (deelzaaktypen) in the same catalogus. Everything else is checked by the
model; problems come back as ZGW ``invalidParams`` with Django REST framework's codes.
State rules (concept or published, unique numbers) are the catalogi processor's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final
from uuid import UUID

from pydantic import BaseModel, ValidationError

from adapters.zgw.catalogi_references import DOES_NOT_EXIST, NO_MATCH, reference, relaties
from adapters.zgw.catalogi_urls import parse_catalogi_url
from adapters.zgw.fields import INVALID, INVALID_CHOICE, MAX_LENGTH, NOT_A_LIST, REQUIRED
from catalogi.model import (
    Besluittype,
    Catalogue,
    Catalogus,
    CatalogusGegevens,
    Eigenschap,
    Informatieobjecttype,
    Resultaattype,
    Roltype,
    Statustype,
    Zaakobjecttype,
    ZaaktypeGegevens,
    ZaaktypeInformatieobjecttype,
)
from schemas.outcome import InvalidParam

MODELS: Final[Mapping[str, type[BaseModel]]] = {
    "catalogus": CatalogusGegevens,
    "zaaktype": ZaaktypeGegevens,
    "informatieobjecttype": Informatieobjecttype,
    "besluittype": Besluittype,
    "statustype": Statustype,
    "roltype": Roltype,
    "resultaattype": Resultaattype,
    "eigenschap": Eigenschap,
    "zaakobjecttype": Zaakobjecttype,
    "zaaktype-informatieobjecttype": ZaaktypeInformatieobjecttype,
}
"""Soort -> the model of what a client may write."""

# field -> (soort referred to, many, also by name); "zaaktype" on a part is read separately.
REFERENCES: Final[Mapping[str, Mapping[str, tuple[str, bool, bool]]]] = {
    "zaaktype": {
        "besluittypen": ("besluittype", True, True),
        "deelzaaktypen": ("zaaktype", True, True),
    },
    "besluittype": {"informatieobjecttypen": ("informatieobjecttype", True, True)},
    "statustype": {"eigenschappen": ("eigenschap", True, False)},
    "resultaattype": {
        "besluittypen": ("besluittype", True, True),
        "informatieobjecttypen": ("informatieobjecttype", True, True),
    },
    "eigenschap": {"statustype": ("statustype", False, False)},
    "zaakobjecttype": {
        "statustypen": ("statustype", True, False),
        "resultaattypen": ("resultaattype", True, False),
    },
    "zaaktype-informatieobjecttype": {
        "informatieobjecttype": ("informatieobjecttype", False, True),
        "statustype": ("statustype", False, False),
    },
}
NOT_WRITABLE: Final = frozenset({"uuid", "concept", "omschrijvingGeneriek@resultaattype"})
PARTS: Final = frozenset(
    {
        "statustype",
        "roltype",
        "resultaattype",
        "eigenschap",
        "zaakobjecttype",
        "zaaktype-informatieobjecttype",
    }
)


@dataclass(frozen=True)
class Written:
    """A validated object and where it goes: its catalogus, and for a part its zaaktype."""

    obj: BaseModel
    catalogus: Catalogus
    zaaktype: UUID | None = None


def read_object(
    soort: str,
    body: Any,
    catalogue: Catalogue,
    *,
    uuid: UUID,
    current: BaseModel | None = None,
    catalogus: UUID | None = None,
    zaaktype: UUID | None = None,
) -> Written | list[InvalidParam]:
    """The object a POST, PUT (``current`` None) or PATCH (``current`` given) body writes.

    ``catalogus`` / ``zaaktype`` are where the current object lives (PUT and PATCH).
    """
    if not isinstance(body, Mapping):
        reason = f"Ongeldige data. Verwachtte een dictionary, kreeg een {type(body).__name__}."
        return [InvalidParam("nonFieldErrors", INVALID, reason)]
    problems: list[InvalidParam] = []
    model = MODELS[soort]
    values: dict[str, Any] = (
        {name: getattr(current, name) for name in model.model_fields} if current is not None else {}
    )
    owner, parent = _owner(soort, body, catalogue, problems, catalogus, zaaktype, current)
    for name, raw in body.items():
        if (
            name not in model.model_fields
            or name in NOT_WRITABLE
            or f"{name}@{soort}" in NOT_WRITABLE
        ):
            continue
        values[name] = raw
        ref = REFERENCES.get(soort, {}).get(name)
        if ref is not None and owner is not None:
            values[name] = reference(name, raw, ref, owner, problems)
    if soort == "zaaktype" and owner is not None:
        values["gerelateerdeZaaktypen"] = relaties(values.get("gerelateerdeZaaktypen"), owner)
    values.update(uuid=uuid)
    if "concept" in model.model_fields:
        values["concept"] = True if current is None else getattr(current, "concept", True)
    try:
        obj = model.model_validate(values)
    except ValidationError as exc:
        problems.extend(_invalid_params(exc))
        return problems
    if soort == "catalogus" and not problems:
        return Written(obj, Catalogus.model_validate(dict(obj)))
    if problems or owner is None:
        return problems or [InvalidParam("catalogus", REQUIRED, "Dit veld is vereist.")]
    return Written(obj, owner, parent)


def _owner(
    soort: str,
    body: Mapping[str, Any],
    catalogue: Catalogue,
    problems: list[InvalidParam],
    catalogus: UUID | None,
    zaaktype: UUID | None,
    current: BaseModel | None,
) -> tuple[Catalogus | None, UUID | None]:
    """The catalogus (and for a part the zaaktype) the object goes to."""
    if soort == "catalogus":
        return None, None
    name = "zaaktype" if soort in PARTS else "catalogus"
    if name not in body and (current is not None or catalogus is not None):
        found = catalogue.catalogus(catalogus) if catalogus else None
        return found, zaaktype
    value = body.get(name)
    if value in (None, ""):
        problems.append(InvalidParam(name, REQUIRED, "Dit veld is vereist."))
        return None, None
    target = parse_catalogi_url(value, name)
    if target is None:
        problems.append(InvalidParam(name, NO_MATCH, "Ongeldige hyperlink - Geen URL match."))
        return None, None
    if name == "catalogus":
        found = catalogue.catalogus(target)
        if found is None:
            problems.append(
                InvalidParam(name, DOES_NOT_EXIST, "Ongeldige hyperlink - Object bestaat niet.")
            )
        return found, None
    owner = catalogue.catalogus_of(target)
    if owner is None:
        problems.append(
            InvalidParam(name, DOES_NOT_EXIST, "Ongeldige hyperlink - Object bestaat niet.")
        )
    return owner, target


_CODES: Final = {
    "missing": REQUIRED,
    "string_too_long": MAX_LENGTH,
    "enum": INVALID_CHOICE,
    "literal_error": INVALID_CHOICE,
    "list_type": NOT_A_LIST,
    "tuple_type": NOT_A_LIST,
}


def _invalid_params(exc: ValidationError) -> list[InvalidParam]:
    params = []
    for error in exc.errors():
        name = ".".join(str(part) for part in error["loc"]) or "nonFieldErrors"
        params.append(InvalidParam(name, _CODES.get(error["type"], INVALID), error["msg"]))
    return params
