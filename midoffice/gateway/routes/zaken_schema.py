"""The OpenAPI document of the Zaken API as this gateway serves it.

Served at ``/zaken/api/v1/schema/openapi.yaml`` (and ``.json``), where the standard puts it.
It IS the official Zaken API 1.5.1 specification (shipped in ``adapters/zgw/openapi/``),
limited to the operations this gateway implements, with ``servers`` set to this gateway and
with the answers the MidOffice adds documented on each operation:

- ``202`` on writes: accepted on the log, outcome not decided in time (or
  ``Prefer: respond-async``), with a ``Location`` to poll;
- ``304`` on detail reads: ``If-None-Match`` named the current ETag;
- ``404`` on paginated lists: a page beyond the last (Django REST framework, as Open Zaak);
- ``409`` ``idempotency-key-reused`` is already documented by the standard;
- ``413`` on writes: the body is larger than the configured maximum;
- ``400`` on a detail read with ``expand``: an unknown expansion or query parameter.
"""

from __future__ import annotations

import copy
import functools
from typing import Any, Final

import yaml
from fastapi import APIRouter, Request, Response

from adapters.zgw.spec import specification
from adapters.zgw.urls import ZAKEN_ROOT

router = APIRouter(prefix=ZAKEN_ROOT, include_in_schema=False)

_FOUT: Final = {"$ref": "#/components/schemas/Fout"}
_VERWERKING: Final = {
    "type": "object",
    "required": ["status", "url", "invalidParams"],
    "properties": {
        "status": {"type": "string", "enum": ["pending", "accepted", "rejected"]},
        "url": {"type": "string", "format": "uri", "nullable": True},
        "invalidParams": {"type": "array", "items": {"type": "object"}},
    },
}


def _problem(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/problem+json": {"schema": _FOUT}}}  # fmt: skip


def _extend(path: str, method: str, operation: dict[str, Any]) -> None:
    responses = operation["responses"]
    if method in ("post", "put", "patch", "delete"):
        responses.setdefault("202", {
            "description": "Aanvaard; de verwerking is nog niet beslist (zie Location).",
            "headers": {"Location": {"schema": {"type": "string", "format": "uri"}}},
            "content": {"application/json": {"schema": _VERWERKING}},
        })  # fmt: skip
        if method != "delete":
            responses.setdefault("413", _problem("Het verzoek is te groot."))
    if method == "get" and path.endswith("}"):
        responses.setdefault("304", {"description": "Niet gewijzigd (If-None-Match)."})
    names = {p.get("name") for p in operation.get("parameters", [])}
    if method in ("get", "post") and "page" in names:
        responses.setdefault("404", _problem("Ongeldige pagina."))
    if "expand" in names and "400" not in responses:
        responses["400"] = {
            "description": "Ongeldige expand of query parameter.",
            "content": {"application/problem+json": {
                "schema": {"$ref": "#/components/schemas/ValidatieFout"}}},
        }  # fmt: skip


def _implemented(generated: dict[str, Any]) -> set[tuple[str, str]]:
    """(path below the API root, method) of every Zaken API route of the app, from the
    document FastAPI generates (and caches) for it."""
    return {
        (path[len(ZAKEN_ROOT) :], method.lower())
        for path, operations in generated.get("paths", {}).items()
        if path.startswith(ZAKEN_ROOT + "/")
        for method in operations
    }


@functools.lru_cache(maxsize=8)
def _document(base_url: str, implemented: frozenset[tuple[str, str]]) -> dict[str, Any]:
    official = specification()
    paths: dict[str, Any] = {}
    for path, operations in official["paths"].items():
        kept = {
            method: copy.deepcopy(operation)
            for method, operation in operations.items()
            if (path, method) in implemented
        }
        for method, operation in kept.items():
            _extend(path, method, operation)
        if kept:
            paths[path] = kept
    document = {key: value for key, value in official.items() if key != "paths"}
    document["servers"] = [{"url": f"{base_url}{ZAKEN_ROOT}"}]
    document["paths"] = paths
    return document


def _key(request: Request) -> tuple[str, frozenset[tuple[str, str]]]:
    implemented = frozenset(_implemented(request.app.openapi()))
    return str(request.base_url).rstrip("/"), implemented


def document(request: Request) -> dict[str, Any]:
    """The served document for the base URL this request came in on."""
    return _document(*_key(request))


@functools.lru_cache(maxsize=8)
def _yaml(base_url: str, implemented: frozenset[tuple[str, str]]) -> str:
    return yaml.safe_dump(_document(base_url, implemented), sort_keys=False, allow_unicode=True)


@router.get("/schema/openapi.yaml")
async def openapi_yaml(request: Request) -> Response:
    """The document as YAML (the standard's location)."""
    return Response(_yaml(*_key(request)), media_type="application/vnd.oai.openapi")


@router.get("/schema/openapi.json")
async def openapi_json(request: Request) -> dict[str, Any]:
    """The document as JSON."""
    return document(request)
