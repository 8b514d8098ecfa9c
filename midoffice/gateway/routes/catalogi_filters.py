"""Query parameters of the Catalogi API lists, as the 1.3.1 specification names them.

A :class:`Filter` reads one parameter (a malformed value becomes an invalidParam) and gives a
predicate over a :class:`Found` object, or None when the parameter is absent. ``status``
(``alles`` | ``concept`` | ``definitief``, default ``definitief``) and ``datumGeldigheid``
apply to the object's own concept flag and geldigheid, or its zaaktype's for a part.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final
from uuid import UUID

from fastapi import Request

from adapters.zgw.catalogi_urls import parse_catalogi_url
from adapters.zgw.urls import is_http_url
from catalogi.model import Catalogus, Zaaktype
from midoffice.gateway.listing import query_bool, query_date
from schemas.outcome import InvalidParam

_NOTHING: Final = UUID(int=0)  # a URL of another registry matches nothing here
STATUS_CHOICES: Final = ("alles", "concept", "definitief")


@dataclass(frozen=True)
class Found:
    """A catalogue object with its catalogus and (for a zaaktype or its parts) zaaktype."""

    catalogus: Catalogus
    zaaktype: Zaaktype | None
    obj: Any


Predicate = Callable[[Found], bool]


@dataclass(frozen=True)
class Filter:
    """One query parameter: its OpenAPI schema and how it filters."""

    name: str
    schema: dict[str, Any]
    build: Callable[[Request, list[InvalidParam]], Predicate | None]


def _reference(
    request: Request, name: str, soort: str, problems: list[InvalidParam]
) -> UUID | None:
    value = request.query_params.get(name)
    if value is None:
        return None
    if not is_http_url(value):
        problems.append(InvalidParam(name, "invalid", "Voer een geldige URL in."))
    return parse_catalogi_url(value, soort) or _NOTHING


def reference(name: str, soort: str, of: Callable[[Found], Any]) -> Filter:
    """``name`` is the URL of a ``soort``; keep objects for which ``of`` gives its uuid (or a
    collection holding it)."""

    def build(request: Request, problems: list[InvalidParam]) -> Predicate | None:
        wanted = _reference(request, name, soort, problems)
        if wanted is None:
            return None

        def keep(found: Found) -> bool:
            value = of(found)
            return wanted in value if isinstance(value, (tuple, list, set)) else value == wanted

        return keep

    return Filter(name, {"type": "string", "format": "uri"}, build)


def text(name: str, of: Callable[[Found], Any]) -> Filter:
    """Exact match of ``of(found)`` with the parameter."""

    def build(request: Request, _problems: list[InvalidParam]) -> Predicate | None:
        wanted = request.query_params.get(name)
        return None if wanted is None else (lambda found: of(found) == wanted)

    return Filter(name, {"type": "string"}, build)


def choice(name: str, choices: tuple[str, ...], of: Callable[[Found], Any]) -> Filter:
    def build(request: Request, problems: list[InvalidParam]) -> Predicate | None:
        wanted = request.query_params.get(name)
        if wanted is None:
            return None
        if wanted not in choices:
            problems.append(
                InvalidParam(name, "invalid_choice", f'"{wanted}" is een ongeldige keuze.')
            )
        return lambda found: str(of(found)) == wanted

    return Filter(name, {"type": "string", "enum": list(choices)}, build)


def boolean(name: str, of: Callable[[Found], bool]) -> Filter:
    def build(request: Request, problems: list[InvalidParam]) -> Predicate | None:
        wanted = query_bool(request, name, problems)
        return None if wanted is None else (lambda found: of(found) == wanted)

    return Filter(name, {"type": "string", "enum": ["true", "false"]}, build)


def trefwoorden(name: str = "trefwoorden") -> Filter:
    """Every given (comma-separated) trefwoord occurs on the zaaktype."""

    def build(request: Request, _problems: list[InvalidParam]) -> Predicate | None:
        raw = request.query_params.get(name)
        if raw is None:
            return None
        wanted = {part.strip() for part in raw.split(",") if part.strip()}
        return lambda found: wanted <= set(found.obj.trefwoorden)

    return Filter(name, {"type": "array", "items": {"type": "string"}}, build)


def concept_of(found: Found) -> bool:
    """The concept flag that decides the ``status`` filter: the object's, or its zaaktype's."""
    own = getattr(found.obj, "concept", None)
    if own is not None:
        return bool(own)
    return bool(found.zaaktype.concept) if found.zaaktype is not None else False


def status(name: str = "status", concept: Callable[[Found], bool] = concept_of) -> Filter:
    def build(request: Request, problems: list[InvalidParam]) -> Predicate | None:
        wanted = request.query_params.get(name, "definitief")
        if wanted not in STATUS_CHOICES:
            problems.append(
                InvalidParam(name, "invalid_choice", f'"{wanted}" is een ongeldige keuze.')
            )
        if wanted == "alles":
            return None
        return lambda found: concept(found) == (wanted == "concept")

    return Filter(name, {"type": "string", "enum": list(STATUS_CHOICES)}, build)


def geldigheid_of(found: Found) -> tuple[dt.date | None, dt.date | None]:
    """beginGeldigheid and eindeGeldigheid of the object, else of its zaaktype."""
    begin = getattr(found.obj, "beginGeldigheid", None)
    einde = getattr(found.obj, "eindeGeldigheid", None)
    if begin is None and found.zaaktype is not None:
        begin, einde = found.zaaktype.beginGeldigheid, found.zaaktype.eindeGeldigheid
    return begin, einde


def datum(name: str, test: Callable[[Found, dt.date], bool]) -> Filter:
    def build(request: Request, problems: list[InvalidParam]) -> Predicate | None:
        value = query_date(request, name, problems)
        return None if value is None else (lambda found: test(found, value))

    return Filter(name, {"type": "string", "format": "date"}, build)


def geldig_op(found: Found, day: dt.date) -> bool:
    begin, einde = geldigheid_of(found)
    return (begin is None or begin <= day) and (einde is None or day <= einde)


def datum_geldigheid(name: str = "datumGeldigheid") -> Filter:
    return datum(name, geldig_op)


def predicates(
    request: Request, filters: tuple[Filter, ...], problems: list[InvalidParam]
) -> list[Predicate]:
    """The predicates of the parameters present (problems collected in ``problems``)."""
    built = [f.build(request, problems) for f in filters]
    return [p for p in built if p is not None]
