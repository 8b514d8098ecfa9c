"""What every Catalogi resource route needs: the :class:`Resource` description and the
scope and lookup helpers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from adapters.zgw.catalogi_urls import COLLECTIONS
from adapters.zgw.urls import ResourceUrls
from autorisaties.rights import ClientRights, Component
from catalogi.lifecycle import GEFORCEERD_SCHRIJVEN
from catalogi.model import Catalogue
from midoffice.gateway.authorization import forbidden
from midoffice.gateway.problems import Problem
from midoffice.gateway.routes.catalogi_filters import Filter, Found

LEZEN = "catalogi.lezen"
SCHRIJVEN = "catalogi.schrijven"
Scope = tuple[Component, str]


@dataclass(frozen=True)
class Resource:
    """One Catalogi resource: where its objects are, how they render, how lists filter."""

    soort: str
    title: str
    all: Callable[[Catalogue], list[Found]]
    find: Callable[[Catalogue, UUID], Found | None]
    render: Callable[[Found, ResourceUrls], dict[str, Any]]
    filters: tuple[Filter, ...]
    read_scopes: tuple[Scope, ...] = ((Component.ztc, LEZEN),)
    create_scopes: tuple[str, ...] = (SCHRIJVEN, GEFORCEERD_SCHRIJVEN)
    publishable: bool = False
    create_status: int = 201
    delete_status: int = 204
    detail_filters: tuple[Filter, ...] = field(default=())

    @property
    def collection(self) -> str:
        return COLLECTIONS[self.soort]


def require_any(rights: ClientRights, scopes: tuple[Scope, ...]) -> None:
    """403 unless the client has one of ``scopes``."""
    if not any(rights.has_scope(component, scope) for component, scope in scopes):
        names = " | ".join(scope for _, scope in scopes)
        raise forbidden(f"De client heeft geen van de scopes {names}.")


def ztc(*scopes: str) -> tuple[Scope, ...]:
    return tuple((Component.ztc, scope) for scope in scopes)


def found_or_404(resource: Resource, catalogue: Catalogue, uuid: UUID) -> Found:
    found = resource.find(catalogue, uuid)
    if found is None:
        raise Problem(404)
    return found


def list_parameters(r: Resource) -> list[dict[str, Any]]:
    """The OpenAPI query parameters of the list of ``r``."""
    page = {
        "name": "page",
        "in": "query",
        "required": False,
        "schema": {"type": "integer", "minimum": 1},
    }
    return [
        {"name": f.name, "in": "query", "required": False, "schema": f.schema} for f in r.filters
    ] + [page]
