"""The write path of the Catalogi API: publish a catalogue event, await the catalogi processor.

Like the Zaken writes (:mod:`midoffice.gateway.submission`): the gateway validates what needs
no state, publishes the intake event (subject: the catalogus), waits for the processor's
decision and answers as a synchronous registry would; ``Prefer: respond-async`` or a timeout
gives 202 with a ``Location`` to poll. On acceptance the object is read back from the
refreshed catalogue. The client's ``catalogi.geforceerd-*`` scopes travel as envelope
privileges, since the processor judges the lifecycle rules.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import structlog
from fastapi import Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from adapters.zgw.urls import ResourceUrls
from autorisaties.rights import ClientRights, Component
from catalogi.lifecycle import PRIVILEGES
from catalogi.model import Catalogue, Catalogus
from midoffice.container import Container, PendingOutcome
from midoffice.gateway.auth import AuthenticatedClient
from midoffice.gateway.problems import Problem, validation_problem
from midoffice.gateway.submission import build_envelope, outcome_body, wants_async
from schemas.outcome import Rejected

Render = Callable[[Catalogue], dict[str, Any] | None]
log = structlog.get_logger(__name__)


@dataclasses.dataclass(frozen=True)
class Caller:
    """Who writes: the request, the authenticated client and its rights."""

    request: Request
    container: Container
    client: AuthenticatedClient
    rights: ClientRights
    urls: ResourceUrls


async def write(
    caller: Caller,
    *,
    event_type: str,
    catalogus: Catalogus,
    payload: BaseModel,
    render: Render,
    status: int,
) -> Response:
    """Publish the change and answer ``status`` with the rendered object (204: no body)."""
    container, urls = caller.container, caller.urls
    envelope = build_envelope(
        caller.request,
        container,
        caller.client,
        event_type=event_type,
        subject=catalogus.uuid,
        payload=payload,
        tenant=catalogus.rsin,
    )
    privileges = frozenset(p for p in PRIVILEGES if caller.rights.has_scope(Component.ztc, p))
    envelope = dataclasses.replace(envelope, privileges=privileges)
    await container.intake.submit(envelope)
    log.info(
        "intake_submitted",
        event_id=str(envelope.id),
        event_type=event_type,
        catalogus=str(catalogus.uuid),
        client_id=envelope.clientid,
    )
    later = JSONResponse(
        outcome_body(PendingOutcome(envelope.id), urls),
        status_code=202,
        headers={"Location": urls.verwerking(envelope.id)},
    )
    if wants_async(caller.request):
        later.headers["Preference-Applied"] = "respond-async"
        return later
    outcome = await container.intake.wait(envelope.id, container.settings.outcome_timeout_seconds)
    if outcome is None:
        return later
    if isinstance(outcome, Rejected):
        raise _problem(outcome)
    await container.catalogue.refresh()
    if status == 204:
        return Response(status_code=204)
    body = render(container.catalogue.current())
    if body is None:
        return JSONResponse({}, status_code=status)
    headers = {"Location": body["url"]} if status == 201 and "url" in body else {}
    return JSONResponse(body, status_code=status, headers=headers)


def _problem(outcome: Rejected) -> Problem:
    status = getattr(outcome, "status_code", 400)
    if status == 404:
        return Problem(404, detail="; ".join(p.reason for p in outcome.invalid_params))
    if status != 400:
        return Problem(status, detail="; ".join(p.reason for p in outcome.invalid_params))
    problem = validation_problem(outcome.invalid_params)
    problem.code, problem.title = outcome.code, outcome.title
    return problem
