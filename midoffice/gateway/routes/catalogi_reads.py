"""The read routes of a Catalogi resource: the list (filters, pagination) and the detail."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from midoffice.gateway.authorization import RightsDep
from midoffice.gateway.dependencies import BaseUrlDep, CatalogueDep, UrlsDep
from midoffice.gateway.listing import (
    PAGE_SIZE,
    check_query_params,
    offset_of,
    page_number,
    paginated,
)
from midoffice.gateway.problems import Problem, validation_problem
from midoffice.gateway.responses import etag_response
from midoffice.gateway.routes.catalogi_common import (
    Resource,
    found_or_404,
    list_parameters,
    require_any,
)
from midoffice.gateway.routes.catalogi_filters import Found, predicates
from schemas.outcome import InvalidParam


def add_read_routes(router: APIRouter, r: Resource) -> None:
    """``GET /<collection>`` and ``GET /<collection>/{uuid}`` of ``r``."""
    path, detail, op = f"/{r.collection}", f"/{r.collection}/{{uuid}}", r.soort.replace("-", "")
    list_params = {f.name for f in r.filters} | {"page"}
    parameters = list_parameters(r)

    @router.get(
        path,
        summary=f"Alle {r.title}s opvragen.",
        operation_id=f"{op}_list",
        openapi_extra={"parameters": parameters},
    )
    async def list_(
        request: Request,
        catalogue: CatalogueDep,
        urls: UrlsDep,
        base_url: BaseUrlDep,
        rights: RightsDep,
    ) -> Response:
        require_any(rights, r.read_scopes)
        check_query_params(request, list_params)
        problems: list[InvalidParam] = []
        keep = predicates(request, r.filters, problems)
        if problems:
            raise validation_problem(problems)
        found = [f for f in r.all(catalogue) if all(p(f) for p in keep)]
        page = page_number(request)
        chosen = found[offset_of(page) : offset_of(page) + PAGE_SIZE]
        body = paginated(request, base_url, page, len(found), [r.render(f, urls) for f in chosen])
        return JSONResponse(body)

    detail_params = [
        {"name": f.name, "in": "query", "required": False, "schema": f.schema}
        for f in r.detail_filters
    ]

    @router.get(
        detail,
        summary=f"Een specifieke {r.title} opvragen.",
        operation_id=f"{op}_read",
        openapi_extra={"parameters": detail_params} if detail_params else None,
    )
    async def read(
        uuid: UUID, request: Request, catalogue: CatalogueDep, urls: UrlsDep, rights: RightsDep
    ) -> Response:
        require_any(rights, r.read_scopes)
        check_query_params(request, {f.name for f in r.detail_filters})
        found = found_or_404(r, catalogue, uuid)
        if r.detail_filters:
            problems: list[InvalidParam] = []
            keep = predicates(request, r.detail_filters, problems)
            if problems:
                raise validation_problem(problems)
            if keep:
                found = (
                    next(
                        (
                            f
                            for f in r.all(catalogue)
                            if all(p(f) for p in keep) and _same_object(f, found)
                        ),
                        None,
                    )
                    or _raise_404()
                )
        return etag_response(request, r.render(found, urls))


def _same_object(candidate: Found, found: Found) -> bool:
    """Another version of the same zaaktype (same catalogus and identificatie), or itself."""
    a, b = candidate.obj, found.obj
    if hasattr(a, "identificatie") and hasattr(b, "identificatie"):
        return bool(
            candidate.catalogus.uuid == found.catalogus.uuid and a.identificatie == b.identificatie
        )
    return bool(a.uuid == b.uuid)


def _raise_404() -> Found:
    raise Problem(404)
