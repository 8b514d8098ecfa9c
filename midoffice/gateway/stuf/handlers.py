"""ONE visible mapping from StUF-ZKN operation name (:data:`adapters.stuf.dispatch.OPERATIONS`)
to its handler. An operation without a handler is answered with a Fo03 ``ZKN006``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from midoffice.gateway.stuf import zaak_identificatie, zaakdetails, zaken
from midoffice.gateway.stuf.context import Handler
from midoffice.gateway.stuf.documenten_handlers import DOCUMENT_HANDLERS

HANDLERS: Final[Mapping[str, Handler]] = {
    # zaken, ZDS 1.2
    "creeerZaak_ZakLk01": zaken.zaak_lk01,
    "updateZaak_ZakLk01": zaken.zaak_lk01,
    "actualiseerZaakstatus_ZakLk01": zaken.zaak_lk01,
    "genereerZaakIdentificatie_Di02": zaak_identificatie.genereer_zaak_identificatie,
    "geefZaakdetails_ZakLv01": zaakdetails.geef_zaakdetails,
    "geefZaakstatus_ZakLv01": zaakdetails.geef_zaakdetails,
    # zaken, ZDS 1.1 (genereerZaakIdentificatie_Di02 has the same name in both versions)
    "creeerZaak_Lk01": zaken.zaak_lk01,
    "updateZaak_Lk01": zaken.zaak_lk01,
    "actualiseerZaakstatus_Lk01": zaken.zaak_lk01,
    "geefZaakdetails_Lv01": zaakdetails.geef_zaakdetails,
    "geefZaakstatus_Lv01": zaakdetails.geef_zaakdetails,
    # documenten (the StUF documents engineer): add here
    **DOCUMENT_HANDLERS,
}
