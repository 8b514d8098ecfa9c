"""The push connector's API (MidOffice extension) at ``/push/api/v1``.

- Operators (scope ``notificaties.beheren``): the delivery ledger per zaak
  (``GET /afleveringen?zaak=``), per citizen (``POST /afleveringen/_zoek`` with ``bsn`` or
  ``kvkNummer`` in the body) and dead letters (``?status=dead``); ``POST
  /afleveringen/{id}/opnieuw`` requeues a dead letter.
- The PIP (scope ``notificaties.voorkeuren``): a citizen's subscription preferences, read with
  ``POST /voorkeuren/_zoek`` and set with ``POST /voorkeuren``.

A BSN or KvK number only ever travels in a request body, never in a URL (URLs end up in
access logs), and is stored and shown only as its keyed pseudonym.
"""

from __future__ import annotations

import re
import uuid
from typing import Any, Final

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from adapters.zgw.urls import ResourceUrls
from autorisaties.rights import Component
from autorisaties.scopes import NOTIFICATIES_BEHEREN, NOTIFICATIES_VOORKEUREN
from midoffice.gateway.auth import authenticated_client
from midoffice.gateway.authorization import RightsDep, require_scope
from midoffice.gateway.dependencies import BaseUrlDep, ConnectionDep, ContainerDep
from midoffice.gateway.listing import check_query_params
from midoffice.gateway.problems import Problem, validation_problem
from midoffice.gateway.submission import read_json
from push import ledger, voorkeuren
from schemas.outcome import InvalidParam

PUSH_ROOT: Final = "/push/api/v1"
STATES: Final = ("pending", "delivered", "dead", "suppressed")
_BSN: Final = re.compile(r"^\d{9}$")
_KVK: Final = re.compile(r"^\d{8}$")
_UUID_TAIL: Final = re.compile(r"([0-9a-fA-F-]{36})/?$")

router = APIRouter(prefix=PUSH_ROOT, tags=["push"], dependencies=[Depends(authenticated_client)])


def _key(request: Request) -> bytes:
    settings = request.app.state.container.settings
    return str(settings.push.pseudonym_key.get_secret_value()).encode()


def _subject(request: Request, body: Any) -> str:
    """The pseudonym of the ``bsn`` or ``kvkNummer`` in ``body``; 400 when neither is valid."""
    if isinstance(body, dict) and isinstance(body.get("bsn"), str) and _BSN.match(body["bsn"]):
        return voorkeuren.subject_of("bsn", body["bsn"], _key(request))
    if (
        isinstance(body, dict)
        and isinstance(body.get("kvkNummer"), str)
        and _KVK.match(body["kvkNummer"])
    ):
        return voorkeuren.subject_of("kvk", body["kvkNummer"], _key(request))
    raise validation_problem(
        [InvalidParam("bsn", "required", "Geef een bsn (9 cijfers) of kvkNummer (8 cijfers).")]
    )


def _uuid(value: Any, name: str) -> uuid.UUID:
    match = _UUID_TAIL.search(value) if isinstance(value, str) else None
    try:
        return uuid.UUID(match.group(1)) if match else uuid.UUID("")
    except ValueError:
        raise validation_problem(
            [InvalidParam(name, "invalid", "Geen geldige URL of uuid.")]
        ) from None


@router.get("/afleveringen", summary="Het afleverlogboek, per zaak of per status.")
async def afleveringen(
    request: Request, rights: RightsDep, connection: ConnectionDep
) -> JSONResponse:
    require_scope(rights, Component.nrc, NOTIFICATIES_BEHEREN)
    check_query_params(request, {"zaak", "status", "doel", "page"})
    params = request.query_params
    if not params.get("zaak") and not params.get("status"):
        raise validation_problem([InvalidParam("zaak", "required", "Geef zaak of status.")])
    state = params.get("status")
    if state is not None and state not in STATES:
        raise validation_problem([InvalidParam("status", "invalid_choice", f"Kies uit {STATES}.")])
    page = int(params["page"]) if params.get("page", "").isdigit() else 1
    count, rows = await ledger.search(
        connection,
        zaak=_uuid(params["zaak"], "zaak") if params.get("zaak") else None,
        state=state,
        target=params.get("doel"),
        offset=(page - 1) * ledger.MAX_PAGE,
    )
    return JSONResponse({"count": count, "results": [ledger.entry(row) for row in rows]})


@router.post("/afleveringen/_zoek", summary="Het afleverlogboek van één burger.")
async def afleveringen_burger(
    request: Request, rights: RightsDep, connection: ConnectionDep
) -> JSONResponse:
    require_scope(rights, Component.nrc, NOTIFICATIES_BEHEREN)
    subject = _subject(request, await read_json(request))
    count, rows = await ledger.search(connection, subject=subject)
    return JSONResponse({"count": count, "results": [ledger.entry(row) for row in rows]})


@router.post("/afleveringen/{identifier}/opnieuw", summary="Bied een dead letter opnieuw aan.")
async def opnieuw(
    identifier: int, rights: RightsDep, container: ContainerDep
) -> JSONResponse:
    require_scope(rights, Component.nrc, NOTIFICATIES_BEHEREN)
    async with container.engine.begin() as conn:
        if await ledger.get(conn, identifier) is None:
            raise Problem(404, detail="Deze aflevering bestaat niet.")
        if not await ledger.requeue(conn, identifier):
            raise Problem(409, code="conflict", detail="Alleen een dead letter kan opnieuw.")
        row = await ledger.get(conn, identifier)
    return JSONResponse(ledger.entry(row))


def _voorkeur(item: voorkeuren.Voorkeur, urls: ResourceUrls) -> dict[str, Any]:
    ref = urls.zaaktype(item.ref) if item.soort == "zaaktype" else urls.zaak(item.ref)
    return {
        item.soort: ref,
        "ontvangen": item.ontvangen,
        "bijgewerkt": ledger._iso(item.bijgewerkt),
    }


@router.post("/voorkeuren/_zoek", summary="De voorkeuren van één burger.")
async def voorkeuren_lezen(
    request: Request, rights: RightsDep, connection: ConnectionDep, base_url: BaseUrlDep
) -> JSONResponse:
    require_scope(rights, Component.nrc, NOTIFICATIES_VOORKEUREN)
    subject = _subject(request, await read_json(request))
    found = await voorkeuren.voorkeuren(connection, subject)
    urls = ResourceUrls(base_url)
    return JSONResponse({"voorkeuren": [_voorkeur(item, urls) for item in found]})


@router.post("/voorkeuren", summary="Zet een voorkeur van één burger.")
async def voorkeur_zetten(
    request: Request, rights: RightsDep, container: ContainerDep, base_url: BaseUrlDep
) -> JSONResponse:
    """Body: ``bsn`` (or ``kvkNummer``), one of ``zaaktype`` / ``zaak`` (URL or uuid) and
    ``ontvangen`` (true: opt in, false: opt out, null: remove the choice)."""
    require_scope(rights, Component.nrc, NOTIFICATIES_VOORKEUREN)
    body = await read_json(request)
    subject = _subject(request, body)
    soorten = [s for s in ("zaaktype", "zaak") if body.get(s)]
    if len(soorten) != 1:
        raise validation_problem(
            [InvalidParam("nonFieldErrors", "invalid", "Geef precies één van zaaktype of zaak.")]
        )
    ontvangen = body.get("ontvangen")
    if ontvangen is not None and not isinstance(ontvangen, bool):
        raise validation_problem([InvalidParam("ontvangen", "invalid", "true, false of null.")])
    soort = soorten[0]
    ref = _uuid(body[soort], soort)
    async with container.engine.begin() as conn:
        await voorkeuren.zet(conn, subject, soort, ref, ontvangen)  # type: ignore[arg-type]
        found = await voorkeuren.voorkeuren(conn, subject)
    urls = ResourceUrls(base_url)
    return JSONResponse({"voorkeuren": [_voorkeur(item, urls) for item in found]})
