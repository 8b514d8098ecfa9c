"""Catalogi API 1.3.1 (read only), served from the in-memory catalogue.

``/catalogussen``, ``/zaaktypen`` and ``/statustypen``, list and detail, with the spec's
filters that cost nothing on a catalogue in memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Final, TypeVar
from uuid import UUID

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse

from adapters.zgw.catalogi import (
    catalogus_to_response,
    statustype_to_response,
    zaaktype_to_response,
)
from adapters.zgw.urls import (
    CATALOGI_ROOT,
    CATALOGUSSEN,
    ZAAKTYPEN,
    is_http_url,
    parse_resource_url,
)
from catalogi.model import Zaaktype
from midoffice.gateway.auth import authenticated_client
from midoffice.gateway.dependencies import BaseUrlDep, CatalogueDep, UrlsDep
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
from schemas.outcome import InvalidParam

router = APIRouter(
    prefix=CATALOGI_ROOT, tags=["catalogi"], dependencies=[Depends(authenticated_client)]
)

_CONCEPT_STATUS: Final = ("alles", "concept", "definitief")
T = TypeVar("T")


def _page(request: Request, base_url: str, items: list[T], render: Callable[[T], Any]) -> Response:
    page = page_number(request)
    chosen = items[offset_of(page) : offset_of(page) + PAGE_SIZE]
    body = paginated(request, base_url, page, len(items), [render(item) for item in chosen])
    return JSONResponse(body)


def _comma_list(request: Request, name: str) -> list[str] | None:
    raw = request.query_params.get(name)
    return None if raw is None else [part.strip() for part in raw.split(",") if part.strip()]


def _reference(request: Request, name: str, resource: str, problems: list[InvalidParam]) -> Any:
    """None when absent, else the UUID (or a UUID matching nothing, for another registry)."""
    value = request.query_params.get(name)
    if value is None:
        return None
    if not is_http_url(value):
        problems.append(InvalidParam(name, "invalid", "Voer een geldige URL in."))
    return parse_resource_url(value, resource) or UUID(int=0)


def _geldig_filter(request: Request, problems: list[InvalidParam]) -> Callable[[Zaaktype], bool]:
    """The ``status`` (concept) and ``datumGeldigheid`` filters, on the zaaktype."""
    status = request.query_params.get("status", "definitief")
    if status not in _CONCEPT_STATUS:
        problems.append(
            InvalidParam("status", "invalid_choice", f'"{status}" is een ongeldige keuze.')
        )
    datum = query_date(request, "datumGeldigheid", problems)

    def keep(zaaktype: Zaaktype) -> bool:
        if status == "concept" and not zaaktype.concept:
            return False
        if status == "definitief" and zaaktype.concept:
            return False
        return datum is None or _geldig_op(zaaktype, datum)

    return keep


def _geldig_op(zaaktype: Zaaktype, datum: dt.date) -> bool:
    einde = zaaktype.eindeGeldigheid
    return zaaktype.beginGeldigheid <= datum and (einde is None or datum <= einde)


@router.get("/catalogussen", summary="Alle CATALOGUSsen opvragen.")
async def catalogus_list(
    request: Request, catalogue: CatalogueDep, urls: UrlsDep, base_url: BaseUrlDep
) -> Response:
    check_query_params(request, {"domein", "domein__in", "rsin", "rsin__in", "page"})
    wanted = {
        "domein": _one_or_many(request, "domein"),
        "rsin": _one_or_many(request, "rsin"),
    }
    found = [
        c
        for c in catalogue.catalogussen
        if all(values is None or getattr(c, name) in values for name, values in wanted.items())
    ]
    return _page(request, base_url, found, lambda c: catalogus_to_response(c, urls))


def _one_or_many(request: Request, name: str) -> set[str] | None:
    single = request.query_params.get(name)
    many = _comma_list(request, f"{name}__in")
    if single is None and many is None:
        return None
    return ({single} if single is not None else set()) | set(many or [])


@router.get("/catalogussen/{uuid}", summary="Een specifieke CATALOGUS opvragen.")
async def catalogus_read(
    uuid: UUID, request: Request, catalogue: CatalogueDep, urls: UrlsDep
) -> Response:
    catalogus = next((c for c in catalogue.catalogussen if c.uuid == uuid), None)
    if catalogus is None:
        raise Problem(404)
    return etag_response(request, catalogus_to_response(catalogus, urls))


@router.get("/zaaktypen", summary="Alle ZAAKTYPEn opvragen.")
async def zaaktype_list(
    request: Request, catalogue: CatalogueDep, urls: UrlsDep, base_url: BaseUrlDep
) -> Response:
    check_query_params(
        request, {"catalogus", "identificatie", "trefwoorden", "status", "datumGeldigheid", "page"}
    )
    problems: list[InvalidParam] = []
    catalogus = _reference(request, "catalogus", CATALOGUSSEN, problems)
    keep = _geldig_filter(request, problems)
    if problems:
        raise validation_problem(problems)
    identificatie = request.query_params.get("identificatie")
    trefwoorden = set(_comma_list(request, "trefwoorden") or [])
    found = [
        (c, z)
        for c, z in catalogue.zaaktypen()
        if (catalogus is None or c.uuid == catalogus)
        and (identificatie is None or z.identificatie == identificatie)
        and trefwoorden <= set(z.trefwoorden)
        and keep(z)
    ]
    return _page(request, base_url, found, lambda cz: zaaktype_to_response(*cz, urls))


@router.get("/zaaktypen/{uuid}", summary="Een specifieke ZAAKTYPE opvragen.")
async def zaaktype_read(
    uuid: UUID, request: Request, catalogue: CatalogueDep, urls: UrlsDep
) -> Response:
    zaaktype = catalogue.zaaktype(uuid)
    catalogus = catalogue.catalogus_of(uuid)
    if zaaktype is None or catalogus is None:
        raise Problem(404)
    return etag_response(request, zaaktype_to_response(catalogus, zaaktype, urls))


@router.get("/statustypen", summary="Alle STATUSTYPEn opvragen.")
async def statustype_list(
    request: Request, catalogue: CatalogueDep, urls: UrlsDep, base_url: BaseUrlDep
) -> Response:
    check_query_params(
        request, {"zaaktype", "zaaktypeIdentificatie", "status", "datumGeldigheid", "page"}
    )
    problems: list[InvalidParam] = []
    zaaktype_uuid = _reference(request, "zaaktype", ZAAKTYPEN, problems)
    keep = _geldig_filter(request, problems)
    if problems:
        raise validation_problem(problems)
    identificatie = request.query_params.get("zaaktypeIdentificatie")
    found = [
        (c, z, s)
        for c, z in catalogue.zaaktypen()
        if (zaaktype_uuid is None or z.uuid == zaaktype_uuid)
        and (identificatie is None or z.identificatie == identificatie)
        and keep(z)
        for s in sorted(z.statustypen, key=lambda s: s.volgnummer)
    ]
    return _page(request, base_url, found, lambda czs: statustype_to_response(*czs, urls))


@router.get("/statustypen/{uuid}", summary="Een specifieke STATUSTYPE opvragen.")
async def statustype_read(
    uuid: UUID, request: Request, catalogue: CatalogueDep, urls: UrlsDep
) -> Response:
    found = catalogue.statustype(uuid)
    catalogus = catalogue.catalogus_of(found[0].uuid) if found else None
    if found is None or catalogus is None:
        raise Problem(404)
    return etag_response(request, statustype_to_response(catalogus, *found, urls))
