"""The routes every Catalogi resource has, built from one :class:`Resource` description.

Reads (:mod:`midoffice.gateway.routes.catalogi_reads`) are served from the catalogue
snapshot; create, PUT, PATCH, DELETE and, for zaaktypen, informatieobjecttypen and
besluittypen, ``/publish`` go through the log (:mod:`midoffice.gateway.catalogi_writes`). The
success statuses are the ones the 1.3.1 specification documents for each operation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID, uuid4

from fastapi import APIRouter, Request, Response

from adapters.zgw.catalogi_requests import Written, read_object
from adapters.zgw.urls import ResourceUrls
from autorisaties.rights import ClientRights
from catalogi.lifecycle import GEFORCEERD_SCHRIJVEN, GEFORCEERD_VERWIJDEREN
from catalogi.model import Catalogue
from midoffice.gateway.authorization import RightsDep
from midoffice.gateway.catalogi_writes import Caller, write
from midoffice.gateway.dependencies import CatalogueDep, ClientDep, ContainerDep, UrlsDep
from midoffice.gateway.problems import validation_problem
from midoffice.gateway.routes import catalogi_schema
from midoffice.gateway.routes.catalogi_common import (
    SCHRIJVEN,
    Resource,
    found_or_404,
    require_any,
    ztc,
)
from midoffice.gateway.routes.catalogi_reads import add_read_routes
from midoffice.gateway.submission import read_json
from schemas.catalogi_events import (
    AANGEMAAKT,
    GEPUBLICEERD,
    GEWIJZIGD,
    SOORTEN,
    VERWIJDERD,
    event_type,
)
from schemas.outcome import InvalidParam
from schemas.payloads_catalogi import GepubliceerdV1, VerwijderdV1


def _payload(resource: Resource, written: Written) -> Any:
    soort = next(s for s in SOORTEN if s.name == resource.soort)
    if soort.part:
        return soort.geschreven(zaaktype=written.zaaktype, **{soort.field: written.obj})
    return soort.geschreven(**{soort.field: written.obj})


def add_routes(router: APIRouter, r: Resource) -> None:
    """Register every route of ``r`` on ``router`` (prefix: the Catalogi API root)."""
    add_read_routes(router, r)
    path, detail, op = f"/{r.collection}", f"/{r.collection}/{{uuid}}", r.soort.replace("-", "")
    body_doc = catalogi_schema.body(r.title)

    def renderer(uuid: UUID, urls: ResourceUrls) -> Callable[[Catalogue], dict[str, Any] | None]:
        def render(catalogue: Catalogue) -> dict[str, Any] | None:
            found = r.find(catalogue, uuid)
            return r.render(found, urls) if found is not None else None

        return render

    @router.post(
        path,
        status_code=r.create_status,
        summary=f"Maak een {r.title} aan.",
        operation_id=f"{op}_create",
        openapi_extra=body_doc,
    )
    async def create(
        request: Request,
        container: ContainerDep,
        catalogue: CatalogueDep,
        client: ClientDep,
        rights: RightsDep,
        urls: UrlsDep,
    ) -> Response:
        require_any(rights, ztc(*r.create_scopes))
        new = uuid4()
        written = read_object(r.soort, await read_json(request), catalogue, uuid=new)
        if isinstance(written, list):
            raise validation_problem(written)
        caller = Caller(request, container, client, rights, urls)
        return await write(
            caller,
            event_type=event_type(r.soort, AANGEMAAKT),
            catalogus=written.catalogus,
            payload=_payload(r, written),
            render=renderer(new, urls),
            status=r.create_status,
        )

    async def _update(
        uuid: UUID,
        request: Request,
        container: Any,
        catalogue: Catalogue,
        client: Any,
        rights: ClientRights,
        urls: ResourceUrls,
        partial: bool,
    ) -> Response:
        require_any(rights, ztc(SCHRIJVEN, GEFORCEERD_SCHRIJVEN))
        found = found_or_404(r, catalogue, uuid)
        written = read_object(
            r.soort,
            await read_json(request),
            catalogue,
            uuid=uuid,
            current=found.obj if partial else None,
            catalogus=found.catalogus.uuid,
            zaaktype=found.zaaktype.uuid if found.zaaktype is not None else None,
        )
        if isinstance(written, list):
            raise validation_problem(written)
        if written.catalogus.uuid != found.catalogus.uuid:
            reason = "Een object kan niet naar een andere catalogus verhuizen."
            raise validation_problem([InvalidParam("catalogus", "invalid", reason)])
        caller = Caller(request, container, client, rights, urls)
        return await write(
            caller,
            event_type=event_type(r.soort, GEWIJZIGD),
            catalogus=found.catalogus,
            payload=_payload(r, written),
            render=renderer(uuid, urls),
            status=200,
        )

    @router.put(
        detail,
        summary=f"Werk een {r.title} in zijn geheel bij.",
        operation_id=f"{op}_update",
        openapi_extra=body_doc,
    )
    async def put(
        uuid: UUID,
        request: Request,
        container: ContainerDep,
        catalogue: CatalogueDep,
        client: ClientDep,
        rights: RightsDep,
        urls: UrlsDep,
    ) -> Response:
        return await _update(uuid, request, container, catalogue, client, rights, urls, False)

    @router.patch(
        detail,
        summary=f"Werk een {r.title} deels bij.",
        operation_id=f"{op}_partial_update",
        openapi_extra=body_doc,
    )
    async def patch(
        uuid: UUID,
        request: Request,
        container: ContainerDep,
        catalogue: CatalogueDep,
        client: ClientDep,
        rights: RightsDep,
        urls: UrlsDep,
    ) -> Response:
        return await _update(uuid, request, container, catalogue, client, rights, urls, True)

    @router.delete(
        detail,
        status_code=r.delete_status,
        summary=f"Verwijder een {r.title}.",
        operation_id=f"{op}_destroy",
    )
    async def delete(
        uuid: UUID,
        request: Request,
        container: ContainerDep,
        catalogue: CatalogueDep,
        client: ClientDep,
        rights: RightsDep,
        urls: UrlsDep,
    ) -> Response:
        require_any(rights, ztc(SCHRIJVEN, GEFORCEERD_VERWIJDEREN))
        found = found_or_404(r, catalogue, uuid)
        caller = Caller(request, container, client, rights, urls)
        return await write(
            caller,
            event_type=event_type(r.soort, VERWIJDERD),
            catalogus=found.catalogus,
            payload=VerwijderdV1(uuid=uuid),
            render=lambda _: {},
            status=r.delete_status,
        )

    if not r.publishable:
        return

    @router.post(
        f"{detail}/publish",
        status_code=200,
        summary=f"Publiceer het concept {r.title}.",
        operation_id=f"{op}_publish",
    )
    async def publish(
        uuid: UUID,
        request: Request,
        container: ContainerDep,
        catalogue: CatalogueDep,
        client: ClientDep,
        rights: RightsDep,
        urls: UrlsDep,
    ) -> Response:
        require_any(rights, ztc(SCHRIJVEN))
        found = found_or_404(r, catalogue, uuid)
        caller = Caller(request, container, client, rights, urls)
        return await write(
            caller,
            event_type=event_type(r.soort, GEPUBLICEERD),
            catalogus=found.catalogus,
            payload=GepubliceerdV1(uuid=uuid),
            render=renderer(uuid, urls),
            status=200,
        )
