"""Pure ASGI middleware that sends the ZGW ``API-version`` header on every API response."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from adapters.zgw.urls import CATALOGI_ROOT, ZAKEN_ROOT

API_VERSIONS: Final[Mapping[str, str]] = {
    ZAKEN_ROOT: "1.5.1",
    CATALOGI_ROOT: "1.3.1",
    "/documenten/api/v1": "1.5.0",  # Documenten API (midoffice/gateway/routes/documenten*)
    "/notificaties/api/v1": "1.0.0",  # Notificaties API (midoffice/gateway/routes/notificaties)
}
"""Path prefix -> version of the ZGW standard served there."""


class ApiVersionHeader:
    """Adds ``API-version`` to responses below a ZGW API root, problems included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        version = _version_for(scope.get("path", "")) if scope["type"] == "http" else None
        if version is None:
            await self.app(scope, receive, send)
            return

        async def send_with_version(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["API-version"] = version
            await send(message)

        await self.app(scope, receive, send_with_version)


def _version_for(path: str) -> str | None:
    for root, version in API_VERSIONS.items():
        if path == root or path.startswith(root + "/"):
            return version
    return None
