"""Zaken API 1.5.1: ``/zaken/api/v1/zaken`` (create, list, read)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Final
from uuid import UUID, uuid4

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.zgw.urls import ZAAKTYPEN, ZAKEN_ROOT, is_http_url, parse_resource_url
from adapters.zgw.zaak import zaak_from_request, zaak_to_response
from midoffice.gateway.auth import authenticated_client
from midoffice.gateway.crs import CONTENT_CRS, negotiate_crs
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
    query_date,
)
from midoffice.gateway.problems import Problem, validation_problem
from midoffice.gateway.responses import etag_response
from midoffice.gateway.submission import build_envelope, read_json, submit_and_answer
from schemas.event_types import ZAAK_GEOPEND
from schemas.outcome import InvalidParam
from zaakmagazijn import queries
from zaakmagazijn.rules import TIMEZONE

router = APIRouter(
    prefix=ZAKEN_ROOT,
    tags=["zaken"],
    dependencies=[Depends(authenticated_client), Depends(negotiate_crs)],
)

_DATE_FILTERS: Final = (
    "startdatum", "startdatum__gt", "startdatum__gte", "startdatum__lt", "startdatum__lte",
)  # fmt: skip
LIST_PARAMETERS: Final = frozenset(
    {"identificatie", "bronorganisatie", "zaaktype", "ordering", "page", *_DATE_FILTERS}
)
_NO_ZAAKTYPE: Final = UUID(int=0)  # a zaaktype URL of another registry matches no zaak here


@router.post("/zaken", status_code=201, summary="Maak een ZAAK aan.")
async def zaak_create(
    request: Request,
    container: ContainerDep,
    catalogue: CatalogueDep,
    client: ClientDep,
    urls: UrlsDep,
) -> Response:
    """Validate, publish ``zaak-geopend`` and answer with the registered zaak."""
    body = await read_json(request)
    now = dt.datetime.now(TIMEZONE)
    payload = zaak_from_request(
        body, catalogue, zaak_uuid=uuid4(), today=now.date(), now=now
    )
    if isinstance(payload, list):
        raise validation_problem(payload)
    envelope = build_envelope(
        request,
        container,
        client,
        event_type=ZAAK_GEOPEND,
        subject=payload.uuid,
        payload=payload,
        tenant=payload.bronorganisatie,
    )

    async def render(connection: AsyncConnection, zaak_uuid: UUID) -> dict[str, Any] | None:
        row = await queries.get_zaak(connection, zaak_uuid)
        return zaak_to_response(row, urls) if row is not None else None

    return await submit_and_answer(request, container, urls, envelope, render, CONTENT_CRS)


@router.get("/zaken", summary="Alle ZAAKen opvragen.")
async def zaak_list(
    request: Request, connection: ConnectionDep, urls: UrlsDep, base_url: BaseUrlDep
) -> Response:
    """Zaken filtered by identificatie, bronorganisatie, zaaktype and startdatum ranges."""
    check_query_params(request, LIST_PARAMETERS)
    filters = _filters(request)
    page = page_number(request)
    found = await queries.list_zaken(connection, filters, offset=offset_of(page), limit=PAGE_SIZE)
    results = [zaak_to_response(row, urls) for row in found.rows]
    body = paginated(request, base_url, page, found.count, results)
    return JSONResponse(body, headers=dict(CONTENT_CRS))


@router.get("/zaken/{uuid}", summary="Een specifieke ZAAK opvragen.")
async def zaak_read(
    uuid: UUID, request: Request, connection: ConnectionDep, urls: UrlsDep
) -> Response:
    row = await queries.get_zaak(connection, uuid)
    if row is None:
        raise Problem(404)
    return etag_response(request, zaak_to_response(row, urls), CONTENT_CRS)


def _filters(request: Request) -> queries.ZaakFilters:
    params = request.query_params
    problems: list[InvalidParam] = []
    dates = {name: query_date(request, name, problems) for name in _DATE_FILTERS}
    zaaktype = None
    if "zaaktype" in params:
        if not is_http_url(params["zaaktype"]):
            problems.append(InvalidParam("zaaktype", "invalid", "Voer een geldige URL in."))
        zaaktype = parse_resource_url(params["zaaktype"], ZAAKTYPEN) or _NO_ZAAKTYPE
    ordering = tuple(o.strip() for o in params.get("ordering", "").split(",") if o.strip())
    for name in ordering:
        if name.removeprefix("-") not in queries.ZAAK_ORDERING:
            problems.append(
                InvalidParam("ordering", "invalid_choice", f'"{name}" is een ongeldige keuze.')
            )
    if problems:
        raise validation_problem(problems)
    return queries.ZaakFilters(
        identificatie=params.get("identificatie"),
        bronorganisatie=params.get("bronorganisatie"),
        zaaktype=zaaktype,
        startdatum=dates["startdatum"],
        startdatum_gt=dates["startdatum__gt"],
        startdatum_gte=dates["startdatum__gte"],
        startdatum_lt=dates["startdatum__lt"],
        startdatum_lte=dates["startdatum__lte"],
        ordering=ordering,
    )
