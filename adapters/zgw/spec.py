"""The official Zaken API 1.5.1 specification, shipped with the MidOffice
(``adapters/zgw/openapi/``), and validation of nested request structures against it.

The flat fields of a request are read field by field (:mod:`adapters.zgw.fields`), with the
codes Django REST framework gives. The large nested structures the standard defines per
variant (``betrokkeneIdentificatie`` per betrokkeneType, ``objectIdentificatie`` per
objectType, ``contactpersoonRol``) are checked against the specification's own schemas, so
they follow it exactly; each error becomes an invalidParam named by its JSON path
(``betrokkeneIdentificatie.verblijfsadres.aoaHuisnummer``).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Final

import yaml
from jsonschema import FormatChecker
from openapi_schema_validator import OAS30WriteValidator

from adapters.zgw.fields import FieldReader

SPEC_FILE: Final = Path(__file__).resolve().parent / "openapi" / "zaken-api-1.5.1.yaml"

_QUOTED: Final = re.compile(r"'([^']*)'")
_CODES: Final = {
    "required": "required",
    "maxLength": "max_length",
    "minLength": "min_length",
    "enum": "invalid_choice",
    "maximum": "max_value",
    "minimum": "min_value",
}


@functools.cache
def specification() -> dict[str, Any]:
    """The parsed specification (read once)."""
    with SPEC_FILE.open(encoding="utf-8") as handle:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        document: dict[str, Any] = yaml.load(handle, Loader=loader)  # noqa: S506
    return document


@functools.cache
def _validator(schema_name: str) -> OAS30WriteValidator:
    spec = specification()
    document = {"$ref": f"#/components/schemas/{schema_name}", "components": spec["components"]}
    return OAS30WriteValidator(document, format_checker=FormatChecker())


def variant_schema(base: str, variant: str) -> str | None:
    """The schema holding the variant part of ``{variant}_{base}`` (e.g. ``Rol`` and
    ``natuurlijk_persoon`` -> ``betrokkene_identificatie_RolNatuurlijkPersoon``)."""
    composed = specification()["components"]["schemas"].get(f"{variant}_{base}")
    if composed is None:
        return None
    for part in composed.get("allOf", []):
        ref = str(part.get("$ref", ""))
        if ref and not ref.endswith(f"/{base}"):
            return ref.rsplit("/", 1)[1]
    return None


def check(r: FieldReader, schema_name: str, instance: Any, prefix: str = "") -> None:
    """Record in ``r`` every way ``instance`` breaks ``#/components/schemas/<schema_name>``;
    names start with ``prefix`` (``contactpersoonRol.``)."""
    for error in _validator(schema_name).iter_errors(instance):
        path = [str(p) for p in error.absolute_path]
        if error.validator == "required":
            found = _QUOTED.search(error.message)
            path.append(found[1] if found else "")
        name = prefix + ".".join(path) if path else prefix.rstrip(".") or "nonFieldErrors"
        r.fail(name, _CODES.get(str(error.validator), "invalid"), error.message)


def nested(r: FieldReader, name: str, schema_name: str | None) -> dict[str, Any] | None:
    """The object field ``name``, checked against the schema ``schema_name`` that holds it
    as a property (None when absent or null)."""
    value = r.object(name)
    if value is None:
        return None
    if schema_name is not None:
        check(r, schema_name, {name: dict(value)})
    return dict(value)
