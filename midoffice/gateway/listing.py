"""ZGW list endpoints: page numbers, ``count/next/previous/results`` bodies, query parameters.

Pagination follows Django REST framework's ``PageNumberPagination`` as Open Zaak uses it: 100
per page, ``?page=n``, a page past the end (or not a number) is a 404, and the link to the
first page carries no ``page`` parameter. Query parameters are checked as vng-api-common does:
an unknown parameter is a 400 (``unknown-parameters``) rather than silently ignored, so a
client never mistakes an unfiltered list for a filtered one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from typing import Any, Final
from urllib.parse import urlencode

from fastapi import Request

from midoffice.gateway.problems import Problem, validation_problem
from schemas.outcome import InvalidParam

PAGE_SIZE: Final = 100
UNKNOWN_PARAMETERS: Final = "unknown-parameters"
_DATE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_query_params(request: Request, allowed: Collection[str]) -> None:
    """400 when the query string names a parameter outside ``allowed``."""
    unknown = sorted({name for name in request.query_params if name not in allowed})
    if unknown:
        raise validation_problem(
            [
                InvalidParam(
                    "nonFieldErrors",
                    UNKNOWN_PARAMETERS,
                    f"Onbekende query parameters: {', '.join(unknown)}",
                )
            ]
        )


MAX_PAGE_DIGITS: Final = 12
"""No register has 10^12 pages; larger page numbers would overflow a 64-bit SQL offset."""


def page_number(request: Request) -> int:
    """The requested page (1 when absent); 404 for anything but a positive integer."""
    raw = request.query_params.get("page")
    if raw is None:
        return 1
    # ASCII digits only ("²".isdigit() is True), and few enough that the offset fits in SQL.
    if not (raw.isascii() and raw.isdigit()) or len(raw) > MAX_PAGE_DIGITS or int(raw) < 1:
        raise Problem(404, detail="Ongeldige pagina.")
    return int(raw)


def offset_of(page: int) -> int:
    return (page - 1) * PAGE_SIZE


def paginated(
    request: Request, base_url: str, page: int, count: int, results: Sequence[Any]
) -> dict[str, Any]:
    """The paginated body; 404 for a page beyond the last (page 1 always exists)."""
    if page > 1 and offset_of(page) >= count:
        raise Problem(404, detail="Ongeldige pagina.")
    has_next = offset_of(page + 1) < count
    return {
        "count": count,
        "next": _page_link(request, base_url, page + 1) if has_next else None,
        "previous": _page_link(request, base_url, page - 1) if page > 1 else None,
        "results": list(results),
    }


def _page_link(request: Request, base_url: str, page: int) -> str:
    root_path = request.scope.get("root_path", "")
    path = request.url.path
    if root_path and path.startswith(root_path):
        path = path[len(root_path) :]
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
    if page > 1:
        params.append(("page", str(page)))
    query = urlencode(params)
    return f"{base_url}{path}?{query}" if query else f"{base_url}{path}"


def query_date(request: Request, name: str, problems: list[InvalidParam]) -> dt.date | None:
    """The date in query parameter ``name``; a malformed one is added to ``problems``."""
    raw = request.query_params.get(name)
    if raw is None:
        return None
    try:
        if _DATE.match(raw):
            return dt.date.fromisoformat(raw)
    except ValueError:
        pass
    problems.append(InvalidParam(name, "invalid", "Voer een geldige datum in."))
    return None


def query_bool(request: Request, name: str, problems: list[InvalidParam]) -> bool | None:
    """``true``/``false`` (as django-filter reads them) in query parameter ``name``."""
    raw = request.query_params.get(name)
    if raw is None:
        return None
    lowered = raw.lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    problems.append(InvalidParam(name, "invalid", "Kies een geldige optie: true of false."))
    return None
