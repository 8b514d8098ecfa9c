"""Pure ASGI middleware: an unexpected exception becomes a 500 problem, never a traceback.

The client gets the generic ZGW ``Fout`` with an ``instance`` id; the exception itself is only
logged, under that id.
"""

from __future__ import annotations

import uuid

import structlog
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from midoffice.gateway.problems import PROBLEM_JSON, Problem, problem_body

log = structlog.get_logger(__name__)


class UnhandledErrors:
    """Answer 500 for any exception that escapes the app before the response started."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            instance = f"urn:uuid:{uuid.uuid4()}"
            log.exception(
                "unhandled_error", instance=instance, method=scope["method"], path=scope["path"]
            )
            if started:
                raise
            body = problem_body(Problem(500, detail="Er is een serverfout opgetreden."), instance)
            response = JSONResponse(body, status_code=500, media_type=PROBLEM_JSON)
            await response(scope, receive, send)
