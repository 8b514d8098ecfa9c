"""A StUF-ZKN 3.10 ZAK object (``object`` of zakLk01 / creeerZaak_ZakLk01) -> the fields of a
ZGW Zaken API 1.5.1 request body, and its status and resultaat.

Attribute by attribute (StUF-ZKN 3.10 entity ZAK): identificatie, omschrijving, toelichting,
startdatum, registratiedatum, publicatiedatum, einddatumGepland, uiterlijkeEinddatum
(-> uiterlijkeEinddatumAfdoening), archiefnominatie (J/N -> blijvend_bewaren/vernietigen),
datumVernietigingDossier (-> archiefactiedatum), betalingsIndicatie, laatsteBetaaldatum,
opschorting, verlenging, kenmerk (-> kenmerken). ``einddatum`` is not copied: the processor
derives it from the eindstatus. An attribute sent with ``StUF:noValue="geenWaarde"`` clears
the stored value; one sent with another noValue leaves it as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final

from lxml import etree

from adapters.stuf.elements import child, children, path, text, value
from adapters.stuf.errors import niet_conform
from adapters.stuf.formats import FormatError, NoValue, parse_datum, parse_tijdstip

_TEXTS: Final = {"identificatie": "identificatie", "omschrijving": "omschrijving",
                 "toelichting": "toelichting"}  # fmt: skip
_DATES: Final = {"startdatum": "startdatum", "registratiedatum": "registratiedatum",
                 "publicatiedatum": "publicatiedatum", "einddatumGepland": "einddatumGepland",
                 "uiterlijkeEinddatum": "uiterlijkeEinddatumAfdoening",
                 "datumVernietigingDossier": "archiefactiedatum",
                 "laatsteBetaaldatum": "laatsteBetaaldatum"}  # fmt: skip
ARCHIEFNOMINATIE: Final = {"J": "blijvend_bewaren", "N": "vernietigen"}
BETALING: Final = {"N.v.t.": "nvt", "(Nog) niet": "nog_niet", "Gedeeltelijk": "gedeeltelijk",
                    "Geheel": "geheel"}  # fmt: skip
_CLEARED: Final = {"toelichting": "", "publicatiedatum": None, "einddatumGepland": None,
                   "uiterlijkeEinddatumAfdoening": None, "archiefactiedatum": None,
                   "laatsteBetaaldatum": None, "archiefnominatie": "",
                   "betalingsindicatie": ""}  # fmt: skip


@dataclass(frozen=True)
class StufStatus:
    """The ``heeft`` (ZAKSTT) of a ZAK object."""

    volgnummer: str | None
    omschrijving: str | None
    datum_status_gezet: dt.datetime | None
    toelichting: str


@dataclass(frozen=True)
class StufResultaat:
    """The ``resultaat`` of a ZAK object."""

    omschrijving: str
    toelichting: str


def _date(element: etree._Element, name: str) -> str | NoValue | None:
    found = value(element, name)
    if not isinstance(found, str):
        return found
    try:
        return parse_datum(found).isoformat()
    except FormatError as exc:
        raise niet_conform(f"ZAK/{name}: {exc}") from None


def zaak_fields(zaak: etree._Element) -> dict[str, Any]:
    """The ZGW fields the object gives: values, and cleared fields (geenWaarde) as
    empty/None. Absent attributes and other noValues are left out."""
    fields: dict[str, Any] = {}

    def put(key: str, found: str | NoValue | None, convert: Any = None) -> None:
        if isinstance(found, NoValue):
            if found.clears and key in _CLEARED:
                fields[key] = _CLEARED[key]
        elif found is not None:
            fields[key] = convert(found) if convert else found

    for name, key in _TEXTS.items():
        put(key, value(zaak, name))
    for name, key in _DATES.items():
        put(key, _date(zaak, name))
    put("archiefnominatie", value(zaak, "archiefnominatie"),
        lambda v: ARCHIEFNOMINATIE.get(v.upper(), v))  # fmt: skip
    put("betalingsindicatie", value(zaak, "betalingsIndicatie"), lambda v: BETALING.get(v, v))
    opschorting = child(zaak, "opschorting")
    if opschorting is not None and text(opschorting, "indicatie"):
        fields["opschorting"] = {"indicatie": text(opschorting, "indicatie") == "J",
                                 "reden": text(opschorting, "reden") or ""}  # fmt: skip
    verlenging = child(zaak, "verlenging")
    if verlenging is not None and (duur := text(verlenging, "duur")):
        if not duur.isdigit():
            raise niet_conform("ZAK/verlenging/duur moet een aantal dagen zijn.")
        fields["verlenging"] = {"reden": text(verlenging, "reden") or "", "duur": f"P{int(duur)}D"}
    kenmerken = [{"kenmerk": text(k, "kenmerk") or "", "bron": text(k, "bron") or ""}
                 for k in children(zaak, "kenmerk") if text(k, "kenmerk")]  # fmt: skip
    if kenmerken:
        fields["kenmerken"] = kenmerken
    return fields


def zaaktype_code(zaak: etree._Element) -> str | None:
    """``isVan/gerelateerde/code`` (the zaaktype code), or None."""
    return text(zaak, "isVan", "gerelateerde", "code")


def status(zaak: etree._Element) -> StufStatus | None:
    """The object's status (``heeft``), or None. Several ``heeft`` are refused: ambiguous."""
    found = list(children(zaak, "heeft"))
    if not found:
        return None
    if len(found) > 1:
        raise niet_conform("Het ZAK-object bevat meer dan één status (heeft); stuur er één.")
    heeft = found[0]
    gezet = text(heeft, "datumStatusGezet")
    try:
        moment = parse_tijdstip(gezet) if gezet else None
    except FormatError as exc:
        raise niet_conform(f"heeft/datumStatusGezet: {exc}") from None
    return StufStatus(
        volgnummer=text(heeft, "gerelateerde", "volgnummer"),
        omschrijving=text(heeft, "gerelateerde", "omschrijving"),
        datum_status_gezet=moment,
        toelichting=text(heeft, "toelichting") or "",
    )


def resultaat(zaak: etree._Element) -> StufResultaat | None:
    """The object's resultaat (omschrijving, toelichting), or None."""
    omschrijving = text(zaak, "resultaat", "omschrijving")
    if not omschrijving:
        return None
    return StufResultaat(omschrijving, text(path(zaak, "resultaat"), "toelichting") or "")
