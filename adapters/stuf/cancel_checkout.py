"""cancelCheckout: give up a check-out (release the lock) without a new versie.

ZDS 1.2 berichtcatalogus #14 ``cancelCheckout_Di02`` (``zds0120_msg_zs-dms.xsd``:
``parameters/checkedOutId`` and ``document/identificatie``) and ZDS 1.1 ``cancelCheckout_Di02``
(``zkn0310_msg_zs-dms.xsd``). Answer: Bv02.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from adapters.stuf.dispatch import Operation
from adapters.stuf.document_berichten import checked_out_id, document_identificatie
from adapters.stuf.elements import child


@dataclass(frozen=True)
class Annulering:
    identificatie: str
    checked_out_id: str


def parse(op: Operation, bericht_element: etree._Element) -> Annulering:
    """The document and the lock of a cancelCheckout_Di02."""
    identificatie = document_identificatie(child(bericht_element, "document"), "document")
    return Annulering(identificatie, checked_out_id(op, bericht_element))
