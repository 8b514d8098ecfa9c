"""geefLijstZaakdocumenten: the documents of a zaak.

ZDS 1.2 berichtcatalogus #7 ``geefLijstZaakdocumenten_ZakLv01`` / ``_ZakLa01``
(``zds0120_ent_zs-dms.xsd``, types ``GeefLijstZaakDocumenten-ZAK-Lv01/La01``) and ZDS 1.1
``zakLv01`` / ``zakLa01`` with a ``heeftRelevant`` scope (``zkn0310_msg_vraagAntwoord.xsd``).
The answer lists every document linked to the zaak (through StUF or the ZGW Zaken API) that
the client may read, sorted by identificatie as the XSD's annotation asks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from lxml import etree

from adapters.stuf.dispatch import Operation
from adapters.stuf.document_antwoord import LIJST, DocumentBeeld, edc_object
from adapters.stuf.document_berichten import antwoord_parameters, bericht, stuurgegevens, zkn
from adapters.stuf.elements import child, text
from adapters.stuf.errors import niet_conform
from adapters.stuf.formats import format_datum
from adapters.stuf.namespaces import STUF, XSI, ZKN, qname
from adapters.stuf.stuurgegevens import Stuurgegevens


def parse(bericht_element: etree._Element) -> str:
    """The identificatie of the zaak asked for (``gelijk/identificatie``)."""
    found = text(child(bericht_element, "gelijk"), "identificatie")
    if not found:
        raise niet_conform("gelijk/identificatie (de zaak) ontbreekt.")
    return found.strip()


def answer(
    op: Operation,
    request: Stuurgegevens,
    zaak: str,
    omschrijving: str,
    documenten: Sequence[tuple[DocumentBeeld, dt.date | None]],
    now: dt.datetime,
) -> etree._Element:
    """The La01: the zaak with one ``heeftRelevant`` per (document, registratiedatum)."""
    root = bericht(op, "geefLijstZaakdocumenten_ZakLa01" if op.zds == "1.2" else "zakLa01")
    stuurgegevens(root, request, "La01", now, entiteittype="ZAK")
    antwoord_parameters(root)
    antwoord = zkn(root, "antwoord")
    obj = zkn(antwoord, "object")
    obj.set(qname(STUF, "entiteittype"), "ZAK")
    zkn(obj, "identificatie", zaak)
    if omschrijving:
        zkn(obj, "omschrijving", omschrijving[:80])
    ordered = sorted(documenten, key=lambda d: d[0].informatieobject.get("identificatie", ""))
    for beeld, registratiedatum in ordered:
        relatie = zkn(obj, "heeftRelevant")
        relatie.set(qname(STUF, "entiteittype"), "ZAKEDC")
        relatie.append(edc_object(qname(ZKN, "gerelateerde"), beeld, names=LIJST,
                                  required=frozenset(), relatie=None))  # fmt: skip
        titel = beeld.informatieobject.get("titel", "")
        if titel:
            zkn(relatie, "titel", titel[:200])
        datum = zkn(relatie, "registratiedatum")
        if registratiedatum is not None:
            datum.text = format_datum(registratiedatum)
        else:
            datum.set(qname(XSI, "nil"), "true")
            datum.set(qname(STUF, "noValue"), "geenWaarde")
    if not ordered and op.zds == "1.2":  # heeftRelevant is required (nillable) in ZDS 1.2
        leeg = zkn(obj, "heeftRelevant")
        leeg.set(qname(STUF, "entiteittype"), "ZAKEDC")
        leeg.set(qname(XSI, "nil"), "true")
        leeg.set(qname(STUF, "noValue"), "geenWaarde")
    return root
