"""geefZaakdocumentLezen: one document with its content, to read.

ZDS 1.2 berichtcatalogus #8 ``geefZaakdocumentLezen_EdcLv01`` / ``_EdcLa01``
(``zds0120_ent_zs-dms.xsd``, types ``GeefZaakdocumentLezen-EDC-Lv01/La01``) and ZDS 1.1
``edcLv01`` / ``edcLa01`` (``zkn0310_msg_vraagAntwoord.xsd``). The content is inline base64
(``StUF:BinaireInhoud``), or an MTOM attachment when the request came as MTOM (StUF 03.01
protocolbinding: binary content travels as MTOM where both sides support it).
"""

from __future__ import annotations

import datetime as dt

from lxml import etree

from adapters.stuf.dispatch import Operation
from adapters.stuf.document_antwoord import LEZEN, DocumentBeeld, edc_object
from adapters.stuf.document_berichten import antwoord_parameters, bericht, stuurgegevens, zkn
from adapters.stuf.elements import child, text
from adapters.stuf.errors import niet_conform
from adapters.stuf.namespaces import ZKN, qname
from adapters.stuf.stuurgegevens import Stuurgegevens


def parse(bericht_element: etree._Element) -> str:
    """The identificatie of the document asked for (``gelijk/identificatie``)."""
    found = text(child(bericht_element, "gelijk"), "identificatie")
    if not found:
        raise niet_conform("gelijk/identificatie (het document) ontbreekt.")
    return found.strip()


def answer(
    op: Operation,
    request: Stuurgegevens,
    beeld: DocumentBeeld,
    now: dt.datetime,
    *,
    base64: str | None = None,
    cid: str | None = None,
) -> etree._Element:
    """The La01 with the document (fields, inhoud, the zaken it is relevant for)."""
    root = bericht(op, "geefZaakdocumentLezen_EdcLa01" if op.zds == "1.2" else "edcLa01")
    stuurgegevens(root, request, "La01", now, entiteittype="EDC")
    antwoord_parameters(root)
    antwoord = zkn(root, "antwoord")
    antwoord.append(edc_object(qname(ZKN, "object"), beeld, names=LEZEN, inhoud=(base64, cid)))
    return root
