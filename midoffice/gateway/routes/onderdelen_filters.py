"""Query-string filters of the lists of zaak parts (``/rollen?zaak=...&roltype=...``).

Each filter names the column it compares and how its value is read: a zaak URL, a catalogue
URL (roltype, resultaattype), or text (optionally one of fixed choices). A URL of another
registry matches nothing, as a django-filter on an unknown object does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final
from uuid import UUID

from fastapi import Request

from adapters.zgw.catalogi_urls import parse_catalogi_url
from adapters.zgw.urls import ZAKEN, is_http_url, parse_resource_url
from midoffice.gateway.problems import validation_problem
from schemas.outcome import InvalidParam


def invalid_choice(name: str, raw: object) -> InvalidParam:
    """The problem for a value outside the filter's choices."""
    return InvalidParam(name, "invalid_choice", f'"{raw}" is een ongeldige keuze.')

_NOTHING: Final = UUID(int=0)


@dataclass(frozen=True)
class QueryFilter:
    """``column`` of the part's table; ``kind`` is ``zaak``, ``catalogus:<soort>``, ``url``
    or ``text``."""

    column: str
    kind: str = "text"
    choices: tuple[str, ...] = ()


def _parse(name: str, spec: QueryFilter, raw: str, problems: list[InvalidParam]) -> Any:
    if spec.kind == "text":
        if spec.choices and raw not in spec.choices:
            problems.append(invalid_choice(name, raw))
        return raw
    if not is_http_url(raw):
        problems.append(InvalidParam(name, "invalid", "Voer een geldige URL in."))
        return None
    if spec.kind == "url":
        return raw
    if spec.kind == "zaak":
        return parse_resource_url(raw, ZAKEN) or _NOTHING
    return parse_catalogi_url(raw, spec.kind.removeprefix("catalogus:")) or _NOTHING


def parse_filters(request: Request, filters: Mapping[str, QueryFilter]) -> dict[str, Any]:
    """Column -> value for the filters in the query string; 400 for malformed values."""
    problems: list[InvalidParam] = []
    found: dict[str, Any] = {}
    for name, spec in filters.items():
        raw = request.query_params.get(name)
        if raw is not None:
            found[spec.column] = _parse(name, spec, raw, problems)
    if problems:
        raise validation_problem(problems)
    return found
