"""maakZaakdocument: register a new document for a zaak, possibly without content yet.

ZDS 1.2 berichtcatalogus #11 ``maakZaakdocument_EdcLk01`` (``zds0120_msg_zs-dms.xsd``, type
``MaakZaakdocument-EDC-Lk01``; ``inhoud`` minOccurs 0) and ZDS 1.1 ``edcLk01``. Answer: Bv03.
The content follows later through geefZaakdocumentbewerken / updateZaakdocument.
"""

from __future__ import annotations

from lxml import etree

from adapters.stuf.voeg_zaakdocument_toe import NieuwZaakdocument
from adapters.stuf.voeg_zaakdocument_toe import parse as parse_nieuw


def parse(bericht: etree._Element) -> NieuwZaakdocument:
    """The document of a maakZaakdocument kennisgeving (inhoud optional)."""
    return parse_nieuw(bericht, inhoud_verplicht=False)
