"""The OpenAPI document of the Catalogi API as this gateway serves it, generated from its routes.

Served at ``/catalogi/api/v1/schema/openapi.yaml`` (and ``.json``), the path the standard uses
below its API root. The paths, methods, operation ids and query parameters come from the
FastAPI routes; the responses each operation can give (problem+json for every error) and the
``JWT-Claims`` bearer scheme are added here. Bodies are described as JSON objects: the exact
field rules are those of the ZGW Catalogi API 1.3.1 standard, which this API implements.
"""

from __future__ import annotations

import copy
from typing import Any, Final

import yaml
from fastapi import APIRouter, Request, Response

from adapters.zgw.urls import CATALOGI_ROOT

router = APIRouter(include_in_schema=False)
VERSION: Final = "1.3.1"

_PROBLEM: Final = {
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
_ERRORS: Final = {
    "400": "Ongeldige invoer",
    "401": "Niet geauthenticeerd",
    "403": "Geen toestemming",
    "404": "Niet gevonden",
    "406": "Niet acceptabel",
    "413": "Verzoek te groot",
    "415": "Mediatype niet ondersteund",
    "500": "Serverfout",
}
_TITLES: Final = (
    "CATALOGUS",
    "ZAAKTYPE",
    "STATUSTYPE",
    "ROLTYPE",
    "RESULTAATTYPE",
    "EIGENSCHAP",
    "INFORMATIEOBJECTTYPE",
    "BESLUITTYPE",
    "ZAAKOBJECTTYPE",
    "ZAAKTYPEINFORMATIEOBJECTTYPE",
)
_OBJECT: Final = {"type": "object", "additionalProperties": True}
_PAGE: Final = {
    "type": "object",
    "required": ["count", "results"],
    "properties": {
        "count": {"type": "integer", "minimum": 0},
        "next": {"type": "string", "format": "uri", "nullable": True},
        "previous": {"type": "string", "format": "uri", "nullable": True},
        "results": {"type": "array", "items": _OBJECT},
    },
}


def body(title: str) -> dict[str, Any]:
    """``openapi_extra`` for an operation with a JSON request body of resource ``title``."""
    ref = {"$ref": f"#/components/schemas/{title.replace('-', '')}Request"}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": ref}}}}


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Fout"}}},
    }


def _json(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _responses(method: str, path: str, status: int) -> dict[str, Any]:
    """The responses an operation can give."""
    responses: dict[str, Any] = {}
    if method == "get":
        listing = not path.endswith("}")
        responses["200"] = _json("OK", _PAGE if listing else _OBJECT)
        if not listing:
            responses["304"] = {"description": "Niet gewijzigd (If-None-Match)"}
    else:
        responses[str(status)] = (
            {"description": "Verwijderd"} if status == 204 else _json("OK", _OBJECT)
        )
        responses["202"] = _json("Aanvaard; nog niet verwerkt (Location: verwerking)", _OBJECT)
    errors = ["400", "401", "403", "406", "500"]
    if "{uuid}" in path or method == "get":
        errors.append("404")
    if method in ("post", "put", "patch"):
        errors += ["413", "415"]
    responses.update({code: _problem(_ERRORS[code]) for code in sorted(errors)})
    return responses


def document(request: Request) -> dict[str, Any]:
    """The OpenAPI 3.0 document of the Catalogi routes of this app."""
    generated = copy.deepcopy(request.app.openapi())
    base = str(request.base_url).rstrip("/")
    paths: dict[str, Any] = {}
    for path, operations in generated.get("paths", {}).items():
        if not path.startswith(CATALOGI_ROOT + "/") or "/schema/" in path:
            continue
        short = path[len(CATALOGI_ROOT) :]
        for method, operation in operations.items():
            success = next(
                (int(c) for c in operation.get("responses", {}) if c.startswith("2")), 200
            )
            operation["responses"] = _responses(method, short, success)
            operation["security"] = [{"JWT-Claims": []}]
            operation.setdefault("parameters", [])
            operation.pop("tags", None)
        paths[short] = operations
    schemas: dict[str, Any] = {"Fout": _PROBLEM}
    schemas.update({f"{title}Request": _OBJECT for title in _TITLES})
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Catalogi API (MidOffice)",
            "version": VERSION,
            "description": "ZGW Catalogi API 1.3.1 served by the MidOffice servicebus.",
        },
        "servers": [{"url": base + CATALOGI_ROOT}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "JWT-Claims": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
            },
        },
    }


@router.get("/schema/openapi.yaml")
async def openapi_yaml(request: Request) -> Response:
    """The document as YAML (the standard's location)."""
    text = yaml.safe_dump(document(request), sort_keys=False, allow_unicode=True)
    return Response(text, media_type="application/vnd.oai.openapi")


@router.get("/schema/openapi.json")
async def openapi_json(request: Request) -> dict[str, Any]:
    """The document as JSON."""
    return document(request)
