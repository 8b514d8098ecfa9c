"""Zaken API 1.5.1: the parts of a zaak. ``/rollen``, ``/resultaten``, ``/zaakobjecten``,
``/zaakinformatieobjecten``, ``/klantcontacten`` and ``/zaken/{zaak_uuid}/zaakeigenschappen``,
each with the operations and scopes the specification gives it.

One description per resource (:class:`Resource`); :func:`register` builds its routes. Writes
need the zaak in the zaakmagazijn (its zaaktype and vertrouwelijkheidaanduiding decide the
autorisatie) and go through the log as ``<part>-toegevoegd``, ``-gewijzigd`` or
``-verwijderd``; a PATCH is merged with the stored part first. Reads are limited to zaken the
client may read with ``zaken.lezen``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final
from uuid import UUID, uuid4

from fastapi import APIRouter, Request, Response
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.zgw.referenties import merged
from adapters.zgw.urls import ZAKEN_ROOT
from autorisaties.rights import ClientRights
from autorisaties.scopes import ZAKEN_LEZEN
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
)
from midoffice.gateway.problems import Problem, validation_problem
from midoffice.gateway.responses import FastJSONResponse, etag_response
from midoffice.gateway.routes.onderdelen_filters import QueryFilter, parse_filters
from midoffice.gateway.routes.zaken_toegang import (
    readable,
    require_any_scope,
    require_for_zaak,
    zaak_envelope,
)
from midoffice.gateway.submission import read_json, submit_and_answer
from schemas.outcome import InvalidParam
from schemas.zaakonderdelen import OnderdeelVerwijderdV1
from zaakmagazijn import queries, queries_onderdelen
from zaakmagazijn.onderdelen import ONDERDELEN

FromRequest = Callable[..., Any]
ToResponse = Callable[[Mapping[str, Any], Any], dict[str, Any]]
ZAAK_MISMATCH: Final = "zaak-mismatch"


@dataclass(frozen=True)
class Resource:
    """One part of a zaak as the Zaken API serves it."""

    collection: str  # "rollen"; for a nested resource the path below the zaak
    resource: str  # the zaakmagazijn part ("rol")
    naam: str  # for summaries: "ROL"
    from_request: FromRequest
    to_response: ToResponse
    filters: Mapping[str, QueryFilter]
    create: tuple[str, ...]
    update: tuple[str, ...] | None
    destroy: tuple[str, ...] | None
    paginated: bool = True
    nested: bool = False  # below /zaken/{zaak_uuid}/


def _events(resource: str) -> dict[str, str]:
    return {actie: event for event, actie in ONDERDELEN[resource].events.items()}


async def _stored(container: Any, spec: Resource, uuid: UUID, zaak: UUID | None) -> Any:
    async with container.reads.connect() as connection:
        row = await queries_onderdelen.get_onderdeel(connection, ONDERDELEN[spec.resource].table,
                                                     uuid)  # fmt: skip
    if row is None or (zaak is not None and row["zaak"] != zaak):
        raise Problem(404)
    return row


def _renderer(spec: Resource, urls: Any) -> Any:
    async def render(connection: AsyncConnection, part: UUID) -> dict[str, Any] | None:
        table = ONDERDELEN[spec.resource].table
        row = await queries_onderdelen.get_onderdeel(connection, table, part)
        return spec.to_response(row, urls) if row is not None else None

    return render


async def _write(
    spec: Resource, request: Request, container: Any, catalogue: Any, client: Any, urls: Any,
    rights: ClientRights, *, part: UUID, zaak_uuid: UUID | None, actie: str, partial: bool,
) -> Response:  # fmt: skip
    scopes = {"create": spec.create, "update": spec.update}[actie] or ()
    require_any_scope(rights, scopes)
    stored = await _stored(container, spec, part, zaak_uuid) if actie == "update" else None
    if stored is not None:
        require_for_zaak(rights, scopes, stored)
    body = await read_json(request)
    current = spec.to_response(stored, urls) if stored is not None else {}
    payload = spec.from_request(merged(body, current, partial), catalogue, part_uuid=part)
    if isinstance(payload, list):
        raise validation_problem(payload)
    if zaak_uuid is not None and payload.zaak != zaak_uuid:
        reason = "De zaak in het verzoek is niet de zaak van het pad."
        raise validation_problem([InvalidParam("zaak", ZAAK_MISMATCH, reason)])
    async with container.reads.connect() as connection:
        zaak = await queries.get_zaak(connection, payload.zaak)
    if zaak is None:
        reason = "Ongeldige hyperlink - Object bestaat niet."
        raise validation_problem([InvalidParam("zaak", "does_not_exist", reason)])
    require_for_zaak(rights, scopes, zaak)
    envelope = await zaak_envelope(request, container, client, rights,
                                   event_type=_events(spec.resource)[actie], payload=payload,
                                   zaak=zaak, subject=payload.zaak)  # fmt: skip
    status = 201 if actie == "create" else 200
    return await submit_and_answer(request, container, urls, envelope, _renderer(spec, urls),
                                   status_code=status)  # fmt: skip


def _zaak_uuid(request: Request) -> UUID | None:
    """The zaak of a nested path (``/zaken/{zaak_uuid}/...``); 404 for a malformed one."""
    raw = request.path_params.get("zaak_uuid")
    if raw is None:
        return None
    try:
        return UUID(str(raw))
    except ValueError:
        raise Problem(404) from None


def register(router: APIRouter, spec: Resource) -> None:
    """Add the routes of ``spec`` to ``router``."""
    base = f"/zaken/{{zaak_uuid}}/{spec.collection}" if spec.nested else f"/{spec.collection}"
    table = ONDERDELEN[spec.resource].table
    allowed = {*spec.filters, "page"} if spec.paginated else set(spec.filters)

    async def list_parts(
        request: Request, connection: ConnectionDep, urls: UrlsDep, base_url: BaseUrlDep,
        rights: RightsDep,
    ) -> Response:  # fmt: skip
        zaak_uuid = _zaak_uuid(request)
        require_any_scope(rights, [ZAKEN_LEZEN])
        check_query_params(request, allowed)
        filters = parse_filters(request, spec.filters)
        if zaak_uuid is not None:
            filters["zaak"] = zaak_uuid
        page = page_number(request) if spec.paginated else 1
        found = await queries_onderdelen.list_onderdelen(
            connection, table, filters, offset=offset_of(page),
            limit=PAGE_SIZE if spec.paginated else None, visibility=readable(rights),
        )  # fmt: skip
        results = [spec.to_response(row, urls) for row in found.rows]
        if not spec.paginated:
            return FastJSONResponse(results)
        return FastJSONResponse(paginated(request, base_url, page, found.count, results))

    async def read_part(
        uuid: UUID, request: Request, container: ContainerDep, urls: UrlsDep, rights: RightsDep,
    ) -> Response:  # fmt: skip
        require_any_scope(rights, [ZAKEN_LEZEN])
        row = await _stored(container, spec, uuid, _zaak_uuid(request))
        require_for_zaak(rights, [ZAKEN_LEZEN], row)
        return etag_response(request, spec.to_response(row, urls))

    async def create_part(
        request: Request, container: ContainerDep, catalogue: CatalogueDep, client: ClientDep,
        urls: UrlsDep, rights: RightsDep,
    ) -> Response:  # fmt: skip
        return await _write(spec, request, container, catalogue, client, urls, rights,
                            part=uuid4(), zaak_uuid=_zaak_uuid(request), actie="create",
                            partial=False)  # fmt: skip

    async def update_part(
        uuid: UUID, request: Request, container: ContainerDep, catalogue: CatalogueDep,
        client: ClientDep, urls: UrlsDep, rights: RightsDep,
    ) -> Response:  # fmt: skip
        partial = request.method == "PATCH"
        return await _write(spec, request, container, catalogue, client, urls, rights,
                            part=uuid, zaak_uuid=_zaak_uuid(request), actie="update",
                            partial=partial)  # fmt: skip

    async def destroy_part(
        uuid: UUID, request: Request, container: ContainerDep, client: ClientDep,
        urls: UrlsDep, rights: RightsDep,
    ) -> Response:  # fmt: skip
        scopes = spec.destroy or ()
        require_any_scope(rights, scopes)
        row = await _stored(container, spec, uuid, _zaak_uuid(request))
        require_for_zaak(rights, scopes, row)
        payload = OnderdeelVerwijderdV1(uuid=uuid, zaak=row["zaak"])
        envelope = await zaak_envelope(request, container, client, rights,
                                       event_type=_events(spec.resource)["destroy"],
                                       payload=payload, zaak=row, subject=row["zaak"])  # fmt: skip
        return await submit_and_answer(request, container, urls, envelope,
                                       _renderer(spec, urls), status_code=204)  # fmt: skip

    naam, op = spec.naam, spec.resource
    detail = f"{base}/{{uuid}}"
    routes: list[tuple[str, Any, str, str, int | None, str]] = [
        (base, list_parts, "GET", f"{op}_list", None, f"Alle {naam}en opvragen."),
        (base, create_part, "POST", f"{op}_create", 201, f"Maak een {naam} aan."),
        (detail, read_part, "GET", f"{op}_retrieve", None, f"Een specifieke {naam} opvragen."),
    ]
    if spec.update is not None:
        routes += [
            (detail, update_part, "PUT", f"{op}_update", None, f"Werk een {naam} bij."),
            (detail, update_part, "PATCH", f"{op}_partial_update", None,
             f"Werk een {naam} deels bij."),
        ]  # fmt: skip
    if spec.destroy is not None:
        routes.append((detail, destroy_part, "DELETE", f"{op}_destroy", 204,
                       f"Verwijder een {naam}."))  # fmt: skip
    for path, endpoint, method, operation_id, status, summary in routes:
        router.add_api_route(path, endpoint, methods=[method], operation_id=operation_id,
                             status_code=status, summary=summary)  # fmt: skip


def build_router(resources: tuple[Resource, ...]) -> APIRouter:
    """A router with the routes of every resource."""
    router = APIRouter(prefix=ZAKEN_ROOT, tags=["zaken"])
    for spec in resources:
        register(router, spec)
    return router
