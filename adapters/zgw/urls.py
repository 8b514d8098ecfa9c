"""Resource URLs of the ZGW APIs the MidOffice serves, and the reverse: URL -> UUID.

Outgoing URLs are built from one base URL (the public URL of the gateway). Incoming URLs are
matched on their path only, so a client may use any host name for the MidOffice (or the URL
its Open Zaak configuration had): ``.../zaaktypen/<uuid>`` names a zaaktype wherever it lives.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

ZAKEN_ROOT: Final = "/zaken/api/v1"
CATALOGI_ROOT: Final = "/catalogi/api/v1"
MIDOFFICE_ROOT: Final = "/midoffice/api/v1"

ZAKEN: Final = "zaken"
STATUSSEN: Final = "statussen"
ZAAKTYPEN: Final = "zaaktypen"
STATUSTYPEN: Final = "statustypen"
CATALOGUSSEN: Final = "catalogussen"
ROLLEN: Final = "rollen"
RESULTATEN: Final = "resultaten"
ZAAKOBJECTEN: Final = "zaakobjecten"
ZAAKINFORMATIEOBJECTEN: Final = "zaakinformatieobjecten"
KLANTCONTACTEN: Final = "klantcontacten"
ZAAKEIGENSCHAPPEN: Final = "zaakeigenschappen"  # nested: /zaken/{zaak}/zaakeigenschappen/{uuid}

_ROOT_OF: Final = {
    ZAKEN: ZAKEN_ROOT,
    STATUSSEN: ZAKEN_ROOT,
    ZAAKTYPEN: CATALOGI_ROOT,
    STATUSTYPEN: CATALOGI_ROOT,
    CATALOGUSSEN: CATALOGI_ROOT,
    ROLLEN: ZAKEN_ROOT,
    RESULTATEN: ZAKEN_ROOT,
    ZAAKOBJECTEN: ZAKEN_ROOT,
    ZAAKINFORMATIEOBJECTEN: ZAKEN_ROOT,
    KLANTCONTACTEN: ZAKEN_ROOT,
}
_DETAIL_PATH: Final = re.compile(
    r"/(?P<resource>[A-Za-z]+)/(?P<uuid>[0-9a-fA-F]{8}-?(?:[0-9a-fA-F]{4}-?){3}[0-9a-fA-F]{12})/?$"
)


@dataclass(frozen=True)
class ResourceUrls:
    """Builds the URL of every resource the gateway serves, below ``base`` (no trailing /)."""

    base: str

    def collection(self, resource: str) -> str:
        """The list endpoint of ``resource`` (one of the resource constants above)."""
        return f"{self.base}{_ROOT_OF[resource]}/{resource}"

    def detail(self, resource: str, identifier: uuid.UUID) -> str:
        return f"{self.collection(resource)}/{identifier}"

    def zaak(self, identifier: uuid.UUID) -> str:
        return self.detail(ZAKEN, identifier)

    def status(self, identifier: uuid.UUID) -> str:
        return self.detail(STATUSSEN, identifier)

    def zaaktype(self, identifier: uuid.UUID) -> str:
        return self.detail(ZAAKTYPEN, identifier)

    def statustype(self, identifier: uuid.UUID) -> str:
        return self.detail(STATUSTYPEN, identifier)

    def catalogus(self, identifier: uuid.UUID) -> str:
        return self.detail(CATALOGUSSEN, identifier)

    def zaakeigenschap(self, zaak: uuid.UUID, identifier: uuid.UUID) -> str:
        return f"{self.zaak(zaak)}/{ZAAKEIGENSCHAPPEN}/{identifier}"

    def verwerking(self, event_id: uuid.UUID) -> str:
        """Where a client polls the outcome of an intake event (MidOffice extension)."""
        return f"{self.base}{MIDOFFICE_ROOT}/verwerkingen/{event_id}"


_WHITESPACE: Final = re.compile(r"\s")
"""Any character for which ``str.isspace`` holds (a scan per character cost 3 % of a write)."""


def is_http_url(value: object) -> bool:
    """True for an absolute http(s) URL with a host."""
    if not isinstance(value, str) or not value or _WHITESPACE.search(value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def parse_resource_url(value: object, resource: str) -> uuid.UUID | None:
    """The UUID in a URL whose path ends in ``/<resource>/<uuid>``, on any host; else None."""
    if not is_http_url(value):
        return None
    assert isinstance(value, str)
    match = _DETAIL_PATH.search(urlsplit(value).path)
    if match is None or match["resource"] != resource:
        return None
    return uuid.UUID(match["uuid"])
