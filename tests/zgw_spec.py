"""Check HTTP responses against the OFFICIAL ZGW OpenAPI 3.0 specifications.

The specifications are read from ``../shared/standards/zgw-openapi/<api>/openapi.yaml`` next to
the repository (override the folder with ``MIDOFFICE_ZGW_OPENAPI_DIR``); nothing is copied
into the repository. Usage::

    from tests import zgw_spec

    response = await client.get("/zaken/api/v1/zaken/...", headers=...)
    body = zgw_spec.assert_response(response)               # api, path and method inferred
    zgw_spec.validate_response("zaken", "/zaken/{uuid}", "get", 200, body, response.headers)
    zgw_spec.validate_schema("zaken", "ValidatieFout", problem_body)

A violation raises :class:`SpecViolation` (an AssertionError) listing every problem with its
JSON path. What is checked:

- the status code is documented for the operation;
- the body validates against the response schema of that status and media type, as data
  *read* from the API (``readOnly`` fields allowed), with ``format`` checked for date,
  date-time, uuid, email, uri and duration (a blank string passes for uri and email, which
  Django REST framework based ZGW APIs return for empty optional fields);
- the ``Content-Type`` is one the spec documents (``application/json`` vs
  ``application/problem+json``);
- when headers are given: every header the spec declares for the response is present (unless
  ``require_headers=False``) and matches its schema (e.g. ``Content-Crs: EPSG:4326``).

OpenAPI 3.0 ``nullable: true`` is honoured where it sits next to ``type`` (the validator's own
rule) and also next to ``allOf``/``oneOf``/``anyOf``/``$ref`` without ``type``, the way
drf-spectacular writes a nullable reference (``Zaak.zaakgeometrie``): there null is allowed.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import isodate
import yaml
from jsonschema import FormatChecker
from openapi_schema_validator import OAS30ReadValidator, oas30_format_checker

SPEC_DIR = Path(
    os.environ.get(
        "MIDOFFICE_ZGW_OPENAPI_DIR",
        Path(__file__).resolve().parents[2] / "shared" / "standards" / "zgw-openapi",
    )
)
APIS: Mapping[str, str] = {
    "zaken": "zaken-api-1.5.1",
    "catalogi": "catalogi-api-1.3.1",
    "documenten": "documenten-api-1.5.0",
    "notificaties": "notificaties-api-1.0.0",
}
"""Short name -> folder below SPEC_DIR (a folder name is accepted as ``api`` too)."""
API_ROOTS: Mapping[str, str] = {
    "/zaken/api/v1": "zaken",
    "/catalogi/api/v1": "catalogi",
    "/documenten/api/v1": "documenten",
    "/notificaties/api/v1": "notificaties",
}
"""Where the MidOffice serves each API; stripped from a request path to get the spec path."""


class SpecViolation(AssertionError):
    """A response does not conform to the official specification."""


def _allow_null(node: Any) -> Any:
    """Make ``nullable: true`` without ``type`` accept null (recursively, on a copy)."""
    if isinstance(node, list):
        return [_allow_null(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _allow_null(value) for key, value in node.items()}
    composed = any(key in node for key in ("allOf", "oneOf", "anyOf", "$ref"))
    if node.get("nullable") is True and "type" not in node and composed:
        rest = {key: value for key, value in node.items() if key != "nullable"}
        return {"anyOf": [{"enum": [None]}, rest]}
    return node


@functools.cache
def load_spec(api: str) -> dict[str, Any]:
    """The parsed specification of ``api`` (``zaken``, ``catalogi``, ... or a folder name)."""
    path = SPEC_DIR / APIS.get(api, api) / "openapi.yaml"
    if not path.is_file():
        raise FileNotFoundError(f"no ZGW specification at {path} (set MIDOFFICE_ZGW_OPENAPI_DIR)")
    with path.open(encoding="utf-8") as handle:
        spec = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    spec["components"] = _allow_null(spec.get("components", {}))
    spec["paths"] = _allow_null(spec["paths"])
    return spec


def _format_checker() -> FormatChecker:
    checker = FormatChecker()
    checker.checkers = dict(oas30_format_checker.checkers)

    @checker.checks("uri", raises=ValueError)
    def _uri(value: object) -> bool:
        if not isinstance(value, str) or value == "":
            return True
        parts = urlsplit(value)
        return bool(parts.scheme) and bool(parts.netloc or parts.path)

    @checker.checks("email")
    def _email(value: object) -> bool:
        return not isinstance(value, str) or value == "" or "@" in value

    @checker.checks("duration", raises=(ValueError, isodate.ISO8601Error))
    def _duration(value: object) -> bool:
        if isinstance(value, str):
            isodate.parse_duration(value)
        return True

    return checker


_FORMATS = _format_checker()


def _validate(api: str, schema: Mapping[str, Any], instance: Any, where: str) -> None:
    document = {**schema, "components": load_spec(api)["components"]}
    validator = OAS30ReadValidator(document, format_checker=_FORMATS)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    if errors:
        lines = [f"  at /{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:25]]
        more = f"\n  ... and {len(errors) - 25} more" if len(errors) > 25 else ""
        raise SpecViolation(f"{where}:\n" + "\n".join(lines) + more)


def validate_schema(api: str, schema_name: str, instance: Any) -> None:
    """Validate ``instance`` against ``#/components/schemas/<schema_name>`` of ``api``."""
    if schema_name not in load_spec(api)["components"].get("schemas", {}):
        raise KeyError(f"{api} has no schema {schema_name!r}")
    ref = {"$ref": f"#/components/schemas/{schema_name}"}
    _validate(api, ref, instance, f"{api} schema {schema_name}")


def spec_path(api: str, path: str) -> str:
    """The spec's path template for a template or a concrete path, with or without API root."""
    for root in API_ROOTS:
        if path.startswith(root + "/"):
            path = path[len(root) :]
            break
    paths = load_spec(api)["paths"]
    if path in paths:
        return path
    candidates = sorted(paths, key=lambda template: template.count("{"))
    for template in candidates:
        pattern = "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "/?$"
        if re.match(pattern, path):
            return template
    raise SpecViolation(f"{api}: no path in the specification matches {path!r}")


def validate_response(
    api: str,
    path: str,
    method: str,
    status: int,
    body: Any,
    headers: Mapping[str, str] | None = None,
    *,
    content_type: str | None = None,
    require_headers: bool = True,
) -> None:
    """Validate one response of operation ``method path`` (see the module docstring).

    ``path`` is a spec template (``/zaken/{uuid}``) or a concrete request path (with or without
    ``/zaken/api/v1``). ``content_type`` defaults to the ``Content-Type`` in ``headers``.
    """
    template = spec_path(api, path)
    where = f"{api} {method.upper()} {template} -> {status}"
    operation = load_spec(api)["paths"][template].get(method.lower())
    if operation is None:
        raise SpecViolation(f"{where}: the specification has no such operation")
    response = operation.get("responses", {}).get(str(status))
    if response is None:
        documented = ", ".join(sorted(operation.get("responses", {})))
        raise SpecViolation(f"{where}: status not documented (documented: {documented})")
    lowered = {name.lower(): value for name, value in (headers or {}).items()}
    media_type = (content_type or lowered.get("content-type", "")).split(";")[0].strip()
    content = response.get("content", {})
    if content:
        if media_type and media_type not in content:
            raise SpecViolation(f"{where}: Content-Type {media_type!r}, spec has {list(content)}")
        schema = content.get(media_type) or next(iter(content.values()))
        _validate(api, schema.get("schema", {}), body, where)
    if headers is not None:
        _validate_headers(api, response.get("headers", {}), lowered, where, require_headers)


def _validate_headers(
    api: str,
    declared: Mapping[str, Any],
    present: Mapping[str, str],
    where: str,
    require: bool,
) -> None:
    for name, definition in declared.items():
        value = present.get(name.lower())
        if value is None:
            if require:
                raise SpecViolation(f"{where}: response header {name} is missing")
            continue
        _validate(api, definition.get("schema", {}), value, f"{where} header {name}")


def assert_response(
    response: httpx.Response, *, api: str | None = None, path: str | None = None
) -> Any:
    """Validate an httpx response (api and path inferred from its request); return its JSON."""
    request_path = response.request.url.path
    if api is None:
        api = next((name for root, name in API_ROOTS.items() if request_path.startswith(root)), "")
        if not api:
            raise SpecViolation(f"{request_path}: not below a known ZGW API root")
    body = response.json() if response.content else None
    validate_response(
        api,
        path or request_path,
        response.request.method,
        response.status_code,
        body,
        response.headers,
    )
    return body
