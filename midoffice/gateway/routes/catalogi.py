"""Catalogi API 1.3.1: ``/catalogi/api/v1``, every resource, read and write.

``router`` holds the catalogussen routes (list, read, create) and, through
:func:`midoffice.gateway.routes.catalogi_crud.add_routes`, those of every type below a
catalogus (:data:`midoffice.gateway.routes.catalogi_resources.RESOURCES`), plus the served
OpenAPI document (:mod:`midoffice.gateway.routes.catalogi_schema`).
"""

from __future__ import annotations

from uuid import UUID, uuid4

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from adapters.zgw.catalogi import catalogus_to_response
from adapters.zgw.catalogi_requests import read_object
from adapters.zgw.urls import CATALOGI_ROOT
from autorisaties.rights import Component
from midoffice.gateway.authorization import RightsDep
from midoffice.gateway.catalogi_writes import Caller, write
from midoffice.gateway.dependencies import (
    BaseUrlDep,
    CatalogueDep,
    ClientDep,
    ContainerDep,
    UrlsDep,
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
from midoffice.gateway.routes import catalogi_schema
from midoffice.gateway.routes.catalogi_common import LEZEN, SCHRIJVEN, require_any
from midoffice.gateway.routes.catalogi_crud import add_routes
from midoffice.gateway.routes.catalogi_resources import RESOURCES
from midoffice.gateway.submission import read_json
from schemas.catalogi_events import CATALOGUS_AANGEMAAKT
from schemas.payloads_catalogi import CatalogusAangemaaktV1

router = APIRouter(prefix=CATALOGI_ROOT, tags=["catalogi"])
_LIST_PARAMETERS = [
    {"name": name, "in": "query", "required": False, "schema": {"type": "string"}}
    for name in ("domein", "domein__in", "rsin", "rsin__in")
] + [
    {"name": "page", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1}}
]


def _one_or_many(request: Request, name: str) -> set[str] | None:
    single = request.query_params.get(name)
    many = request.query_params.get(f"{name}__in")
    if single is None and many is None:
        return None
    values = {single} if single is not None else set()
    return values | {part.strip() for part in (many or "").split(",") if part.strip()}


@router.get(
    "/catalogussen",
    summary="Alle CATALOGUSsen opvragen.",
    operation_id="catalogus_list",
    openapi_extra={"parameters": _LIST_PARAMETERS},
)
async def catalogus_list(
    request: Request,
    catalogue: CatalogueDep,
    urls: UrlsDep,
    base_url: BaseUrlDep,
    rights: RightsDep,
) -> Response:
    require_any(rights, ((Component.ztc, LEZEN),))
    check_query_params(request, {"domein", "domein__in", "rsin", "rsin__in", "page"})
    wanted = {"domein": _one_or_many(request, "domein"), "rsin": _one_or_many(request, "rsin")}
    found = [
        c
        for c in catalogue.catalogussen
        if all(values is None or getattr(c, name) in values for name, values in wanted.items())
    ]
    page = page_number(request)
    chosen = found[offset_of(page) : offset_of(page) + PAGE_SIZE]
    results = [catalogus_to_response(c, urls) for c in chosen]
    return JSONResponse(paginated(request, base_url, page, len(found), results))


@router.get(
    "/catalogussen/{uuid}",
    summary="Een specifieke CATALOGUS opvragen.",
    operation_id="catalogus_read",
)
async def catalogus_read(
    uuid: UUID, request: Request, catalogue: CatalogueDep, urls: UrlsDep, rights: RightsDep
) -> Response:
    require_any(rights, ((Component.ztc, LEZEN),))
    catalogus = catalogue.catalogus(uuid)
    if catalogus is None:
        raise Problem(404)
    return etag_response(request, catalogus_to_response(catalogus, urls))


@router.post(
    "/catalogussen",
    status_code=201,
    summary="Maak een CATALOGUS aan.",
    operation_id="catalogus_create",
    openapi_extra=catalogi_schema.body("CATALOGUS"),
)
async def catalogus_create(
    request: Request,
    container: ContainerDep,
    catalogue: CatalogueDep,
    client: ClientDep,
    rights: RightsDep,
    urls: UrlsDep,
) -> Response:
    require_any(rights, ((Component.ztc, SCHRIJVEN),))
    new = uuid4()
    written = read_object("catalogus", await read_json(request), catalogue, uuid=new)
    if isinstance(written, list):
        raise validation_problem(written)

    def render(current: object) -> dict[str, object] | None:
        found = container.catalogue.current().catalogus(new)
        return catalogus_to_response(found, urls) if found is not None else None

    caller = Caller(request, container, client, rights, urls)
    payload = CatalogusAangemaaktV1(catalogus=written.obj)
    return await write(
        caller,
        event_type=CATALOGUS_AANGEMAAKT,
        catalogus=written.catalogus,
        payload=payload,
        render=render,
        status=201,
    )


for _resource in RESOURCES:
    add_routes(router, _resource)
router.include_router(catalogi_schema.router)
