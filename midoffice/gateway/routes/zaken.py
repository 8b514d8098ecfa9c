"""Zaken API 1.5.1: ``/zaken/api/v1/zaken/{uuid}`` and creating a zaak.

Create (``zaken.aanmaken``), read (``zaken.lezen``, with expand), PUT and PATCH
(``zaken.bijwerken`` or ``zaken.geforceerd-bijwerken``) and DELETE (``zaken.verwijderen``), each
for the zaak's zaaktype and vertrouwelijkheidaanduiding. A PUT or PATCH is merged with the
stored zaak and validated whole here; the processor judges what depends on state (zaaktype
unchanged, identificatie unique, closed zaak only with geforceerd-bijwerken). The list and
``_zoek`` are in :mod:`midoffice.gateway.routes.zaken_zoeken`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID, uuid4

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.zgw.urls import ZAKEN_ROOT
from adapters.zgw.zaak import zaak_from_request
from adapters.zgw.zaak_update import zaak_update_from_request
from autorisaties.scopes import (
    ZAKEN_AANMAKEN,
    ZAKEN_BIJWERKEN,
    ZAKEN_GEFORCEERD_BIJWERKEN,
    ZAKEN_LEZEN,
    ZAKEN_VERWIJDEREN,
)
from midoffice.gateway.authorization import RightsDep
from midoffice.gateway.crs import CONTENT_CRS, negotiate_crs
from midoffice.gateway.dependencies import (
    CatalogueDep,
    ClientDep,
    ConnectionDep,
    ContainerDep,
    UrlsDep,
)
from midoffice.gateway.listing import check_query_params
from midoffice.gateway.problems import Problem, validation_problem
from midoffice.gateway.responses import etag_response
from midoffice.gateway.routes.zaken_expand import expand_zaken, parse_expand
from midoffice.gateway.routes.zaken_toegang import (
    require_any_scope,
    require_for_zaak,
    require_own_bronorganisatie,
    zaak_envelope,
)
from midoffice.gateway.routes.zaken_weergave import render_zaak
from midoffice.gateway.submission import read_json, submit_and_answer
from schemas.event_types import ZAAK_GEMUTEERD, ZAAK_GEOPEND, ZAAK_VERWIJDERD
from schemas.outcome import InvalidParam
from schemas.payloads import ZaakVerwijderdV1
from zaakmagazijn import queries
from zaakmagazijn.rules import TIMEZONE

router = APIRouter(prefix=ZAKEN_ROOT, tags=["zaken"], dependencies=[Depends(negotiate_crs)])

BIJWERKEN = (ZAKEN_BIJWERKEN, ZAKEN_GEFORCEERD_BIJWERKEN)


def _renderer(urls: Any) -> Any:
    async def render(connection: AsyncConnection, zaak_uuid: UUID) -> dict[str, Any] | None:
        row = await queries.get_zaak(connection, zaak_uuid)
        return await render_zaak(connection, row, urls) if row is not None else None

    return render


@router.post("/zaken", status_code=201, summary="Maak een ZAAK aan.")
async def zaak_create(
    request: Request, container: ContainerDep, catalogue: CatalogueDep, client: ClientDep,
    urls: UrlsDep, rights: RightsDep,
) -> Response:  # fmt: skip
    """Validate, publish ``zaak-geopend`` and answer with the registered zaak."""
    require_any_scope(rights, [ZAKEN_AANMAKEN])
    body = await read_json(request)
    now = dt.datetime.now(TIMEZONE)
    payload = zaak_from_request(body, catalogue, zaak_uuid=uuid4(), today=now.date(), now=now)
    if isinstance(payload, list):
        raise validation_problem(payload)
    zaak = payload.model_dump()
    require_for_zaak(rights, [ZAKEN_AANMAKEN], zaak)
    require_own_bronorganisatie(rights, catalogue, payload.bronorganisatie)
    envelope = await zaak_envelope(request, container, client, rights, event_type=ZAAK_GEOPEND,
                                   payload=payload, zaak=zaak, subject=payload.uuid)  # fmt: skip
    return await submit_and_answer(
        request, container, urls, envelope, _renderer(urls), CONTENT_CRS
    )


@router.get("/zaken/{uuid}", summary="Een specifieke ZAAK opvragen.")
async def zaak_read(
    uuid: UUID, request: Request, connection: ConnectionDep, urls: UrlsDep, rights: RightsDep,
    container: ContainerDep,
) -> Response:  # fmt: skip
    """The zaak (403 when the client may not read it), optionally with ``expand``."""
    require_any_scope(rights, [ZAKEN_LEZEN])
    check_query_params(request, {"expand"})
    problems: list[InvalidParam] = []
    paths = parse_expand(request.query_params.get("expand", ""), problems)
    if problems:
        raise validation_problem(problems)
    row = await queries.get_zaak(connection, uuid)
    if row is None:
        raise Problem(404)
    require_for_zaak(rights, [ZAKEN_LEZEN], row)
    body = await render_zaak(connection, row, urls)
    if paths:
        await expand_zaken(connection, [body], paths, urls, rights, container.catalogue)
    return etag_response(request, body, CONTENT_CRS)


async def _update(
    uuid: UUID, request: Request, container: Any, catalogue: Any, client: Any, urls: Any,
    rights: Any, *, partial: bool,
) -> Response:  # fmt: skip
    require_any_scope(rights, BIJWERKEN)
    async with container.reads.connect() as connection:
        row = await queries.get_zaak(connection, uuid)
    if row is None:
        raise Problem(404)
    require_for_zaak(rights, BIJWERKEN, row)
    body = await read_json(request)
    now = dt.datetime.now(TIMEZONE)
    payload = zaak_update_from_request(body, row, catalogue, partial=partial, now=now)
    if isinstance(payload, list):
        raise validation_problem(payload)
    zaak = payload.model_dump()
    if str(payload.vertrouwelijkheidaanduiding) != row["vertrouwelijkheidaanduiding"]:
        require_for_zaak(rights, BIJWERKEN, zaak)  # may the client reach the new aanduiding?
    if payload.bronorganisatie != row["bronorganisatie"]:
        require_own_bronorganisatie(rights, catalogue, payload.bronorganisatie)
    envelope = await zaak_envelope(request, container, client, rights, event_type=ZAAK_GEMUTEERD,
                                   payload=payload, zaak=row, subject=uuid)  # fmt: skip
    return await submit_and_answer(
        request, container, urls, envelope, _renderer(urls), CONTENT_CRS, status_code=200
    )


@router.put("/zaken/{uuid}", summary="Werk een ZAAK in zijn geheel bij.")
async def zaak_update(
    uuid: UUID, request: Request, container: ContainerDep, catalogue: CatalogueDep,
    client: ClientDep, urls: UrlsDep, rights: RightsDep,
) -> Response:  # fmt: skip
    """Replace the zaak's attributes (``zaak-gemuteerd``)."""
    return await _update(uuid, request, container, catalogue, client, urls, rights, partial=False)


@router.patch("/zaken/{uuid}", summary="Werk een ZAAK deels bij.")
async def zaak_partial_update(
    uuid: UUID, request: Request, container: ContainerDep, catalogue: CatalogueDep,
    client: ClientDep, urls: UrlsDep, rights: RightsDep,
) -> Response:  # fmt: skip
    """Change some of the zaak's attributes (``zaak-gemuteerd``)."""
    return await _update(uuid, request, container, catalogue, client, urls, rights, partial=True)


@router.delete("/zaken/{uuid}", status_code=204, summary="Verwijder een ZAAK.")
async def zaak_destroy(
    uuid: UUID, request: Request, container: ContainerDep, client: ClientDep, urls: UrlsDep,
    rights: RightsDep,
) -> Response:  # fmt: skip
    """Delete the zaak with its statussen, parts and audit trail (``zaak-verwijderd``)."""
    require_any_scope(rights, [ZAKEN_VERWIJDEREN])
    async with container.reads.connect() as connection:
        row = await queries.get_zaak(connection, uuid)
    if row is None:
        raise Problem(404)
    require_for_zaak(rights, [ZAKEN_VERWIJDEREN], row)
    envelope = await zaak_envelope(request, container, client, rights,
                                   event_type=ZAAK_VERWIJDERD, payload=ZaakVerwijderdV1(uuid=uuid),
                                   zaak=row, subject=uuid)  # fmt: skip
    return await submit_and_answer(
        request, container, urls, envelope, _renderer(urls), CONTENT_CRS, status_code=204
    )
