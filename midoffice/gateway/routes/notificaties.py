"""Notificaties API 1.0 at ``/notificaties/api/v1``: ``kanaal`` (list, read, create) and
``abonnement`` (list, read, create, update, partial update, delete).

Scopes (component ``nrc``) as the standard names them: reads need ``notificaties.consumeren``
or ``notificaties.publiceren``, kanaal writes ``notificaties.publiceren``, abonnement writes
``notificaties.consumeren``. An abonnement belongs to the client that created it: a client
lists, reads, changes and deletes only its own (they hold its ``auth`` secret); a client with
``heeftAlleAutorisaties`` sees all. Writes are intake events decided by the notificaties
processor, as every write in the MidOffice.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

import structlog
from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from autorisaties.rights import ClientRights, Component
from autorisaties.scopes import NOTIFICATIES_CONSUMEREN, NOTIFICATIES_PUBLICEREN
from autorisaties.secretbox import SecretBox
from midoffice.gateway.auth import authenticated_client
from midoffice.gateway.authorization import RightsDep, forbidden
from midoffice.gateway.dependencies import BaseUrlDep, ClientDep, ConnectionDep, ContainerDep
from midoffice.gateway.listing import check_query_params
from midoffice.gateway.problems import Problem, validation_problem
from midoffice.gateway.submission import build_envelope, read_json
from midoffice.roles.autorisaties import secret_box
from notificaties import queries, rules
from notificaties.zgw import (
    NOTIFICATIES_ROOT,
    abonnement_from_request,
    abonnement_to_response,
    kanaal_from_request,
    kanaal_to_response,
)
from schemas.notificaties_events import (
    ABONNEMENT_AANGEMAAKT,
    ABONNEMENT_GEWIJZIGD,
    ABONNEMENT_VERWIJDERD,
    KANAAL_AANGEMAAKT,
)
from schemas.outcome import Rejected
from schemas.payloads_notificaties import (
    AbonnementV1,
    AbonnementVerwijderdV1,
    KanaalAangemaaktV1,
    OAuth2ClientCredentialsV1,
)

router = APIRouter(
    prefix=NOTIFICATIES_ROOT, tags=["notificaties"], dependencies=[Depends(authenticated_client)]
)
log = structlog.get_logger(__name__)


def _require_any(rights: ClientRights, *scopes: str) -> None:
    if not any(rights.has_scope(Component.nrc, scope) for scope in scopes):
        raise forbidden(f"De client heeft geen van de scopes {', '.join(scopes)}.")


def _box(request: Request) -> SecretBox:
    box = getattr(request.app.state.client_registry, "box", None)
    return box if isinstance(box, SecretBox) else secret_box(request.app.state.container.settings)


def _allow_private(request: Request) -> bool:
    settings = request.app.state.container.settings
    configured = settings.push.allow_private_targets
    return settings.demo_client_active if configured is None else configured


async def _publish(
    request: Request,
    container: Any,
    client: ClientDep,
    event_type: str,
    subject: UUID,
    payload: BaseModel,
) -> None:
    envelope = build_envelope(
        request,
        container,
        client,
        event_type=event_type,
        subject=subject,
        payload=payload,
        tenant="",
    )
    await container.intake.submit(envelope)
    log.info(
        "intake_submitted",
        event_id=str(envelope.id),
        event_type=event_type,
        client_id=client.client_id,
    )
    outcome = await container.intake.wait(envelope.id, container.settings.outcome_timeout_seconds)
    if outcome is None:
        raise Problem(503, code="timeout", detail="De wijziging is nog niet verwerkt.")
    if isinstance(outcome, Rejected):
        if outcome.code == "not_found":
            raise Problem(404, detail="Niet gevonden.")
        raise validation_problem(outcome.invalid_params)


def _mine(rights: ClientRights, abonnement: queries.Abonnement | None) -> queries.Abonnement:
    if abonnement is None or not (
        rights.heeft_alle_autorisaties or abonnement.client_id == rights.client_id
    ):
        raise Problem(404, detail="Niet gevonden.")
    return abonnement


@router.get("/kanaal", summary="Alle KANAALen opvragen.")
async def kanaal_list(
    request: Request, rights: RightsDep, connection: ConnectionDep, base_url: BaseUrlDep
) -> JSONResponse:
    _require_any(rights, NOTIFICATIES_PUBLICEREN, NOTIFICATIES_CONSUMEREN)
    check_query_params(request, {"naam"})
    found = await queries.kanalen(connection, request.query_params.get("naam"))
    return JSONResponse([kanaal_to_response(k, base_url) for k in found])


@router.get("/kanaal/{uuid}", summary="Een specifiek KANAAL opvragen.")
async def kanaal_read(
    uuid: UUID, rights: RightsDep, connection: ConnectionDep, base_url: BaseUrlDep
) -> JSONResponse:
    _require_any(rights, NOTIFICATIES_PUBLICEREN, NOTIFICATIES_CONSUMEREN)
    found = await queries.kanaal_by_uuid(connection, uuid)
    if found is None:
        raise Problem(404, detail="Niet gevonden.")
    return JSONResponse(kanaal_to_response(found, base_url))


@router.post("/kanaal", status_code=201, summary="Maak een KANAAL aan.")
async def kanaal_create(
    request: Request,
    container: ContainerDep,
    client: ClientDep,
    rights: RightsDep,
    base_url: BaseUrlDep,
) -> JSONResponse:
    _require_any(rights, NOTIFICATIES_PUBLICEREN)
    fields = kanaal_from_request(await read_json(request))
    if isinstance(fields, list):
        raise validation_problem(fields)
    identifier = uuid4()
    payload = KanaalAangemaaktV1(uuid=identifier, **fields)
    await _publish(request, container, client, KANAAL_AANGEMAAKT, identifier, payload)
    async with container.reads.connect() as conn:
        found = await queries.kanaal_by_uuid(conn, identifier)
    assert found is not None
    body = kanaal_to_response(found, base_url)
    return JSONResponse(body, 201, headers={"Location": body["url"]})


@router.get("/abonnement", summary="Alle ABONNEMENTen opvragen.")
async def abonnement_list(
    request: Request, rights: RightsDep, connection: ConnectionDep, base_url: BaseUrlDep
) -> JSONResponse:
    _require_any(rights, NOTIFICATIES_CONSUMEREN, NOTIFICATIES_PUBLICEREN)
    check_query_params(request, set())
    box = _box(request)
    found = [
        abonnement_to_response(a, box.decrypt(a.encrypted_auth), base_url)
        for a in await queries.live_abonnementen(connection)
        if rights.heeft_alle_autorisaties or a.client_id == rights.client_id
    ]
    return JSONResponse(found)


@router.get("/abonnement/{uuid}", summary="Een specifiek ABONNEMENT opvragen.")
async def abonnement_read(
    request: Request, uuid: UUID, rights: RightsDep, connection: ConnectionDep, base_url: BaseUrlDep
) -> JSONResponse:
    _require_any(rights, NOTIFICATIES_CONSUMEREN, NOTIFICATIES_PUBLICEREN)
    found = _mine(rights, await queries.get_abonnement(connection, uuid))
    return JSONResponse(
        abonnement_to_response(found, _box(request).decrypt(found.encrypted_auth), base_url)
    )


def _payload(request: Request, identifier: UUID, client_id: str, body: Any) -> AbonnementV1:
    fields = abonnement_from_request(body)
    if isinstance(fields, list):
        raise validation_problem(fields)
    problems = rules.check_callback_url(
        fields["callbackUrl"], allow_private=_allow_private(request)
    )
    if fields["oauth2"]:
        problems += rules.check_callback_url(
            fields["oauth2"]["tokenUrl"],
            name="oauth2.tokenUrl",
            allow_private=_allow_private(request),
        )
    if problems:
        raise validation_problem(problems)
    box = _box(request)
    oauth2 = fields["oauth2"]
    return AbonnementV1(
        uuid=identifier,
        clientId=client_id,
        callbackUrl=fields["callbackUrl"],
        encryptedAuth=box.encrypt(fields["auth"]),
        kanalen=fields["kanalen"],
        berichtformaat=fields["berichtformaat"],
        burgerkanaal=fields["burgerkanaal"],
        encryptedHmacSecret=box.encrypt(fields["hmacSecret"]) if fields["hmacSecret"] else None,
        oauth2=OAuth2ClientCredentialsV1(
            tokenUrl=oauth2["tokenUrl"],
            clientId=oauth2["clientId"],
            scope=oauth2["scope"],
            encryptedClientSecret=box.encrypt(oauth2["clientSecret"]),
        )
        if oauth2
        else None,
    )


async def _answer(
    request: Request, container: Any, identifier: UUID, base_url: str, status: int
) -> JSONResponse:
    async with container.reads.connect() as conn:
        found = await queries.get_abonnement(conn, identifier)
    assert found is not None
    body = abonnement_to_response(found, _box(request).decrypt(found.encrypted_auth), base_url)
    return JSONResponse(body, status, headers={"Location": body["url"]} if status == 201 else {})


@router.post("/abonnement", status_code=201, summary="Maak een ABONNEMENT aan.")
async def abonnement_create(
    request: Request,
    container: ContainerDep,
    client: ClientDep,
    rights: RightsDep,
    base_url: BaseUrlDep,
) -> JSONResponse:
    _require_any(rights, NOTIFICATIES_CONSUMEREN)
    identifier = uuid4()
    payload = _payload(request, identifier, client.client_id, await read_json(request))
    await _publish(request, container, client, ABONNEMENT_AANGEMAAKT, identifier, payload)
    return await _answer(request, container, identifier, base_url, 201)


async def _update(
    request: Request,
    uuid: UUID,
    container: Any,
    client: ClientDep,
    rights: ClientRights,
    base_url: str,
    *,
    partial: bool,
) -> JSONResponse:
    _require_any(rights, NOTIFICATIES_CONSUMEREN)
    async with container.reads.connect() as conn:
        current = _mine(rights, await queries.get_abonnement(conn, uuid))
    body = await read_json(request)
    if partial and isinstance(body, dict):
        box = _box(request)
        merged: dict[str, Any] = {
            "callbackUrl": current.callback_url,
            "auth": box.decrypt(current.encrypted_auth),
            "kanalen": list(current.kanalen),
            "berichtformaat": current.berichtformaat,
            "burgerkanaal": current.burgerkanaal,
            "hmacSecret": box.decrypt(current.encrypted_hmac_secret)
            if current.encrypted_hmac_secret
            else None,
        }
        if current.oauth2:
            merged["oauth2"] = {
                **current.oauth2,
                "clientSecret": box.decrypt(current.oauth2["encryptedClientSecret"]),
            }
            merged["oauth2"].pop("encryptedClientSecret")
        body = merged | body
    payload = _payload(request, uuid, current.client_id, body)
    await _publish(request, container, client, ABONNEMENT_GEWIJZIGD, uuid, payload)
    return await _answer(request, container, uuid, base_url, 200)


@router.put("/abonnement/{uuid}", summary="Werk een ABONNEMENT in zijn geheel bij.")
async def abonnement_update(
    request: Request,
    uuid: UUID,
    container: ContainerDep,
    client: ClientDep,
    rights: RightsDep,
    base_url: BaseUrlDep,
) -> JSONResponse:
    return await _update(request, uuid, container, client, rights, base_url, partial=False)


@router.patch("/abonnement/{uuid}", summary="Werk een ABONNEMENT deels bij.")
async def abonnement_partial_update(
    request: Request,
    uuid: UUID,
    container: ContainerDep,
    client: ClientDep,
    rights: RightsDep,
    base_url: BaseUrlDep,
) -> JSONResponse:
    return await _update(request, uuid, container, client, rights, base_url, partial=True)


@router.delete("/abonnement/{uuid}", status_code=204, summary="Verwijder een ABONNEMENT.")
async def abonnement_delete(
    request: Request, uuid: UUID, container: ContainerDep, client: ClientDep, rights: RightsDep
) -> Response:
    _require_any(rights, NOTIFICATIES_CONSUMEREN)
    async with container.reads.connect() as conn:
        _mine(rights, await queries.get_abonnement(conn, uuid))
    await _publish(
        request, container, client, ABONNEMENT_VERWIJDERD, uuid, AbonnementVerwijderdV1(uuid=uuid)
    )
    return Response(status_code=204)
