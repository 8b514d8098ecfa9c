"""ZGW Catalogi API 1.3.1 resources of the types besides catalogus, zaaktype and statustype.

Reverse relations (which zaaktypen use a besluittype, which zaakobjecttypen name a
resultaattype, ...) are read from the catalogus the object belongs to. A
ZaakTypeInformatieObjectType names its ``informatieobjecttype`` by omschrijving, as the 1.3
schema types it (a string of at most 100 characters).
"""

from __future__ import annotations

from typing import Any

from adapters.zgw.catalogi import geldigheid
from adapters.zgw.catalogi_urls import catalogi_url
from adapters.zgw.formats import iso_date
from adapters.zgw.urls import ResourceUrls
from catalogi.model import (
    Besluittype,
    Catalogus,
    Eigenschap,
    Informatieobjecttype,
    Resultaattype,
    Roltype,
    Zaakobjecttype,
    Zaaktype,
    ZaaktypeInformatieobjecttype,
)


def _zaaktype_fields(
    catalogus: Catalogus, zaaktype: Zaaktype, urls: ResourceUrls
) -> dict[str, Any]:
    return {
        "zaaktype": urls.zaaktype(zaaktype.uuid),
        "zaaktypeIdentificatie": zaaktype.identificatie,
        "catalogus": urls.catalogus(catalogus.uuid),
    }


def _omschrijving(catalogus: Catalogus, field: str, uuid: Any) -> str:
    found = next((item for item in getattr(catalogus, field) if item.uuid == uuid), None)
    return found.omschrijving if found is not None else ""


def roltype_to_response(
    catalogus: Catalogus, zaaktype: Zaaktype, roltype: Roltype, urls: ResourceUrls
) -> dict[str, Any]:
    """The ZGW ``RolType``."""
    return {
        "url": catalogi_url(urls, "roltype", roltype.uuid),
        **_zaaktype_fields(catalogus, zaaktype, urls),
        "omschrijving": roltype.omschrijving,
        "omschrijvingGeneriek": roltype.omschrijvingGeneriek.value,
        **geldigheid(zaaktype, roltype),
    }


def resultaattype_to_response(
    catalogus: Catalogus, zaaktype: Zaaktype, resultaattype: Resultaattype, urls: ResourceUrls
) -> dict[str, Any]:
    """The ZGW ``ResultaatType``; ``archiefnominatie`` is '' when not set (BlankEnum)."""
    brondatum = resultaattype.brondatumArchiefprocedure
    return {
        "url": catalogi_url(urls, "resultaattype", resultaattype.uuid),
        **_zaaktype_fields(catalogus, zaaktype, urls),
        **resultaattype.model_dump(
            mode="json",
            include={
                "omschrijving",
                "resultaattypeomschrijving",
                "omschrijvingGeneriek",
                "selectielijstklasse",
                "toelichting",
                "archiefactietermijn",
                "procesobjectaard",
                "indicatieSpecifiek",
                "procestermijn",
            },
        ),
        "archiefnominatie": resultaattype.archiefnominatie or "",
        "brondatumArchiefprocedure": brondatum.model_dump(mode="json") if brondatum else None,
        **geldigheid(zaaktype, resultaattype),
        "besluittypen": [catalogi_url(urls, "besluittype", b) for b in resultaattype.besluittypen],
        "besluittypeOmschrijving": [
            _omschrijving(catalogus, "besluittypen", b) for b in resultaattype.besluittypen
        ],
        "informatieobjecttypen": [
            catalogi_url(urls, "informatieobjecttype", i)
            for i in resultaattype.informatieobjecttypen
        ],
        "informatieobjecttypeOmschrijving": [
            _omschrijving(catalogus, "informatieobjecttypen", i)
            for i in resultaattype.informatieobjecttypen
        ],
        "zaakobjecttypen": [
            catalogi_url(urls, "zaakobjecttype", z.uuid)
            for z in zaaktype.zaakobjecttypen
            if resultaattype.uuid in z.resultaattypen
        ],
    }


def eigenschap_to_response(
    catalogus: Catalogus, zaaktype: Zaaktype, eigenschap: Eigenschap, urls: ResourceUrls
) -> dict[str, Any]:
    """The ZGW ``Eigenschap``."""
    statustype = eigenschap.statustype
    return {
        "url": catalogi_url(urls, "eigenschap", eigenschap.uuid),
        "naam": eigenschap.naam,
        "definitie": eigenschap.definitie,
        "specificatie": eigenschap.specificatie.model_dump(mode="json"),
        "toelichting": eigenschap.toelichting,
        **_zaaktype_fields(catalogus, zaaktype, urls),
        "statustype": urls.statustype(statustype) if statustype else None,
        **geldigheid(zaaktype, eigenschap),
    }


def zaakobjecttype_to_response(
    catalogus: Catalogus, zaaktype: Zaaktype, zaakobjecttype: Zaakobjecttype, urls: ResourceUrls
) -> dict[str, Any]:
    """The ZGW ``ZaakObjectType``."""
    return {
        "url": catalogi_url(urls, "zaakobjecttype", zaakobjecttype.uuid),
        "anderObjecttype": zaakobjecttype.anderObjecttype,
        **geldigheid(zaaktype, zaakobjecttype),
        "objecttype": zaakobjecttype.objecttype,
        "relatieOmschrijving": zaakobjecttype.relatieOmschrijving,
        **_zaaktype_fields(catalogus, zaaktype, urls),
        "resultaattypen": [
            catalogi_url(urls, "resultaattype", r) for r in zaakobjecttype.resultaattypen
        ],
        "statustypen": [urls.statustype(s) for s in zaakobjecttype.statustypen],
    }


def zaaktype_informatieobjecttype_to_response(
    catalogus: Catalogus,
    zaaktype: Zaaktype,
    ztiot: ZaaktypeInformatieobjecttype,
    urls: ResourceUrls,
) -> dict[str, Any]:
    """The ZGW ``ZaakTypeInformatieObjectType``."""
    return {
        "url": catalogi_url(urls, "zaaktype-informatieobjecttype", ztiot.uuid),
        **_zaaktype_fields(catalogus, zaaktype, urls),
        "informatieobjecttype": _omschrijving(
            catalogus, "informatieobjecttypen", ztiot.informatieobjecttype
        ),
        "volgnummer": ztiot.volgnummer,
        "richting": ztiot.richting.value,
        "statustype": urls.statustype(ztiot.statustype) if ztiot.statustype else None,
    }


def informatieobjecttype_to_response(
    catalogus: Catalogus, iot: Informatieobjecttype, urls: ResourceUrls
) -> dict[str, Any]:
    """The ZGW ``InformatieObjectType``."""
    generiek = iot.omschrijvingGeneriek
    return {
        "url": catalogi_url(urls, "informatieobjecttype", iot.uuid),
        "catalogus": urls.catalogus(catalogus.uuid),
        "omschrijving": iot.omschrijving,
        "vertrouwelijkheidaanduiding": iot.vertrouwelijkheidaanduiding.value,
        "beginGeldigheid": iso_date(iot.beginGeldigheid),
        "eindeGeldigheid": iso_date(iot.eindeGeldigheid),
        "beginObject": iso_date(iot.beginGeldigheid),
        "eindeObject": iso_date(iot.eindeGeldigheid),
        "concept": iot.concept,
        "zaaktypen": "",
        "besluittypen": [
            catalogi_url(urls, "besluittype", b.uuid)
            for b in catalogus.besluittypen
            if iot.uuid in b.informatieobjecttypen
        ],
        "informatieobjectcategorie": iot.informatieobjectcategorie,
        "trefwoord": list(iot.trefwoord),
        "omschrijvingGeneriek": generiek.model_dump(mode="json") if generiek else _EMPTY_GENERIEK,
    }


_EMPTY_GENERIEK = {
    "informatieobjecttypeOmschrijvingGeneriek": "",
    "definitieInformatieobjecttypeOmschrijvingGeneriek": "",
    "herkomstInformatieobjecttypeOmschrijvingGeneriek": "",
    "hierarchieInformatieobjecttypeOmschrijvingGeneriek": "",
    "opmerkingInformatieobjecttypeOmschrijvingGeneriek": None,
}


def besluittype_to_response(
    catalogus: Catalogus, besluittype: Besluittype, urls: ResourceUrls
) -> dict[str, Any]:
    """The ZGW ``BesluitType``."""
    resultaattypen = [
        r
        for z in catalogus.zaaktypen
        for r in z.resultaattypen
        if besluittype.uuid in r.besluittypen
    ]
    return {
        "url": catalogi_url(urls, "besluittype", besluittype.uuid),
        "catalogus": urls.catalogus(catalogus.uuid),
        "zaaktypen": [
            urls.zaaktype(z.uuid) for z in catalogus.zaaktypen if besluittype.uuid in z.besluittypen
        ],
        **besluittype.model_dump(
            mode="json",
            include={
                "omschrijving",
                "omschrijvingGeneriek",
                "besluitcategorie",
                "reactietermijn",
                "publicatieIndicatie",
                "publicatietekst",
                "publicatietermijn",
                "toelichting",
                "concept",
            },
        ),
        "informatieobjecttypen": [
            catalogi_url(urls, "informatieobjecttype", i) for i in besluittype.informatieobjecttypen
        ],
        "beginGeldigheid": iso_date(besluittype.beginGeldigheid),
        "eindeGeldigheid": iso_date(besluittype.eindeGeldigheid),
        "beginObject": iso_date(besluittype.beginGeldigheid),
        "eindeObject": iso_date(besluittype.eindeGeldigheid),
        "resultaattypen": [catalogi_url(urls, "resultaattype", r.uuid) for r in resultaattypen],
        "resultaattypenOmschrijving": [r.omschrijving for r in resultaattypen],
        "vastgelegdIn": [
            _omschrijving(catalogus, "informatieobjecttypen", i)
            for i in besluittype.informatieobjecttypen
        ],
    }
