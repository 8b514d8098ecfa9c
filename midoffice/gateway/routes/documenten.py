"""Documenten API 1.5.0: ``/enkelvoudiginformatieobjecten`` (list, create, read, versions,
update, delete, download, lock, unlock, audittrail).

Create with a base64 ``inhoud`` (the JSON body is capped by ``documenten_max_json_bytes``), or
with ``inhoud: null`` plus ``bestandsomvang``: the document is created locked and its bytes
follow in bestandsdelen of ``bestandsdeel_bytes`` each (``routes/documenten_bestandsdelen``).
The bytes are stored content-addressed before the event is published.
"""

from __future__ import annotations

import math
import secrets
import uuid as uuidlib
from collections.abc import AsyncIterator
from typing import Any, Final
from uuid import UUID

import structlog
from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse

from adapters.zgw.documenten import (
    DOCUMENTEN_ROOT,
    decode_inhoud,
    informatieobject_from_request,
    iot_uuid,
)
from autorisaties.rights import Component
from autorisaties.scopes import (
    DOCUMENTEN_AANMAKEN,
    DOCUMENTEN_BIJWERKEN,
    DOCUMENTEN_LEZEN,
    DOCUMENTEN_VERWIJDEREN,
)
from catalogi.model import Catalogue
from documentmagazijn import queries
from documentmagazijn.blobs import CorruptBlob, from_bytes, verify
from midoffice.gateway.authorization import RightsDep, require_allowed, require_scope
from midoffice.gateway.dependencies import (
    BaseUrlDep,
    CatalogueDep,
    ClientDep,
    ConnectionDep,
    ContainerDep,
)
from midoffice.gateway.listing import (
    PAGE_SIZE,
    check_query_params,
    offset_of,
    page_number,
    paginated,
)
from midoffice.gateway.problems import Problem, validation_problem
from midoffice.gateway.responses import etag_response
from midoffice.gateway.routes.documenten_common import (
    allow,
    bad_request,
    blobs,
    current_versie,
    not_found,
    publish,
    registratie_op,
    render,
    versie_param,
)
from midoffice.gateway.submission import read_json
from schemas import documenten_events as ev
from schemas.outcome import InvalidParam
from schemas.payloads_documenten import (
    BestandsdeelV1,
    DocumentAangemaaktV1,
    DocumentGewijzigdV1,
    DocumentVerwijderdV1,
    InformatieobjectV1,
    InhoudV1,
)

router = APIRouter(prefix=DOCUMENTEN_ROOT, tags=["enkelvoudiginformatieobjecten"])
log = structlog.get_logger(__name__)
LIST_PARAMETERS: Final = frozenset(
    {"identificatie", "bronorganisatie", "trefwoorden", "page", "expand"}
)
VERIFY_FIRST_BYTES: Final = 16 * 1024 * 1024
"""Blobs up to this size are verified before the first byte is sent (a mismatch is a 500);
larger ones are verified while streaming and the response is aborted on a mismatch."""


def _metadata(
    body: Any, catalogue: Catalogue, current: dict[str, Any] | None = None
) -> InformatieobjectV1:
    """The validated metadata; the informatieobjecttype must be in the catalogue, and gives
    the default vertrouwelijkheidaanduiding."""
    default = ""
    if isinstance(body, dict) and current is None and not body.get("vertrouwelijkheidaanduiding"):
        type_uuid = iot_uuid(body.get("informatieobjecttype"))
        iot = catalogue.informatieobjecttype(type_uuid) if type_uuid else None
        default = str(getattr(iot, "vertrouwelijkheidaanduiding", "") or "")
    fields, problems = informatieobject_from_request(
        body, current, default_vertrouwelijkheid=default
    )
    if fields and catalogue.informatieobjecttype(UUID(fields["informatieobjecttype"])) is None:
        problems.append(
            InvalidParam(
                "informatieobjecttype",
                "does_not_exist",
                "Het informatieobjecttype bestaat niet in de catalogus.",
            )
        )
    if problems or not fields:
        raise validation_problem(problems or [InvalidParam("nonFieldErrors", "invalid", "?")])
    return InformatieobjectV1.model_validate(fields)


def delen_for(size: int, part_bytes: int) -> list[BestandsdeelV1]:
    """The bestandsdelen of an upload of ``size`` bytes in parts of ``part_bytes``."""
    count = max(1, math.ceil(size / part_bytes))
    return [
        BestandsdeelV1(
            uuid=uuidlib.uuid4(), volgnummer=n + 1, omvang=min(part_bytes, size - n * part_bytes)
        )
        for n in range(count)
    ]


async def _content(
    request: Request, body: dict[str, Any]
) -> tuple[InhoudV1 | None, int | None, list[BestandsdeelV1]]:
    """Store a base64 ``inhoud`` (before any event) or plan the bestandsdelen."""
    settings = request.app.state.container.settings
    omvang = body.get("bestandsomvang")
    if omvang is not None and (
        not isinstance(omvang, int) or isinstance(omvang, bool) or omvang < 0
    ):
        raise bad_request("bestandsomvang", "invalid", "Een geheel getal >= 0 is vereist.")
    raw = body.get("inhoud")
    if raw is None:
        if omvang is None:
            return None, None, []
        return None, omvang, delen_for(omvang, settings.bestandsdeel_bytes)
    data = decode_inhoud(raw)
    if data is None:
        raise bad_request("inhoud", "invalid", "Het bestand is geen geldige base64.")
    if omvang is not None and omvang != len(data):
        raise bad_request(
            "bestandsomvang", "file-size", "De bestandsomvang klopt niet met de inhoud."
        )
    ref = await blobs(request).put(from_bytes(data))
    return InhoudV1(sha256=ref.sha256, size=ref.size), None, []


async def _answer(container: Any, base: str, uuid: UUID, status: int, **extra: Any) -> Response:
    async with container.reads.connect() as conn:
        found = await queries.get(conn, uuid)
    if found is None:
        raise not_found()
    body = render(base, found) | extra
    headers = {"Location": body["url"]} if status == 201 else {}
    return JSONResponse(body, status_code=status, headers=headers)


@router.get(
    "/enkelvoudiginformatieobjecten", summary="Alle (ENKELVOUDIG) INFORMATIEOBJECTen opvragen."
)
async def eio_list(
    request: Request, rights: RightsDep, connection: ConnectionDep, base_url: BaseUrlDep
) -> JSONResponse:
    require_scope(rights, Component.drc, DOCUMENTEN_LEZEN)
    check_query_params(request, LIST_PARAMETERS)
    page = page_number(request)
    params = request.query_params
    visibility = rights.visibility(Component.drc, DOCUMENTEN_LEZEN)
    trefwoorden = {t.strip() for t in params.get("trefwoorden", "").split(",") if t.strip()}
    wide = bool(trefwoorden)  # filter on the versie metadata: select first, then page
    count, uuids = await queries.page(
        connection,
        visibility,
        identificatie=params.get("identificatie"),
        bronorganisatie=params.get("bronorganisatie"),
        offset=0 if wide else offset_of(page),
        limit=10**9 if wide else PAGE_SIZE,
    )
    found = [v for u in uuids if (v := await queries.get(connection, u)) is not None]
    if wide:
        found = [v for v in found if trefwoorden <= set(v.informatieobject.trefwoorden)]
        count = len(found)
        found = found[offset_of(page) : offset_of(page) + PAGE_SIZE]
    results = [render(base_url, v) for v in found]
    return JSONResponse(paginated(request, base_url, page, count, results))


ZOEK_UUIDS: Final = ("uuid__in", "uuid_In")
"""``uuid__in`` as Open Zaak reads it; ``uuid_In`` is how the 1.5.0 document spells the
property (its title is ``uuid__in``). Both are accepted."""


@router.post(
    "/enkelvoudiginformatieobjecten/_zoek",
    summary="Voer een zoekopdracht uit op (ENKELVOUDIG) INFORMATIEOBJECTen.",
)
async def eio_zoek(
    request: Request, rights: RightsDep, connection: ConnectionDep, base_url: BaseUrlDep
) -> JSONResponse:
    """The documents among ``uuid__in`` visible to the client, one page (``?page=``)."""
    require_scope(rights, Component.drc, DOCUMENTEN_LEZEN)
    check_query_params(request, {"page"})
    body = await read_json(request)
    if not isinstance(body, dict):
        raise bad_request("nonFieldErrors", "invalid", "Ongeldige data. Verwachtte een dictionary.")
    problems: list[InvalidParam] = []
    for name in sorted(set(body) - {*ZOEK_UUIDS, "expand"}):
        problems.append(InvalidParam(name, "unknown", f"Onbekend veld {name}."))
    uuids: set[UUID] | None = None
    for name in ZOEK_UUIDS:
        if name not in body:
            continue
        raw = body[name]
        if not isinstance(raw, list):
            problems.append(InvalidParam(name, "invalid", "Verwachtte een lijst met items."))
            continue
        for item in raw:
            try:
                named = UUID(str(item))
            except ValueError:
                problems.append(InvalidParam(name, "invalid", f'"{item}" is geen geldige UUID.'))
                continue
            uuids = (uuids or set()) | {named}
        uuids = uuids or set()
    if problems:
        raise validation_problem(problems)
    page = page_number(request)
    count, found_uuids = await queries.page(
        connection,
        rights.visibility(Component.drc, DOCUMENTEN_LEZEN),
        identificatie=None,
        bronorganisatie=None,
        offset=offset_of(page),
        limit=PAGE_SIZE,
        uuids=uuids,
    )
    found = [v for u in found_uuids if (v := await queries.get(connection, u)) is not None]
    results = [render(base_url, v) for v in found]
    return JSONResponse(paginated(request, base_url, page, count, results))


@router.post(
    "/enkelvoudiginformatieobjecten", summary="Maak een (ENKELVOUDIG) INFORMATIEOBJECT aan."
)
async def eio_create(
    request: Request,
    rights: RightsDep,
    client: ClientDep,
    container: ContainerDep,
    catalogue: CatalogueDep,
    base_url: BaseUrlDep,
) -> Response:
    require_scope(rights, Component.drc, DOCUMENTEN_AANMAKEN)
    body = await read_json(request)
    info = _metadata(body, catalogue)
    require_allowed(
        rights,
        Component.drc,
        DOCUMENTEN_AANMAKEN,
        type_uuid=info.informatieobjecttype,
        vertrouwelijkheidaanduiding=info.vertrouwelijkheidaanduiding.value,
    )
    inhoud, omvang, delen = await _content(request, body)
    lock = secrets.token_hex(16) if delen else ""
    uuid = uuidlib.uuid4()
    payload = DocumentAangemaaktV1(
        uuid=uuid,
        informatieobject=info,
        inhoud=inhoud,
        bestandsomvang=omvang,
        lock=lock,
        bestandsdelen=delen,
    )
    outcome = await publish(
        request,
        container,
        client,
        event_type=ev.DOCUMENT_AANGEMAAKT,
        subject=uuid,
        payload=payload,
        tenant=info.bronorganisatie,
    )
    if isinstance(outcome, Response):
        return outcome
    extra = {"lock": lock} if lock else {}
    return await _answer(container, base_url, uuid, 201, **extra)


@router.get(
    "/enkelvoudiginformatieobjecten/{uuid}",
    summary="Een specifiek (ENKELVOUDIG) INFORMATIEOBJECT opvragen.",
)
async def eio_read(
    uuid: UUID,
    request: Request,
    rights: RightsDep,
    connection: ConnectionDep,
    base_url: BaseUrlDep,
) -> Response:
    require_scope(rights, Component.drc, DOCUMENTEN_LEZEN)
    check_query_params(request, {"versie", "registratieOp", "expand"})
    found = await queries.get(
        connection, uuid, versie=versie_param(request), registratie_op=registratie_op(request)
    )
    if found is None:
        raise not_found()
    allow(rights, DOCUMENTEN_LEZEN, found)
    return etag_response(request, render(base_url, found))


@router.head("/enkelvoudiginformatieobjecten/{uuid}", include_in_schema=False)
async def eio_head(
    uuid: UUID, request: Request, rights: RightsDep, connection: ConnectionDep, base_url: BaseUrlDep
) -> Response:
    response = await eio_read(uuid, request, rights, connection, base_url)
    return Response(
        status_code=response.status_code, headers={"ETag": response.headers.get("ETag", "")}
    )


@router.get(
    "/enkelvoudiginformatieobjecten/{uuid}/download",
    summary="Download de binaire data van het (ENKELVOUDIG) INFORMATIEOBJECT.",
)
async def eio_download(
    uuid: UUID, request: Request, rights: RightsDep, connection: ConnectionDep
) -> Response:
    require_scope(rights, Component.drc, DOCUMENTEN_LEZEN)
    check_query_params(request, {"versie", "registratieOp"})
    found = await queries.get(
        connection, uuid, versie=versie_param(request), registratie_op=registratie_op(request)
    )
    if found is None:
        raise not_found()
    allow(rights, DOCUMENTEN_LEZEN, found)
    if found.sha256 is None:
        raise Problem(404, detail="Dit informatieobject heeft (nog) geen inhoud.")
    store = blobs(request)
    sha256, size = found.sha256, found.bestandsomvang or 0
    if size <= VERIFY_FIRST_BYTES:
        try:
            await verify(store, sha256)
        except CorruptBlob:
            log.error("blob_corrupt", document=str(uuid), sha256=sha256)
            raise Problem(
                500, code="corrupt", detail="De opgeslagen inhoud is beschadigd."
            ) from None

    async def stream() -> AsyncIterator[bytes]:
        try:
            async for chunk in store.read(sha256):
                yield chunk
        except CorruptBlob:  # the response is aborted: the client never gets a complete body
            log.error("blob_corrupt", document=str(uuid), sha256=sha256)
            raise

    name = found.informatieobject.bestandsnaam or f"{uuid}"
    headers = {
        "Content-Length": str(size),
        "Content-Disposition": f'attachment; filename="{name}"',
        "ETag": f'"{sha256}"',
    }
    return StreamingResponse(stream(), media_type="application/octet-stream", headers=headers)


async def _update(
    uuid: UUID,
    request: Request,
    rights: Any,
    client: Any,
    container: Any,
    catalogue: Catalogue,
    base_url: str,
    *,
    partial: bool,
) -> Response:
    require_scope(rights, Component.drc, DOCUMENTEN_BIJWERKEN)
    body = await read_json(request)
    if not isinstance(body, dict):
        raise bad_request("nonFieldErrors", "invalid", "Ongeldige gegevens.")
    async with container.reads.connect() as conn:
        current = await current_versie(conn, uuid, rights, DOCUMENTEN_BIJWERKEN)
    base = current.informatieobject.model_dump(mode="json") if partial else None
    info = _metadata(body, catalogue, base)
    require_allowed(
        rights,
        Component.drc,
        DOCUMENTEN_BIJWERKEN,
        type_uuid=info.informatieobjecttype,
        vertrouwelijkheidaanduiding=info.vertrouwelijkheidaanduiding.value,
    )
    lock = body.get("lock")
    if not isinstance(lock, str) or not lock:
        raise bad_request(
            "lock", "missing-lock-id", "Dit informatieobject moet vergrendeld zijn; geef de lock."
        )
    if lock != current.lock:
        raise bad_request("lock", "incorrect-lock-id", "Onjuiste lock.")
    inhoud, omvang, delen = (
        await _content(request, body)
        if "inhoud" in body or "bestandsomvang" in body
        else (None, None, [])
    )
    payload = DocumentGewijzigdV1(
        uuid=uuid,
        lock=lock,
        informatieobject=info,
        inhoud=inhoud,
        bestandsomvang=omvang,
        bestandsdelen=delen,
    )
    outcome = await publish(
        request,
        container,
        client,
        event_type=ev.DOCUMENT_GEWIJZIGD,
        subject=uuid,
        payload=payload,
        tenant=info.bronorganisatie,
    )
    if isinstance(outcome, Response):
        return outcome
    return await _answer(container, base_url, uuid, 200, lock=lock)


@router.put(
    "/enkelvoudiginformatieobjecten/{uuid}",
    summary="Werk een (ENKELVOUDIG) INFORMATIEOBJECT in zijn geheel bij.",
)
async def eio_put(
    uuid: UUID,
    request: Request,
    rights: RightsDep,
    client: ClientDep,
    container: ContainerDep,
    catalogue: CatalogueDep,
    base_url: BaseUrlDep,
) -> Response:
    return await _update(
        uuid, request, rights, client, container, catalogue, base_url, partial=False
    )


@router.patch(
    "/enkelvoudiginformatieobjecten/{uuid}",
    summary="Werk een (ENKELVOUDIG) INFORMATIEOBJECT deels bij.",
)
async def eio_patch(
    uuid: UUID,
    request: Request,
    rights: RightsDep,
    client: ClientDep,
    container: ContainerDep,
    catalogue: CatalogueDep,
    base_url: BaseUrlDep,
) -> Response:
    return await _update(
        uuid, request, rights, client, container, catalogue, base_url, partial=True
    )


@router.delete(
    "/enkelvoudiginformatieobjecten/{uuid}",
    summary="Verwijder een (ENKELVOUDIG) INFORMATIEOBJECT.",
    status_code=204,
)
async def eio_delete(
    uuid: UUID, request: Request, rights: RightsDep, client: ClientDep, container: ContainerDep
) -> Response:
    require_scope(rights, Component.drc, DOCUMENTEN_VERWIJDEREN)
    async with container.reads.connect() as conn:
        current = await current_versie(conn, uuid, rights, DOCUMENTEN_VERWIJDEREN)
    outcome = await publish(
        request,
        container,
        client,
        event_type=ev.DOCUMENT_VERWIJDERD,
        subject=uuid,
        payload=DocumentVerwijderdV1(uuid=uuid),
        tenant=current.informatieobject.bronorganisatie,
    )
    return outcome if isinstance(outcome, Response) else Response(status_code=204)
