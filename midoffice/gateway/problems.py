"""ZGW problem responses (``Fout`` / ``ValidatieFout``, RFC 7807 ``application/problem+json``).

Routes raise :class:`Problem`; the handlers installed by :func:`install_problem_handlers` turn
it, FastAPI's validation errors and Starlette's HTTP errors into problem responses. Codes are
Django REST framework's, which Open Zaak and vng-api-common answer with. Every problem gets a
unique ``instance`` (``urn:uuid:...``) that is also logged, so an operator can find it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from schemas.outcome import InvalidParam

PROBLEM_JSON: Final = "application/problem+json"

# (code, title) per HTTP status, as Django REST framework names them.
STANDARD: Final[Mapping[int, tuple[str, str]]] = {
    400: ("invalid", "Ongeldige invoer."),
    401: ("not_authenticated", "Authenticatiegegevens zijn niet opgegeven."),
    403: ("permission_denied", "Je hebt geen toestemming om deze actie uit te voeren."),
    404: ("not_found", "Niet gevonden."),
    405: ("method_not_allowed", "Methode niet toegestaan."),
    406: ("not_acceptable", "Kan niet voldoen aan de opgegeven Accept header."),
    413: ("request_too_large", "Het verzoek is te groot."),
    415: ("unsupported_media_type", "Niet-ondersteund mediatype in het verzoek."),
    500: ("error", "Er is een serverfout opgetreden."),
}

log = structlog.get_logger(__name__)


class Problem(Exception):
    """An error answered as a ZGW problem; 400s carry ``invalid_params``."""

    def __init__(
        self,
        status: int,
        *,
        code: str | None = None,
        title: str | None = None,
        detail: str = "",
        invalid_params: Iterable[InvalidParam] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        standard_code, standard_title = STANDARD.get(status, ("error", "Fout."))
        super().__init__(detail or title or standard_title)
        self.status = status
        self.code = code or standard_code
        self.title = title or standard_title
        self.detail = detail or self.title
        self.invalid_params = tuple(invalid_params)
        self.headers = dict(headers or {})


def validation_problem(invalid_params: Sequence[InvalidParam], detail: str = "") -> Problem:
    """A 400 ``ValidatieFout`` for ``invalid_params``."""
    return Problem(
        400,
        detail=detail or "Een of meer velden zijn ongeldig; zie invalidParams.",
        invalid_params=invalid_params,
    )


def problem_body(problem: Problem, instance: str) -> dict[str, Any]:
    """The JSON body: Fout, plus invalidParams for a 400 (ValidatieFout requires it)."""
    body: dict[str, Any] = {
        "type": f"urn:nld:midoffice:fout:{problem.code}",
        "code": problem.code,
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
        "instance": instance,
    }
    if problem.status == 400 or problem.invalid_params:
        body["invalidParams"] = [
            {"name": p.name, "code": p.code, "reason": p.reason} for p in problem.invalid_params
        ]
    return body


def problem_response(problem: Problem) -> JSONResponse:
    """The ``application/problem+json`` response for ``problem``."""
    instance = f"urn:uuid:{uuid.uuid4()}"
    log.info(
        "problem_response",
        status=problem.status,
        code=problem.code,
        instance=instance,
        invalid=[p.name for p in problem.invalid_params],
    )
    return JSONResponse(
        problem_body(problem, instance),
        status_code=problem.status,
        headers=problem.headers,
        media_type=PROBLEM_JSON,
    )


_PYDANTIC_CODES: Final[Mapping[str, str]] = {"missing": "required"}


def _from_request_validation(exc: RequestValidationError) -> Problem:
    errors = exc.errors()
    if any(error["loc"] and error["loc"][0] == "path" for error in errors):
        return Problem(404)  # a malformed identifier in a path names no resource
    params = [
        InvalidParam(
            name=str(error["loc"][-1]) if error["loc"] else "nonFieldErrors",
            code=_PYDANTIC_CODES.get(error["type"], "invalid"),
            reason=str(error["msg"]),
        )
        for error in errors
    ]
    return validation_problem(params)


async def _on_problem(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Problem)
    return problem_response(exc)


async def _on_request_validation(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return problem_response(_from_request_validation(exc))


async def _on_http_exception(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else ""
    if exc.status_code == 404:
        detail = "Niet gevonden."
    return problem_response(Problem(exc.status_code, detail=detail, headers=exc.headers))


def install_problem_handlers(app: FastAPI) -> None:
    """Answer Problem, validation errors and HTTP errors (404, 405, ...) as ZGW problems.

    Unexpected exceptions are answered by :class:`midoffice.gateway.errors.UnhandledErrors`.
    """
    app.add_exception_handler(Problem, _on_problem)
    app.add_exception_handler(RequestValidationError, _on_request_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http_exception)
