"""The ``oud`` object of a ZAK wijziging against the stored zaak (StUF 03.01 section 5.3.3).

A wijziging (W, C, F) carries the old and the new state of the attributes it changes. The old
state must be the current one: otherwise the sender works from stale data and would overwrite
a newer change, so the kennisgeving is refused (Fo03 ZKN009 naming the attributes).

Only the attributes the oud object carries are compared. One sent with
``StUF:noValue="geenWaarde"`` (or empty / ``xsi:nil``) says "there is no value": it matches an
empty stored value only. One sent with another noValue (``waardeOnbekend``, ...) says nothing
about the value and is not compared.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

from lxml import etree

from adapters.stuf import zaak_object
from adapters.stuf.elements import child, children, text, value
from adapters.stuf.errors import OUD_WIJKT_AF, StufFout
from adapters.stuf.formats import FormatError, NoValue, parse_datum


def _datum(found: str) -> str:
    try:
        return parse_datum(found).isoformat()
    except FormatError:
        return found  # not a date: it cannot equal a stored date, so it is reported


_ATTRIBUTES: Final[tuple[tuple[str, str, Callable[[str], str]], ...]] = (
    ("omschrijving", "omschrijving", str.strip),
    ("toelichting", "toelichting", str.strip),
    ("startdatum", "startdatum", _datum),
    ("registratiedatum", "registratiedatum", _datum),
    ("publicatiedatum", "publicatiedatum", _datum),
    ("einddatumGepland", "einddatumGepland", _datum),
    ("uiterlijkeEinddatum", "uiterlijkeEinddatumAfdoening", _datum),
    ("einddatum", "einddatum", _datum),
    ("datumVernietigingDossier", "archiefactiedatum", _datum),
    ("laatsteBetaaldatum", "laatsteBetaaldatum", _datum),
    ("archiefnominatie", "archiefnominatie",
     lambda v: zaak_object.ARCHIEFNOMINATIE.get(v.strip().upper(), v.strip())),
    ("betalingsIndicatie", "betalingsindicatie",
     lambda v: zaak_object.BETALING.get(v.strip(), v.strip())),
)  # fmt: skip


def _stored(huidig: Mapping[str, Any], key: str) -> str:
    found = huidig.get(key)
    if found is None:
        return ""
    if key == "laatsteBetaaldatum":  # a datum-tijd in ZGW; StUF sends the date
        return str(found)[:10]
    return str(found).strip()


def verschillen(oud: etree._Element, huidig: Mapping[str, Any]) -> list[str]:
    """The StUF names of the attributes in ``oud`` whose value is not the current one.

    ``huidig`` is the stored zaak as a ZGW Zaken API 1.5.1 ``Zaak`` (zaak_to_response)."""
    differing = []
    for name, key, convert in _ATTRIBUTES:
        found = value(oud, name)
        if found is None or (isinstance(found, NoValue) and not found.clears):
            continue
        expected = "" if isinstance(found, NoValue) else convert(found)
        if expected != _stored(huidig, key):
            differing.append(name)
    opschorting = child(oud, "opschorting")
    if opschorting is not None and (indicatie := text(opschorting, "indicatie")):
        stored = huidig.get("opschorting") or {}
        if (indicatie == "J") != bool(stored.get("indicatie")) or (
            (reden := value(opschorting, "reden")) is not None
            and not isinstance(reden, NoValue)
            and reden.strip() != (stored.get("reden") or "").strip()
        ):
            differing.append("opschorting")
    verlenging = child(oud, "verlenging")
    if verlenging is not None and (duur := text(verlenging, "duur")):
        stored = huidig.get("verlenging") or {}
        if not duur.isdigit() or f"P{int(duur)}D" != stored.get("duur"):
            differing.append("verlenging")
    kenmerken = {(text(k, "kenmerk") or "", text(k, "bron") or "")
                 for k in children(oud, "kenmerk") if text(k, "kenmerk")}  # fmt: skip
    if kenmerken:
        stored_kenmerken = {(k.get("kenmerk", ""), k.get("bron", ""))
                            for k in huidig.get("kenmerken") or ()}  # fmt: skip
        if not kenmerken <= stored_kenmerken:
            differing.append("kenmerk")
    return differing


def afgewezen(differing: list[str]) -> StufFout:
    """The Fo03 ZKN009 for an oud object whose attributes ``differing`` are not current."""
    return StufFout(
        OUD_WIJKT_AF,
        f"Het oud-object wijkt af van de huidige zaak ({', '.join(differing)}); "
        "vraag de zaak opnieuw op en stuur de wijziging opnieuw.",
    )
