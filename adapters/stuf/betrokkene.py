"""StUF-ZKN 3.10 ZAK -> BTR relations (heeftAlsInitiator, ...) -> ZGW rollen (request shape).

The ``gerelateerde`` of a relation holds one of natuurlijkPersoon (bg0310 NPS),
nietNatuurlijkPersoon (NNP), vestiging (VES), medewerker (MDW) or organisatorischeEenheid
(OEH); each becomes the ZGW ``betrokkeneType`` with its ``betrokkeneIdentificatie``
(Zaken API 1.5.1 field names).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from lxml import etree

from adapters.stuf.elements import child, children, text
from adapters.stuf.errors import niet_conform
from adapters.stuf.formats import FormatError, NoValue, element_value, parse_datum
from adapters.stuf.mapping import ROL_RELATIES
from adapters.stuf.namespaces import local_name

_GESLACHT: Final = {"M": "m", "V": "v", "O": "o"}


def _set(target: dict[str, Any], key: str, element: etree._Element | None, name: str) -> None:
    found = text(element, name)
    if found is not None:
        target[key] = found


def _natuurlijk_persoon(element: etree._Element) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, name in (("inpBsn", "inp.bsn"), ("anpIdentificatie", "anp.identificatie"),
                      ("inpA_nummer", "inp.a-nummer"), ("geslachtsnaam", "geslachtsnaam"),
                      ("voorvoegselGeslachtsnaam", "voorvoegselGeslachtsnaam"),
                      ("voorletters", "voorletters"), ("voornamen", "voornamen")):  # fmt: skip
        _set(result, key, element, name)
    geslacht = text(element, "geslachtsaanduiding")
    if geslacht:
        result["geslachtsaanduiding"] = _GESLACHT.get(geslacht.upper(), "o")
    geboorte = element_value(child(element, "geboortedatum"))
    if isinstance(geboorte, str):
        try:
            result["geboortedatum"] = parse_datum(geboorte).isoformat()
        except FormatError as exc:
            raise niet_conform(f"natuurlijkPersoon/geboortedatum: {exc}") from None
    return result


def _niet_natuurlijk_persoon(element: etree._Element) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, name in (("innNnpId", "inn.nnpId"), ("annIdentificatie", "ann.identificatie"),
                      ("statutaireNaam", "statutaireNaam"),
                      ("innRechtsvorm", "inn.rechtsvorm")):  # fmt: skip
        _set(result, key, element, name)
    return result


def _vestiging(element: etree._Element) -> dict[str, Any]:
    result: dict[str, Any] = {}
    _set(result, "vestigingsNummer", element, "vestigingsNummer")
    handelsnamen = [t for c in children(element, "handelsnaam")
                    if isinstance(t := element_value(c), str)]  # fmt: skip
    if handelsnamen:
        result["handelsnaam"] = handelsnamen
    return result


def _medewerker(element: etree._Element) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name in ("identificatie", "achternaam", "voorletters", "voorvoegselAchternaam"):
        _set(result, name, element, name)
    return result


def _organisatorische_eenheid(element: etree._Element) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name in ("identificatie", "naam"):
        _set(result, name, element, name)
    return result


KINDS: Final[dict[str, tuple[str, Callable[[etree._Element], dict[str, Any]]]]] = {
    "natuurlijkPersoon": ("natuurlijk_persoon", _natuurlijk_persoon),
    "nietNatuurlijkPersoon": ("niet_natuurlijk_persoon", _niet_natuurlijk_persoon),
    "vestiging": ("vestiging", _vestiging),
    "medewerker": ("medewerker", _medewerker),
    "organisatorischeEenheid": ("organisatorische_eenheid", _organisatorische_eenheid),
}


def rol_body(relatie: etree._Element) -> dict[str, Any] | None:
    """The ZGW Rol body (without zaak and roltype) of one relation element; None for a
    relation without a betrokkene (``xsi:nil``)."""
    gerelateerde = child(relatie, "gerelateerde")
    if gerelateerde is None or (
        isinstance(element_value(gerelateerde), NoValue) and not len(gerelateerde)
    ):
        return None
    kinds = [c for c in gerelateerde if local_name(c.tag) in KINDS]
    if len(kinds) != 1:
        raise niet_conform(
            f"{local_name(relatie.tag)}/gerelateerde moet precies één betrokkene bevatten "
            f"({', '.join(KINDS)})."
        )
    betrokkene_type, read = KINDS[local_name(kinds[0].tag)]
    body: dict[str, Any] = {
        "betrokkeneType": betrokkene_type,
        "betrokkeneIdentificatie": read(kinds[0]),
        "roltoelichting": text(relatie, "toelichting") or local_name(relatie.tag),
    }
    return body


_KEYS: Final = ("inpBsn", "anpIdentificatie", "innNnpId", "annIdentificatie",
                 "vestigingsNummer", "identificatie")  # fmt: skip


def rol_key(
    roltype: object, betrokkene_type: str, identificatie: dict[str, Any]
) -> tuple[str, ...]:
    """What identifies a rol of a zaak: roltype, betrokkeneType and the betrokkene's first
    identifying attribute (BSN, A-nummer, RSIN, vestigingsnummer or identificatie)."""
    found = next((str(identificatie[k]) for k in _KEYS if identificatie.get(k)), "")
    return (str(roltype), betrokkene_type, found)


def rollen(zaak: etree._Element) -> list[tuple[str, etree._Element]]:
    """Every rol relation of a ZAK object, as (relation name, element), in document order."""
    return [(local_name(c.tag), c) for c in zaak if local_name(c.tag) in ROL_RELATIES]
