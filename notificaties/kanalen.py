"""The kanalen the MidOffice publishes on itself, and the filter keys every kanaal accepts.

``zaken`` always exists (the push connector publishes on it); it needs no ``kanaal-aangemaakt``
event, so a rebuild from an empty log has it too. Other kanalen are created through the API.
Besides a kanaal's own ``filters``, an abonnement may filter on ``statustype`` and ``actie``
(a MidOffice extension, matched against the notificatie's ``actie``, ``resource`` and its
statustype, see :mod:`push.matching`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Final

EXTRA_FILTERS: Final = ("statustype", "actie", "resource")
"""Filter keys every kanaal accepts in addition to its own ``filters``."""


@dataclass(frozen=True)
class Kanaal:
    uuid: uuid.UUID
    naam: str
    documentatie_link: str
    filters: tuple[str, ...]


ZAKEN: Final = Kanaal(
    uuid=uuid.uuid5(uuid.NAMESPACE_URL, "urn:midoffice:kanaal:zaken"),
    naam="zaken",
    documentatie_link="https://vng-realisatie.github.io/gemma-zaken/standaard/zaken/",
    filters=("bronorganisatie", "zaaktype", "vertrouwelijkheidaanduiding"),
)

BUILTIN: Final[dict[str, Kanaal]] = {ZAKEN.naam: ZAKEN}
