"""The MidOffice catalogue as ZGW Catalogi API 1.3.1 resources (read only).

Relations the MidOffice does not keep (resultaattypen, roltypen, eigenschappen, besluittypen,
...) are empty lists. Two fields follow the official 1.3.1 schema literally although it looks
like a generator slip there: ``ZaakType.informatieobjecttypen`` and
``StatusType.zaakobjecttype`` are typed as (required, non-null) strings, so they are ''.
"""

from __future__ import annotations

from typing import Any

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
        "besluittypen": [],
        "informatieobjecttypen": [],
        "naam": catalogus.naam,
        "versie": catalogus.versie,
        "begindatumVersie": iso_date(catalogus.begindatumVersie),
    }


def zaaktype_to_response(
    catalogus: Catalogus, zaaktype: Zaaktype, urls: ResourceUrls
) -> dict[str, Any]:
    """The ZGW ``ZaakType``."""
    referentieproces: dict[str, Any] = {"naam": zaaktype.referentieprocesNaam}
    return {
        "url": urls.zaaktype(zaaktype.uuid),
        "identificatie": zaaktype.identificatie,
        "omschrijving": zaaktype.omschrijving,
        "omschrijvingGeneriek": zaaktype.omschrijvingGeneriek,
        "vertrouwelijkheidaanduiding": zaaktype.vertrouwelijkheidaanduiding.value,
        "doel": zaaktype.doel,
        "aanleiding": zaaktype.aanleiding,
        "toelichting": zaaktype.toelichting,
        "indicatieInternOfExtern": zaaktype.indicatieInternOfExtern,
        "handelingInitiator": zaaktype.handelingInitiator,
        "onderwerp": zaaktype.onderwerp,
        "handelingBehandelaar": zaaktype.handelingBehandelaar,
        "doorlooptijd": zaaktype.doorlooptijd,
        "servicenorm": zaaktype.servicenorm,
        "opschortingEnAanhoudingMogelijk": zaaktype.opschortingEnAanhoudingMogelijk,
        "verlengingMogelijk": zaaktype.verlengingMogelijk,
        "verlengingstermijn": zaaktype.verlengingstermijn,
        "trefwoorden": list(zaaktype.trefwoorden),
        "publicatieIndicatie": zaaktype.publicatieIndicatie,
        "publicatietekst": zaaktype.publicatietekst,
        "verantwoordingsrelatie": list(zaaktype.verantwoordingsrelatie),
        "productenOfDiensten": list(zaaktype.productenOfDiensten),
        "selectielijstProcestype": zaaktype.selectielijstProcestype,
        "referentieproces": referentieproces,
        "verantwoordelijke": zaaktype.verantwoordelijke,
        "zaakobjecttypen": [],
        "catalogus": urls.catalogus(catalogus.uuid),
        "statustypen": [
            urls.statustype(s.uuid) for s in sorted(zaaktype.statustypen, key=_volgnummer)
        ],
        "resultaattypen": [],
        "eigenschappen": [],
        "informatieobjecttypen": "",
        "roltypen": [],
        "besluittypen": [],
        "deelzaaktypen": [],
        "gerelateerdeZaaktypen": [],
        "beginGeldigheid": iso_date(zaaktype.beginGeldigheid),
        "eindeGeldigheid": iso_date(zaaktype.eindeGeldigheid),
        "beginObject": iso_date(zaaktype.beginGeldigheid),
        "eindeObject": iso_date(zaaktype.eindeGeldigheid),
        "versiedatum": iso_date(zaaktype.versiedatum),
        "concept": zaaktype.concept,
    }


def statustype_to_response(
    catalogus: Catalogus, zaaktype: Zaaktype, statustype: Statustype, urls: ResourceUrls
) -> dict[str, Any]:
    """The ZGW ``StatusType``; ``isEindstatus`` is the one with the highest volgnummer."""
    return {
        "url": urls.statustype(statustype.uuid),
        "omschrijving": statustype.omschrijving,
        "omschrijvingGeneriek": statustype.omschrijvingGeneriek,
        "statustekst": statustype.statustekst,
        "zaaktype": urls.zaaktype(zaaktype.uuid),
        "catalogus": urls.catalogus(catalogus.uuid),
        "zaaktypeIdentificatie": zaaktype.identificatie,
        "volgnummer": statustype.volgnummer,
        "isEindstatus": statustype.uuid == zaaktype.eindstatustype.uuid,
        "informeren": statustype.informeren,
        "doorlooptijd": None,
        "toelichting": statustype.toelichting,
        "checklistitemStatustype": [],
        "eigenschappen": [],
        "beginGeldigheid": iso_date(zaaktype.beginGeldigheid),
        "eindeGeldigheid": iso_date(zaaktype.eindeGeldigheid),
        "beginObject": iso_date(zaaktype.beginGeldigheid),
        "eindeObject": iso_date(zaaktype.eindeGeldigheid),
        "zaakobjecttype": "",
    }


def _volgnummer(statustype: Statustype) -> int:
    return statustype.volgnummer
