"""Pure ASGI middleware that bounds the size of a request body.

A ``Content-Length`` above the limit is refused before a byte of the body is read. Otherwise
the body is read here, counting the bytes that actually arrive (a chunked body, or one whose
Content-Length lies), and refused as soon as it passes the limit; a body within the limit is
handed to the app unchanged.

Routes listed in ``paths`` (:class:`PathLimit`, method and path pattern) get their own limit
instead: buffered like the rest, or, with ``streamed``, passed through without buffering while
the bytes are counted; past the limit the route's next ``receive`` raises
:class:`RequestTooLarge`, which the route answers with 413.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import structlog
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from midoffice.gateway.problems import PROBLEM_JSON, Problem, problem_body

log = structlog.get_logger(__name__)


class RequestTooLarge(Exception):
    """A streamed request body passed its route's limit."""


@dataclass(frozen=True)
class PathLimit:
    """Another body limit for ``method`` requests whose path matches ``pattern``."""

    method: str
    pattern: str
    max_bytes: int
    streamed: bool = False


class BodySizeLimit:
    """Answer 413 (problem+json) for a request body larger than ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int, paths: Sequence[PathLimit] = ()) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.paths = [(p, re.compile(p.pattern)) for p in paths]

    def _route_limit(self, scope: Scope) -> PathLimit | None:
        for limit, pattern in self.paths:
            if scope.get("method") == limit.method and pattern.fullmatch(scope.get("path", "")):
                return limit
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        route = self._route_limit(scope)
        limit = route.max_bytes if route else self.max_bytes
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await self._refuse(scope, receive, send, declared, limit)
            return
        if route is not None and route.streamed:
            await self.app(scope, _counting(receive, limit), send)
            return
        chunks: list[bytes] = []
        total = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > limit:
                await self._refuse(scope, receive, send, total, limit)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, size: int, limit: int
    ) -> None:
        instance = f"urn:uuid:{uuid.uuid4()}"
        log.info("request_too_large", size=size, limit=limit, instance=instance)
        problem = Problem(413, detail=f"De inhoud van het verzoek is groter dan {limit} bytes.")
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


def _counting(receive: Receive, limit: int) -> Receive:
    """A receive channel that raises RequestTooLarge once more than ``limit`` bytes came."""
    total = 0

    async def counted() -> Message:
        nonlocal total
        message = await receive()
        total += len(message.get("body", b""))
        if total > limit:
            raise RequestTooLarge(f"more than {limit} bytes")
        return message

    return counted
