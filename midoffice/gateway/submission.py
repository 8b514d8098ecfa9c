"""The write path shared by the ZGW routes: read the body, publish the event, await the outcome.

The gateway publishes the intake event and waits (``outcome_timeout_seconds``) for the
zaakmagazijn processor's decision, so a ZGW client gets what a synchronous registry gives:
201 with the resource, or 400 with the reasons. With ``Prefer: respond-async`` (RFC 7240), or
when the wait times out, the answer is 202 with a ``Location`` to poll.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Final
from uuid import UUID

import structlog
from fastapi import Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.zgw.urls import (
    KLANTCONTACTEN,
    RESULTATEN,
    ROLLEN,
    ZAAKINFORMATIEOBJECTEN,
    ZAAKOBJECTEN,
    ResourceUrls,
)
from midoffice.container import Container, PendingOutcome
from midoffice.gateway.auth import AuthenticatedClient
from midoffice.gateway.problems import Problem, validation_problem
from midoffice.gateway.responses import FastJSONResponse
from schemas.envelope import Envelope, new_traceparent
from schemas.outcome import Accepted, InvalidParam, Outcome, Rejected

Render = Callable[[AsyncConnection, UUID], Awaitable[dict[str, Any] | None]]

_TRACEPARENT: Final = re.compile(r"^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})")
log = structlog.get_logger(__name__)


async def read_json(request: Request) -> Any:
    """The parsed JSON body; 415 for another media type, 400 for malformed JSON."""
    content_type = request.headers.get("Content-Type", "application/json")
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise Problem(415, detail=f'Ongeldig mediatype "{media_type}" in het verzoek.')
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:  # also bad UTF-8 and over-long integers
        nested = isinstance(exc, RecursionError)  # hostile nesting: refused, not a 500
        reason = "JSON parse error - te diep genest" if nested else f"JSON parse error - {exc}"
        raise Problem(
            400,
            code="parse_error",
            title="Ongeldige JSON.",
            detail=reason,
            invalid_params=[InvalidParam("nonFieldErrors", "parse_error", reason)],
        ) from None


def traceparent(request: Request) -> str:
    """The request's W3C ``traceparent`` when it is valid, else a fresh one."""
    value = request.headers.get("traceparent", "").strip().lower()
    match = _TRACEPARENT.match(value)
    if (
        match is None
        or match[1] == "ff"
        or set(match[2]) == {"0"}
        or set(match[3]) == {"0"}
        or (match[1] == "00" and len(value) != 55)
        or (len(value) > 55 and value[55] != "-")
    ):
        return new_traceparent()
    return value[:55]


def build_envelope(
    request: Request,
    container: Container,
    client: AuthenticatedClient,
    *,
    event_type: str,
    subject: UUID,
    payload: BaseModel,
    tenant: str,
) -> Envelope:
    """The intake envelope for ``payload``, with the acting client and the trace context."""
    return Envelope(
        type=event_type,
        subject=subject,
        data=payload,
        tenant=tenant,
        source=container.settings.event_source,
        clientid=client.client_id,
        userid=client.user_id,
        traceparent=traceparent(request),
    )


def wants_async(request: Request) -> bool:
    """True when the ``Prefer`` header asks for ``respond-async``."""
    preferences = request.headers.get("Prefer", "")
    return any(
        token.split(";", 1)[0].strip().lower() == "respond-async"
        for token in preferences.split(",")
    )


def outcome_body(outcome: Outcome | PendingOutcome, urls: ResourceUrls) -> dict[str, Any]:
    """The MidOffice verwerking resource: status, resource URL, invalidParams."""
    if isinstance(outcome, Accepted):
        return {"status": "accepted", "url": resource_url(outcome, urls), "invalidParams": []}
    if isinstance(outcome, Rejected):
        params = [{"name": p.name, "code": p.code, "reason": p.reason}
                  for p in outcome.invalid_params]  # fmt: skip
        return {"status": "rejected", "url": None, "invalidParams": params}
    return {"status": "pending", "url": None, "invalidParams": []}


def resource_url(outcome: Accepted, urls: ResourceUrls) -> str | None:
    """The URL of the resource an accepted event created, by the processor's resource name."""
    builders: Mapping[str, Callable[[UUID], str]] = {
        "zaak": urls.zaak,
        "status": urls.status,
        "rol": lambda u: urls.detail(ROLLEN, u),
        "resultaat": lambda u: urls.detail(RESULTATEN, u),
        "zaakobject": lambda u: urls.detail(ZAAKOBJECTEN, u),
        "zaakinformatieobject": lambda u: urls.detail(ZAAKINFORMATIEOBJECTEN, u),
        "klantcontact": lambda u: urls.detail(KLANTCONTACTEN, u),
    }
    builder = builders.get(outcome.resource)
    if builder:
        return builder(outcome.resource_uuid)
    collection = OTHER_COLLECTIONS.get(outcome.resource)
    return f"{urls.base}{collection}/{outcome.resource_uuid}" if collection else None


OTHER_COLLECTIONS: Final[Mapping[str, str]] = {
    "applicatie": "/autorisaties/api/v1/applicaties",
    "catalogus": "/catalogi/api/v1/catalogussen",
    "zaaktype": "/catalogi/api/v1/zaaktypen",
    "informatieobjecttype": "/catalogi/api/v1/informatieobjecttypen",
    "besluittype": "/catalogi/api/v1/besluittypen",
    "statustype": "/catalogi/api/v1/statustypen",
    "roltype": "/catalogi/api/v1/roltypen",
    "resultaattype": "/catalogi/api/v1/resultaattypen",
    "eigenschap": "/catalogi/api/v1/eigenschappen",
    "zaakobjecttype": "/catalogi/api/v1/zaakobjecttypen",
    "zaaktype-informatieobjecttype": "/catalogi/api/v1/zaaktype-informatieobjecttypen",
    "enkelvoudiginformatieobject": "/documenten/api/v1/enkelvoudiginformatieobjecten",
    "gebruiksrecht": "/documenten/api/v1/gebruiksrechten",
    "objectinformatieobject": "/documenten/api/v1/objectinformatieobjecten",
}
"""Collection path of every other resource a processor reports as accepted."""


def _accepted_for_later(
    envelope: Envelope, urls: ResourceUrls, body: dict[str, Any], headers: Mapping[str, str]
) -> Response:
    return JSONResponse(
        body,
        status_code=202,
        headers={"Location": urls.verwerking(envelope.id), **headers},
    )


async def submit_and_answer(
    request: Request,
    container: Container,
    urls: ResourceUrls,
    envelope: Envelope,
    render: Render,
    headers: Mapping[str, str] | None = None,
    *,
    status_code: int = 201,
) -> Response:
    """Publish ``envelope`` and answer 201 / 400 / 202 as the module docstring describes.

    ``render`` reads the created resource from the zaakmagazijn for the 201 body.
    ``status_code`` 200 answers an update with the resource (no ``Location``), 204 a delete
    without a body.
    """
    extra = dict(headers or {})
    await container.intake.submit(envelope)
    log.info(
        "intake_submitted",
        event_id=str(envelope.id),
        event_type=envelope.type,
        zaak=str(envelope.subject),
        client_id=envelope.clientid,
    )
    pending = outcome_body(PendingOutcome(envelope.id), urls)
    if wants_async(request):
        extra["Preference-Applied"] = "respond-async"
        return _accepted_for_later(envelope, urls, pending, extra)
    outcome = await container.intake.wait(envelope.id, container.settings.outcome_timeout_seconds)
    if outcome is None:
        log.info("intake_outcome_timeout", event_id=str(envelope.id))
        return _accepted_for_later(envelope, urls, pending, extra)
    if isinstance(outcome, Rejected):
        if outcome.status_code != 400:  # a scope a state rule needs (403), a conflict (409)
            raise Problem(outcome.status_code, code=outcome.code, detail=outcome.title)
        problem = validation_problem(outcome.invalid_params)
        problem.code, problem.title = outcome.code, outcome.title
        raise problem
    if status_code == 204:
        return Response(status_code=204, headers=extra)
    async with container.reads.connect() as connection:
        body = await render(connection, outcome.resource_uuid)
    if body is None:  # accepted, but not (yet) visible to this reader: let the client poll
        log.warning("accepted_resource_not_readable", event_id=str(envelope.id))
        return _accepted_for_later(envelope, urls, outcome_body(outcome, urls), extra)
    if status_code != 201:
        return FastJSONResponse(body, status_code=status_code, headers=extra)
    return FastJSONResponse(body, status_code=201, headers={"Location": body["url"], **extra})
