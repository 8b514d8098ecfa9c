"""Autorisaties API 1.0: ``/autorisaties/api/v1/applicaties`` (list, read, consumer, create,
update, partial update, delete).

Scopes as the standard (and Open Zaak) require them: ``autorisaties.lezen`` for the reads,
``autorisaties.bijwerken`` for the writes; ``bijwerken`` alone does not grant reading, so a
provisioning client can be kept from seeing other applicaties. Both are untyped (component
``ac``): whoever holds them sees, resp. administers, the applicaties of every municipality.

Writes go through the intake like every other write: the gateway checks what it can,
publishes ``applicatie-aangemaakt / -gewijzigd / -verwijderd`` with the secret encrypted, and
waits for the autorisaties processor's decision (201/200/204, 400 with invalidParams, or 202
with a poll link).
"""

from __future__ import annotations

from typing import Any, Final
from uuid import UUID, uuid4

import structlog
from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from adapters.zgw.urls import ResourceUrls
from autorisaties import queries, rules
from autorisaties.registry import ApplicatieClients
from autorisaties.rights import Component
from autorisaties.scopes import AUTORISATIES_BIJWERKEN, AUTORISATIES_LEZEN
from autorisaties.zgw import (
    AUTORISATIES_ROOT,
    applicatie_from_request,
    applicatie_to_response,
)
from midoffice.container import Container
from midoffice.gateway.auth import authenticated_client
from midoffice.gateway.authorization import RightsDep, require_scope
from midoffice.gateway.dependencies import BaseUrlDep, ClientDep, ConnectionDep, ContainerDep
from midoffice.gateway.listing import (
    PAGE_SIZE,
    check_query_params,
    offset_of,
    page_number,
    paginated,
)
from midoffice.gateway.problems import Problem, validation_problem
from midoffice.gateway.responses import etag_response
from midoffice.gateway.submission import build_envelope, read_json, wants_async
from schemas.autorisaties_events import (
    APPLICATIE_AANGEMAAKT,
    APPLICATIE_GEWIJZIGD,
    APPLICATIE_VERWIJDERD,
)
from schemas.envelope import Envelope
from schemas.outcome import InvalidParam, Rejected
from schemas.payloads_autorisaties import (
    ApplicatieAangemaaktV1,
    ApplicatieGewijzigdV1,
    ApplicatieVerwijderdV1,
)

router = APIRouter(prefix=AUTORISATIES_ROOT, tags=["applicaties"],
                   dependencies=[Depends(authenticated_client)])  # fmt: skip

LIST_PARAMETERS: Final = frozenset({"clientIds", "page"})
log = structlog.get_logger(__name__)


def _registry(request: Request) -> ApplicatieClients:
    registry = request.app.state.client_registry
    if not isinstance(registry, ApplicatieClients):
        raise Problem(503, code="unavailable", detail="Applicaties zijn hier niet beschikbaar.")
    return registry


def _not_found(identifier: UUID) -> Problem:
    return Problem(404, detail=f"Applicatie {identifier} bestaat niet.")


def _fields(body: Any, *, partial: bool) -> dict[str, Any]:
    fields = applicatie_from_request(body, partial=partial)
    if isinstance(fields, list):
        raise validation_problem(fields)
    return fields


async def _publish(
    request: Request,
    container: Container,
    client: ClientDep,
    base_url: str,
    event_type: str,
    subject: UUID,
    payload: BaseModel,
) -> Envelope | Response:
    """Publish and wait; the envelope when accepted, else the 202 response. Raises the
    processor's rejection as a problem."""
    envelope = build_envelope(request, container, client, event_type=event_type,
                              subject=subject, payload=payload, tenant="")  # fmt: skip
    await container.intake.submit(envelope)
    log.info("intake_submitted", event_id=str(envelope.id), event_type=event_type,
             applicatie=str(subject), client_id=client.client_id)  # fmt: skip
    poll = {"Location": ResourceUrls(base_url).verwerking(envelope.id)}
    pending: dict[str, Any] = {"status": "pending", "url": None, "invalidParams": []}
    if wants_async(request):
        return JSONResponse(pending, 202, headers={**poll, "Preference-Applied": "respond-async"})
    outcome = await container.intake.wait(envelope.id, container.settings.outcome_timeout_seconds)
    if outcome is None:
        return JSONResponse(pending, 202, headers=poll)
    if isinstance(outcome, Rejected):
        if outcome.code == "not_found":
            raise _not_found(subject)
        problem = validation_problem(outcome.invalid_params)
        problem.code, problem.title = outcome.code, outcome.title
        raise problem
    _registry(request).invalidate()
    return envelope


async def _answer(container: Container, base: str, identifier: UUID, status: int) -> Response:
    async with container.reads.connect() as conn:
        found = await queries.get(conn, identifier)
    if found is None:
        raise _not_found(identifier)
    body = applicatie_to_response(found, base)
    headers = {"Location": body["url"]} if status == 201 else {}
    return JSONResponse(body, status_code=status, headers=headers)


@router.get("/applicaties", summary="Alle APPLICATIEs opvragen.")
async def applicatie_list(
    request: Request, rights: RightsDep, connection: ConnectionDep, base_url: BaseUrlDep
) -> JSONResponse:
    """Live applicaties; ``clientIds`` (comma-separated) keeps those holding one of them."""
    require_scope(rights, Component.ac, AUTORISATIES_LEZEN)
    check_query_params(request, LIST_PARAMETERS)
    page = page_number(request)
    raw = request.query_params.get("clientIds", "")
    client_ids = [c.strip() for c in raw.split(",") if c.strip()]
    count, found = await queries.page(connection, client_ids=client_ids, offset=offset_of(page),
                                      limit=PAGE_SIZE)  # fmt: skip
    results = [applicatie_to_response(app, base_url) for app in found]
    return JSONResponse(paginated(request, base_url, page, count, results))


@router.get("/applicaties/consumer", summary="Vraag een APPLICATIE op, op basis van clientId.")
async def applicatie_consumer(
    request: Request, rights: RightsDep, connection: ConnectionDep, base_url: BaseUrlDep
) -> Response:
    """The applicatie that holds the ``clientId`` of the query string."""
    require_scope(rights, Component.ac, AUTORISATIES_LEZEN)
    check_query_params(request, {"clientId"})
    client_id = request.query_params.get("clientId", "").strip()
    found = await queries.by_client_id(connection, client_id) if client_id else None
    if found is None:
        raise Problem(404, detail="Geen applicatie met deze clientId.")
    return etag_response(request, applicatie_to_response(found, base_url))


@router.get("/applicaties/{uuid}", summary="Een specifieke APPLICATIE opvragen.")
async def applicatie_read(
    request: Request, uuid: UUID, rights: RightsDep, connection: ConnectionDep, base_url: BaseUrlDep
) -> Response:
    require_scope(rights, Component.ac, AUTORISATIES_LEZEN)
    found = await queries.get(connection, uuid)
    if found is None:
        raise _not_found(uuid)
    return etag_response(request, applicatie_to_response(found, base_url))


@router.post("/applicaties", status_code=201, summary="Registreer een APPLICATIE.")
async def applicatie_create(
    request: Request, container: ContainerDep, client: ClientDep, rights: RightsDep,
    base_url: BaseUrlDep,
) -> Response:  # fmt: skip
    """Validate, encrypt the secret, publish ``applicatie-aangemaakt``; 201 when accepted."""
    require_scope(rights, Component.ac, AUTORISATIES_BIJWERKEN)
    fields = _fields(await read_json(request), partial=False)
    secret = fields.pop("secret", None)
    problems = rules.check_client_ids(fields["clientIds"]) + rules.check_autorisaties(
        fields.get("heeftAlleAutorisaties", False), fields.get("autorisaties", [])
    )
    if not secret:
        problems.append(InvalidParam("secret", "required", "Dit veld is vereist."))
    if problems:
        raise validation_problem(problems)
    identifier = uuid4()
    payload = ApplicatieAangemaaktV1(
        uuid=identifier, encryptedSecret=_registry(request).box.encrypt(secret), **fields
    )
    done = await _publish(
        request, container, client, base_url, APPLICATIE_AANGEMAAKT, identifier, payload
    )
    if isinstance(done, Response):
        return done
    return await _answer(container, base_url, identifier, 201)


async def _update(
    request: Request, uuid: UUID, container: Container, client: ClientDep, rights: RightsDep,
    base_url: str, *, partial: bool,
) -> Response:  # fmt: skip
    require_scope(rights, Component.ac, AUTORISATIES_BIJWERKEN)
    async with container.reads.connect() as conn:
        if await queries.get(conn, uuid) is None:
            raise _not_found(uuid)
    fields = _fields(await read_json(request), partial=partial)
    secret = fields.pop("secret", None)
    if not partial:
        fields.setdefault("heeftAlleAutorisaties", False)
        fields.setdefault("autorisaties", [])
    encrypted = _registry(request).box.encrypt(secret) if secret else None
    payload = ApplicatieGewijzigdV1(uuid=uuid, encryptedSecret=encrypted, **fields)
    done = await _publish(request, container, client, base_url, APPLICATIE_GEWIJZIGD, uuid, payload)
    if isinstance(done, Response):
        return done
    return await _answer(container, base_url, uuid, 200)


@router.put("/applicaties/{uuid}", summary="Werk een APPLICATIE in zijn geheel bij.")
async def applicatie_update(
    request: Request, uuid: UUID, container: ContainerDep, client: ClientDep, rights: RightsDep,
    base_url: BaseUrlDep,
) -> Response:  # fmt: skip
    """Replace clientIds, label and autorisaties; the secret only when one is given."""
    return await _update(request, uuid, container, client, rights, base_url, partial=False)


@router.patch("/applicaties/{uuid}", summary="Werk een APPLICATIE deels bij.")
async def applicatie_partial_update(
    request: Request, uuid: UUID, container: ContainerDep, client: ClientDep, rights: RightsDep,
    base_url: BaseUrlDep,
) -> Response:  # fmt: skip
    """Change the given fields; the processor merges them with the current state."""
    return await _update(request, uuid, container, client, rights, base_url, partial=True)


@router.delete("/applicaties/{uuid}", status_code=204, summary="Verwijder een APPLICATIE.")
async def applicatie_delete(
    request: Request, uuid: UUID, container: ContainerDep, client: ClientDep, rights: RightsDep,
    base_url: BaseUrlDep,
) -> Response:  # fmt: skip
    """Publish ``applicatie-verwijderd``; 204 when accepted. Its client_ids stop working."""
    require_scope(rights, Component.ac, AUTORISATIES_BIJWERKEN)
    async with container.reads.connect() as conn:
        if await queries.get(conn, uuid) is None:
            raise _not_found(uuid)
    payload = ApplicatieVerwijderdV1(uuid=uuid)
    done = await _publish(
        request, container, client, base_url, APPLICATIE_VERWIJDERD, uuid, payload
    )
    return done if isinstance(done, Response) else Response(status_code=204)
