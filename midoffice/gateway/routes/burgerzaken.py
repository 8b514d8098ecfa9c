"""The PIP read: ``POST /pip/api/v1/burgerzaken/_zoek`` -- all zaken of one person, in one call.

The body names the person, ``{"bsn": "..."}`` or ``{"kvkNummer": "..."}`` (never the URL:
URLs end up in access logs). The answer is paginated the ZGW way (``count``, ``next``,
``previous``, ``results``; ``?page=n``, 100 per page) and holds per zaak the zaaktype
omschrijving, the current status, the status history and the documents a citizen may see
(``MIDOFFICE_PIP_DOCUMENT_VERTROUWELIJKHEID``). It is served from the ``burgerzaken`` read
model in three queries per page.

Authorisation: scope ``pip.lezen`` (Zaken API component); the zaken are limited to the
zaaktypen and maximum vertrouwelijkheidaanduiding of the client's ``zaken.lezen``
autorisaties, the documents to those of its ``documenten.lezen`` autorisaties. Every answered
read writes a Logboek Dataverwerkingen record (activity ``pip_zaken_inzien``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from adapters.zgw.formats import iso_datetime
from adapters.zgw.urls import ResourceUrls
from autorisaties.rights import Component
from autorisaties.scopes import DOCUMENTEN_LEZEN, PIP_LEZEN, ZAKEN_LEZEN
from burgerzaken import queries
from burgerzaken.identificatie import bsn_error, kvk_error
from midoffice.gateway.authorization import RightsDep, require_scope
from midoffice.gateway.dependencies import BaseUrlDep, ConnectionDep, SettingsDep
from midoffice.gateway.listing import (
    PAGE_SIZE,
    check_query_params,
    offset_of,
    page_number,
    paginated,
)
from midoffice.gateway.problems import validation_problem
from midoffice.gateway.submission import read_json
from midoffice.gateway.verwerkingen import log_read
from schemas.outcome import InvalidParam
from verwerkingslog.record import SubjectType

PIP_ROOT: Final = "/pip/api/v1"
DOCUMENTEN: Final = "/documenten/api/v1/enkelvoudiginformatieobjecten"

router = APIRouter(prefix=PIP_ROOT, tags=["pip"])


def _subject(body: Any) -> tuple[SubjectType, str]:
    """The person of the request body, or a 400 problem naming what is wrong."""
    if not isinstance(body, Mapping):
        reason = "Ongeldige data. Verwachtte een dictionary."
        raise validation_problem([InvalidParam("nonFieldErrors", "invalid", reason)])
    unknown = sorted(set(body) - {"bsn", "kvkNummer"})
    if unknown:
        reason = f"Onbekende velden: {', '.join(unknown)}"
        raise validation_problem([InvalidParam("nonFieldErrors", "unknown-fields", reason)])
    if ("bsn" in body) == ("kvkNummer" in body):
        reason = "Geef precies een van bsn of kvkNummer."
        raise validation_problem([InvalidParam("nonFieldErrors", "bsn-of-kvknummer", reason)])
    if "bsn" in body:
        if error := bsn_error(body["bsn"]):
            raise validation_problem([InvalidParam("bsn", "invalid", error)])
        return "BSN", body["bsn"]
    if error := kvk_error(body["kvkNummer"]):
        raise validation_problem([InvalidParam("kvkNummer", "invalid", error)])
    return "KVK", body["kvkNummer"]


def _status(row: Any, urls: ResourceUrls) -> dict[str, Any]:
    return {
        "url": urls.status(row.uuid),
        "statustype": {
            "url": urls.statustype(row.statustype),
            "omschrijving": row.statustype_omschrijving or "",
        },
        "datumStatusGezet": iso_datetime(row.datum_status_gezet),
        "statustoelichting": row.statustoelichting,
    }


def _document(row: Any, base_url: str) -> dict[str, Any]:
    url = f"{base_url}{DOCUMENTEN}/{row.uuid}"
    return {
        "url": url,
        "titel": row.titel,
        "vertrouwelijkheidaanduiding": row.vertrouwelijkheidaanduiding,
        "formaat": row.formaat,
        "bestandsnaam": row.bestandsnaam,
        "bestandsomvang": row.bestandsomvang,
        "creatiedatum": row.creatiedatum.isoformat(),
        "download": f"{url}/download",
    }


def _zaak(found: queries.Burgerzaak, urls: ResourceUrls, base_url: str) -> dict[str, Any]:
    zaak = found.zaak
    statussen = [_status(row, urls) for row in found.statussen]
    current = next((s for s, row in zip(statussen, found.statussen, strict=True)
                    if row.uuid == zaak.status), None)  # fmt: skip
    return {
        "url": urls.zaak(zaak.uuid),
        "uuid": str(zaak.uuid),
        "identificatie": zaak.identificatie,
        "bronorganisatie": zaak.bronorganisatie,
        "omschrijving": zaak.omschrijving,
        "zaaktype": {
            "url": urls.zaaktype(zaak.zaaktype),
            "uuid": str(zaak.zaaktype),
            "omschrijving": zaak.zaaktype_omschrijving or "",
        },
        "startdatum": zaak.startdatum.isoformat(),
        "einddatum": zaak.einddatum.isoformat() if zaak.einddatum else None,
        "vertrouwelijkheidaanduiding": zaak.vertrouwelijkheidaanduiding,
        "status": current,
        "statussen": statussen,
        "documenten": [_document(row, base_url) for row in found.documenten],
    }


@router.post("/burgerzaken/_zoek", summary="Alle zaken van een burger of bedrijf (PIP).")
async def burgerzaken_zoek(
    request: Request, connection: ConnectionDep, base_url: BaseUrlDep, rights: RightsDep,
    settings: SettingsDep,
) -> Response:  # fmt: skip
    """One page of the person's zaken with zaaktype, statussen and visible documents."""
    started = dt.datetime.now(dt.UTC)
    require_scope(rights, Component.zrc, PIP_LEZEN)
    check_query_params(request, {"page"})
    page = page_number(request)
    soort, nummer = _subject(await read_json(request))
    count, zaken = await queries.page(
        connection,
        soort=soort.lower(),
        nummer=nummer,
        zaken=rights.visibility(Component.zrc, ZAKEN_LEZEN),
        documenten=rights.visibility(Component.drc, DOCUMENTEN_LEZEN),
        document_vertrouwelijkheid=[str(v) for v in settings.pip.document_vertrouwelijkheid],
        offset=offset_of(page),
        limit=PAGE_SIZE,
    )
    await log_read(request, route="pip_zaken_inzien", subjects=[(soort, nummer)],
                   client_id=rights.client_id, started=started)  # fmt: skip
    urls = ResourceUrls(base_url)
    results = [_zaak(found, urls, base_url) for found in zaken]
    return JSONResponse(paginated(request, base_url, page, count, results))
