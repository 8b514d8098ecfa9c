"""StUF-ZKN SOAP 1.1 endpoints: the three ZDS ports and their WSDLs.

``POST /stuf-zkn/zds/{OntvangAsynchroon|BeantwoordVraag|VrijeBerichten}`` each accept ANY
operation of ZDS 1.2 and ZDS 1.1 (dispatch on root element and SOAPAction, as lenient brokers
do; :mod:`adapters.stuf.dispatch`). ``GET`` of a port with ``?wsdl`` (or
``/stuf-zkn/zds/{port}.wsdl``) serves this MidOffice's WSDL for it. ``/stuf-zkn/zds/VrijBericht``
(OpenZaakBrug's name, :data:`PORT_ALIASES`) is an alias of ``VrijeBerichten``.

Answers: 200 with Bv03/La01/Du02; errors are a SOAP Fault with a Fo03 (Fo02 when the
stuurgegevens cannot be read), HTTP 500 as SOAP 1.1 prescribes, or 401 with
``WWW-Authenticate: Basic`` when credentials are missing or wrong.
"""

from __future__ import annotations

import datetime as dt
import traceback
from typing import Final

import structlog
from fastapi import APIRouter, FastAPI, Request, Response

from adapters.stuf import xml_safe
from adapters.stuf.answers import foutbericht
from adapters.stuf.dispatch import resolve
from adapters.stuf.errors import (
    NIET_GEAUTORISEERD,
    NIET_ONDERSTEUND,
    VERWERKINGSFOUT,
    StufFout,
    niet_conform,
)
from adapters.stuf.soap import CONTENT_TYPE, read_envelope
from adapters.stuf.stuurgegevens import Stuurgegevens, read_stuurgegevens
from adapters.stuf.wsdl import PORTS, wsdl
from midoffice.container import Container
from midoffice.gateway.limits import PathLimit
from midoffice.gateway.stuf.authentication import REALM, NotAuthenticated, authenticate
from midoffice.gateway.stuf.context import StufContext
from midoffice.gateway.stuf.documenten_mtom import media_type, soap_part
from midoffice.gateway.stuf.handlers import HANDLERS
from midoffice.gateway.stuf.mapping_file import load_mapping
from midoffice.settings import Settings

ROOT: Final = "/stuf-zkn/zds"
log = structlog.get_logger(__name__)
router = APIRouter(prefix=ROOT, tags=["StUF-ZKN"])


def install(app: FastAPI, container: Container) -> None:
    """Load the mapping file (fails at start-up with file, path and reason) and add the routes."""
    app.state.stuf_mapping = load_mapping(container.settings.stuf_mapping_file)
    app.include_router(router)


def body_limits(settings: Settings) -> list[PathLimit]:
    """The StUF ports' own body cap (documents come inline as base64)."""
    return [PathLimit("POST", rf"{ROOT}/[A-Za-z]+", settings.stuf_max_request_bytes)]


def _fault(
    stuurgegevens: Stuurgegevens | None,
    error: StufFout,
    now: dt.datetime,
    status: int | None = None,
) -> Response:
    status = status or error.http_status
    headers = {"WWW-Authenticate": REALM} if status == 401 else {}
    return Response(foutbericht(stuurgegevens, error, now), status_code=status,
                    media_type=CONTENT_TYPE, headers=headers)  # fmt: skip


async def handle(request: Request) -> Response:
    """Parse, authenticate, dispatch and answer one StUF message."""
    container: Container = request.app.state.container
    now = dt.datetime.now(dt.UTC)
    body = await request.body()
    try:
        client, rights = await authenticate(request)
        auth_error: NotAuthenticated | None = None
    except NotAuthenticated as exc:
        auth_error = exc
    status = 401 if auth_error else None
    try:
        root = xml_safe.parse(soap_part(request, body), container.settings.stuf_max_request_bytes)
    except xml_safe.XmlRejected as exc:
        log.info("stuf_xml_rejected", reason=str(exc), path=request.url.path, size=len(body))
        return _fault(None, niet_conform(str(exc), berichtcode="Fo02"), now, status)
    stuurgegevens: Stuurgegevens | None = None
    try:
        bericht = read_envelope(root)
        stuurgegevens = read_stuurgegevens(bericht)
        if auth_error is not None:
            raise StufFout(NIET_GEAUTORISEERD, str(auth_error), http_status=401)
        if stuurgegevens is None:
            raise niet_conform("Het bericht heeft geen stuurgegevens.", berichtcode="Fo02")
        operation = resolve(bericht, request.headers.get("SOAPAction"))
        if stuurgegevens.berichtcode and stuurgegevens.berichtcode != operation.berichtcode:
            raise niet_conform(f"Berichtcode {stuurgegevens.berichtcode[:10]!r} past niet bij "
                               f"{operation.name} (verwacht {operation.berichtcode}).")  # fmt: skip
        handler = HANDLERS.get(operation.name)
        if handler is None:
            raise StufFout(NIET_ONDERSTEUND, f"{operation.name} wordt niet ondersteund.")
        await container.catalogue.refresh()
        context = StufContext(
            request=request, container=container, catalogue=container.catalogue.current(),
            mapping=request.app.state.stuf_mapping, client=client, rights=rights,
            operation=operation, bericht=bericht, stuurgegevens=stuurgegevens, body=body, now=now,
        )  # fmt: skip
        answer = await handler(context)
    except StufFout as error:
        log.info("stuf_fout", code=error.code, omschrijving=error.omschrijving,
                 path=request.url.path)  # fmt: skip
        return _fault(stuurgegevens, error, now, status)
    except Exception as exc:  # a bug: answer a Fault, log the trace without local values
        trace = "".join(traceback.format_exception(exc))
        log.error("stuf_handler_failed", path=request.url.path, trace=trace)
        failure = StufFout(VERWERKINGSFOUT, "Interne fout bij het verwerken van het bericht.",
                         plek="server")  # fmt: skip
        return _fault(stuurgegevens, failure, now)
    return Response(answer, status_code=200, media_type=media_type(request, CONTENT_TYPE))


def _port_routes(port: str) -> None:
    async def post(request: Request) -> Response:
        return await handle(request)

    async def get(request: Request) -> Response:
        base = str(request.base_url).rstrip("/")
        return Response(wsdl(port, f"{base}{ROOT}/{port}"), media_type="text/xml; charset=utf-8")

    router.add_api_route(f"/{port}", post, methods=["POST"], include_in_schema=False)
    router.add_api_route(f"/{port}", get, methods=["GET"], summary=f"WSDL van {port} (?wsdl)")
    router.add_api_route(f"/{port}.wsdl", get, methods=["GET"], include_in_schema=False)


PORT_ALIASES: Final = {"VrijBericht": "VrijeBerichten"}
"""Other names of a port that senders use: OpenZaakBrug's ``zds/VrijBericht`` (singular)."""


def _alias_routes(alias: str, port: str) -> None:
    async def post(request: Request) -> Response:
        return await handle(request)

    async def get(request: Request) -> Response:
        base = str(request.base_url).rstrip("/")
        return Response(wsdl(port, f"{base}{ROOT}/{alias}"), media_type="text/xml; charset=utf-8")

    router.add_api_route(f"/{alias}", post, methods=["POST"], include_in_schema=False)
    router.add_api_route(f"/{alias}", get, methods=["GET"], include_in_schema=False)


for _port in PORTS:
    _port_routes(_port)
for _alias, _target in PORT_ALIASES.items():
    _alias_routes(_alias, _target)
