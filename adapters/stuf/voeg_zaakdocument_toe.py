"""voegZaakdocumentToe: a new document with its content, relevant for one zaak.

ZDS 1.2 berichtcatalogus #10 ``voegZaakdocumentToe_EdcLk01`` (``zds0120_msg_zs-dms.xsd``,
type ``VoegZaakdocumentToe-EDC-Lk01``) and ZDS 1.1 / StUF-ZKN 3.10 ``edcLk01`` with
mutatiesoort T (``zkn0310_msg_mutatie.xsd``). Answer: Bv03; errors: Fo03.
maakZaakdocument (#11) has the same structure without a required inhoud
(:mod:`adapters.stuf.maak_zaakdocument`).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from adapters.stuf.document_velden import Edc, fout, read_edc
from adapters.stuf.elements import child, children, text
from adapters.stuf.errors import NIET_ONDERSTEUND, StufFout, niet_conform


@dataclass(frozen=True)
class NieuwZaakdocument:
    """The document to add: its EDC values, the zaak it is relevant for, its omschrijving."""

    edc: Edc
    zaak: str
    omschrijving: str


def parse(bericht: etree._Element, *, inhoud_verplicht: bool = True) -> NieuwZaakdocument:
    """The document of a voegZaakdocumentToe / maakZaakdocument kennisgeving."""
    soort = text(child(bericht, "parameters"), "mutatiesoort")
    if soort not in (None, "T"):
        raise StufFout(NIET_ONDERSTEUND,
                       f"mutatiesoort {soort} wordt niet ondersteund voor een nieuw document; "
                       "wijzig een document met updateZaakdocument.")  # fmt: skip
    objects = list(children(bericht, "object"))
    if len(objects) != 1:
        raise niet_conform("Het bericht moet precies één object (EDC) bevatten.")
    edc = read_edc(objects[0])
    if len(set(edc.zaken)) != 1:
        raise fout("isRelevantVoor moet precies één zaak (gerelateerde/identificatie) noemen.")
    omschrijving = edc.tekst("dct.omschrijving")
    if not omschrijving:
        raise fout("dct.omschrijving (het documenttype) ontbreekt.")
    if inhoud_verplicht and edc.inhoud is None:
        raise fout("inhoud ontbreekt: voegZaakdocumentToe voegt een document met inhoud toe.")
    return NieuwZaakdocument(edc, edc.zaken[0], omschrijving)
