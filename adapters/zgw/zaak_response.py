"""ZGW Zaken API 1.5.1 ``Zaak``: a row of ``zaakmagazijn.tables.zaak`` -> response body."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from adapters.zgw.formats import iso_date, iso_datetime
from adapters.zgw.urls import (
    RESULTATEN,
    ROLLEN,
    ZAAKINFORMATIEOBJECTEN,
    ZAAKOBJECTEN,
    ResourceUrls,
)

BETALINGSINDICATIE_WEERGAVE: dict[str, str] = {
    "": "",
    "nvt": "Er is geen sprake van te betalen, met de zaak gemoeide, kosten.",
    "nog_niet": "De met de zaak gemoeide kosten zijn (nog) niet betaald.",
    "gedeeltelijk": "De met de zaak gemoeide kosten zijn gedeeltelijk betaald.",
    "geheel": "De met de zaak gemoeide kosten zijn geheel betaald.",
}


def zaak_to_response(
    row: Mapping[str, Any], urls: ResourceUrls, relaties: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The ZGW ``Zaak`` for a row of ``zaakmagazijn.tables.zaak``, every required field set.

    ``relaties`` holds the uuids of the zaak's parts (``rollen``, ``eigenschappen``,
    ``zaakobjecten``, ``zaakinformatieobjecten``, ``deelzaken``: lists; ``resultaat``: one or
    None), as ``zaakmagazijn.queries_onderdelen.relaties`` reads them.
    """
    attrs: Mapping[str, Any] = row["attributes"] or {}
    rel: Mapping[str, Any] = relaties or {}
    zaak_uuid = row["uuid"]
    betalingsindicatie = attrs.get("betalingsindicatie") or ""
    return {
        "url": urls.zaak(row["uuid"]),
        "uuid": str(row["uuid"]),
        "identificatie": row["identificatie"],
        "bronorganisatie": row["bronorganisatie"],
        "omschrijving": row["omschrijving"] or "",
        "toelichting": row["toelichting"] or "",
        "zaaktype": urls.zaaktype(row["zaaktype"]),
        "registratiedatum": iso_date(row["registratiedatum"]),
        "verantwoordelijkeOrganisatie": row["verantwoordelijke_organisatie"],
        "startdatum": iso_date(row["startdatum"]),
        "einddatum": iso_date(row["einddatum"]),
        "einddatumGepland": iso_date(row["einddatum_gepland"]),
        "uiterlijkeEinddatumAfdoening": iso_date(row["uiterlijke_einddatum_afdoening"]),
        "publicatiedatum": iso_date(row["publicatiedatum"]),
        "communicatiekanaal": attrs.get("communicatiekanaal") or "",
        "productenOfDiensten": list(attrs.get("productenOfDiensten") or []),
        "vertrouwelijkheidaanduiding": row["vertrouwelijkheidaanduiding"],
        "betalingsindicatie": betalingsindicatie,
        "betalingsindicatieWeergave": BETALINGSINDICATIE_WEERGAVE.get(betalingsindicatie, ""),
        "laatsteBetaaldatum": iso_datetime(attrs.get("laatsteBetaaldatum")),
        "zaakgeometrie": attrs.get("zaakgeometrie"),
        "verlenging": attrs.get("verlenging"),
        "opschorting": attrs.get("opschorting") or {"indicatie": False, "reden": ""},
        "selectielijstklasse": attrs.get("selectielijstklasse") or "",
        "hoofdzaak": _zaak_reference(attrs.get("hoofdzaak"), urls),
        "deelzaken": [urls.zaak(u) for u in rel.get("deelzaken", ())],
        "relevanteAndereZaken": list(attrs.get("relevanteAndereZaken") or []),
        "eigenschappen": [urls.zaakeigenschap(zaak_uuid, u) for u in rel.get("eigenschappen", ())],
        "rollen": [urls.detail(ROLLEN, u) for u in rel.get("rollen", ())],
        "status": urls.status(row["status"]) if row["status"] is not None else None,
        "zaakinformatieobjecten": [
            urls.detail(ZAAKINFORMATIEOBJECTEN, u) for u in rel.get("zaakinformatieobjecten", ())
        ],
        "zaakobjecten": [urls.detail(ZAAKOBJECTEN, u) for u in rel.get("zaakobjecten", ())],
        "kenmerken": list(attrs.get("kenmerken") or []),
        "archiefnominatie": row["archiefnominatie"],
        "archiefstatus": row["archiefstatus"],
        "archiefactiedatum": iso_date(row["archiefactiedatum"]),
        "resultaat": urls.detail(RESULTATEN, rel["resultaat"]) if rel.get("resultaat") else None,
        "opdrachtgevendeOrganisatie": attrs.get("opdrachtgevendeOrganisatie") or "",
        "processobjectaard": attrs.get("processobjectaard"),
        "startdatumBewaartermijn": iso_date(row["startdatum_bewaartermijn"]),
        "processobject": attrs.get("processobject"),
    }


def _zaak_reference(value: str | None, urls: ResourceUrls) -> str | None:
    """A zaak reference kept as UUID text becomes our URL; a URL is passed on as it is."""
    if not value:
        return None
    try:
        return urls.zaak(uuid.UUID(value))
    except ValueError:
        return value
