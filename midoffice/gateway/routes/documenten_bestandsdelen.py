"""Documenten API 1.5.0: ``PUT /bestandsdelen/{uuid}``, the upload of one part.

The multipart body streams straight into the blob store (never buffered whole; the body cap
for this path is one part plus framing, counted as it arrives). Parts must come in order and
have exactly their ``omvang``; a wrong part is refused before its bytes are stored. When the
last part is in, the gateway joins all parts (read back verified) into the content blob and
the event carries both claim checks; the processor completes the versie.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from adapters.zgw.documenten import DOCUMENTEN_ROOT
from autorisaties.rights import Component
from autorisaties.scopes import DOCUMENTEN_BIJWERKEN
from documentmagazijn import queries
from documentmagazijn.blobs import BlobStore, BlobTooLarge
from midoffice.gateway.authorization import RightsDep, require_scope
from midoffice.gateway.dependencies import BaseUrlDep, ClientDep, ContainerDep
from midoffice.gateway.limits import RequestTooLarge
from midoffice.gateway.problems import Problem, validation_problem
from midoffice.gateway.routes.documenten_common import allow, blobs, not_found, publish
from midoffice.gateway.routes.documenten_multipart import MultipartError, boundary_of, parts
from schemas import documenten_events as ev
from schemas.outcome import InvalidParam
from schemas.payloads_documenten import BestandsdeelGeuploadV1, InhoudV1

router = APIRouter(prefix=DOCUMENTEN_ROOT, tags=["bestandsdelen"])


def _bad(name: str, code: str, reason: str) -> Problem:
    return validation_problem([InvalidParam(name, code, reason)])


async def _joined(store: BlobStore, hashes: list[str]) -> AsyncIterator[bytes]:
    for sha256 in hashes:
        async for chunk in store.read(sha256):
            yield chunk


async def _read_parts(
    request: Request, store: BlobStore, omvang: int
) -> tuple[str, InhoudV1 | None]:
    try:
        boundary = boundary_of(request.headers.get("Content-Type", ""))
    except MultipartError:
        raise Problem(415, detail="Gebruik multipart/form-data.") from None
    lock, inhoud = "", None
    events = parts(request.stream().__aiter__(), boundary)
    try:
        async for kind, name in events:
            if kind != "part":
                continue
            if name == "inhoud":

                async def body() -> AsyncIterator[bytes]:
                    async for sub, value in events:
                        if sub != "data":
                            return
                        assert isinstance(value, bytes)
                        yield value

                try:
                    ref = await store.put(body(), limit=omvang)
                except BlobTooLarge:
                    raise _bad(
                        "inhoud", "file-size", f"Het bestandsdeel moet {omvang} bytes zijn."
                    ) from None
                inhoud = InhoudV1(sha256=ref.sha256, size=ref.size)
            else:
                value = bytearray()
                async for sub, data in events:
                    if sub != "data":
                        break
                    assert isinstance(data, bytes)
                    value += data
                    if len(value) > 1000:
                        raise _bad(str(name), "invalid", "Te lang.")
                if name == "lock":
                    lock = value.decode("utf-8", "replace").strip()
    except MultipartError as exc:
        raise _bad("nonFieldErrors", "parse_error", f"Ongeldige multipart: {exc}") from None
    except RequestTooLarge:
        raise Problem(413, detail="Het bestandsdeel is te groot.") from None
    return lock, inhoud


@router.put("/bestandsdelen/{uuid}", summary="Upload een bestandsdeel.")
async def bestandsdeel_upload(
    uuid: UUID,
    request: Request,
    rights: RightsDep,
    client: ClientDep,
    container: ContainerDep,
    base_url: BaseUrlDep,
) -> Response:
    require_scope(rights, Component.drc, DOCUMENTEN_BIJWERKEN)
    async with container.reads.connect() as conn:
        document = await queries.deel_document(conn, uuid)
        current = await queries.get(conn, document) if document else None
    if current is None:
        raise not_found("Bestandsdeel")
    allow(rights, DOCUMENTEN_BIJWERKEN, current)
    deel = next(d for d in current.delen if d.uuid == uuid)
    volgende = next((d for d in current.delen if d.sha256 is None), None)
    if volgende is None or volgende.uuid != uuid:
        raise _bad("inhoud", "order", "Bestandsdelen moeten op volgorde worden geupload.")
    store = blobs(request)
    lock, inhoud = await _read_parts(request, store, deel.omvang)
    if not lock or lock != current.lock:
        raise _bad(
            "lock", "incorrect-lock-id" if lock else "required", "Onjuiste of ontbrekende lock."
        )
    if inhoud is None or inhoud.size != deel.omvang:
        raise _bad("inhoud", "file-size", f"Het bestandsdeel moet {deel.omvang} bytes zijn.")
    geheel = None
    if deel.volgnummer == len(current.delen):
        hashes = [d.sha256 for d in current.delen if d.sha256] + [inhoud.sha256]
        ref = await store.put(_joined(store, hashes))
        geheel = InhoudV1(sha256=ref.sha256, size=ref.size)
    payload = BestandsdeelGeuploadV1(
        uuid=current.uuid, bestandsdeel=uuid, lock=lock, deel=inhoud, inhoud=geheel
    )
    outcome = await publish(
        request,
        container,
        client,
        event_type=ev.BESTANDSDEEL_GEUPLOAD,
        subject=current.uuid,
        payload=payload,
        tenant=current.informatieobject.bronorganisatie,
    )
    if isinstance(outcome, Response):
        return outcome
    body: dict[str, Any] = {
        "url": f"{base_url}{DOCUMENTEN_ROOT}/bestandsdelen/{uuid}",
        "volgnummer": deel.volgnummer,
        "omvang": deel.omvang,
        "voltooid": True,
        "lock": lock,
    }
    return JSONResponse(body)
