"""Composition of the FastAPI gateway: routers, problem handlers and middleware."""

from __future__ import annotations

from fastapi import FastAPI

from midoffice.container import Container
from midoffice.gateway.auth import ClientRegistry, DemoClientRegistry
from midoffice.gateway.errors import UnhandledErrors
from midoffice.gateway.head import HeadAsGet
from midoffice.gateway.limits import BodySizeLimit
from midoffice.gateway.pip import install_pip
from midoffice.gateway.problems import install_problem_handlers
from midoffice.gateway.routes import (
    autorisaties,
    catalogi,
    documenten_api,
    notificaties,
    outcomes,
    push,
    stuf,
    zaken_api,
)
from midoffice.gateway.verified_tokens import VerifiedTokens
from midoffice.gateway.versions import ApiVersionHeader


def create_app(container: Container, client_registry: ClientRegistry | None = None) -> FastAPI:
    """The gateway app for ``container``.

    ``client_registry`` resolves client secrets for JWT verification; by default only the
    demo client of the settings (active only on a loopback address).
    """
    app = FastAPI(
        title="MidOffice gateway",
        summary="ZGW Zaken API 1.5.1 and Catalogi API 1.3.1 on the MidOffice servicebus.",
        version="1.0.0",
    )
    app.state.container = container
    app.state.client_registry = client_registry or DemoClientRegistry(container.settings)
    app.state.verified_tokens = VerifiedTokens()
    # A request is matched against the routes in this order (171 of them), so the Zaken API,
    # which takes most requests, comes first; no two routes match the same request.
    for router in zaken_api.ROUTERS:
        app.include_router(router)
    for module in (catalogi, outcomes, autorisaties, notificaties, push):
        app.include_router(module.router)
    for router in documenten_api.ROUTERS:  # the Documenten API
        app.include_router(router)
    install_pip(app, container)  # the PIP read model and the Logboek Dataverwerkingen
    stuf.install(app, container)  # StUF-ZKN ports and WSDLs
    install_problem_handlers(app)
    # Added inside-out: API-version wraps everything, so 413 and 500 problems carry it too.
    app.add_middleware(
        BodySizeLimit,
        max_bytes=container.settings.max_request_bytes,
        paths=[
            *documenten_api.body_limits(container.settings),
            *stuf.body_limits(container.settings),
        ],
    )
    app.add_middleware(UnhandledErrors)
    app.add_middleware(ApiVersionHeader)
    app.add_middleware(HeadAsGet)  # HEAD = GET without content, for every route
    return app
