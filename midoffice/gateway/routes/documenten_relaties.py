"""Documenten API 1.5.0: ``/gebruiksrechten`` and ``/objectinformatieobjecten``.

Both belong to an informatieobject: the events are keyed by its uuid, and the rights checked
are those on the informatieobject (its informatieobjecttype and vertrouwelijkheidaanduiding).
A gebruiksrecht sets the informatieobject's ``indicatieGebruiksrecht`` (true while one exists).
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from typing import Any, Final
from uuid import UUID

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from adapters.zgw.documenten import DOCUMENTEN_ROOT, eio_url
from autorisaties.rights import Component
from autorisaties.scopes import (
    DOCUMENTEN_AANMAKEN,
    DOCUMENTEN_BIJWERKEN,
    DOCUMENTEN_LEZEN,
    DOCUMENTEN_VERWIJDEREN,
)
from documentmagazijn import queries
from midoffice.gateway.authorization import RightsDep, require_scope
from midoffice.gateway.dependencies import BaseUrlDep, ClientDep, ConnectionDep, ContainerDep
from midoffice.gateway.listing import check_query_params
from midoffice.gateway.problems import Problem, validation_problem
from midoffice.gateway.routes.documenten_common import allow, not_found, publish
from midoffice.gateway.submission import read_json
from schemas import documenten_events as ev
from schemas.outcome import InvalidParam
from schemas.payloads_documenten import (
    GebruiksrechtV1,
    GebruiksrechtVerwijderdV1,
    ObjectinformatieobjectV1,
    ObjectinformatieobjectVerwijderdV1,
)

router = APIRouter(prefix=DOCUMENTEN_ROOT, tags=["gebruiksrechten", "objectinformatieobjecten"])
GR: Final = "/gebruiksrechten"
OIO: Final = "/objectinformatieobjecten"


def _iso(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return aware.isoformat().replace("+00:00", "Z")


def _eio_uuid(value: Any) -> UUID:
    if isinstance(value, str) and "/enkelvoudiginformatieobjecten/" in value:
        try:
            return UUID(value.rstrip("/").rsplit("/", 1)[1])
        except ValueError:
            pass
    raise validation_problem([InvalidParam("informatieobject", "bad-url", "Ongeldige URL.")])


def gebruiksrecht_body(row: Any, base: str) -> dict[str, Any]:
    return {
        "url": f"{base}{DOCUMENTEN_ROOT}{GR}/{row.uuid}",
        "informatieobject": eio_url(base, row.informatieobject),
        "startdatum": _iso(row.startdatum),
        "einddatum": _iso(row.einddatum),
        "omschrijvingVoorwaarden": row.omschrijving_voorwaarden,
    }


def oio_body(row: Any, base: str) -> dict[str, Any]:
    return {
        "url": f"{base}{DOCUMENTEN_ROOT}{OIO}/{row.uuid}",
        "informatieobject": eio_url(base, row.informatieobject),
        "object": row.object,
        "objectType": row.object_type,
    }


async def _document(container: Any, uuid: UUID, rights: Any, scope: str) -> queries.Versie:
    async with container.reads.connect() as conn:
        found = await queries.get(conn, uuid)
    if found is None:
        raise validation_problem(
            [
                InvalidParam(
                    "informatieobject", "does_not_exist", "Het informatieobject bestaat niet."
                )
            ]
        )
    allow(rights, scope, found)
    return found


async def _visible(connection: Any, rights: Any, rows: list[Any]) -> list[Any]:
    kept = []
    for row in rows:
        found = await queries.get(connection, row.informatieobject)
        if found is not None and rights.allows(
            Component.drc,
            DOCUMENTEN_LEZEN,
            type_uuid=found.informatieobject.informatieobjecttype,
            vertrouwelijkheidaanduiding=found.informatieobject.vertrouwelijkheidaanduiding.value,
        ):
            kept.append(row)
    return kept


@router.get(GR, summary="Alle GEBRUIKSRECHTen opvragen.")
async def gebruiksrechten_list(
    request: Request, rights: RightsDep, connection: ConnectionDep, base_url: BaseUrlDep
) -> JSONResponse:
    require_scope(rights, Component.drc, DOCUMENTEN_LEZEN)
    check_query_params(request, {"informatieobject", "expand"})
    raw = request.query_params.get("informatieobject")
    rows = await queries.gebruiksrechten(connection, _eio_uuid(raw) if raw else None)
    return JSONResponse(
        [gebruiksrecht_body(r, base_url) for r in await _visible(connection, rights, list(rows))]
    )


@router.get(GR + "/{uuid}", summary="Een specifieke GEBRUIKSRECHT opvragen.")
async def gebruiksrecht_read(
    uuid: UUID, rights: RightsDep, connection: ConnectionDep, base_url: BaseUrlDep
) -> JSONResponse:
    require_scope(rights, Component.drc, DOCUMENTEN_LEZEN)
    row = await queries.gebruiksrecht_by_uuid(connection, uuid)
    if row is None or not await _visible(connection, rights, [row]):
        raise not_found("Gebruiksrecht")
    return JSONResponse(gebruiksrecht_body(row, base_url))


async def _gebruiksrecht_write(
    request: Request, rights: Any, client: Any, container: Any, base_url: str, uuid: UUID | None
) -> Response:
    scope = DOCUMENTEN_AANMAKEN if uuid is None else DOCUMENTEN_BIJWERKEN
    require_scope(rights, Component.drc, scope)
    body = await read_json(request)
    if not isinstance(body, dict):
        raise validation_problem([InvalidParam("nonFieldErrors", "invalid", "Ongeldig.")])
    if uuid is not None:
        async with container.reads.connect() as conn:
            existing = await queries.gebruiksrecht_by_uuid(conn, uuid)
        if existing is None:
            raise not_found("Gebruiksrecht")
        body = {**gebruiksrecht_body(existing, base_url), **body}
    document = _eio_uuid(body.get("informatieobject"))
    found = await _document(container, document, rights, scope)
    identifier = uuid or uuidlib.uuid4()
    try:
        payload = GebruiksrechtV1(
            uuid=identifier,
            informatieobject=document,
            startdatum=body.get("startdatum"),
            einddatum=body.get("einddatum"),
            omschrijvingVoorwaarden=body.get("omschrijvingVoorwaarden") or "",
        )
    except ValidationError as exc:
        raise validation_problem(
            [InvalidParam(".".join(map(str, e["loc"])), "invalid", e["msg"]) for e in exc.errors()]
        ) from None
    event_type = ev.GEBRUIKSRECHT_AANGEMAAKT if uuid is None else ev.GEBRUIKSRECHT_GEWIJZIGD
    outcome = await publish(
        request,
        container,
        client,
        event_type=event_type,
        subject=document,
        payload=payload,
        tenant=found.informatieobject.bronorganisatie,
    )
    if isinstance(outcome, Response):
        return outcome
    async with container.reads.connect() as conn:
        row = await queries.gebruiksrecht_by_uuid(conn, identifier)
    result = gebruiksrecht_body(row, base_url)
    if uuid is None:
        return JSONResponse(result, 201, headers={"Location": result["url"]})
    return JSONResponse(result)


@router.post(GR, summary="Maak een GEBRUIKSRECHT aan.")
async def gebruiksrecht_create(
    request: Request,
    rights: RightsDep,
    client: ClientDep,
    container: ContainerDep,
    base_url: BaseUrlDep,
) -> Response:
    return await _gebruiksrecht_write(request, rights, client, container, base_url, None)


@router.put(GR + "/{uuid}", summary="Werk een GEBRUIKSRECHT in zijn geheel bij.")
async def gebruiksrecht_put(
    uuid: UUID,
    request: Request,
    rights: RightsDep,
    client: ClientDep,
    container: ContainerDep,
    base_url: BaseUrlDep,
) -> Response:
    return await _gebruiksrecht_write(request, rights, client, container, base_url, uuid)


@router.patch(GR + "/{uuid}", summary="Werk een GEBRUIKSRECHT deels bij.")
async def gebruiksrecht_patch(
    uuid: UUID,
    request: Request,
    rights: RightsDep,
    client: ClientDep,
    container: ContainerDep,
    base_url: BaseUrlDep,
) -> Response:
    return await _gebruiksrecht_write(request, rights, client, container, base_url, uuid)


@router.delete(GR + "/{uuid}", summary="Verwijder een GEBRUIKSRECHT.", status_code=204)
async def gebruiksrecht_delete(
    uuid: UUID, request: Request, rights: RightsDep, client: ClientDep, container: ContainerDep
) -> Response:
    require_scope(rights, Component.drc, DOCUMENTEN_VERWIJDEREN)
    async with container.reads.connect() as conn:
        row = await queries.gebruiksrecht_by_uuid(conn, uuid)
    if row is None:
        raise not_found("Gebruiksrecht")
    found = await _document(container, row.informatieobject, rights, DOCUMENTEN_VERWIJDEREN)
    payload = GebruiksrechtVerwijderdV1(uuid=uuid, informatieobject=row.informatieobject)
    outcome = await publish(
        request,
        container,
        client,
        event_type=ev.GEBRUIKSRECHT_VERWIJDERD,
        subject=row.informatieobject,
        payload=payload,
        tenant=found.informatieobject.bronorganisatie,
    )
    return outcome if isinstance(outcome, Response) else Response(status_code=204)


@router.get(OIO, summary="Alle OBJECT-INFORMATIEOBJECT relaties opvragen.")
async def oio_list(
    request: Request, rights: RightsDep, connection: ConnectionDep, base_url: BaseUrlDep
) -> JSONResponse:
    require_scope(rights, Component.drc, DOCUMENTEN_LEZEN)
    check_query_params(request, {"informatieobject", "object", "expand"})
    raw = request.query_params.get("informatieobject")
    rows = await queries.objectinformatieobjecten(
        connection, _eio_uuid(raw) if raw else None, request.query_params.get("object")
    )
    return JSONResponse(
        [oio_body(r, base_url) for r in await _visible(connection, rights, list(rows))]
    )


@router.get(OIO + "/{uuid}", summary="Een specifieke OBJECT-INFORMATIEOBJECT relatie opvragen.")
async def oio_read(
    uuid: UUID, rights: RightsDep, connection: ConnectionDep, base_url: BaseUrlDep
) -> JSONResponse:
    require_scope(rights, Component.drc, DOCUMENTEN_LEZEN)
    row = await queries.objectinformatieobject_by_uuid(connection, uuid)
    if row is None or not await _visible(connection, rights, [row]):
        raise not_found("Objectinformatieobject")
    return JSONResponse(oio_body(row, base_url))


@router.post(OIO, summary="Maak een OBJECT-INFORMATIEOBJECT relatie aan.")
async def oio_create(
    request: Request,
    rights: RightsDep,
    client: ClientDep,
    container: ContainerDep,
    base_url: BaseUrlDep,
) -> Response:
    require_scope(rights, Component.drc, DOCUMENTEN_AANMAKEN)
    body = await read_json(request)
    if not isinstance(body, dict):
        raise validation_problem([InvalidParam("nonFieldErrors", "invalid", "Ongeldig.")])
    document = _eio_uuid(body.get("informatieobject"))
    found = await _document(container, document, rights, DOCUMENTEN_AANMAKEN)
    identifier = uuidlib.uuid4()
    try:
        payload = ObjectinformatieobjectV1(
            uuid=identifier,
            informatieobject=document,
            object=body.get("object") or "",
            objectType=body.get("objectType"),
        )
    except ValidationError as exc:
        raise validation_problem(
            [InvalidParam(".".join(map(str, e["loc"])), "invalid", e["msg"]) for e in exc.errors()]
        ) from None
    outcome = await publish(
        request,
        container,
        client,
        event_type=ev.OBJECTINFORMATIEOBJECT_AANGEMAAKT,
        subject=document,
        payload=payload,
        tenant=found.informatieobject.bronorganisatie,
    )
    if isinstance(outcome, Response):
        return outcome
    async with container.reads.connect() as conn:
        row = await queries.objectinformatieobject_by_uuid(conn, identifier)
    result = oio_body(row, base_url)
    return JSONResponse(result, 201, headers={"Location": result["url"]})


@router.delete(
    OIO + "/{uuid}", summary="Verwijder een OBJECT-INFORMATIEOBJECT relatie.", status_code=204
)
async def oio_delete(
    uuid: UUID, request: Request, rights: RightsDep, client: ClientDep, container: ContainerDep
) -> Response:
    require_scope(rights, Component.drc, DOCUMENTEN_VERWIJDEREN)
    async with container.reads.connect() as conn:
        row = await queries.objectinformatieobject_by_uuid(conn, uuid)
    if row is None:
        raise not_found("Objectinformatieobject")
    found = await _document(container, row.informatieobject, rights, DOCUMENTEN_VERWIJDEREN)
    payload = ObjectinformatieobjectVerwijderdV1(uuid=uuid, informatieobject=row.informatieobject)
    outcome = await publish(
        request,
        container,
        client,
        event_type=ev.OBJECTINFORMATIEOBJECT_VERWIJDERD,
        subject=row.informatieobject,
        payload=payload,
        tenant=found.informatieobject.bronorganisatie,
    )
    if isinstance(outcome, Response):
        return outcome
    _ = Problem
    return Response(status_code=204)
