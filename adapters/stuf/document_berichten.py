"""Shared parts of the document operations' answers (ZDS 1.2 zs-dms and ZDS 1.1 zkn0310).

ZDS 1.2 puts the bericht element in the ``zds0120`` namespace and, for the berichten typed in
zkn0310 (La01), its content in ``zkn0310``; the zs-dms vrije berichten (Du02, Di02) declare
their direct children (``stuurgegevens``, ``parameters``, ``edcLa01``, ``document``) in the
bericht's own namespace: ``zds0120`` in ZDS 1.2, ``zkn0310`` in ZDS 1.1
(:func:`part`).
"""

from __future__ import annotations

import datetime as dt

from lxml import etree

from adapters.stuf.answers import stuurgegevens_for
from adapters.stuf.dispatch import Operation
from adapters.stuf.elements import child, text
from adapters.stuf.errors import niet_conform
from adapters.stuf.namespaces import STUF, ZKN, qname
from adapters.stuf.soap import envelope
from adapters.stuf.stuurgegevens import Stuurgegevens, write_stuurgegevens


def bericht(op: Operation, name: str) -> etree._Element:
    """The root element ``name`` of an answer in ``op``'s bericht namespace."""
    return etree.Element(qname(op.namespace, name))


def part(op: Operation, parent: etree._Element, name: str) -> etree._Element:
    """A direct child of a vrij bericht (Du02), in the bericht's namespace."""
    return etree.SubElement(parent, qname(op.namespace, name))


def zkn(parent: etree._Element, name: str, value: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, qname(ZKN, name))
    if value is not None:
        element.text = value
    return element


def stuurgegevens(
    parent: etree._Element,
    request: Stuurgegevens,
    berichtcode: str,
    now: dt.datetime,
    *,
    entiteittype: str = "",
    functie: str = "",
    namespace: str = ZKN,
) -> None:
    """The answer's ``stuurgegevens`` with the given entiteittype / functie; in ZKN, or in
    ``namespace`` (the ZDS 1.2 vrije berichten declare their parts in zds0120)."""
    gegevens = stuurgegevens_for(request, berichtcode, now)
    from dataclasses import replace

    gegevens = replace(gegevens, entiteittype=entiteittype, functie=functie)
    write_stuurgegevens(parent, qname(namespace, "stuurgegevens"), gegevens,
                        entiteittype=bool(entiteittype), functie=bool(functie))  # fmt: skip


def antwoord_parameters(parent: etree._Element) -> None:
    """``parameters`` of a La01 (ParametersAntwoordSynchroon): no vervolgvraag."""
    parameters = zkn(parent, "parameters")
    etree.SubElement(parameters, qname(STUF, "indicatorVervolgvraag")).text = "false"


def bv02(request: Stuurgegevens, now: dt.datetime) -> bytes:
    """``StUF:Bv02Bericht``: the answer to updateZaakdocument and cancelCheckout (the WSDL's
    output message ``StUF:Bv02``). Its stuurgegevens hold only the berichtcode (stuf0301.xsd)."""
    element = etree.Element(qname(STUF, "Bv02Bericht"))
    write_stuurgegevens(element, qname(STUF, "stuurgegevens"),
                        stuurgegevens_for(request, "Bv02", now), full=False)  # fmt: skip
    return envelope(element)


def checked_out_id(op: Operation, bericht_element: etree._Element) -> str:
    """The ``parameters/checkedOutId`` of a zs-dms vrij bericht ('' when absent)."""
    return (text(child(bericht_element, "parameters"), "checkedOutId") or "").strip()


def document_identificatie(element: etree._Element | None, where: str) -> str:
    """The ``identificatie`` below ``element``; StufFout naming ``where`` when absent."""
    found = text(element, "identificatie") if element is not None else None
    if not found:
        raise niet_conform(f"{where}/identificatie ontbreekt: welk document?")
    return found.strip()


def require(
    element: etree._Element | None, where: str, *, berichtcode: str = "Fo03"
) -> etree._Element:
    """``element``, or a StufFout saying that ``where`` is missing."""
    if element is None:
        raise niet_conform(f"{where} ontbreekt in het bericht.")
    return element
