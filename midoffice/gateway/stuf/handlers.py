"""ONE visible mapping from StUF-ZKN operation name (:data:`adapters.stuf.dispatch.OPERATIONS`)
to its handler. An operation without a handler is answered with a Fo03 ``ZKN006``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from midoffice.gateway.stuf import zaak_identificatie
from midoffice.gateway.stuf.context import Handler
from midoffice.gateway.stuf.documenten_handlers import DOCUMENT_HANDLERS

HANDLERS: Final[Mapping[str, Handler]] = {
    # zaken, ZDS 1.2
    "genereerZaakIdentificatie_Di02": zaak_identificatie.genereer_zaak_identificatie,
    # zaken, ZDS 1.1 (the zs-dms vrije bericht has the same name in both versions)
    # documenten (the StUF documents engineer): add here
    **DOCUMENT_HANDLERS,
}
