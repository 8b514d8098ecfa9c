"""Our own models of the nested structures the Zaken API 1.5.1 defines per variant
(``betrokkeneIdentificatie`` per betrokkeneType, ``objectIdentificatie`` per objectType,
``contactpersoonRol``, ``objectTypeOverigeDefinitie``), and how a request value is checked
against one.

The models (:mod:`adapters.zgw.betrokkene_identificatie`,
:mod:`adapters.zgw.object_identificatie`) spell the standard's field names, types, maxLengths,
enums, nullability and required fields; ``tests/unit/test_gegevensgroepen.py`` compares them
with the official specification in ``../shared/standards``. Values are checked strictly (a
number is not a string), as the standard's JSON types say. Each problem becomes an invalidParam
named by its JSON path (``betrokkeneIdentificatie.verblijfsadres.aoaHuisnummer``) with the code
Django REST framework gives, as Open Zaak answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Final

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails

from adapters.zgw.fields import FieldReader
from adapters.zgw.urls import is_http_url

# A field left out stays absent: defaults are never validated nor stored.
NOT_GIVEN: Final[Any] = None


def _email(value: str) -> str:
    if value and "@" not in value:  # blank is allowed, as in Open Zaak
        raise ValueError("Voer een geldig e-mailadres in.")
    return value


def _uri(value: str) -> str:
    if not is_http_url(value):
        raise ValueError("Voer een geldige URL in.")
    return value


Email = Annotated[str, AfterValidator(_email), Field(json_schema_extra={"format": "email"})]
Uri = Annotated[str, AfterValidator(_uri), Field(json_schema_extra={"format": "uri"})]


class Gegevensgroep(BaseModel):
    """A nested ZGW structure: strict JSON types; unknown fields are dropped, as DRF does."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)


def _short(value: Any) -> str:
    """A value for a reason: never more than 50 characters of it."""
    text = str(value) if isinstance(value, (str, int, float)) else type(value).__name__
    return text if len(text) <= 50 else text[:47] + "..."


def _problem(error: ErrorDetails) -> tuple[str, str]:
    """(code, Dutch reason) for one pydantic error, as Django REST framework words it."""
    kind, ctx = error["type"], error.get("ctx", {})
    if kind == "missing":
        return "required", "Dit veld is vereist."
    if error["input"] is None:
        return "null", "Dit veld mag niet leeg zijn."
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return "max_length", f"Zorg ervoor dat dit veld niet meer dan {limit} karakters bevat."
    if kind == "literal_error":
        return "invalid_choice", f'"{_short(error["input"])}" is een ongeldige keuze.'
    if kind == "greater_than_equal":
        return "min_value", f"Zorg ervoor dat deze waarde groter of gelijk is aan {ctx['ge']}."
    if kind == "less_than_equal":
        return "max_value", f"Zorg ervoor dat deze waarde kleiner of gelijk is aan {ctx['le']}."
    if kind == "list_type":
        return "not_a_list", "Verwachtte een lijst met items."
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "invalid", "Ongeldige data. Verwachtte een dictionary."
    if kind == "int_type":
        return "invalid", "Een geldig getal is vereist."
    if kind == "string_type":
        return "invalid", "Ongeldige string."
    if kind == "string_pattern_mismatch":
        return "invalid", "Deze waarde voldoet niet aan het vereiste formaat."
    if kind == "value_error":
        return "invalid", str(ctx.get("error", error["msg"]))
    return "invalid", error["msg"]


def check(
    r: FieldReader, model: type[Gegevensgroep], value: Mapping[str, Any], prefix: str
) -> dict[str, Any]:
    """``value`` with the fields ``model`` knows, as given; when it breaks ``model`` each
    problem is recorded in ``r`` under ``prefix`` (``betrokkeneIdentificatie.``)."""
    try:
        checked = model.model_validate(dict(value))
    except ValidationError as invalid:
        for error in invalid.errors(include_url=False):
            code, reason = _problem(error)
            r.fail(prefix + ".".join(str(part) for part in error["loc"]), code, reason)
        return dict(value)
    return checked.model_dump(mode="json", by_alias=True, exclude_unset=True)


def nested(r: FieldReader, name: str, model: type[Gegevensgroep] | None) -> dict[str, Any] | None:
    """The object field ``name`` checked against ``model`` (None when absent or null; any
    object when the variant defines no structure)."""
    value = r.object(name)
    if value is None:
        return None
    if model is None:
        return dict(value)
    return check(r, model, value, f"{name}.")
