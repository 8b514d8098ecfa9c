"""Zaken API 1.5.1: ``/zaken/{zaak_uuid}/audittrail`` (list and detail).

The trail is a projection of the zaak's facts (:mod:`zaakmagazijn.audit`): for each change the
acting client (applicatieId) and user (gebruikersId), the time, and the resource before and
after (``wijzigingen.oud`` / ``nieuw``), rendered here as the Zaken API shows that resource.
Reading it needs ``audittrails.lezen`` for the zaak's zaaktype and vertrouwelijkheidaanduiding.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from typing import Any, Final

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from adapters.zgw.formats import iso_datetime
from adapters.zgw.rol import rol_to_response
from adapters.zgw.status import status_to_response
from adapters.zgw.urls import ZAKEN_ROOT, ResourceUrls
from adapters.zgw.zaak import zaak_to_response
from adapters.zgw.zaakonderdelen import (
    klantcontact_to_response,
    resultaat_to_response,
    zaakeigenschap_to_response,
    zaakinformatieobject_to_response,
    zaakobject_to_response,
)
from autorisaties.scopes import AUDITTRAILS_LEZEN
from midoffice.gateway.authorization import RightsDep
from midoffice.gateway.dependencies import ConnectionDep, UrlsDep
from midoffice.gateway.problems import Problem
from midoffice.gateway.responses import etag_response
from midoffice.gateway.routes.zaken_toegang import require_any_scope, require_for_zaak
from zaakmagazijn import audit, queries
from zaakmagazijn.state import ZAAK_COLUMNS
from zaakmagazijn.tables import zaak

router = APIRouter(prefix=ZAKEN_ROOT, tags=["zaken"])

ACTIE_WEERGAVE: Final = {
    "create": ("Object aangemaakt", 201),
    "update": ("Object bijgewerkt", 200),
    "partial_update": ("Object deels bijgewerkt", 200),
    "destroy": ("Object verwijderd", 204),
}
_DATES: Final = {c.name for c in zaak.columns if c.type.python_type is dt.date}


def _zaak(document: Mapping[str, Any], urls: ResourceUrls) -> dict[str, Any]:
    row: dict[str, Any] = {
        column: document.get(name) for name, column in ZAAK_COLUMNS.items()
    } | {"einddatum": document.get("einddatum"), "status": document.get("status")}
    for column in _DATES & row.keys():
        row[column] = dt.date.fromisoformat(row[column]) if row[column] else None
    row["uuid"] = uuid.UUID(str(row["uuid"]))
    row["zaaktype"] = uuid.UUID(str(row["zaaktype"]))
    row["status"] = uuid.UUID(str(row["status"])) if row["status"] else None
    row["attributes"] = {k: v for k, v in document.items() if k not in ZAAK_COLUMNS}
    return zaak_to_response(row, urls)


def _status(document: Mapping[str, Any], urls: ResourceUrls) -> dict[str, Any]:
    row = {
        "uuid": uuid.UUID(document["uuid"]), "zaak": uuid.UUID(document["zaak"]),
        "statustype": uuid.UUID(document["statustype"]),
        "datum_status_gezet": document["datumStatusGezet"],
        "statustoelichting": document.get("statustoelichting"),
        "gezetdoor": document.get("gezetdoor"), "laatst_gezet": False,
    }  # fmt: skip
    return status_to_response(row, urls)


def _part(render: Callable[[Mapping[str, Any], ResourceUrls], dict[str, Any]]) -> Any:
    def show(document: Mapping[str, Any], urls: ResourceUrls) -> dict[str, Any]:
        return render({"uuid": uuid.UUID(document["uuid"]), "gegevens": document}, urls)

    return show


RENDER: Final[Mapping[str, Callable[[Mapping[str, Any], ResourceUrls], dict[str, Any]]]] = {
    "zaak": _zaak,
    "status": _status,
    "rol": _part(rol_to_response),
    "resultaat": _part(resultaat_to_response),
    "zaakobject": _part(zaakobject_to_response),
    "zaakeigenschap": _part(zaakeigenschap_to_response),
    "zaakinformatieobject": _part(zaakinformatieobject_to_response),
    "klantcontact": _part(klantcontact_to_response),
}


def audittrail_to_response(row: Mapping[str, Any], urls: ResourceUrls) -> dict[str, Any]:
    """The ZGW ``AuditTrail`` of one entry."""
    render = RENDER[row["resource"]]
    oud = render(row["oud"], urls) if row["oud"] is not None else None
    nieuw = render(row["nieuw"], urls) if row["nieuw"] is not None else None
    shown = nieuw or oud or {}
    weergave, resultaat = ACTIE_WEERGAVE.get(row["actie"], (row["actie"], 200))
    return {
        "uuid": str(row["uuid"]),
        "bron": "zrc",
        "applicatieId": row["applicatie_id"],
        "applicatieWeergave": "",
        "gebruikersId": row["gebruikers_id"],
        "gebruikersWeergave": "",
        "actie": row["actie"],
        "actieWeergave": weergave,
        "resultaat": resultaat,
        "hoofdObject": urls.zaak(row["zaak"]),
        "resource": row["resource"],
        "resourceUrl": shown.get("url", ""),
        "toelichting": "",
        "resourceWeergave": str(shown.get("identificatie") or shown.get("url", ""))[:200],
        "aanmaakdatum": iso_datetime(row["aanmaakdatum"]),
        "wijzigingen": {"oud": oud or {}, "nieuw": nieuw or {}},
    }


async def _zaak_for(connection: Any, zaak_uuid: uuid.UUID, rights: Any) -> bool:
    """Whether the zaak exists; 403 when the client may not read its audit trail."""
    require_any_scope(rights, [AUDITTRAILS_LEZEN])
    row = await queries.get_zaak(connection, zaak_uuid)
    if row is None:
        return False
    require_for_zaak(rights, [AUDITTRAILS_LEZEN], row)
    return True


@router.get(
    "/zaken/{zaak_uuid}/audittrail", summary="Alle audit trail regels behorend bij de ZAAK."
)
async def audittrail_list(
    zaak_uuid: uuid.UUID, connection: ConnectionDep, urls: UrlsDep, rights: RightsDep
) -> Response:
    """Every change of the zaak and its parts, oldest first (none for an unknown zaak, as
    the standard documents no 404 here)."""
    if not await _zaak_for(connection, zaak_uuid, rights):
        return JSONResponse([])
    rows = await audit.entries(connection, zaak_uuid)
    return JSONResponse([audittrail_to_response(row, urls) for row in rows])


@router.get(
    "/zaken/{zaak_uuid}/audittrail/{uuid}", summary="Een specifieke audit trail regel opvragen."
)
async def audittrail_read(
    zaak_uuid: uuid.UUID, uuid: uuid.UUID, request: Request, connection: ConnectionDep,
    urls: UrlsDep, rights: RightsDep,
) -> Response:  # fmt: skip
    if not await _zaak_for(connection, zaak_uuid, rights):
        raise Problem(404)
    row = await audit.entry(connection, zaak_uuid, uuid)
    if row is None:
        raise Problem(404)
    return etag_response(request, audittrail_to_response(row, urls))
