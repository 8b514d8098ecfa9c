"""The OpenAPI document of the Zaken API as this gateway serves it, generated from its routes.

Served at ``/zaken/api/v1/schema/openapi.yaml`` (and ``.json``), where the standard puts it.
Built by :mod:`midoffice.gateway.routes.openapi_document` from the FastAPI routes below the
Zaken API root, like the Catalogi API's document; added here from the routes' own
definitions: the query parameters each list accepts (the filters of ``zaken``,
``statussen`` and the zaak parts, ``ordering``, ``expand``, ``page``), the CRS headers of
the zaken operations and a JSON object body for every write. The answers documented besides
the success status:

- ``202`` on writes: accepted on the log, outcome not decided in time (or
  ``Prefer: respond-async``), with a ``Location`` to poll;
- ``304`` on detail reads: ``If-None-Match`` named the current ETag;
- ``404`` on reads (also a page beyond the last, as Open Zaak) and on an unknown ``{uuid}``;
- ``409`` on writes: a conflict (``idempotency-key-reused``, a state rule);
- ``413``/``415`` on writes with a body: too large, not JSON;
- ``400``, ``401``, ``403``, ``406``, ``500`` everywhere (problem+json).

Bodies are described as JSON objects: their exact fields are those of the ZGW Zaken API
1.5.1 standard, which the tests check every answer against.
"""

from __future__ import annotations

from typing import Any, Final

from fastapi import APIRouter, Request, Response

from adapters.zgw.urls import ZAKEN_ROOT
from midoffice.gateway.crs import CRS
from midoffice.gateway.routes import openapi_document, statussen, zaakonderdelen, zaken_zoeken
from midoffice.gateway.routes.onderdelen import Resource
from zaakmagazijn.zaakfilters import FILTERS, VERTROUWELIJKHEID

router = APIRouter(prefix=ZAKEN_ROOT, include_in_schema=False)
VERSION: Final = "1.5.1"

_BODIES: Final = {
    "zaken": "ZaakRequest",
    "_zoek": "ZaakZoekRequest",
    "statussen": "StatusRequest",
    "rollen": "RolRequest",
    "resultaten": "ResultaatRequest",
    "zaakobjecten": "ZaakObjectRequest",
    "zaakinformatieobjecten": "ZaakInformatieObjectRequest",
    "klantcontacten": "KlantContactRequest",
    "zaakeigenschappen": "ZaakEigenschapRequest",
}


def _query(name: str, choices: tuple[str, ...] = ()) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "integer"} if name == "page" else {"type": "string"}
    if choices:
        schema["enum"] = list(choices)
    return {"name": name, "in": "query", "required": False, "schema": schema}


def _list_path(resource: Resource) -> str:
    prefix = "/zaken/{zaak_uuid}" if resource.nested else ""
    return f"{prefix}/{resource.collection}"


def _zaak_list() -> list[dict[str, Any]]:
    def choices(name: str) -> tuple[str, ...]:
        if name == zaken_zoeken.MAXIMALE:
            return VERTROUWELIJKHEID
        found = FILTERS.get(name)
        return found.choices if found is not None else ()

    return [_query(name, choices(name)) for name in sorted(zaken_zoeken.LIST_PARAMETERS)]


def _list_parameters() -> dict[str, list[dict[str, Any]]]:
    """Path of a list -> its query parameters, from the routes' own definitions."""
    found = {
        "/zaken": _zaak_list(),
        "/statussen": [_query(name) for name in sorted(statussen.LIST_PARAMETERS)],
    }
    for resource in zaakonderdelen.RESOURCES:
        path = _list_path(resource)
        names = {*resource.filters, *(("page",) if resource.paginated else ())}
        choices = {name: f.choices for name, f in resource.filters.items()}
        found[path] = [_query(name, choices.get(name, ())) for name in sorted(names)]
    return found


_LIST_PARAMETERS: Final = _list_parameters()
_CRS_HEADERS: Final = [
    {"name": header, "in": "header", "required": False, "schema": {"type": "string", "enum": [CRS]}}
    for header in ("Accept-Crs", "Content-Crs")
]


def _extend(method: str, path: str, operation: dict[str, Any]) -> None:
    """Query parameters, CRS headers and request body of the operation ``method path``."""
    parameters: list[dict[str, Any]] = operation["parameters"]
    if method == "get":
        parameters += _LIST_PARAMETERS.get(path, [])
    if path == "/zaken/{uuid}" and method == "get":
        parameters.append(_query("expand"))
    if path == "/zaken/_zoek":
        parameters.append(_query("page"))
    if path in ("/zaken", "/zaken/{uuid}", "/zaken/_zoek"):
        parameters += _CRS_HEADERS
    collection = next(part for part in reversed(path.split("/")) if part and "{" not in part)
    if method in ("post", "put", "patch") and "requestBody" not in operation:
        operation.update(openapi_document.body(_BODIES[collection]))


def _unpaginated() -> frozenset[str]:
    """Lists answered as a JSON array (no ``page``)."""
    found = {"/zaken/{zaak_uuid}/audittrail"}
    for resource in zaakonderdelen.RESOURCES:
        if not resource.paginated:
            found.add(_list_path(resource))
    return frozenset(found)


_UNPAGINATED: Final = _unpaginated()


def _responses(method: str, path: str, status: int) -> dict[str, Any]:
    if path == "/zaken/_zoek":  # a search: answered like the list
        found = openapi_document.responses("get", "/zaken", 200)
        found.update({code: openapi_document.problem(openapi_document.ERRORS[code])
                      for code in ("413", "415")})  # fmt: skip
        return dict(sorted(found.items()))
    found = openapi_document.responses(method, path, status, write_errors=("409",))
    if method == "get" and path in _UNPAGINATED:
        array = {"type": "array", "items": openapi_document.OBJECT}
        found["200"] = openapi_document.json_response("OK", array)
    return found


def document(request: Request) -> dict[str, Any]:
    """The OpenAPI 3.0 document of the Zaken API routes of this app."""
    return openapi_document.document(
        request,
        root=ZAKEN_ROOT,
        title="Zaken API",
        version=VERSION,
        description="ZGW Zaken API 1.5.1 served by the MidOffice servicebus.",
        schemas={name: openapi_document.OBJECT for name in _BODIES.values()},
        responses_of=_responses,
        extend=_extend,
    )


@router.get("/schema/openapi.yaml")
async def openapi_yaml(request: Request) -> Response:
    """The document as YAML (the standard's location)."""
    return openapi_document.yaml_response(document(request))


@router.get("/schema/openapi.json")
async def openapi_json(request: Request) -> dict[str, Any]:
    """The document as JSON."""
    return document(request)
