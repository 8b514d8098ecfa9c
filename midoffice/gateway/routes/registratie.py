"""Atomic registration: ``POST /midoffice/api/v1/zaakregistraties`` (a MidOffice convenience).

Registers a zaak with its rollen, first status and zaakobjecten as ONE intake event
(``zaak-geregistreerd``), all or nothing: either everything exists afterwards (201 with all of
it) or nothing does (400 naming the part that broke a rule, e.g. ``rollen.1.roltype``). Needs
``zaken.aanmaken`` for the zaak's zaaktype and vertrouwelijkheidaanduiding. An
Idempotency-Key makes a retried registration safe.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID, uuid4

from fastapi import APIRouter, Request, Response
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.zgw.registratie import registratie_from_request
from adapters.zgw.rol import rol_to_response
from adapters.zgw.status import status_to_response
from adapters.zgw.urls import MIDOFFICE_ROOT
from adapters.zgw.zaakonderdelen import zaakobject_to_response
from autorisaties.scopes import ZAKEN_AANMAKEN
from midoffice.gateway.authorization import RightsDep
from midoffice.gateway.crs import CONTENT_CRS
from midoffice.gateway.dependencies import CatalogueDep, ClientDep, ContainerDep, UrlsDep
from midoffice.gateway.problems import validation_problem
from midoffice.gateway.routes.zaken_toegang import (
    require_any_scope,
    require_for_zaak,
    require_own_bronorganisatie,
    zaak_envelope,
)
from midoffice.gateway.routes.zaken_weergave import render_zaak
from midoffice.gateway.submission import read_json, submit_and_answer
from schemas.event_types import ZAAK_GEREGISTREERD
from zaakmagazijn import queries, queries_onderdelen, tables
from zaakmagazijn.rules import TIMEZONE

router = APIRouter(prefix=MIDOFFICE_ROOT, tags=["zaakregistraties"])


@router.post(
    "/zaakregistraties",
    status_code=201,
    summary="Registreer een ZAAK met rollen, eerste STATUS en zaakobjecten, in één keer.",
)
async def zaakregistratie_create(
    request: Request, container: ContainerDep, catalogue: CatalogueDep, client: ClientDep,
    urls: UrlsDep, rights: RightsDep,
) -> Response:  # fmt: skip
    """All or nothing: the zaak, its rollen, zaakobjecten and first status."""
    require_any_scope(rights, [ZAKEN_AANMAKEN])
    body = await read_json(request)
    now = dt.datetime.now(TIMEZONE)
    payload = registratie_from_request(
        body, catalogue, zaak_uuid=uuid4(), today=now.date(), now=now
    )
    if isinstance(payload, list):
        raise validation_problem(payload)
    zaak = payload.zaak.model_dump()
    require_for_zaak(rights, [ZAKEN_AANMAKEN], zaak)
    require_own_bronorganisatie(rights, catalogue, payload.zaak.bronorganisatie)
    envelope = await zaak_envelope(request, container, client, rights,
                                   event_type=ZAAK_GEREGISTREERD, payload=payload, zaak=zaak,
                                   subject=payload.zaak.uuid)  # fmt: skip

    async def render(connection: AsyncConnection, zaak_uuid: UUID) -> dict[str, Any] | None:
        row = await queries.get_zaak(connection, zaak_uuid)
        if row is None:
            return None
        body = await render_zaak(connection, row, urls)
        filters = {"zaak": zaak_uuid}
        rollen = await queries_onderdelen.list_onderdelen(
            connection, tables.rol, filters, offset=0, limit=None
        )
        objecten = await queries_onderdelen.list_onderdelen(
            connection, tables.zaakobject, filters, offset=0, limit=None
        )
        status = await queries.get_status(connection, row["status"]) if row["status"] else None
        return {
            "url": body["url"],
            "zaak": body,
            "rollen": [rol_to_response(r, urls) for r in rollen.rows],
            "zaakobjecten": [zaakobject_to_response(o, urls) for o in objecten.rows],
            "status": status_to_response(status, urls) if status is not None else None,
        }

    return await submit_and_answer(request, container, urls, envelope, render, CONTENT_CRS)
