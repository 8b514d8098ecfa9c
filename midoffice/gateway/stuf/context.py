"""Everything a StUF operation handler needs for one message (:class:`StufContext`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import Request
from lxml import etree

from adapters.stuf.dispatch import Operation
from adapters.stuf.errors import NIET_GEAUTORISEERD, StufFout
from adapters.stuf.mapping import Gemeente, StufMapping
from adapters.stuf.stuurgegevens import Stuurgegevens
from autorisaties.rights import ClientRights
from catalogi.model import Catalogue
from midoffice.container import Container
from midoffice.gateway.auth import AuthenticatedClient


@dataclass
class StufContext:
    """One StUF message being handled.

    ``bericht`` is the element inside soap:Body (the operation's root), ``body`` the raw
    request bytes (for hashing and MTOM), ``now`` the moment of receipt (aware, UTC).
    """

    request: Request
    container: Container
    catalogue: Catalogue
    mapping: StufMapping
    client: AuthenticatedClient
    rights: ClientRights
    operation: Operation
    bericht: etree._Element
    stuurgegevens: Stuurgegevens
    body: bytes
    now: dt.datetime

    def gemeente(self) -> Gemeente:
        """The municipality of the zender's organisatie; Fo03 when the mapping has none."""
        organisatie = self.stuurgegevens.zender.organisatie
        found = self.mapping.gemeente(organisatie)
        if found is None:
            raise StufFout(
                NIET_GEAUTORISEERD,
                f"Organisatie {organisatie!r} van de zender staat niet in de StUF-mapping.",
            )
        return found


Handler = Callable[[StufContext], Awaitable[bytes]]
"""An operation handler: the SOAP answer (Bv03/La01/Du02) for the message, or raise StufFout."""
