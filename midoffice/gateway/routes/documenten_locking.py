"""Lock and unlock of an (enkelvoudig) informatieobject (Documenten API 1.5.0).

Every update needs the current lock; a client with ``documenten.geforceerd-unlock`` may
unlock without it.
"""

from __future__ import annotations

import secrets
from uuid import UUID

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from adapters.zgw.documenten import DOCUMENTEN_ROOT
from autorisaties.rights import Component
from autorisaties.scopes import DOCUMENTEN_GEFORCEERD_UNLOCK, DOCUMENTEN_LOCK
from midoffice.gateway.authorization import RightsDep, require_scope
from midoffice.gateway.dependencies import ClientDep, ContainerDep
from midoffice.gateway.routes.documenten_common import bad_request, current_versie, publish
from midoffice.gateway.submission import read_json
from schemas import documenten_events as ev
from schemas.payloads_documenten import DocumentOntgrendeldV1, DocumentVergrendeldV1

router = APIRouter(prefix=DOCUMENTEN_ROOT, tags=["enkelvoudiginformatieobjecten"])


@router.post(
    "/enkelvoudiginformatieobjecten/{uuid}/lock",
    summary="Vergrendel een (ENKELVOUDIG) INFORMATIEOBJECT.",
)
async def eio_lock(
    uuid: UUID, request: Request, rights: RightsDep, client: ClientDep, container: ContainerDep
) -> Response:
    require_scope(rights, Component.drc, DOCUMENTEN_LOCK)
    async with container.reads.connect() as conn:
        current = await current_versie(conn, uuid, rights, DOCUMENTEN_LOCK)
    lock = secrets.token_hex(16)
    outcome = await publish(
        request,
        container,
        client,
        event_type=ev.DOCUMENT_VERGRENDELD,
        subject=uuid,
        payload=DocumentVergrendeldV1(uuid=uuid, lock=lock),
        tenant=current.informatieobject.bronorganisatie,
    )
    return outcome if isinstance(outcome, Response) else JSONResponse({"lock": lock})


@router.post(
    "/enkelvoudiginformatieobjecten/{uuid}/unlock",
    summary="Ontgrendel een (ENKELVOUDIG) INFORMATIEOBJECT.",
    status_code=204,
)
async def eio_unlock(
    uuid: UUID, request: Request, rights: RightsDep, client: ClientDep, container: ContainerDep
) -> Response:
    require_scope(rights, Component.drc, DOCUMENTEN_LOCK)
    body = await read_json(request)
    lock = body.get("lock", "") if isinstance(body, dict) else ""
    async with container.reads.connect() as conn:
        current = await current_versie(conn, uuid, rights, DOCUMENTEN_LOCK)
    info = current.informatieobject
    forced = rights.allows(
        Component.drc,
        DOCUMENTEN_GEFORCEERD_UNLOCK,
        type_uuid=info.informatieobjecttype,
        vertrouwelijkheidaanduiding=info.vertrouwelijkheidaanduiding.value,
    )
    if not lock and not forced:
        raise bad_request(
            "lock", "missing-lock-id", "Geef de lock, of gebruik geforceerd ontgrendelen."
        )
    payload = DocumentOntgrendeldV1(uuid=uuid, lock=str(lock or ""), geforceerd=forced and not lock)
    privileges = frozenset({DOCUMENTEN_GEFORCEERD_UNLOCK}) if forced else frozenset()
    outcome = await publish(
        request,
        container,
        client,
        event_type=ev.DOCUMENT_ONTGRENDELD,
        subject=uuid,
        payload=payload,
        tenant=info.bronorganisatie,
        privileges=privileges,
    )
    return outcome if isinstance(outcome, Response) else Response(status_code=204)
