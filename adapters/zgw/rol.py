"""ZGW Zaken API 1.5.1 ``Rol``: request body -> RolV1, stored rol -> response body.

``betrokkeneIdentificatie`` is checked against our model of the standard's structure for the
betrokkeneType (``RolNatuurlijkPersoon``, ...), ``contactpersoonRol`` against
``ContactPersoonRol`` (:mod:`adapters.zgw.betrokkene_identificatie`); a BSN must pass the
elfproef. Whether the roltype belongs to the zaak's
zaaktype is for the processor (it knows the zaak).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, Final

from adapters.zgw import gegevensgroep
from adapters.zgw.betrokkene_identificatie import BETROKKENE_IDENTIFICATIE, ContactPersoonRol
from adapters.zgw.catalogi_urls import catalogi_url
from adapters.zgw.fields import INVALID, FieldReader
from adapters.zgw.formats import iso_datetime
from adapters.zgw.referenties import build, catalogue_reference, zaak_reference
from adapters.zgw.rsin import passes_elfproef
from adapters.zgw.urls import ROLLEN, ResourceUrls
from adapters.zgw.zaak import not_an_object
from catalogi.model import Catalogue
from schemas.outcome import InvalidParam
from schemas.zaakonderdelen import BetrokkeneType, RolV1

BETROKKENE_TYPES: Final = tuple(t.value for t in BetrokkeneType)
INDICATIE_MACHTIGING: Final = ("gemachtigde", "machtiginggever", "")
BSN_FIELD: Final = "betrokkeneIdentificatie.inpBsn"
INVALID_BETROKKENE: Final = "invalid-betrokkene"  # Open Zaak: neither betrokkene nor identificatie


def rol_from_request(
    body: Any, catalogue: Catalogue, *, part_uuid: uuid.UUID
) -> RolV1 | list[InvalidParam]:
    """The intake payload for a POST /rollen body, or every problem found in it."""
    if not isinstance(body, Mapping):
        return not_an_object(body)
    r = FieldReader(body)
    betrokkene_type = r.choice("betrokkeneType", BETROKKENE_TYPES, required=True)
    identificatie = gegevensgroep.nested(
        r, "betrokkeneIdentificatie", BETROKKENE_IDENTIFICATIE.get(betrokkene_type or "")
    )
    bsn = (identificatie or {}).get("inpBsn")
    checked = BSN_FIELD not in {p.name for p in r.problems}  # one answer per field
    if betrokkene_type == "natuurlijk_persoon" and bsn and checked and not passes_elfproef(bsn):
        r.fail(BSN_FIELD, INVALID, "Onjuist BSN nummer.")
    contactpersoon = gegevensgroep.nested(r, "contactpersoonRol", ContactPersoonRol)
    betrokkene = r.url("betrokkene")
    if not betrokkene and not identificatie:
        r.fail("nonFieldErrors", INVALID_BETROKKENE,
               "betrokkene of betrokkeneIdentificatie moet opgegeven worden.")  # fmt: skip
    fields: dict[str, Any] = {
        "uuid": part_uuid,
        "zaak": zaak_reference(r),
        "betrokkene": betrokkene,
        "betrokkeneType": betrokkene_type,
        "afwijkendeNaamBetrokkene": r.string("afwijkendeNaamBetrokkene", max_length=625),
        "roltype": catalogue_reference(r, "roltype", "roltype", Catalogue.roltype, catalogue),
        "roltoelichting": r.string("roltoelichting", required=True, max_length=1000),
        "indicatieMachtiging": r.choice("indicatieMachtiging", INDICATIE_MACHTIGING, default=""),
        "contactpersoonRol": contactpersoon,
        "betrokkeneIdentificatie": identificatie,
    }
    return build(RolV1, r, fields)


def rol_to_response(row: Mapping[str, Any], urls: ResourceUrls) -> dict[str, Any]:
    """The ZGW ``Rol`` for a stored rol (``gegevens`` is its RolV1 as JSON, plus the uuids of
    the statussen it set as ``statussen``, kept by the projection)."""
    g: Mapping[str, Any] = row["gegevens"]
    body: dict[str, Any] = {
        "url": urls.detail(ROLLEN, row["uuid"]),
        "uuid": str(row["uuid"]),
        "zaak": urls.zaak(uuid.UUID(str(g["zaak"]))),
        "betrokkene": g.get("betrokkene") or "",
        "betrokkeneType": g["betrokkeneType"],
        "afwijkendeNaamBetrokkene": g.get("afwijkendeNaamBetrokkene") or "",
        "roltype": catalogi_url(urls, "roltype", uuid.UUID(str(g["roltype"]))),
        "omschrijving": g.get("omschrijving") or "",
        "omschrijvingGeneriek": g.get("omschrijvingGeneriek") or "",
        "roltoelichting": g.get("roltoelichting") or "",
        "registratiedatum": iso_datetime(g.get("registratiedatum")),
        "indicatieMachtiging": g.get("indicatieMachtiging") or "",
        "contactpersoonRol": g.get("contactpersoonRol"),
        "statussen": [urls.status(uuid.UUID(s)) for s in g.get("statussen", [])],
    }
    if g.get("betrokkeneIdentificatie") is not None:
        body["betrokkeneIdentificatie"] = g["betrokkeneIdentificatie"]
    return body
