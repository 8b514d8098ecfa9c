"""ZGW Zaken API 1.5.1 ``Resultaat``, ``ZaakObject``, ``ZaakEigenschap``,
``ZaakInformatieObject`` and ``KlantContact``: request body -> payload, stored part -> body.

A stored part is a row of its table with ``uuid``, ``zaak`` and ``gegevens`` (its payload as
JSON). References to catalogue objects go out as Catalogi API URLs of this MidOffice.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, Final

from adapters.zgw import gegevensgroep
from adapters.zgw.catalogi_urls import catalogi_url
from adapters.zgw.fields import FieldReader
from adapters.zgw.formats import iso_datetime
from adapters.zgw.object_identificatie import (
    OBJECT_IDENTIFICATIE,
    OBJECT_TYPES,
    ObjectTypeOverigeDefinitie,
)
from adapters.zgw.referenties import build, catalogue_reference, zaak_reference
from adapters.zgw.status import status_reference
from adapters.zgw.urls import (
    KLANTCONTACTEN,
    RESULTATEN,
    ZAAKINFORMATIEOBJECTEN,
    ZAAKOBJECTEN,
    ResourceUrls,
)
from adapters.zgw.zaak import not_an_object
from catalogi.model import Catalogue
from schemas.outcome import InvalidParam
from schemas.zaakonderdelen import (
    KlantcontactV1,
    ResultaatV1,
    ZaakeigenschapV1,
    ZaakinformatieobjectV1,
    ZaakobjectV1,
)

AARD_RELATIE_WEERGAVE: Final = "Hoort bij, omgekeerd: kent"


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def resultaat_from_request(
    body: Any, catalogue: Catalogue, *, part_uuid: uuid.UUID
) -> ResultaatV1 | list[InvalidParam]:
    if not isinstance(body, Mapping):
        return not_an_object(body)
    r = FieldReader(body)
    return build(ResultaatV1, r, {
        "uuid": part_uuid,
        "zaak": zaak_reference(r),
        "resultaattype": catalogue_reference(
            r, "resultaattype", "resultaattype", Catalogue.resultaattype, catalogue
        ),
        "toelichting": r.string("toelichting", max_length=1000),
    })  # fmt: skip


def resultaat_to_response(row: Mapping[str, Any], urls: ResourceUrls) -> dict[str, Any]:
    g = row["gegevens"]
    return {
        "url": urls.detail(RESULTATEN, row["uuid"]),
        "uuid": str(row["uuid"]),
        "zaak": urls.zaak(_uuid(g["zaak"])),
        "resultaattype": catalogi_url(urls, "resultaattype", _uuid(g["resultaattype"])),
        "toelichting": g.get("toelichting") or "",
    }


def zaakobject_from_request(
    body: Any, catalogue: Catalogue, *, part_uuid: uuid.UUID
) -> ZaakobjectV1 | list[InvalidParam]:
    if not isinstance(body, Mapping):
        return not_an_object(body)
    r = FieldReader(body)
    object_type = r.choice("objectType", OBJECT_TYPES, required=True)
    definitie = gegevensgroep.nested(r, "objectTypeOverigeDefinitie", ObjectTypeOverigeDefinitie)
    variant = OBJECT_IDENTIFICATIE.get(object_type or "")
    return build(ZaakobjectV1, r, {
        "uuid": part_uuid,
        "zaak": zaak_reference(r),
        "object": r.url("object"),
        "zaakobjecttype": catalogue_reference(
            r, "zaakobjecttype", "zaakobjecttype", Catalogue.zaakobjecttype, catalogue,
            required=False,
        ),
        "objectType": object_type,
        "objectTypeOverige": r.string("objectTypeOverige", max_length=100),
        "objectTypeOverigeDefinitie": definitie,
        "relatieomschrijving": r.string("relatieomschrijving", max_length=80),
        "objectIdentificatie": gegevensgroep.nested(r, "objectIdentificatie", variant),
    })  # fmt: skip


def zaakobject_to_response(row: Mapping[str, Any], urls: ResourceUrls) -> dict[str, Any]:
    g = row["gegevens"]
    zaakobjecttype = g.get("zaakobjecttype")
    body = {
        "url": urls.detail(ZAAKOBJECTEN, row["uuid"]),
        "uuid": str(row["uuid"]),
        "zaak": urls.zaak(_uuid(g["zaak"])),
        "object": g.get("object") or "",
        "zaakobjecttype": (
            catalogi_url(urls, "zaakobjecttype", _uuid(zaakobjecttype)) if zaakobjecttype else ""
        ),
        "objectType": g["objectType"],
        "objectTypeOverigeDefinitie": g.get("objectTypeOverigeDefinitie"),
        "relatieomschrijving": g.get("relatieomschrijving") or "",
    }
    if g.get("objectTypeOverige"):  # the spec's pattern ([a-z_]+) does not allow ''
        body["objectTypeOverige"] = g["objectTypeOverige"]
    if g.get("objectIdentificatie") is not None:
        body["objectIdentificatie"] = g["objectIdentificatie"]
    return body


def zaakeigenschap_from_request(
    body: Any, catalogue: Catalogue, *, part_uuid: uuid.UUID
) -> ZaakeigenschapV1 | list[InvalidParam]:
    if not isinstance(body, Mapping):
        return not_an_object(body)
    r = FieldReader(body)
    return build(ZaakeigenschapV1, r, {
        "uuid": part_uuid,
        "zaak": zaak_reference(r),
        "eigenschap": catalogue_reference(
            r, "eigenschap", "eigenschap", Catalogue.eigenschap, catalogue
        ),
        "waarde": r.string("waarde", required=True),
    })  # fmt: skip


def zaakeigenschap_to_response(row: Mapping[str, Any], urls: ResourceUrls) -> dict[str, Any]:
    g = row["gegevens"]
    zaak = _uuid(g["zaak"])
    return {
        "url": urls.zaakeigenschap(zaak, row["uuid"]),
        "uuid": str(row["uuid"]),
        "zaak": urls.zaak(zaak),
        "eigenschap": catalogi_url(urls, "eigenschap", _uuid(g["eigenschap"])),
        "naam": g.get("naam") or "",
        "waarde": g.get("waarde") or "",
    }


def zaakinformatieobject_from_request(
    body: Any, catalogue: Catalogue, *, part_uuid: uuid.UUID
) -> ZaakinformatieobjectV1 | list[InvalidParam]:
    if not isinstance(body, Mapping):
        return not_an_object(body)
    r = FieldReader(body)
    return build(ZaakinformatieobjectV1, r, {
        "uuid": part_uuid,
        "zaak": zaak_reference(r),
        "informatieobject": r.url("informatieobject", required=True, blank=False),
        "titel": r.string("titel", max_length=200),
        "beschrijving": r.string("beschrijving"),
        "vernietigingsdatum": r.datetime("vernietigingsdatum"),
        "status": status_reference(r, "status"),
    })  # fmt: skip


def zaakinformatieobject_to_response(
    row: Mapping[str, Any], urls: ResourceUrls
) -> dict[str, Any]:
    g = row["gegevens"]
    return {
        "url": urls.detail(ZAAKINFORMATIEOBJECTEN, row["uuid"]),
        "uuid": str(row["uuid"]),
        "informatieobject": g["informatieobject"],
        "zaak": urls.zaak(_uuid(g["zaak"])),
        "aardRelatieWeergave": AARD_RELATIE_WEERGAVE,
        "titel": g.get("titel") or "",
        "beschrijving": g.get("beschrijving") or "",
        "registratiedatum": iso_datetime(g.get("registratiedatum")),
        "vernietigingsdatum": iso_datetime(g.get("vernietigingsdatum")),
        "status": urls.status(_uuid(g["status"])) if g.get("status") else None,
    }


def klantcontact_from_request(
    body: Any, catalogue: Catalogue, *, part_uuid: uuid.UUID
) -> KlantcontactV1 | list[InvalidParam]:
    if not isinstance(body, Mapping):
        return not_an_object(body)
    r = FieldReader(body)
    return build(KlantcontactV1, r, {
        "uuid": part_uuid,
        "zaak": zaak_reference(r),
        "identificatie": r.string("identificatie", max_length=14),
        "datumtijd": r.datetime("datumtijd", required=True, nullable=False),
        "kanaal": r.string("kanaal", max_length=20),
        "onderwerp": r.string("onderwerp", max_length=200),
        "toelichting": r.string("toelichting", max_length=1000),
    })  # fmt: skip


def klantcontact_to_response(row: Mapping[str, Any], urls: ResourceUrls) -> dict[str, Any]:
    g = row["gegevens"]
    return {
        "url": urls.detail(KLANTCONTACTEN, row["uuid"]),
        "uuid": str(row["uuid"]),
        "zaak": urls.zaak(_uuid(g["zaak"])),
        "identificatie": g.get("identificatie") or "",
        "datumtijd": iso_datetime(g["datumtijd"]),
        "kanaal": g.get("kanaal") or "",
        "onderwerp": g.get("onderwerp") or "",
        "toelichting": g.get("toelichting") or "",
    }
