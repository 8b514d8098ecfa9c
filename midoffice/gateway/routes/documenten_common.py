"""Shared parts of the Documenten API routes: the blob store, publishing, rendering, rights.

Every read and write checks the client's ``drc`` autorisaties for the document's
informatieobjecttype and vertrouwelijkheidaanduiding (also the download). Writes go through the
intake: the gateway stores bytes first (claim check), publishes, and waits for the
documentmagazijn processor's decision.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Final
from uuid import UUID

import structlog
from fastapi import Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from adapters.zgw.documenten import DOCUMENTEN_ROOT, eio_response
from adapters.zgw.urls import ResourceUrls
from autorisaties.rights import ClientRights, Component
from documentmagazijn import queries
from documentmagazijn.blobs import BlobStore
from midoffice.container import Container
from midoffice.gateway.auth import AuthenticatedClient
from midoffice.gateway.authorization import require_allowed
from midoffice.gateway.problems import Problem, validation_problem
from midoffice.gateway.submission import build_envelope, wants_async
from midoffice.roles.documentmagazijn import blob_store
from schemas.outcome import Accepted, InvalidParam, Rejected

log = structlog.get_logger(__name__)
EIO: Final = f"{DOCUMENTEN_ROOT}/enkelvoudiginformatieobjecten"


def blobs(request: Request) -> BlobStore:
    """The gateway's blob store (one per app, made on first use from the settings)."""
    store: BlobStore | None = getattr(request.app.state, "blob_store", None)
    if store is None:
        container: Container = request.app.state.container
        store = blob_store(container.settings)
        request.app.state.blob_store = store
    return store


def not_found(what: str = "Informatieobject") -> Problem:
    return Problem(404, detail=f"{what} bestaat niet.")


def allow(rights: ClientRights, scope: str, versie: queries.Versie) -> None:
    """403 unless the client may use ``scope`` on this document."""
    info = versie.informatieobject
    require_allowed(
        rights,
        Component.drc,
        scope,
        type_uuid=info.informatieobjecttype,
        vertrouwelijkheidaanduiding=info.vertrouwelijkheidaanduiding.value,
    )


def render(base: str, versie: queries.Versie) -> dict[str, Any]:
    delen = [
        {
            "url": f"{base}{DOCUMENTEN_ROOT}/bestandsdelen/{d.uuid}",
            "volgnummer": d.volgnummer,
            "omvang": d.omvang,
            "voltooid": d.sha256 is not None,
            "lock": "",
        }
        for d in versie.delen
    ]
    return eio_response(
        base,
        versie.uuid,
        versie.informatieobject.model_dump(mode="json"),
        versie=versie.versie,
        begin_registratie=versie.begin_registratie,
        has_inhoud=versie.sha256 is not None,
        bestandsomvang=versie.bestandsomvang,
        locked=versie.locked,
        delen=delen,
        indicatie_gebruiksrecht=versie.indicatie_gebruiksrecht,
    )


async def publish(
    request: Request,
    container: Container,
    client: AuthenticatedClient,
    *,
    event_type: str,
    subject: UUID,
    payload: BaseModel,
    tenant: str,
    privileges: frozenset[str] = frozenset(),
) -> Accepted | Response:
    """Publish and wait: the Accepted outcome, or the 202 response; a rejection is raised
    as a problem (404 for an unknown document, else 400 with invalidParams)."""
    envelope = build_envelope(
        request,
        container,
        client,
        event_type=event_type,
        subject=subject,
        payload=payload,
        tenant=tenant,
    )
    envelope = dataclasses.replace(envelope, privileges=privileges)
    await container.intake.submit(envelope)
    log.info(
        "intake_submitted",
        event_id=str(envelope.id),
        event_type=event_type,
        document=str(subject),
        client_id=client.client_id,
    )
    poll = {"Location": ResourceUrls(str(request.base_url).rstrip("/")).verwerking(envelope.id)}
    pending: dict[str, Any] = {"status": "pending", "url": None, "invalidParams": []}
    if wants_async(request):
        return JSONResponse(pending, 202, headers={**poll, "Preference-Applied": "respond-async"})
    outcome = await container.intake.wait(envelope.id, container.settings.outcome_timeout_seconds)
    if outcome is None:
        return JSONResponse(pending, 202, headers=poll)
    if isinstance(outcome, Rejected):
        if outcome.code == "not_found":
            raise Problem(404, detail=outcome.invalid_params[0].reason)
        problem = validation_problem(outcome.invalid_params)
        problem.code, problem.title = outcome.code, outcome.title
        raise problem
    return outcome


def registratie_op(request: Request) -> dt.datetime | None:
    raw = request.query_params.get("registratieOp")
    if raw is None:
        return None
    try:
        value = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        reason = "Voer een geldige datum/tijd in (ISO 8601)."
        raise validation_problem([InvalidParam("registratieOp", "invalid", reason)]) from None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def versie_param(request: Request) -> int | None:
    raw = request.query_params.get("versie")
    if raw is None:
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:  # versie is an SQL INTEGER
        raise Problem(400, detail="versie moet een geheel getal zijn.")
    return int(raw)


def bad_request(name: str, code: str, reason: str) -> Problem:
    """A 400 problem with one invalidParam."""
    return validation_problem([InvalidParam(name, code, reason)])


async def current_versie(connection: Any, uuid: UUID, rights: Any, scope: str) -> queries.Versie:
    """The current versie of document ``uuid``; 404 when unknown, 403 when ``rights`` may not
    use ``scope`` on it."""
    found = await queries.get(connection, uuid)
    if found is None:
        raise not_found()
    allow(rights, scope, found)
    return found
