"""Zaken API 1.5.1: ``GET /zaken`` (filters, ordering, expand) and ``POST /zaken/_zoek``.

Both read the same filters (:mod:`zaakmagazijn.zaakfilters`): from the query string for the
list (comma-separated ``__in`` values, ``true``/``false``), from the JSON body for the search
(arrays and booleans). Both return only zaken the client may read with ``zaken.lezen``: the
authorisation is a condition of the one query, so counts and pages never reveal other zaken.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, Final
from uuid import UUID

from fastapi import APIRouter, Depends, Request, Response

from adapters.zgw.urls import ZAAKTYPEN, ZAKEN_ROOT, is_http_url, parse_resource_url
from autorisaties.scopes import ZAKEN_LEZEN
from midoffice.gateway.authorization import RightsDep
from midoffice.gateway.crs import CONTENT_CRS, negotiate_crs
from midoffice.gateway.dependencies import BaseUrlDep, ConnectionDep, ContainerDep, UrlsDep
from midoffice.gateway.listing import (
    PAGE_SIZE,
    check_query_params,
    offset_of,
    page_number,
    paginated,
)
from midoffice.gateway.problems import validation_problem
from midoffice.gateway.responses import FastJSONResponse
from midoffice.gateway.routes.onderdelen_filters import invalid_choice
from midoffice.gateway.routes.zaken_expand import expand_zaken, parse_expand
from midoffice.gateway.routes.zaken_toegang import readable, require_any_scope
from midoffice.gateway.routes.zaken_weergave import render_zaken
from midoffice.gateway.submission import read_json
from schemas.outcome import InvalidParam
from zaakmagazijn import queries
from zaakmagazijn.zaakfilters import FILTERS, VERTROUWELIJKHEID, Filter

router = APIRouter(prefix=ZAKEN_ROOT, tags=["zaken"], dependencies=[Depends(negotiate_crs)])

MAXIMALE: Final = "maximaleVertrouwelijkheidaanduiding"
SEARCH_ONLY: Final = frozenset({"uuid__in", "zaaktype__in"})
LIST_PARAMETERS: Final = frozenset(
    {*(set(FILTERS) - SEARCH_ONLY), MAXIMALE, "ordering", "expand", "page"}
)
ORDERING: Final = frozenset(queries.ZAAK_ORDERING)
_DATE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NOTHING: Final = UUID(int=0)  # a zaaktype URL of another registry matches no zaak here


@router.get("/zaken", summary="Alle ZAAKen opvragen.")
async def zaak_list(
    request: Request, connection: ConnectionDep, urls: UrlsDep, base_url: BaseUrlDep,
    rights: RightsDep, container: ContainerDep,
) -> Response:  # fmt: skip
    """Zaken the client may read, filtered, ordered and paginated."""
    require_any_scope(rights, [ZAKEN_LEZEN])
    check_query_params(request, LIST_PARAMETERS)
    params = request.query_params
    values = {name: params[name] for name in params if name not in {"ordering", "expand", "page"}}
    ordering = tuple(o.strip() for o in params.get("ordering", "").split(",") if o.strip())
    return await _answer(request, connection, urls, base_url, rights, container.catalogue,
                         values, ordering, params.get("expand", ""), from_query=True)  # fmt: skip


@router.post("/zaken/_zoek", summary="Voer een (complexe) zoekactie uit op ZAAKen.")
async def zaak_zoek(
    request: Request, connection: ConnectionDep, urls: UrlsDep, base_url: BaseUrlDep,
    rights: RightsDep, container: ContainerDep,
) -> Response:  # fmt: skip
    """The list's filters (and ``uuid__in``, ``zaaktype__in``) in a JSON body."""
    require_any_scope(rights, [ZAKEN_LEZEN])
    check_query_params(request, {"page"})
    body = await read_json(request)
    if not isinstance(body, Mapping):
        reason = "Ongeldige data. Verwachtte een dictionary."
        raise validation_problem([InvalidParam("nonFieldErrors", "invalid", reason)])
    problems: list[InvalidParam] = []
    if body.get("zaakgeometrie") is not None:
        reason = "Zoeken op zaakgeometrie wordt (nog) niet ondersteund."
        problems.append(InvalidParam("zaakgeometrie", "niet-ondersteund", reason))
    values = {k: v for k, v in body.items() if k in FILTERS or k == MAXIMALE}
    ordering_value = body.get("ordering") or ""
    if not isinstance(ordering_value, str):
        problems.append(InvalidParam("ordering", "invalid", "Ongeldige string."))
        ordering_value = ""
    expand = body.get("expand") or ""
    if not isinstance(expand, str):
        problems.append(InvalidParam("expand", "invalid", "Ongeldige string."))
        expand = ""
    if problems:
        raise validation_problem(problems)
    ordering = tuple(o.strip() for o in ordering_value.split(",") if o.strip())
    return await _answer(request, connection, urls, base_url, rights, container.catalogue,
                         values, ordering, expand, from_query=False)  # fmt: skip


async def _answer(
    request: Request,
    connection: Any,
    urls: Any,
    base_url: str,
    rights: Any,
    catalogue: Any,
    raw: Mapping[str, Any],
    ordering: tuple[str, ...],
    expand: str,
    *,
    from_query: bool,
) -> Response:
    problems: list[InvalidParam] = []
    values = {name: _value(name, value, from_query, problems) for name, value in raw.items()}
    values = {name: value for name, value in values.items() if value is not None}
    for name in ordering:
        if name.removeprefix("-") not in ORDERING:
            problems.append(
                InvalidParam("ordering", "invalid_choice", f'"{name}" is een ongeldige keuze.')
            )
    paths = parse_expand(expand, problems)
    if problems:
        raise validation_problem(problems)
    page = page_number(request)
    found = await queries.list_zaken(
        connection,
        queries.ZaakFilters(values=values, ordering=ordering),
        offset=offset_of(page),
        limit=PAGE_SIZE,
        visibility=readable(rights),
    )
    results = await render_zaken(connection, found.rows, urls)
    if paths:
        await expand_zaken(connection, results, paths, urls, rights, catalogue)
    body = paginated(request, base_url, page, found.count, results)
    return FastJSONResponse(body, headers=dict(CONTENT_CRS))


def _value(name: str, raw: Any, from_query: bool, problems: list[InvalidParam]) -> Any:
    """The parsed value of filter ``name``; problems are collected."""
    if name == MAXIMALE:
        if raw not in VERTROUWELIJKHEID:
            problems.append(invalid_choice(name, raw))
            return None
        return raw
    spec = FILTERS[name]
    if spec.kind == "list":
        items = raw.split(",") if from_query and isinstance(raw, str) else raw
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            problems.append(InvalidParam(name, "invalid", "Verwachtte een lijst met items."))
            return None
        return [_item(name, item.strip(), problems) for item in items if item.strip()]
    if spec.kind == "bool":
        return _bool(name, raw, from_query, problems)
    if not isinstance(raw, str):
        problems.append(InvalidParam(name, "invalid", "Ongeldige string."))
        return None
    if spec.kind == "date":
        return _date(name, raw, problems)
    if spec.kind == "uuid":
        return _zaaktype(name, raw, problems)
    return _text(name, raw, spec, problems)


def _text(name: str, raw: str, spec: Filter, problems: list[InvalidParam]) -> str | None:
    if spec.choices and raw not in spec.choices:
        problems.append(invalid_choice(name, raw))
        return None
    return raw


def _item(name: str, raw: str, problems: list[InvalidParam]) -> Any:
    if name == "zaaktype__in":
        return _zaaktype(name, raw, problems)
    if name == "uuid__in":
        try:
            return UUID(raw)
        except ValueError:
            problems.append(InvalidParam(name, "invalid", f'"{raw}" is geen geldige UUID.'))
    return raw


def _zaaktype(name: str, raw: str, problems: list[InvalidParam]) -> UUID | None:
    if not is_http_url(raw):
        problems.append(InvalidParam(name, "invalid", "Voer een geldige URL in."))
        return None
    return parse_resource_url(raw, ZAAKTYPEN) or _NOTHING


def _date(name: str, raw: str, problems: list[InvalidParam]) -> dt.date | None:
    try:
        if _DATE.match(raw):
            return dt.date.fromisoformat(raw)
    except ValueError:
        pass
    problems.append(InvalidParam(name, "invalid", "Voer een geldige datum in."))
    return None


def _bool(name: str, raw: Any, from_query: bool, problems: list[InvalidParam]) -> bool | None:
    if isinstance(raw, bool):
        return raw
    if from_query and isinstance(raw, str) and raw.lower() in ("true", "1", "false", "0"):
        return raw.lower() in ("true", "1")
    problems.append(InvalidParam(name, "invalid", "Kies een geldige optie: true of false."))
    return None
