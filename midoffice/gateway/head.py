"""``HEAD`` on every readable resource: the ZGW APIs define it on their detail endpoints
(``zaak_headers``, ``rol_headers``, ...) to fetch the ETag without the body.

A HEAD request is answered as the GET of the same URL, with the same status, headers
(``ETag``, ``Content-Length``, ``API-version``) and authorisation, and no content (RFC 9110
9.3.2). FastAPI routes answer GET only, so this is done once, in front of the routing.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    """Pure ASGI middleware: HEAD runs the GET route and drops the response body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] != "http.response.body":
                await send(message)
            elif not message.get("more_body", False):
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.app({**scope, "method": "GET"}, receive, without_body)
