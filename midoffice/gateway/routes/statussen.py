"""Zaken API 1.5.1: ``/zaken/api/v1/statussen`` (create, list, read)."""

from __future__ import annotations

from typing import Any, Final
from uuid import UUID, uuid4

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.zgw.status import status_from_request, status_to_response
from adapters.zgw.urls import STATUSTYPEN, ZAKEN, ZAKEN_ROOT, is_http_url, parse_resource_url
from midoffice.gateway.auth import authenticated_client
from midoffice.gateway.dependencies import (
    BaseUrlDep,
    CatalogueDep,
    ClientDep,
    ConnectionDep,
    ContainerDep,
    UrlsDep,
)
from midoffice.gateway.listing import (
    PAGE_SIZE,
    check_query_params,
    offset_of,
    page_number,
    paginated,
    query_bool,
)
from midoffice.gateway.problems import Problem, validation_problem
from midoffice.gateway.responses import etag_response
from midoffice.gateway.submission import build_envelope, read_json, submit_and_answer
from schemas.event_types import ZAAKSTATUS_GEWIJZIGD
from schemas.outcome import InvalidParam
from zaakmagazijn import queries

router = APIRouter(prefix=ZAKEN_ROOT, tags=["statussen"],
                   dependencies=[Depends(authenticated_client)])  # fmt: skip

LIST_PARAMETERS: Final = frozenset({"zaak", "statustype", "indicatieLaatstGezetteStatus", "page"})
_NOTHING: Final = UUID(int=0)  # a URL of another registry matches nothing here


@router.post("/statussen", status_code=201, summary="Maak een STATUS aan voor een ZAAK.")
async def status_create(
    request: Request,
    container: ContainerDep,
    catalogue: CatalogueDep,
    client: ClientDep,
    urls: UrlsDep,
) -> Response:
    """Validate, publish ``zaakstatus-gewijzigd`` and answer with the status that was set.

    The zaak need not be in the zaakmagazijn yet (it may still be on the log); the tenant is
    then the rsin of the catalogus that holds the statustype.
    """
    body = await read_json(request)
    payload = status_from_request(body, catalogue, status_uuid=uuid4())
    if isinstance(payload, list):
        raise validation_problem(payload)
    async with container.engine.connect() as connection:
        tenant = await queries.zaak_bronorganisatie(connection, payload.zaak)
    if tenant is None:
        found = catalogue.statustype(payload.statustype)
        catalogus = catalogue.catalogus_of(found[0].uuid) if found else None
        tenant = catalogus.rsin if catalogus else ""
    envelope = build_envelope(
        request,
        container,
        client,
        event_type=ZAAKSTATUS_GEWIJZIGD,
        subject=payload.zaak,
        payload=payload,
        tenant=tenant,
    )

    async def render(connection: AsyncConnection, status_uuid: UUID) -> dict[str, Any] | None:
        row = await queries.get_status(connection, status_uuid)
        return status_to_response(row, urls) if row is not None else None

    return await submit_and_answer(request, container, urls, envelope, render)


@router.get("/statussen", summary="Alle STATUSsen bij ZAAKen opvragen.")
async def status_list(
    request: Request, connection: ConnectionDep, urls: UrlsDep, base_url: BaseUrlDep
) -> Response:
    """Statussen, filtered by zaak, statustype and indicatieLaatstGezetteStatus."""
    check_query_params(request, LIST_PARAMETERS)
    filters = _filters(request)
    page = page_number(request)
    found = await queries.list_statussen(
        connection, filters, offset=offset_of(page), limit=PAGE_SIZE
    )
    results = [status_to_response(row, urls) for row in found.rows]
    return JSONResponse(paginated(request, base_url, page, found.count, results))


@router.get("/statussen/{uuid}", summary="Een specifieke STATUS van een ZAAK opvragen.")
async def status_read(
    uuid: UUID, request: Request, connection: ConnectionDep, urls: UrlsDep
) -> Response:
    row = await queries.get_status(connection, uuid)
    if row is None:
        raise Problem(404)
    return etag_response(request, status_to_response(row, urls))


def _filters(request: Request) -> queries.StatusFilters:
    problems: list[InvalidParam] = []
    references: dict[str, UUID | None] = {}
    for name, resource in (("zaak", ZAKEN), ("statustype", STATUSTYPEN)):
        value = request.query_params.get(name)
        if value is None:
            references[name] = None
            continue
        if not is_http_url(value):
            problems.append(InvalidParam(name, "invalid", "Voer een geldige URL in."))
        references[name] = parse_resource_url(value, resource) or _NOTHING
    laatst = query_bool(request, "indicatieLaatstGezetteStatus", problems)
    if problems:
        raise validation_problem(problems)
    return queries.StatusFilters(
        zaak=references["zaak"],
        statustype=references["statustype"],
        indicatie_laatst_gezette_status=laatst,
    )
