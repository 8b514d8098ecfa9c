"""Zaken API 1.5.1: ``/zaken/api/v1/statussen`` (create, list, read).

Creating needs ``zaken.aanmaken``, ``zaken.statussen.toevoegen`` or ``zaken.heropenen`` for the
zaak; which of them suffices depends on the zaak's state (a first status, a closed zaak) and
is for the processor to judge. Reading needs ``zaken.lezen`` for the zaak.
"""

from __future__ import annotations

from typing import Any, Final
from uuid import UUID, uuid4

from fastapi import APIRouter, Request, Response
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.zgw.status import status_from_request, status_to_response
from adapters.zgw.urls import STATUSTYPEN, ZAKEN, ZAKEN_ROOT, is_http_url, parse_resource_url
from autorisaties.scopes import (
    ZAKEN_AANMAKEN,
    ZAKEN_HEROPENEN,
    ZAKEN_LEZEN,
    ZAKEN_STATUSSEN_TOEVOEGEN,
)
from midoffice.gateway.authorization import RightsDep
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
from midoffice.gateway.responses import FastJSONResponse, etag_response
from midoffice.gateway.routes.zaken_toegang import (
    readable,
    require_any_scope,
    require_for_zaak,
    zaak_envelope,
)
from midoffice.gateway.submission import read_json, submit_and_answer
from schemas.event_types import ZAAKSTATUS_GEWIJZIGD
from schemas.outcome import InvalidParam
from zaakmagazijn import queries

router = APIRouter(prefix=ZAKEN_ROOT, tags=["statussen"])

TOEVOEGEN: Final = (ZAKEN_AANMAKEN, ZAKEN_STATUSSEN_TOEVOEGEN, ZAKEN_HEROPENEN)
LIST_PARAMETERS: Final = frozenset({"zaak", "statustype", "indicatieLaatstGezetteStatus", "page"})
_NOTHING: Final = UUID(int=0)  # a URL of another registry matches nothing here


@router.post("/statussen", status_code=201, summary="Maak een STATUS aan voor een ZAAK.")
async def status_create(
    request: Request, container: ContainerDep, catalogue: CatalogueDep, client: ClientDep,
    urls: UrlsDep, rights: RightsDep,
) -> Response:  # fmt: skip
    """Validate, publish ``zaakstatus-gewijzigd`` and answer with the status that was set.

    A client with all autorisaties may set a status on a zaak not yet in the zaakmagazijn (it
    may still be on the log); the tenant is then the rsin of the catalogus of the statustype.
    Any other client needs the zaak to be readable here, to check its autorisaties.
    """
    require_any_scope(rights, TOEVOEGEN)
    body = await read_json(request)
    payload = status_from_request(body, catalogue, status_uuid=uuid4())
    if isinstance(payload, list):
        raise validation_problem(payload)
    async with container.reads.connect() as connection:
        zaak = await queries.get_zaak(connection, payload.zaak)
    if zaak is None:
        if not rights.heeft_alle_autorisaties:
            reason = "Ongeldige hyperlink - Object bestaat niet."
            raise validation_problem([InvalidParam("zaak", "does_not_exist", reason)])
        found = catalogue.statustype(payload.statustype)
        catalogus = catalogue.catalogus_of(found[0].uuid) if found else None
        zaak = {
            "bronorganisatie": catalogus.rsin if catalogus else "",
            "zaaktype": found[0].uuid if found else None,
            "vertrouwelijkheidaanduiding": "zeer_geheim",
        }
    else:
        require_for_zaak(rights, TOEVOEGEN, zaak)
    envelope = await zaak_envelope(request, container, client, rights,
                                   event_type=ZAAKSTATUS_GEWIJZIGD, payload=payload, zaak=zaak,
                                   subject=payload.zaak)  # fmt: skip

    async def render(connection: AsyncConnection, status_uuid: UUID) -> dict[str, Any] | None:
        row = await queries.get_status(connection, status_uuid)
        return status_to_response(row, urls) if row is not None else None

    return await submit_and_answer(request, container, urls, envelope, render)


@router.get("/statussen", summary="Alle STATUSsen bij ZAAKen opvragen.")
async def status_list(
    request: Request, connection: ConnectionDep, urls: UrlsDep, base_url: BaseUrlDep,
    rights: RightsDep,
) -> Response:  # fmt: skip
    """Statussen of zaken the client may read, by zaak, statustype, indicatieLaatstGezetteStatus."""
    require_any_scope(rights, [ZAKEN_LEZEN])
    check_query_params(request, LIST_PARAMETERS)
    filters = _filters(request)
    page = page_number(request)
    found = await queries.list_statussen(
        connection, filters, offset=offset_of(page), limit=PAGE_SIZE, visibility=readable(rights)
    )
    results = [status_to_response(row, urls) for row in found.rows]
    return FastJSONResponse(paginated(request, base_url, page, found.count, results))


@router.get("/statussen/{uuid}", summary="Een specifieke STATUS van een ZAAK opvragen.")
async def status_read(
    uuid: UUID, request: Request, connection: ConnectionDep, urls: UrlsDep, rights: RightsDep
) -> Response:
    require_any_scope(rights, [ZAKEN_LEZEN])
    row = await queries.get_status(connection, uuid)
    if row is None:
        raise Problem(404)
    require_for_zaak(rights, [ZAKEN_LEZEN], row)
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
