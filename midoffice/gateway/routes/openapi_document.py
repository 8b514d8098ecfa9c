"""OpenAPI 3.0 documents of the ZGW APIs this gateway serves, generated from its own routes.

Each API (Catalogi, Zaken) serves ``<api root>/schema/openapi.yaml`` (and ``.json``): the
paths, methods, operation ids and parameters come from the FastAPI routes below the API root
(``openapi_extra`` of an operation adds query parameters and request bodies); the responses
each operation can give (problem+json for every error) and the ``JWT-Claims`` bearer scheme
are added here. Bodies are described as JSON objects: the exact field rules are those of the
ZGW standard the API implements. Nothing of the official specification files is used.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

import yaml
from fastapi import Request, Response

PROBLEM: Final = {
    "type": "object",
    "required": ["code", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string"},
        "code": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "invalidParams": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "code", "reason"],
                "properties": {n: {"type": "string"} for n in ("name", "code", "reason")},
            },
        },
    },
}
ERRORS: Final = {
    "400": "Ongeldige invoer",
    "401": "Niet geauthenticeerd",
    "403": "Geen toestemming",
    "404": "Niet gevonden",
    "406": "Niet acceptabel",
    "409": "Conflict",
    "412": "Voorwaarde niet vervuld",
    "413": "Verzoek te groot",
    "415": "Mediatype niet ondersteund",
    "500": "Serverfout",
}
OBJECT: Final = {"type": "object", "additionalProperties": True}
PAGE: Final = {
    "type": "object",
    "required": ["count", "results"],
    "properties": {
        "count": {"type": "integer", "minimum": 0},
        "next": {"type": "string", "format": "uri", "nullable": True},
        "previous": {"type": "string", "format": "uri", "nullable": True},
        "results": {"type": "array", "items": OBJECT},
    },
}
_PATH_PARAMETER: Final = re.compile(r"{([^}]+)}")

Responses = Callable[[str, str, int], dict[str, Any]]
"""(method, path below the API root, documented success status) -> the operation's responses."""


def body(schema: str) -> dict[str, Any]:
    """``openapi_extra`` for an operation with a JSON request body ``#/components/schemas/<schema>``
    (``-`` removed from the name)."""
    ref = {"$ref": f"#/components/schemas/{schema.replace('-', '')}"}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": ref}}}}


def problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Fout"}}},
    }


def json_response(description: str, schema: Mapping[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def responses(
    method: str, path: str, status: int, *, write_errors: Iterable[str] = ()
) -> dict[str, Any]:
    """The responses an operation can give: 200 (a page for a list) and 304 for a read, the
    success status and 202 (accepted, not yet decided) for a write, and the problems
    (``write_errors`` added to those of a write)."""
    result: dict[str, Any] = {}
    if method == "get":
        listing = not path.endswith("}")
        result["200"] = json_response("OK", PAGE if listing else OBJECT)
        if not listing:
            result["304"] = {"description": "Niet gewijzigd (If-None-Match)"}
    else:
        result[str(status)] = (
            {"description": "Verwijderd"} if status == 204 else json_response("OK", OBJECT)
        )
        result["202"] = json_response("Aanvaard; nog niet verwerkt (Location: verwerking)", OBJECT)
    errors = {"400", "401", "403", "406", "500"}
    if "{" in path or method == "get":  # an unknown object in the path
        errors.add("404")
    if method in ("post", "put", "patch"):
        errors |= {"413", "415"}
    if method != "get":
        errors |= set(write_errors)
    result.update({code: problem(ERRORS[code]) for code in sorted(errors)})
    return result


def _path_schema(name: str) -> dict[str, Any]:
    if name == "uuid" or name.endswith("_uuid"):
        return {"type": "string", "format": "uuid"}
    return {"type": "string"}


def _with_path_parameters(path: str, parameters: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``parameters`` with every ``{name}`` of ``path`` declared (a route's prefix may hold one
    FastAPI does not list)."""
    declared = {(p.get("in"), p.get("name")) for p in parameters}
    missing = [
        {"name": name, "in": "path", "required": True, "schema": _path_schema(name)}
        for name in _PATH_PARAMETER.findall(path)
        if ("path", name) not in declared
    ]
    return missing + parameters


def document(
    request: Request,
    *,
    root: str,
    title: str,
    version: str,
    description: str,
    schemas: Mapping[str, Any],
    responses_of: Responses = responses,
    extend: Callable[[str, str, dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """The OpenAPI 3.0 document of the routes of this app below ``root``, paths relative to it;
    ``extend(method, path, operation)`` may complete an operation (parameters, body)."""
    generated = copy.deepcopy(request.app.openapi())
    base = str(request.base_url).rstrip("/")
    paths: dict[str, Any] = {}
    for path, operations in generated.get("paths", {}).items():
        if not path.startswith(root + "/") or "/schema/" in path:
            continue
        short = path[len(root) :]
        for method, operation in operations.items():
            success = next(
                (int(c) for c in operation.get("responses", {}) if c.startswith("2")), 200
            )
            operation["responses"] = responses_of(method, short, success)
            operation["security"] = [{"JWT-Claims": []}]
            operation["parameters"] = _with_path_parameters(short, operation.get("parameters", []))
            operation.pop("tags", None)
            if extend is not None:
                extend(method, short, operation)
        paths[short] = operations
    return {
        "openapi": "3.0.3",
        "info": {"title": title, "version": version, "description": description},
        "servers": [{"url": base + root}],
        "paths": paths,
        "components": {
            "schemas": {"Fout": PROBLEM, **schemas},
            "securitySchemes": {
                "JWT-Claims": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
            },
        },
    }


def yaml_response(document: Mapping[str, Any]) -> Response:
    """``document`` as YAML, with the media type of an OpenAPI document."""
    text = yaml.safe_dump(dict(document), sort_keys=False, allow_unicode=True)
    return Response(text, media_type="application/vnd.oai.openapi")
