"""References inside Catalogi request bodies, resolved to UUIDs within one catalogus.

A reference is the URL of one of our objects (matched on its path, any host) or, where the
1.3 schema names objects that way, an omschrijving (besluittypen, informatieobjecttypen) or
an identificatie (deelzaaktypen, gerelateerde zaaktypen); a name picks the newest version.
An object of another catalogus is refused (``relations-incorrect-catalogus``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final
from uuid import UUID

from adapters.zgw.catalogi_urls import parse_catalogi_url
from adapters.zgw.fields import NOT_A_LIST
from catalogi.model import Catalogus
from schemas.outcome import InvalidParam

NO_MATCH: Final = "no_match"
DOES_NOT_EXIST: Final = "does_not_exist"
OTHER_CATALOGUS: Final = "relations-incorrect-catalogus"


def reference(
    name: str,
    raw: Any,
    reference: tuple[str, bool, bool],
    owner: Catalogus,
    problems: list[InvalidParam],
) -> Any:
    soort, many, by_name = reference
    if not many:
        return None if raw in (None, "") else _one(name, raw, soort, by_name, owner, problems)
    if not isinstance(raw, list):
        problems.append(InvalidParam(name, NOT_A_LIST, "Verwachtte een lijst met items."))
        return []
    found = [
        _one(f"{name}.{i}", item, soort, by_name, owner, problems) for i, item in enumerate(raw)
    ]
    return [item for item in found if item is not None]


def _candidates(owner: Catalogus, soort: str) -> list[Any]:
    if soort in ("zaaktype", "informatieobjecttype", "besluittype"):
        return list(
            getattr(
                owner,
                {
                    "zaaktype": "zaaktypen",
                    "informatieobjecttype": "informatieobjecttypen",
                    "besluittype": "besluittypen",
                }[soort],
            )
        )
    field = {
        "statustype": "statustypen",
        "eigenschap": "eigenschappen",
        "resultaattype": "resultaattypen",
    }[soort]
    return [part for z in owner.zaaktypen for part in getattr(z, field)]


def _one(
    name: str, raw: Any, soort: str, by_name: bool, owner: Catalogus, problems: list[InvalidParam]
) -> UUID | None:
    candidates = _candidates(owner, soort)
    target = parse_catalogi_url(raw, soort)
    if target is None and by_name and isinstance(raw, str):
        key = "identificatie" if soort == "zaaktype" else "omschrijving"
        named = [c for c in candidates if getattr(c, key) == raw]
        if named:
            return max(named, key=lambda c: getattr(c, "beginGeldigheid", None) or 0).uuid
        problems.append(
            InvalidParam(name, DOES_NOT_EXIST, f"{raw!r} bestaat niet in deze catalogus.")
        )
        return None
    if target is None:
        problems.append(InvalidParam(name, NO_MATCH, "Ongeldige hyperlink - Geen URL match."))
        return None
    if not any(c.uuid == target for c in candidates):
        reason = "Het object bestaat niet in de catalogus van dit object."
        problems.append(InvalidParam(name, OTHER_CATALOGUS, reason))
        return None
    return target


def relaties(raw: Any, owner: Catalogus) -> Any:
    """A related zaaktype given by the URL of one of ours is kept by its identificatie."""
    if not isinstance(raw, list):
        return raw
    result = []
    for item in raw:
        if isinstance(item, Mapping) and isinstance(item.get("zaaktype"), str):
            target = parse_catalogi_url(item["zaaktype"], "zaaktype")
            found = next((z for z in owner.zaaktypen if z.uuid == target), None)
            if found is not None:
                item = {**item, "zaaktype": found.identificatie}
        result.append(item)
    return result
