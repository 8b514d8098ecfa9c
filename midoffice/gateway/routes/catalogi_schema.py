"""The OpenAPI document of the Catalogi API as this gateway serves it, generated from its routes.

Served at ``/catalogi/api/v1/schema/openapi.yaml`` (and ``.json``), the path the standard uses
below its API root. Built by :mod:`midoffice.gateway.routes.openapi_document` from the FastAPI
routes; bodies are described as JSON objects: the exact field rules are those of the ZGW
Catalogi API 1.3.1 standard, which this API implements.
"""

from __future__ import annotations

from typing import Any, Final

from fastapi import APIRouter, Request, Response

from adapters.zgw.urls import CATALOGI_ROOT
from midoffice.gateway.routes import openapi_document

router = APIRouter(include_in_schema=False)
VERSION: Final = "1.3.1"

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


def body(title: str) -> dict[str, Any]:
    """``openapi_extra`` for an operation with a JSON request body of resource ``title``."""
    return openapi_document.body(f"{title}Request")


def document(request: Request) -> dict[str, Any]:
    """The OpenAPI 3.0 document of the Catalogi routes of this app."""
    return openapi_document.document(
        request,
        root=CATALOGI_ROOT,
        title="Catalogi API (MidOffice)",
        version=VERSION,
        description="ZGW Catalogi API 1.3.1 served by the MidOffice servicebus.",
        schemas={f"{title}Request": openapi_document.OBJECT for title in _TITLES},
    )


@router.get("/schema/openapi.yaml")
async def openapi_yaml(request: Request) -> Response:
    """The document as YAML (the standard's location)."""
    return openapi_document.yaml_response(document(request))


@router.get("/schema/openapi.json")
async def openapi_json(request: Request) -> dict[str, Any]:
    """The document as JSON."""
    return document(request)
