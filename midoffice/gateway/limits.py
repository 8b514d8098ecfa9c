"""Pure ASGI middleware that bounds the size of a request body.

A ``Content-Length`` above the limit is refused before a byte of the body is read. Otherwise
the body is read here, counting the bytes that actually arrive (a chunked body, or one whose
Content-Length lies), and refused as soon as it passes the limit; a body within the limit is
handed to the app unchanged.
"""

from __future__ import annotations

import uuid

import structlog
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from midoffice.gateway.problems import PROBLEM_JSON, Problem, problem_body

log = structlog.get_logger(__name__)


class BodySizeLimit:
    """Answer 413 (problem+json) for a request body larger than ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(scope, receive, send, declared)
            return
        chunks: list[bytes] = []
        total = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > self.max_bytes:
                await self._refuse(scope, receive, send, total)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, size: int) -> None:
        instance = f"urn:uuid:{uuid.uuid4()}"
        log.info("request_too_large", size=size, limit=self.max_bytes, instance=instance)
        problem = Problem(
            413, detail=f"De inhoud van het verzoek is groter dan {self.max_bytes} bytes."
        )
        response = JSONResponse(
            problem_body(problem, instance),
            status_code=413,
            media_type=PROBLEM_JSON,
            headers={"Connection": "close"},
        )
        await response(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive channel that yields the buffered body once, then the original channel."""
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
