"""Nested ZGW zaak attributes (gegevensgroepen and lists of objects), read and checked.

Each reader takes the body's :class:`FieldReader` and records its problems there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from adapters.zgw.fields import INVALID, FieldReader

AARD_RELATIE: Final = ("vervolg", "onderwerp", "bijdrage")
GEOMETRY_TYPES: Final = (
    "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
    "GeometryCollection",
)  # fmt: skip
# This project's code: a valid ZGW value the MidOffice cannot store (yet).
NIET_ONDERSTEUND: Final = "niet-ondersteund"


def geometrie(r: FieldReader) -> dict[str, Any] | None:
    """``zaakgeometrie``: a GeoJSON geometry object (shape checked, coordinates kept)."""
    geometry = r.object("zaakgeometrie")
    if geometry is None:
        return None
    kind = geometry.get("type")
    member = "geometries" if kind == "GeometryCollection" else "coordinates"
    if kind not in GEOMETRY_TYPES or not isinstance(geometry.get(member), list):
        r.fail("zaakgeometrie", INVALID, "Ongeldige GeoJSON geometrie.")
        return None
    return dict(geometry)


def relevante_zaak(r: FieldReader, item: Any, name: str) -> dict[str, Any] | None:
    """One ``relevanteAndereZaken`` element: ``{url, aardRelatie}``."""
    if not isinstance(item, Mapping):
        r.fail(name, INVALID, "Ongeldige data. Verwachtte een dictionary.")
        return None
    nested = r.nested(item, name)
    before = len(r.problems)
    url = nested.url("url", required=True, blank=False)
    aard = nested.choice("aardRelatie", AARD_RELATIE, required=True)
    return {"url": url, "aardRelatie": aard} if len(r.problems) == before else None


def kenmerk(r: FieldReader, item: Any, name: str) -> dict[str, Any] | None:
    """One ``kenmerken`` element: ``{kenmerk, bron}``."""
    if not isinstance(item, Mapping):
        r.fail(name, INVALID, "Ongeldige data. Verwachtte een dictionary.")
        return None
    nested = r.nested(item, name)
    before = len(r.problems)
    kenmerk = nested.string("kenmerk", required=True, max_length=40, blank=False)
    bron = nested.string("bron", required=True, max_length=40, blank=False)
    return {"kenmerk": kenmerk, "bron": bron} if len(r.problems) == before else None


def processobject(r: FieldReader) -> dict[str, Any] | None:
    """``processobject``: all four attributes required when the group is given."""
    value = r.object("processobject")
    if value is None:
        return None
    nested = r.nested(value, "processobject")
    names = ("datumkenmerk", "identificatie", "objecttype", "registratie")
    return {name: nested.string(name, required=True, max_length=250, blank=False) for name in names}


def only_empty_gegevensgroep(r: FieldReader, name: str, empty: Mapping[str, Any]) -> None:
    """Accept the group absent, null or with its empty values; the payload has no room for
    more, and dropping it silently would lose the client's data."""
    value = r.data.get(name)
    if value is None:
        return
    if not isinstance(value, Mapping) or any(value.get(k, v) != v for k, v in empty.items()):
        r.fail(name, NIET_ONDERSTEUND, f"Het vastleggen van {name} wordt (nog) niet ondersteund.")
