"""geefZaakdocumentbewerken: check a document out for editing (lock it) and return it.

ZDS 1.2 berichtcatalogus #9 ``geefZaakdocumentBewerken_Di02`` / ``_Du02`` (the WSDL's
operation ``geefZaakdocumentbewerken_Di02``; ``zds0120_msg_zs-dms.xsd``) and ZDS 1.1
``geefZaakdocumentbewerken_Di02`` / ``_Du02`` (``zkn0310_msg_zs-dms.xsd``). The Du02 carries
``parameters/checkedOutId``: the lock of the Documenten API, which updateZaakdocument and
cancelCheckout must present.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from lxml import etree

from adapters.stuf.dispatch import Operation
from adapters.stuf.document_antwoord import LEZEN, DocumentBeeld, edc_object
from adapters.stuf.document_berichten import (
    bericht,
    document_identificatie,
    part,
    stuurgegevens,
    zkn,
)
from adapters.stuf.elements import child
from adapters.stuf.namespaces import STUF, ZKN, qname
from adapters.stuf.stuurgegevens import Stuurgegevens

FUNCTIE: Final = "geefZaakdocumentbewerken"
GZDB_REQUIRED: Final = frozenset(
    {"creatiedatum", "titel", "formaat", "taal", "vertrouwelijkAanduiding", "auteur", "link"}
)


def parse(bericht_element: etree._Element) -> str:
    """The identificatie of the document (``edcLv01/gelijk/identificatie``; a ``gelijk``
    directly below the bericht is accepted too)."""
    vraag = child(bericht_element, "edcLv01")
    gelijk = child(vraag if vraag is not None else bericht_element, "gelijk")
    return document_identificatie(gelijk, "edcLv01/gelijk")


def answer(
    op: Operation,
    request: Stuurgegevens,
    beeld: DocumentBeeld,
    checked_out_id: str,
    now: dt.datetime,
    *,
    base64: str | None = None,
    cid: str | None = None,
) -> etree._Element:
    """The Du02: checkedOutId and the document with its content."""
    name = "geefZaakdocumentBewerken_Du02" if op.zds == "1.2" else "geefZaakdocumentbewerken_Du02"
    root = bericht(op, name)
    stuurgegevens(root, request, "Du02", now, functie=FUNCTIE, namespace=op.namespace)
    parameters = part(op, root, "parameters")
    etree.SubElement(parameters, qname(op.namespace, "checkedOutId")).text = checked_out_id
    la01 = part(op, root, "edcLa01")
    la01.set(qname(STUF, "entiteittype"), "EDC")
    la01.set(qname(STUF, "functie"), "antwoord")
    zkn(la01, "parameters")
    antwoord = zkn(la01, "antwoord")
    antwoord.append(edc_object(qname(ZKN, "object"), beeld, names=LEZEN, required=GZDB_REQUIRED,
                               inhoud=(base64, cid), nillable=False))  # fmt: skip
    return root
