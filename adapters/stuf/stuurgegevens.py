"""StUF 03.01 ``stuurgegevens`` (section 4.3): read them from a request, write them in an answer.

An answer swaps zender and ontvanger, takes a fresh referentienummer and the current
tijdstipBericht, and carries the request's referentienummer as ``crossRefnummer``.
``applicatie`` must have 3..50 characters (``StUF:Applicatie``); a request with an empty or
too short one is answered with ``ONBEKEND`` in its place, so the answer stays valid.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field, replace
from typing import Final

from lxml import etree

from adapters.stuf.elements import child, text
from adapters.stuf.formats import format_tijdstip
from adapters.stuf.namespaces import STUF, qname

UNKNOWN_APPLICATIE: Final = "ONBEKEND"
REFNUMMER_MAX: Final = 40


@dataclass(frozen=True)
class Systeem:
    """``StUF:Systeem``: who sends or receives."""

    organisatie: str = ""
    applicatie: str = ""
    administratie: str = ""
    gebruiker: str = ""

    @property
    def key(self) -> str:
        """A stable identity of the system (organisatie/applicatie/administratie)."""
        return f"{self.organisatie}/{self.applicatie}/{self.administratie}"


@dataclass(frozen=True)
class Stuurgegevens:
    """The stuurgegevens of one message; absent elements are ``''``."""

    berichtcode: str = ""
    zender: Systeem = field(default_factory=Systeem)
    ontvanger: Systeem = field(default_factory=Systeem)
    referentienummer: str = ""
    tijdstipBericht: str = ""
    crossRefnummer: str = ""
    entiteittype: str = ""
    functie: str = ""


def _systeem(element: etree._Element | None) -> Systeem:
    if element is None:
        return Systeem()
    return Systeem(*(text(element, name) or "" for name in
                     ("organisatie", "applicatie", "administratie", "gebruiker")))  # fmt: skip


def read_stuurgegevens(bericht: etree._Element) -> Stuurgegevens | None:
    """The stuurgegevens of the bericht element (its ``stuurgegevens`` child), or None."""
    element = child(bericht, "stuurgegevens")
    if element is None:
        return None
    return Stuurgegevens(
        berichtcode=text(element, "berichtcode") or "",
        zender=_systeem(child(element, "zender")),
        ontvanger=_systeem(child(element, "ontvanger")),
        referentienummer=text(element, "referentienummer") or "",
        tijdstipBericht=text(element, "tijdstipBericht") or "",
        crossRefnummer=text(element, "crossRefnummer") or "",
        entiteittype=text(element, "entiteittype") or "",
        functie=text(element, "functie") or "",
    )


def answer_stuurgegevens(
    request: Stuurgegevens, berichtcode: str, *, now: dt.datetime, referentienummer: str = ""
) -> Stuurgegevens:
    """The stuurgegevens of the answer to ``request``: zender and ontvanger swapped, a fresh
    referentienummer, crossRefnummer = the request's referentienummer."""
    return replace(
        request,
        berichtcode=berichtcode,
        zender=request.ontvanger,
        ontvanger=request.zender,
        referentienummer=referentienummer or str(uuid.uuid4()),
        tijdstipBericht=format_tijdstip(now),
        crossRefnummer=request.referentienummer[:REFNUMMER_MAX],
    )


def _write_systeem(parent: etree._Element, name: str, systeem: Systeem) -> None:
    element = etree.SubElement(parent, qname(STUF, name))
    if systeem.organisatie:
        etree.SubElement(element, qname(STUF, "organisatie")).text = systeem.organisatie[:200]
    applicatie = systeem.applicatie if len(systeem.applicatie) >= 3 else UNKNOWN_APPLICATIE
    etree.SubElement(element, qname(STUF, "applicatie")).text = applicatie[:50]
    if systeem.administratie:
        etree.SubElement(element, qname(STUF, "administratie")).text = systeem.administratie[:50]
    if systeem.gebruiker:
        etree.SubElement(element, qname(STUF, "gebruiker")).text = systeem.gebruiker[:100]


def write_stuurgegevens(
    parent: etree._Element,
    tag: str,
    gegevens: Stuurgegevens,
    *,
    entiteittype: bool = False,
    functie: bool = False,
    full: bool = True,
) -> etree._Element:
    """Append ``<tag>`` with ``gegevens`` in the StUF order. ``full=False`` writes only the
    berichtcode (Fo02); ``entiteittype``/``functie`` add those elements when set."""
    element = etree.SubElement(parent, tag)
    etree.SubElement(element, qname(STUF, "berichtcode")).text = gegevens.berichtcode
    if not full:
        return element
    _write_systeem(element, "zender", gegevens.zender)
    _write_systeem(element, "ontvanger", gegevens.ontvanger)
    etree.SubElement(element, qname(STUF, "referentienummer")).text = gegevens.referentienummer
    etree.SubElement(element, qname(STUF, "tijdstipBericht")).text = gegevens.tijdstipBericht
    etree.SubElement(element, qname(STUF, "crossRefnummer")).text = gegevens.crossRefnummer
    if entiteittype and gegevens.entiteittype:
        etree.SubElement(element, qname(STUF, "entiteittype")).text = gegevens.entiteittype
    if functie and gegevens.functie:
        etree.SubElement(element, qname(STUF, "functie")).text = gegevens.functie
    return element
