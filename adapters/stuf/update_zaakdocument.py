"""updateZaakdocument: check a changed document in (a new versie) and release the lock.

ZDS 1.2 berichtcatalogus #12 ``updateZaakdocument_Di02`` (``zds0120_msg_zs-dms.xsd``:
``parameters/checkedOutId`` and ``edcLk02`` with two EDC objects, oud and nieuw, StUF 03.01
section 4.4 "Kennisgevingsberichten met oud en nieuw") and ZDS 1.1 ``updateZaakdocument_Di02``
(``zkn0310_msg_zs-dms.xsd``). Answer: Bv02.

The nieuw object's values are applied over the current versie: a value replaces, a
``StUF:noValue="geenWaarde"`` clears, an absent element keeps what is stored. A new
``inhoud`` (inline or MTOM) replaces the content.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from adapters.stuf.dispatch import Operation
from adapters.stuf.document_berichten import checked_out_id, document_identificatie
from adapters.stuf.document_velden import Edc, fout, read_edc
from adapters.stuf.elements import child, children
from adapters.stuf.errors import niet_conform


@dataclass(frozen=True)
class Wijziging:
    """The check-in: which document, the lock presented, and its new values."""

    identificatie: str
    checked_out_id: str
    nieuw: Edc


def parse(op: Operation, bericht_element: etree._Element) -> Wijziging:
    """The Wijziging of an updateZaakdocument_Di02."""
    lk02 = child(bericht_element, "edcLk02")
    objects = list(children(lk02, "object"))
    if len(objects) != 2:
        raise niet_conform("edcLk02 moet twee objecten (oud en nieuw) bevatten.")
    oud, nieuw = objects
    identificatie = document_identificatie(oud, "edcLk02/object (oud)")
    edc = read_edc(nieuw)
    if (nieuw_id := edc.tekst("identificatie")) is not None and nieuw_id != identificatie:
        raise fout(
            "De identificatie van een document kan niet wijzigen (oud en nieuw verschillen)."
        )
    return Wijziging(identificatie, checked_out_id(op, bericht_element), edc)
