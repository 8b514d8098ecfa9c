"""The MidOffice catalogue as ZGW Catalogi API 1.3.1 resources: catalogus, zaaktype, statustype.

The other types are in :mod:`adapters.zgw.catalogi_typen`. Several fields follow the official
1.3.1 schema literally although it looks like a generator slip there: ``ZaakType.
informatieobjecttypen``, ``InformatieObjectType.zaaktypen`` and ``StatusType.zaakobjecttype``
are typed as (required, non-null) strings, so they are ''. ``beginObject``/``eindeObject`` of
a zaaktype are the begin of its first and the end of its last version (same identificatie).
"""

from __future__ import annotations

from typing import Any

from adapters.zgw.catalogi_urls import catalogi_url
from adapters.zgw.formats import iso_date
from adapters.zgw.urls import ResourceUrls
from catalogi.model import Catalogus, Statustype, Zaaktype


def catalogus_to_response(catalogus: Catalogus, urls: ResourceUrls) -> dict[str, Any]:
    """The ZGW ``Catalogus``."""
    return {
        "url": urls.catalogus(catalogus.uuid),
        "domein": catalogus.domein,
        "rsin": catalogus.rsin,
        "contactpersoonBeheerNaam": catalogus.contactpersoonBeheerNaam,
        "contactpersoonBeheerTelefoonnummer": catalogus.contactpersoonBeheerTelefoonnummer,
        "contactpersoonBeheerEmailadres": catalogus.contactpersoonBeheerEmailadres,
        "zaaktypen": [urls.zaaktype(z.uuid) for z in catalogus.zaaktypen],
        "besluittypen": [catalogi_url(urls, "besluittype", b.uuid) for b in catalogus.besluittypen],
        "informatieobjecttypen": [
            catalogi_url(urls, "informatieobjecttype", i.uuid)
            for i in catalogus.informatieobjecttypen
        ],
        "naam": catalogus.naam,
        "versie": catalogus.versie,
        "begindatumVersie": iso_date(catalogus.begindatumVersie),
    }


def versions(catalogus: Catalogus, zaaktype: Zaaktype) -> list[Zaaktype]:
    """Every version of ``zaaktype`` (same identificatie), by beginGeldigheid."""
    same = [z for z in catalogus.zaaktypen if z.identificatie == zaaktype.identificatie]
    return sorted(same, key=lambda z: z.beginGeldigheid)


def zaaktype_url_for(catalogus: Catalogus, reference: str, urls: ResourceUrls) -> str:
    """A related zaaktype (identificatie here, or a URL elsewhere) as a URL: the newest
    version with that identificatie."""
    found = [z for z in catalogus.zaaktypen if z.identificatie == reference]
    if not found:
        return reference
    return urls.zaaktype(max(found, key=lambda z: z.beginGeldigheid).uuid)


def zaaktype_to_response(
    catalogus: Catalogus, zaaktype: Zaaktype, urls: ResourceUrls
) -> dict[str, Any]:
    """The ZGW ``ZaakType``."""
    alle = versions(catalogus, zaaktype)
    body: dict[str, Any] = {
        "url": urls.zaaktype(zaaktype.uuid),
        **zaaktype.model_dump(
            mode="json",
            include={
                "identificatie",
                "omschrijving",
                "omschrijvingGeneriek",
                "vertrouwelijkheidaanduiding",
                "doel",
                "aanleiding",
                "toelichting",
                "indicatieInternOfExtern",
                "handelingInitiator",
                "onderwerp",
                "handelingBehandelaar",
                "doorlooptijd",
                "servicenorm",
                "opschortingEnAanhoudingMogelijk",
                "verlengingMogelijk",
                "verlengingstermijn",
                "trefwoorden",
                "publicatieIndicatie",
                "publicatietekst",
                "verantwoordingsrelatie",
                "productenOfDiensten",
                "selectielijstProcestype",
                "referentieproces",
                "verantwoordelijke",
                "concept",
            },
        ),
        "zaakobjecttypen": [
            catalogi_url(urls, "zaakobjecttype", z.uuid) for z in zaaktype.zaakobjecttypen
        ],
        "catalogus": urls.catalogus(catalogus.uuid),
        "statustypen": [
            urls.statustype(s.uuid) for s in sorted(zaaktype.statustypen, key=_volgnummer)
        ],
        "resultaattypen": [
            catalogi_url(urls, "resultaattype", r.uuid) for r in zaaktype.resultaattypen
        ],
        "eigenschappen": [catalogi_url(urls, "eigenschap", e.uuid) for e in zaaktype.eigenschappen],
        "informatieobjecttypen": "",
        "roltypen": [catalogi_url(urls, "roltype", r.uuid) for r in zaaktype.roltypen],
        "besluittypen": [catalogi_url(urls, "besluittype", b) for b in zaaktype.besluittypen],
        "deelzaaktypen": [urls.zaaktype(d) for d in zaaktype.deelzaaktypen],
        "gerelateerdeZaaktypen": [
            {**r.model_dump(mode="json"), "zaaktype": zaaktype_url_for(catalogus, r.zaaktype, urls)}
            for r in zaaktype.gerelateerdeZaaktypen
        ],
        "beginGeldigheid": iso_date(zaaktype.beginGeldigheid),
        "eindeGeldigheid": iso_date(zaaktype.eindeGeldigheid),
        "beginObject": iso_date(alle[0].beginGeldigheid),
        "eindeObject": iso_date(alle[-1].eindeGeldigheid),
        "versiedatum": iso_date(zaaktype.versiedatum),
    }
    for name in ("broncatalogus", "bronzaaktype"):
        value = getattr(zaaktype, name)
        if value is not None:
            body[name] = value.model_dump(mode="json")
    return body


def geldigheid(zaaktype: Zaaktype, part: Any) -> dict[str, str | None]:
    """begin/einde Geldigheid and Object of a zaaktype's part: its own, else the zaaktype's."""
    begin = getattr(part, "beginGeldigheid", None) or zaaktype.beginGeldigheid
    einde = getattr(part, "eindeGeldigheid", None) or zaaktype.eindeGeldigheid
    return {
        "beginGeldigheid": iso_date(begin),
        "eindeGeldigheid": iso_date(einde),
        "beginObject": iso_date(begin),
        "eindeObject": iso_date(einde),
    }


def statustype_to_response(
    catalogus: Catalogus, zaaktype: Zaaktype, statustype: Statustype, urls: ResourceUrls
) -> dict[str, Any]:
    """The ZGW ``StatusType``; ``isEindstatus`` is the one with the highest volgnummer."""
    return {
        "url": urls.statustype(statustype.uuid),
        **statustype.model_dump(
            mode="json",
            include={
                "omschrijving",
                "omschrijvingGeneriek",
                "statustekst",
                "volgnummer",
                "informeren",
                "doorlooptijd",
                "toelichting",
                "checklistitemStatustype",
            },
        ),
        "zaaktype": urls.zaaktype(zaaktype.uuid),
        "catalogus": urls.catalogus(catalogus.uuid),
        "zaaktypeIdentificatie": zaaktype.identificatie,
        "isEindstatus": statustype.uuid == zaaktype.eindstatustype.uuid,
        "eigenschappen": [catalogi_url(urls, "eigenschap", e) for e in statustype.eigenschappen],
        **geldigheid(zaaktype, statustype),
        "zaakobjecttype": "",
    }


def _volgnummer(statustype: Statustype) -> int:
    return statustype.volgnummer
