"""The audit trail of an (enkelvoudig) informatieobject, built from the facts in the log."""

from __future__ import annotations

import datetime as dt
from typing import Any, Final
from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from adapters.zgw.documenten import DOCUMENTEN_ROOT
from autorisaties.rights import Component
from autorisaties.scopes import AUDITTRAILS_LEZEN
from documentmagazijn import queries
from midoffice.gateway.authorization import RightsDep, require_scope
from midoffice.gateway.dependencies import BaseUrlDep, ConnectionDep
from midoffice.gateway.routes.documenten_common import current_versie, not_found

router = APIRouter(prefix=DOCUMENTEN_ROOT, tags=["enkelvoudiginformatieobjecten"])


@router.get(
    "/enkelvoudiginformatieobjecten/{uuid}/audittrail",
    summary="Alle audit trail regels van het (ENKELVOUDIG) INFORMATIEOBJECT.",
)
async def eio_audittrail(
    uuid: UUID, rights: RightsDep, connection: ConnectionDep, base_url: BaseUrlDep
) -> JSONResponse:
    require_scope(rights, Component.drc, AUDITTRAILS_LEZEN)
    current = await current_versie(connection, uuid, rights, AUDITTRAILS_LEZEN)
    url = f"{base_url}{DOCUMENTEN_ROOT}/enkelvoudiginformatieobjecten/{uuid}"
    rows = await queries.audit(connection, uuid)
    previous: dict[Any, Any] = {}
    trail = []
    for row in rows:  # oud = the state after the previous fact on the same resource
        trail.append(
            _audit_row(
                row,
                url,
                current.informatieobject.identificatie,
                previous.get(row.resource_uuid, {}),
            )
        )
        previous[row.resource_uuid] = row.nieuw
    return JSONResponse(trail)


@router.get(
    "/enkelvoudiginformatieobjecten/{uuid}/audittrail/{audit_uuid}",
    summary="Een specifieke audit trail regel opvragen.",
)
async def eio_audittrail_regel(
    uuid: UUID,
    audit_uuid: UUID,
    rights: RightsDep,
    connection: ConnectionDep,
    base_url: BaseUrlDep,
) -> JSONResponse:
    require_scope(rights, Component.drc, AUDITTRAILS_LEZEN)
    current = await current_versie(connection, uuid, rights, AUDITTRAILS_LEZEN)
    url = f"{base_url}{DOCUMENTEN_ROOT}/enkelvoudiginformatieobjecten/{uuid}"
    previous: dict[Any, Any] = {}
    for row in await queries.audit(connection, uuid):
        if row.uuid == audit_uuid:
            oud = previous.get(row.resource_uuid, {})
            weergave = current.informatieobject.identificatie
            return JSONResponse(_audit_row(row, url, weergave, oud))
        previous[row.resource_uuid] = row.nieuw
    raise not_found()


_ACTIE: Final = {"aangemaakt": ("create", 201), "verwijderd": ("destroy", 204)}


def _audit_row(row: Any, hoofd: str, weergave: str, oud: Any) -> dict[str, Any]:
    soort = row.type.rsplit(".", 1)[-1]
    resource, _, actie = soort.rpartition("-")
    code, resultaat = _ACTIE.get(actie, ("update", 200))
    moment = (
        row.aanmaakdatum if row.aanmaakdatum.tzinfo else row.aanmaakdatum.replace(tzinfo=dt.UTC)
    )
    return {
        "uuid": str(row.uuid),
        "bron": "drc",
        "applicatieId": row.applicatie_id,
        "applicatieWeergave": row.applicatie_id,
        "gebruikersId": row.gebruikers_id,
        "gebruikersWeergave": row.gebruikers_id,
        "actie": code,
        "actieWeergave": soort,
        "resultaat": resultaat,
        "hoofdObject": hoofd,
        "resource": resource[:50],
        "resourceUrl": hoofd,
        "toelichting": "",
        "resourceWeergave": weergave[:200],
        "aanmaakdatum": moment.isoformat().replace("+00:00", "Z"),
        "wijzigingen": {"oud": oud, "nieuw": row.nieuw},
    }
