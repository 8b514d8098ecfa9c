"""``expand`` (Zaken API 1.5): linked resources inline, under ``_expand``.

``expand=zaaktype,status.statustype,rollen.roltype,hoofdzaak.status.statustype`` puts the
zaaktype, the status (with its statustype under the status's own ``_expand``), ... into each
zaak's ``_expand``; a list field (rollen, deelzaken, ...) expands to a list. Expansion reads
level by level, one query per kind of resource for all zaken of the page, and with the
client's autorisaties: a linked zaak (hoofdzaak, deelzaak) or part of a zaak the client may
not read is left out (null, or missing from the list), never shown.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any, Final

from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.zgw import catalogi_typen
from adapters.zgw.catalogi import statustype_to_response, zaaktype_to_response
from adapters.zgw.rol import rol_to_response
from adapters.zgw.status import status_to_response
from adapters.zgw.urls import ResourceUrls
from adapters.zgw.zaakonderdelen import (
    resultaat_to_response,
    zaakeigenschap_to_response,
    zaakinformatieobject_to_response,
    zaakobject_to_response,
)
from autorisaties.rights import ClientRights
from catalogi.model import Catalogue
from catalogi.source import CatalogueSource
from midoffice.gateway.routes.zaken_toegang import readable
from midoffice.gateway.routes.zaken_weergave import render_zaken
from schemas.outcome import InvalidParam
from zaakmagazijn import queries, queries_onderdelen, tables

LINKS: Final[Mapping[str, Mapping[str, str]]] = {
    "zaak": {
        "zaaktype": "zaaktype", "hoofdzaak": "zaak", "deelzaken": "zaak", "status": "status",
        "resultaat": "resultaat", "rollen": "rol", "eigenschappen": "zaakeigenschap",
        "zaakobjecten": "zaakobject", "zaakinformatieobjecten": "zaakinformatieobject",
    },
    "status": {"statustype": "statustype", "zaak": "zaak"},
    "resultaat": {"resultaattype": "resultaattype", "zaak": "zaak"},
    "rol": {"roltype": "roltype", "zaak": "zaak"},
    "zaakeigenschap": {"eigenschap": "eigenschap", "zaak": "zaak"},
    "zaakobject": {"zaak": "zaak", "zaakobjecttype": "zaakobjecttype"},
    "zaakinformatieobject": {"zaak": "zaak", "status": "status"},
    "zaaktype": {},
    "statustype": {"zaaktype": "zaaktype"},
    "roltype": {"zaaktype": "zaaktype"},
    "resultaattype": {"zaaktype": "zaaktype"},
    "eigenschap": {"zaaktype": "zaaktype"},
    "zaakobjecttype": {"zaaktype": "zaaktype"},
}  # fmt: skip
"""Per kind of resource: which field links to which kind (what may be expanded)."""

_UUID: Final = re.compile(r"([0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12})/?$")
Tree = dict[str, "Tree"]
Loader = Callable[[AsyncConnection, list[uuid.UUID]], Awaitable[dict[uuid.UUID, dict[str, Any]]]]


def parse_expand(value: str, problems: list[InvalidParam]) -> Tree:
    """The requested expansions as a tree of field names; unknown paths are problems."""
    tree: Tree = {}
    for path in (p.strip() for p in value.split(",")):
        if not path:
            continue
        kind, node = "zaak", tree
        for name in path.split("."):
            target = LINKS[kind].get(name)
            if target is None:
                reason = f"'{path}' kan niet worden ge-expand ({name} is geen relatie van {kind})."
                problems.append(InvalidParam("expand", "invalid", reason))
                break
            kind, node = target, node.setdefault(name, {})
    return tree


def _uuid_of(url: object) -> uuid.UUID | None:
    match = _UUID.search(url) if isinstance(url, str) else None
    return uuid.UUID(match[1]) if match else None


def _loaders(
    catalogue: Catalogue, urls: ResourceUrls, rights: ClientRights
) -> dict[str, Loader]:
    visibility = readable(rights)

    async def zaken(conn: AsyncConnection, ids: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        rows = await queries.get_zaken(conn, ids, visibility)
        rendered = await render_zaken(conn, list(rows.values()), urls)
        return {uuid.UUID(body["uuid"]): body for body in rendered}

    async def statussen(conn: AsyncConnection, ids: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        rows = await queries.get_statussen(conn, ids, visibility)
        return {u: status_to_response(row, urls) for u, row in rows.items()}

    def parts(table: Any, render: Callable[..., dict[str, Any]]) -> Loader:
        async def load(conn: AsyncConnection, ids: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
            rows = await queries_onderdelen.get_onderdelen(conn, table, ids, visibility)
            return {u: render(row, urls) for u, row in rows.items()}

        return load

    def catalogue_part(lookup: Callable[..., Any], render: Callable[..., Any]) -> Loader:
        async def load(_conn: AsyncConnection, ids: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
            found: dict[uuid.UUID, Any] = {}
            for u in ids:
                hit = lookup(catalogue, u)
                catalogus = catalogue.owner(u)
                if hit is not None and catalogus is not None:
                    found[u] = render(catalogus, hit[0], hit[1], urls)
            return found

        return load

    async def zaaktypen(_conn: AsyncConnection, ids: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        found: dict[uuid.UUID, Any] = {}
        for u in ids:
            zaaktype, catalogus = catalogue.zaaktype(u), catalogue.catalogus_of(u)
            if zaaktype is not None and catalogus is not None:
                found[u] = zaaktype_to_response(catalogus, zaaktype, urls)
        return found

    return {
        "zaak": zaken,
        "status": statussen,
        "rol": parts(tables.rol, rol_to_response),
        "resultaat": parts(tables.resultaat, resultaat_to_response),
        "zaakeigenschap": parts(tables.zaakeigenschap, zaakeigenschap_to_response),
        "zaakobject": parts(tables.zaakobject, zaakobject_to_response),
        "zaakinformatieobject": parts(
            tables.zaakinformatieobject, zaakinformatieobject_to_response
        ),
        "zaaktype": zaaktypen,
        "statustype": catalogue_part(Catalogue.statustype, statustype_to_response),
        "roltype": catalogue_part(Catalogue.roltype, catalogi_typen.roltype_to_response),
        "resultaattype": catalogue_part(
            Catalogue.resultaattype, catalogi_typen.resultaattype_to_response
        ),
        "eigenschap": catalogue_part(Catalogue.eigenschap, catalogi_typen.eigenschap_to_response),
        "zaakobjecttype": catalogue_part(
            Catalogue.zaakobjecttype, catalogi_typen.zaakobjecttype_to_response
        ),
    }


async def _expand(
    conn: AsyncConnection,
    kind: str,
    bodies: Iterable[dict[str, Any]],
    tree: Tree,
    loaders: Mapping[str, Loader],
) -> None:
    bodies = list(bodies)
    for field, subtree in tree.items():
        target = LINKS[kind][field]
        wanted = {
            u
            for body in bodies
            for value in _values(body.get(field))
            if (u := _uuid_of(value)) is not None
        }
        loaded = await loaders[target](conn, sorted(wanted))
        for body in bodies:
            value = body.get(field)
            found = [loaded[u] for v in _values(value) if (u := _uuid_of(v)) in loaded]
            expanded: Any = found if isinstance(value, list) else (found[0] if found else None)
            body.setdefault("_expand", {})[field] = expanded
        if subtree:
            await _expand(conn, target, loaded.values(), subtree, loaders)


def _values(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


async def expand_zaken(
    conn: AsyncConnection,
    zaken: list[dict[str, Any]],
    tree: Tree,
    urls: ResourceUrls,
    rights: ClientRights,
    source: CatalogueSource,
) -> None:
    """Add ``_expand`` to each rendered zaak in place, as ``tree`` asks (the catalogue is
    refreshed only when something is expanded)."""
    if not tree:
        return
    await source.refresh()
    await _expand(conn, "zaak", zaken, tree, _loaders(source.current(), urls, rights))
