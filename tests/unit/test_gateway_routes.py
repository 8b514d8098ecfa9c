"""The gateway's routing: ``create_app`` includes the busiest routers first, because a request
is matched against the routes in order. That is only safe while no request can be matched
by routes of two routers: then the order of the routers decides nothing."""

from __future__ import annotations

import re
import uuid
from typing import Any
from unittest.mock import MagicMock

from fastapi import FastAPI

from midoffice.gateway.app import create_app
from midoffice.settings import Settings

SAMPLE = str(uuid.UUID(int=7))


def _app() -> FastAPI:
    container = MagicMock()  # composing the routes touches no collaborator
    container.settings = Settings(max_request_bytes=1_000_000)
    return create_app(container)


def _routes_by_router(app: FastAPI) -> list[tuple[int, Any]]:
    """(index of the included router, route) for every route with a path and methods."""
    found = []
    for index, entry in enumerate(app.router.routes):
        included = getattr(entry, "original_router", None)
        for route in included.routes if included is not None else [entry]:
            if getattr(route, "methods", None):
                found.append((index, route))
    return found


def test_no_request_is_matched_by_routes_of_two_routers() -> None:
    routes = _routes_by_router(_app())
    assert len(routes) > 150
    overlaps = []
    for router, route in routes:
        path = re.sub(r"\{[^}]+\}", SAMPLE, route.path)
        for other_router, other in routes:
            same_methods = set(route.methods) & set(other.methods)
            if other_router != router and same_methods and other.path_regex.match(path):
                overlaps.append((route.path, other.path, sorted(same_methods)))
    assert overlaps == []


def test_the_zaken_api_is_matched_first() -> None:
    first = [route.path for _, route in _routes_by_router(_app()) if "{" not in route.path]
    zaken = "/zaken/api/v1"
    assert {f"{zaken}/zaken", f"{zaken}/statussen", f"{zaken}/rollen"} <= set(first[:12])
