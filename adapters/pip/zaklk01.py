"""MijnOverheid Lopende Zaken: a StUF-ZKN 3.10 ``zakLk01`` kennisgeving (ZDS 1.1, zkn0310
mutatie, ``ZKN:zakLk01``) describing one zaak, built with lxml (pure translation).

The object carries identificatie, omschrijving, startdatum, einddatum, the zaaktype
(``isVan``), the initiator's BSN (``heeftAlsInitiator/gerelateerde/natuurlijkPersoon/inp.bsn``)
and the status history (``heeft`` per status, with its statustype and datumStatusGezet).
The first kennisgeving about a zaak is a ``T`` (toevoeging, one object); later ones are ``W``
(wijziging) with the zaak as it was and as it is (two objects), as StUF 3.01 prescribes.
The zaaktype code (ZGW ``identificatie``, up to 50 characters) is sent only when it fits the
10 characters of ``ZKT.code``; the omschrijving always goes.
The message goes in a SOAP 1.1 envelope (:func:`soap_envelope`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from lxml import etree

STUF: Final = "http://www.egem.nl/StUF/StUF0301"
ZKN: Final = "http://www.egem.nl/StUF/sector/zkn/0310"
BG: Final = "http://www.egem.nl/StUF/sector/bg/0310"
SOAP: Final = "http://schemas.xmlsoap.org/soap/envelope/"
NSMAP: Final = {"StUF": STUF, "ZKN": ZKN, "BG": BG}
SOAP_ACTION: Final = "http://www.egem.nl/StUF/sector/zkn/0310/actualiseerZaakstatus_Lk01"
CONTENT_TYPE: Final = "text/xml; charset=utf-8"
ZKT_CODE_MAX: Final = 10


@dataclass(frozen=True)
class Status:
    volgnummer: int
    omschrijving: str
    datum_status_gezet: dt.datetime


@dataclass(frozen=True)
class LopendeZaak:
    """What MijnOverheid Lopende Zaken shows of one zaak."""

    identificatie: str
    omschrijving: str
    startdatum: dt.date
    einddatum: dt.date | None
    zaaktype_code: str
    zaaktype_omschrijving: str
    bsn: str
    statussen: tuple[Status, ...]


@dataclass(frozen=True)
class Stuurgegevens:
    zender_organisatie: str
    zender_applicatie: str
    ontvanger_organisatie: str
    ontvanger_applicatie: str
    referentienummer: str
    tijdstip: dt.datetime


def _el(
    parent: etree._Element, ns: str, name: str, text: str | None = None, **attributes: str
) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ns}}}{name}")
    for key, value in attributes.items():
        element.set(f"{{{STUF}}}{key}", value)
    if text is not None:
        element.text = text
    return element


def _datum(value: dt.date) -> str:
    return value.strftime("%Y%m%d")


def _tijdstip(value: dt.datetime) -> str:
    value = value.astimezone(dt.UTC) if value.tzinfo else value
    return value.strftime("%Y%m%d%H%M%S") + f"{value.microsecond // 1000:03d}"


def _stuurgegevens(root: etree._Element, stuur: Stuurgegevens) -> None:
    element = _el(root, ZKN, "stuurgegevens")
    _el(element, STUF, "berichtcode", "Lk01")
    zender = _el(element, STUF, "zender")
    _el(zender, STUF, "organisatie", stuur.zender_organisatie)
    _el(zender, STUF, "applicatie", stuur.zender_applicatie)
    ontvanger = _el(element, STUF, "ontvanger")
    _el(ontvanger, STUF, "organisatie", stuur.ontvanger_organisatie)
    _el(ontvanger, STUF, "applicatie", stuur.ontvanger_applicatie)
    _el(element, STUF, "referentienummer", stuur.referentienummer)
    _el(element, STUF, "tijdstipBericht", _tijdstip(stuur.tijdstip))
    _el(element, STUF, "entiteittype", "ZAK")


def _object(
    root: etree._Element, zaak: LopendeZaak, statussen: Sequence[Status], verwerkingssoort: str
) -> None:
    obj = _el(
        root,
        ZKN,
        "object",
        entiteittype="ZAK",
        verwerkingssoort=verwerkingssoort,
        sleutelVerzendend=zaak.identificatie,
    )
    _el(obj, ZKN, "identificatie", zaak.identificatie)
    _el(obj, ZKN, "omschrijving", zaak.omschrijving or zaak.zaaktype_omschrijving)
    _el(obj, ZKN, "startdatum", _datum(zaak.startdatum))
    if zaak.einddatum is not None:
        _el(obj, ZKN, "einddatum", _datum(zaak.einddatum))
    is_van = _el(obj, ZKN, "isVan", entiteittype="ZAKZKT", verwerkingssoort="I")
    zaaktype = _el(is_van, ZKN, "gerelateerde", entiteittype="ZKT", verwerkingssoort="I")
    _el(zaaktype, ZKN, "omschrijving", zaak.zaaktype_omschrijving)
    if len(zaak.zaaktype_code) <= ZKT_CODE_MAX:  # ZGW allows 50 characters, StUF ZKT 10
        _el(zaaktype, ZKN, "code", zaak.zaaktype_code)
    initiator = _el(obj, ZKN, "heeftAlsInitiator", entiteittype="ZAKBTRINI", verwerkingssoort="I")
    betrokkene = _el(initiator, ZKN, "gerelateerde")
    persoon = _el(betrokkene, ZKN, "natuurlijkPersoon", entiteittype="NPS", verwerkingssoort="I")
    _el(persoon, BG, "inp.bsn", zaak.bsn)
    for status in statussen:
        heeft = _el(obj, ZKN, "heeft", entiteittype="ZAKSTT", verwerkingssoort="I")
        statustype = _el(heeft, ZKN, "gerelateerde", entiteittype="STT", verwerkingssoort="I")
        _el(statustype, ZKN, "volgnummer", f"{status.volgnummer:04d}")
        _el(statustype, ZKN, "omschrijving", status.omschrijving)
        _el(heeft, ZKN, "datumStatusGezet", _tijdstip(status.datum_status_gezet))


def zak_lk01(zaak: LopendeZaak, stuur: Stuurgegevens) -> etree._Element:
    """The ``ZKN:zakLk01`` element for ``zaak``: T for its first status, else W (old, new)."""
    root = etree.Element(f"{{{ZKN}}}zakLk01", nsmap=NSMAP)
    _stuurgegevens(root, stuur)
    parameters = _el(root, ZKN, "parameters")
    first = len(zaak.statussen) <= 1
    _el(parameters, STUF, "mutatiesoort", "T" if first else "W")
    _el(parameters, STUF, "indicatorOvername", "V")
    if first:
        _object(root, zaak, zaak.statussen, "T")
    else:
        _object(root, zaak, zaak.statussen[:-1], "W")
        _object(root, zaak, zaak.statussen, "W")
    return root


def soap_envelope(body: etree._Element) -> bytes:
    """``body`` in a SOAP 1.1 envelope, serialised as UTF-8 with an XML declaration."""
    envelope = etree.Element(f"{{{SOAP}}}Envelope", nsmap={"SOAP-ENV": SOAP})
    etree.SubElement(envelope, f"{{{SOAP}}}Header")
    etree.SubElement(envelope, f"{{{SOAP}}}Body").append(body)
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")
