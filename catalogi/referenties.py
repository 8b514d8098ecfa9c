"""References to the VNG reference lists (Referentielijsten API, Selectielijst).

``resultaattypeomschrijving``, ``selectielijstklasse`` and ``selectielijstProcestype`` are URLs
into those lists. The MidOffice accepts them as given and never fetches them (certainly not
on a request path). In a catalogue file they may be written relative to the configured base
URL (``MIDOFFICE_REFERENTIELIJSTEN_URL``), e.g. ``resultaten/<uuid>``; the import expands
them, the export writes them relative again when they lie below the base.
"""

from __future__ import annotations

from typing import Any, Final

DEFAULT_REFERENTIELIJSTEN_URL: Final = "https://referentielijsten-api.vng.cloud/api/v1/"

_RESULTAATTYPE_REFERENCES: Final = ("resultaattypeomschrijving", "selectielijstklasse")
_ZAAKTYPE_REFERENCES: Final = ("selectielijstProcestype",)


def _base(base_url: str) -> str:
    return base_url if base_url.endswith("/") else base_url + "/"


def expand(value: Any, base_url: str) -> Any:
    """An absolute URL for a relative reference; anything else unchanged."""
    if not isinstance(value, str) or not value or "://" in value:
        return value
    return _base(base_url) + value.lstrip("/")


def relativize(value: str, base_url: str) -> str:
    """The reference relative to ``base_url`` when it lies below it, else unchanged."""
    base = _base(base_url)
    return value[len(base) :] if value.startswith(base) and len(value) > len(base) else value


def map_references(document: Any, convert: Any) -> Any:
    """A copy of a raw catalogue document (``catalogussen`` list) with ``convert`` applied
    to every reference-list field; malformed parts are left for validation to report."""
    if not isinstance(document, dict) or not isinstance(document.get("catalogussen"), list):
        return document
    catalogussen = []
    for catalogus in document["catalogussen"]:
        if isinstance(catalogus, dict) and isinstance(catalogus.get("zaaktypen"), list):
            catalogus = {**catalogus, "zaaktypen": [
                _zaaktype(z, convert) for z in catalogus["zaaktypen"]
            ]}  # fmt: skip
        catalogussen.append(catalogus)
    return {**document, "catalogussen": catalogussen}


def _zaaktype(zaaktype: Any, convert: Any) -> Any:
    if not isinstance(zaaktype, dict):
        return zaaktype
    zaaktype = _convert(zaaktype, _ZAAKTYPE_REFERENCES, convert)
    if isinstance(zaaktype.get("resultaattypen"), list):
        zaaktype["resultaattypen"] = [
            _convert(r, _RESULTAATTYPE_REFERENCES, convert) if isinstance(r, dict) else r
            for r in zaaktype["resultaattypen"]
        ]
    return zaaktype


def _convert(item: dict[str, Any], names: tuple[str, ...], convert: Any) -> dict[str, Any]:
    return {key: convert(value) if key in names else value for key, value in item.items()}
