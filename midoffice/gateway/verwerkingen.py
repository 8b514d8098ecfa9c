"""Logboek Dataverwerkingen in the gateway: one record per read of personal data.

- :func:`log_read` records a read a route made itself (the PIP read);
- :class:`PersoonsgegevensLog` records the Zaken API reads of personal data without touching
  their routes: ``GET /zaken`` and ``POST /zaken/_zoek`` filtered by
  ``rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn``; ``GET /rollen`` (list and
  detail), whose natuurlijk-persoon rollen carry BSNs; and every zaak read (list, detail,
  ``_zoek``) whose ``expand`` brings the rollen along. Only successful (2xx) reads are
  recorded: a refused request read nothing.

The records go to the :class:`verwerkingslog.writer.Writer` on ``app.state.verwerkingslog``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any, Final
from urllib.parse import parse_qs

import orjson
from fastapi import FastAPI, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from midoffice.gateway.auth import AuthenticatedClient
from midoffice.gateway.submission import traceparent
from midoffice.settings import Settings
from verwerkingslog.record import SubjectType, Trace, records
from verwerkingslog.writer import Writer

ZAKEN_BSN: Final = "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn"
ROLLEN_BSN: Final = "betrokkeneIdentificatie__natuurlijkPersoon__inpBsn"
_ROLLEN: Final = re.compile(r"^/zaken/api/v1/rollen(/[0-9a-fA-F-]{32,36})?/?$")
_ZAAK: Final = re.compile(r"^/zaken/api/v1/zaken/[0-9a-fA-F-]{32,36}$")


def writer(app: Any) -> Writer:
    """The processing-log writer :func:`midoffice.gateway.pip.install_pip` put on ``app``."""
    found: Writer = app.state.verwerkingslog
    return found


async def close_writer(app: FastAPI) -> None:
    """Flush the processing log before the process stops (``Runtime.close`` calls this)."""
    found = getattr(app.state, "verwerkingslog", None)
    if found is not None:
        await found.close()


async def log_read(
    request: Request,
    *,
    route: str,
    subjects: Iterable[tuple[SubjectType, str]],
    client_id: str,
    started: dt.datetime,
    resource: Mapping[str, str] | None = None,
) -> None:
    """Record that ``client_id`` read personal data of ``subjects`` in this request
    (``resource``: attributes beside the HTTP method and path, e.g. the StUF operation)."""
    settings: Settings = request.app.state.container.settings
    config = settings.verwerkingslog
    activiteit = config.activiteit(route)
    found = records(
        list(subjects),
        key=config.key(),
        trace=Trace.from_traceparent(traceparent(request)),
        name=route,
        activity_id=activiteit.id,
        client_id=client_id,
        started=started,
        resource={"http.request.method": request.method, "url.path": request.url.path,
                  **(resource or {})},
    )
    await writer(request.app).write(found, confirm=config.bevestigen)


def _client_id(request: Request) -> str:
    """The client_id of the request's verified token (the route answered 2xx, so the
    ``authenticated_client`` dependency verified it and left the client on the request)."""
    client: AuthenticatedClient | None = getattr(request.state, "authenticated_client", None)
    return client.client_id if client is not None else ""


def _json(body: bytes) -> Any:
    """A request body, parsed as the gateway parses it (the stdlib accepts what orjson may not,
    e.g. integers beyond 64 bits: a search it answered must not go unrecorded)."""
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return None


def _answer_json(body: bytes) -> Any:
    """An answer of ours (rendered with orjson), parsed with orjson."""
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        return None


def _items(parsed: Any) -> list[Any]:
    """The results of a list answer, or the one resource of a detail answer."""
    if isinstance(parsed, dict) and isinstance(parsed.get("results"), list):
        return list(parsed["results"])
    return [parsed]


def _bsns(rollen: Any) -> list[str]:
    found = []
    for rol in rollen if isinstance(rollen, list) else []:
        if isinstance(rol, dict) and rol.get("betrokkeneType") == "natuurlijk_persoon":
            bsn = (rol.get("betrokkeneIdentificatie") or {}).get("inpBsn")
            if isinstance(bsn, str) and bsn:
                found.append(bsn)
    return found


def _returned(kind: str, response: bytes) -> list[str]:
    """The BSNs an answer carries: the rollen themselves, or the zaken's expanded rollen."""
    if kind != "rollen" and b'"_expand"' not in response:
        return []  # zaken without expanded rollen carry no BSN: no need to parse the answer
    items = _items(_answer_json(response))
    if kind == "rollen":
        return _bsns(items)
    return [
        bsn
        for zaak in items
        if isinstance(zaak, dict) and isinstance(zaak.get("_expand"), dict)
        for bsn in _bsns(zaak["_expand"].get("rollen"))
    ]


def _searched(kind: str, query: dict[str, list[str]], body: bytes) -> list[str]:
    """The BSN a request searched by (query string, or the ``_zoek`` body)."""
    if kind == "zoek":
        parsed = _json(body)
        value = parsed.get(ZAKEN_BSN) if isinstance(parsed, dict) else None
        return [value] if isinstance(value, str) and value else []
    return query.get(ROLLEN_BSN if kind == "rollen" else ZAKEN_BSN, [])


def _kind(method: str, path: str) -> str | None:
    trimmed = path.rstrip("/")
    if method == "GET" and trimmed == "/zaken/api/v1/zaken":
        return "zaken"
    if method == "GET" and _ZAAK.match(trimmed):
        return "zaak"
    if method == "POST" and trimmed == "/zaken/api/v1/zaken/_zoek":
        return "zoek"
    if method == "GET" and _ROLLEN.match(path):
        return "rollen"
    return None


def _relevant(kind: str, query: dict[str, list[str]]) -> bool:
    """Whether the request can read a BSN (a _zoek body is only known once read)."""
    expands_rollen = any("rollen" in value for value in query.get("expand", []))
    if kind in ("zoek", "rollen"):
        return True
    return expands_rollen or (kind == "zaken" and ZAKEN_BSN in query)


class PersoonsgegevensLog:
    """ASGI middleware: a processing-log record for each Zaken API read of personal data."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = _kind(scope["method"], scope["path"]) if scope["type"] == "http" else None
        query = parse_qs(scope.get("query_string", b"").decode("latin-1")) if kind else {}
        if kind is None or not _relevant(kind, query):
            await self.app(scope, receive, send)
            return
        started = dt.datetime.now(dt.UTC)
        request_body = bytearray()

        async def tee(message: Message | None = None) -> Message:
            received = await receive()
            if received["type"] == "http.request":
                request_body.extend(received.get("body", b""))
            return received

        held: list[Message] = []

        async def hold(message: Message) -> None:
            held.append(message)

        await self.app(scope, tee if kind == "zoek" else receive, hold)
        status = next((m["status"] for m in held if m["type"] == "http.response.start"), 500)
        if 200 <= status < 300:
            response = b"".join(
                m.get("body", b"") for m in held if m["type"] == "http.response.body"
            )
            await self._record(kind, query, bytes(request_body), response, scope, started)
        for message in held:
            await send(message)

    @staticmethod
    async def _record(
        kind: str,
        query: dict[str, list[str]],
        body: bytes,
        response: bytes,
        scope: Scope,
        started: dt.datetime,
    ) -> None:
        request = Request(scope)
        client_id = _client_id(request)
        searched = _searched(kind, query, body)
        returned = _returned(kind, response)
        if kind == "rollen":
            searched, returned = [], [*searched, *returned]
        for route, bsns in (("zaken_zoeken_op_bsn", searched), ("rollen_lezen", returned)):
            if bsns:
                await log_read(request, route=route, subjects=[("BSN", b) for b in bsns],
                               client_id=client_id, started=started)  # fmt: skip
