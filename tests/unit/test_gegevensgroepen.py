"""Our models of the nested Zaken API structures (betrokkeneIdentificatie per betrokkeneType,
objectIdentificatie per objectType, contactpersoonRol, objectTypeOverigeDefinitie) match the
official Zaken API 1.5.1 specification field by field, and a request value that breaks one is
answered with invalidParams named by its path."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from adapters.zgw import gegevensgroep
from adapters.zgw.betrokkene_identificatie import BETROKKENE_IDENTIFICATIE, ContactPersoonRol
from adapters.zgw.fields import FieldReader
from adapters.zgw.gegevensgroep import Gegevensgroep
from adapters.zgw.object_identificatie import (
    OBJECT_IDENTIFICATIE,
    OBJECT_TYPES,
    ObjectTypeOverigeDefinitie,
)
from tests import zgw_spec


@pytest.fixture(scope="module")
def schemas() -> dict[str, Any]:
    path = zgw_spec.SPEC_DIR / zgw_spec.APIS["zaken"] / "openapi.yaml"
    if not path.is_file():
        pytest.skip(f"no official Zaken API specification at {path}")
    with path.open(encoding="utf-8") as handle:  # as published: nullable, not anyOf null
        spec = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    found: dict[str, Any] = spec["components"]["schemas"]
    return found


def _official(schemas: dict[str, Any], prop: dict[str, Any]) -> Any:
    """A comparable description of one property of the official specification."""
    nullable = bool(prop.get("nullable"))
    if "oneOf" in prop:
        values = [v for o in prop["oneOf"] for v in schemas[o["$ref"].rsplit("/", 1)[1]]["enum"]]
        return ("enum", tuple(sorted(values)), nullable)
    if "allOf" in prop or "$ref" in prop:
        ref = (prop.get("allOf") or [prop])[0]["$ref"].rsplit("/", 1)[1]
        target = schemas[ref]
        if "enum" in target:
            return ("enum", tuple(sorted(target["enum"])), nullable)
        return ("object", _official_object(schemas, target), nullable)
    kind = prop["type"]
    if kind == "array":
        return ("array", _official(schemas, prop["items"]), nullable)
    if kind == "object":
        return ("map", nullable)
    keys = ("maxLength", "minLength", "pattern", "format", "minimum", "maximum", "enum")
    return (kind, tuple((k, prop[k]) for k in keys if k in prop), nullable)


def _official_object(schemas: dict[str, Any], schema: dict[str, Any]) -> Any:
    assert not any(p.get("readOnly") for p in schema["properties"].values())
    fields = {name: _official(schemas, p) for name, p in schema["properties"].items()}
    return fields, frozenset(schema.get("required", ()))


def _ours(defs: dict[str, Any], prop: dict[str, Any]) -> Any:
    """The same description of one property of our model's JSON Schema."""
    nullable = False
    if "anyOf" in prop:
        options = [o for o in prop["anyOf"] if o.get("type") != "null"]
        nullable, (prop,) = len(options) < len(prop["anyOf"]), options
    if "$ref" in prop:
        return ("object", _ours_object(defs, defs[prop["$ref"].rsplit("/", 1)[1]]), nullable)
    if "enum" in prop:
        return ("enum", tuple(sorted(prop["enum"])), nullable)
    kind = prop["type"]
    if kind == "array":
        return ("array", _ours(defs, prop["items"]), nullable)
    if kind == "object":
        return ("map", nullable)
    keys = ("maxLength", "minLength", "pattern", "format", "minimum", "maximum", "enum")
    return (kind, tuple((k, prop[k]) for k in keys if k in prop), nullable)


def _ours_object(defs: dict[str, Any], schema: dict[str, Any]) -> Any:
    fields = {name: _ours(defs, p) for name, p in schema["properties"].items()}
    return fields, frozenset(schema.get("required", ()))


def _model(model: type[Gegevensgroep]) -> Any:
    schema = model.model_json_schema(by_alias=True)
    return _ours_object(schema.get("$defs", {}), schema)


def _variant(schemas: dict[str, Any], composed: str, base: str) -> dict[str, Any] | None:
    """The official schema of ``{variant}_{base}``'s identificatie (None: none defined)."""
    for part in schemas[composed]["allOf"]:
        name = part["$ref"].rsplit("/", 1)[1]
        if name != base:
            (wrapper,) = schemas[name]["properties"].values()
            target: dict[str, Any] = schemas[wrapper["allOf"][0]["$ref"].rsplit("/", 1)[1]]
            return target
    return None


def test_every_betrokkene_identificatie_matches_the_standard(schemas: dict[str, Any]) -> None:
    assert set(BETROKKENE_IDENTIFICATIE) == set(schemas["Rol_betrokkeneTypeEnum"]["enum"])
    for betrokkene_type, model in BETROKKENE_IDENTIFICATIE.items():
        official = _variant(schemas, f"{betrokkene_type}_Rol", "Rol")
        assert official is not None, betrokkene_type
        assert _model(model) == _official_object(schemas, official), betrokkene_type
    official = schemas["ContactPersoonRol"]
    assert _model(ContactPersoonRol) == _official_object(schemas, official)


def test_every_object_identificatie_matches_the_standard(schemas: dict[str, Any]) -> None:
    assert tuple(schemas["ObjectTypeEnum"]["enum"]) == OBJECT_TYPES
    defined = {}
    for object_type in OBJECT_TYPES:
        official = _variant(schemas, f"{object_type}_ZaakObject", "ZaakObject")
        if official is not None:
            defined[object_type] = official
    assert set(OBJECT_IDENTIFICATIE) == set(defined)
    for object_type, official in defined.items():
        model = OBJECT_IDENTIFICATIE[object_type]
        assert _model(model) == _official_object(schemas, official), object_type
    official = schemas["ObjectTypeOverigeDefinitie"]
    assert _model(ObjectTypeOverigeDefinitie) == _official_object(schemas, official)


ADRES = {"aoaIdentificatie": "0518200000000001", "wplWoonplaatsNaam": "Demodam",
         "gorOpenbareRuimteNaam": "Dorpsstraat", "aoaHuisnummer": 1}  # fmt: skip


@pytest.mark.parametrize(
    ("model", "value", "problems"),
    [
        (BETROKKENE_IDENTIFICATIE["natuurlijk_persoon"], {"inpBsn": "1234567890"},
         [("inpBsn", "max_length")]),
        (BETROKKENE_IDENTIFICATIE["natuurlijk_persoon"], {"inpBsn": 111222333},
         [("inpBsn", "invalid")]),
        (BETROKKENE_IDENTIFICATIE["natuurlijk_persoon"], {"geslachtsaanduiding": "x"},
         [("geslachtsaanduiding", "invalid_choice")]),
        (BETROKKENE_IDENTIFICATIE["natuurlijk_persoon"], {"inpA_nummer": "0123456789"},
         [("inpA_nummer", "invalid")]),
        (BETROKKENE_IDENTIFICATIE["natuurlijk_persoon"],
         {"verblijfsadres": {**ADRES, "aoaHuisnummer": 100000, "aoaIdentificatie": None}},
         [("verblijfsadres.aoaIdentificatie", "null"),
          ("verblijfsadres.aoaHuisnummer", "max_value")]),
        (BETROKKENE_IDENTIFICATIE["vestiging"], {"handelsnaam": ["ok", "x" * 626]},
         [("handelsnaam.1", "max_length")]),
        (BETROKKENE_IDENTIFICATIE["vestiging"], {"handelsnaam": "Bakkerij"},
         [("handelsnaam", "not_a_list")]),
        (BETROKKENE_IDENTIFICATIE["niet_natuurlijk_persoon"], {"innRechtsvorm": "bv"},
         [("innRechtsvorm", "invalid_choice")]),
        (BETROKKENE_IDENTIFICATIE["medewerker"], {"identificatie": "x" * 25},
         [("identificatie", "max_length")]),
        (OBJECT_IDENTIFICATIE["adres"], {"identificatie": "1"},
         [("wplWoonplaatsNaam", "required"), ("gorOpenbareRuimteNaam", "required"),
          ("huisnummer", "required")]),
        (OBJECT_IDENTIFICATIE["woz_object"],
         {"wozObjectNummer": "1", "aanduidingWozObject": {**ADRES, "aoaHuisnummer": -1}},
         [("aanduidingWozObject.aoaHuisnummer", "min_value")]),
        (OBJECT_IDENTIFICATIE["overige"], {"overigeData": []}, [("overigeData", "invalid")]),
        (ContactPersoonRol, {"naam": "A", "emailadres": "geen-adres"},
         [("emailadres", "invalid")]),
        (ObjectTypeOverigeDefinitie, {"url": "ftp://x", "schema": ".", "objectData": "."},
         [("url", "invalid")]),
    ],
)  # fmt: skip
def test_a_wrong_nested_field_is_named_by_its_path(
    model: type[Gegevensgroep], value: dict[str, Any], problems: list[tuple[str, str]]
) -> None:
    r = FieldReader({})
    gegevensgroep.check(r, model, value, "x.")
    assert [(p.name, p.code) for p in r.problems] == [(f"x.{n}", c) for n, c in problems]


def test_a_correct_value_keeps_the_known_fields_as_given() -> None:
    r = FieldReader({})
    value = {"inpBsn": "111222333", "verblijfsadres": ADRES, "subVerblijfBuitenland": None,
             "geslachtsaanduiding": "", "onbekend": "weg"}  # fmt: skip
    checked = gegevensgroep.check(r, BETROKKENE_IDENTIFICATIE["natuurlijk_persoon"], value, "")
    assert r.problems == []
    assert checked == {k: v for k, v in value.items() if k != "onbekend"}


def test_hostile_values_are_answered_never_raised() -> None:
    models = {*BETROKKENE_IDENTIFICATIE.values(), *OBJECT_IDENTIFICATIE.values(),
              ContactPersoonRol, ObjectTypeOverigeDefinitie}  # fmt: skip
    deep: Any = {}  # as deep as JSON nesting gets within the body cap (a tree, like json.loads)
    for key in ["verblijfsadres", "isVoor", "overigeData"] * 70:
        deep = {key: deep}
    wrong = [None, [], "x", 1, 1.5, True, {"\x00": "\ud800"}, "x" * 100_000, [{}] * 1000]
    for model in models:
        for value in [deep, *({name: bad for name in model.model_fields} for bad in wrong),
                      {f.alias or name: "x" * 2000 for name, f in model.model_fields.items()}]:
            r = FieldReader({})
            gegevensgroep.check(r, model, value, "x.")
            assert all(p.name.startswith("x.") and p.code for p in r.problems), model
