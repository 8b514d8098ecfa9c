"""URLs of the Catalogi API resources, and references in requests back to UUIDs.

``adapters.zgw.urls`` builds the URLs the Zaken API needs (zaaktype, statustype, catalogus);
this module covers every Catalogi resource, by its soort as the events name it
(``zaaktype-informatieobjecttype`` included). Incoming URLs are matched on their path only.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from typing import Final
from urllib.parse import urlsplit

from adapters.zgw.urls import CATALOGI_ROOT, ResourceUrls, is_http_url

COLLECTIONS: Final[Mapping[str, str]] = {
    "catalogus": "catalogussen",
    "zaaktype": "zaaktypen",
    "informatieobjecttype": "informatieobjecttypen",
    "besluittype": "besluittypen",
    "statustype": "statustypen",
    "roltype": "roltypen",
    "resultaattype": "resultaattypen",
    "eigenschap": "eigenschappen",
    "zaakobjecttype": "zaakobjecttypen",
    "zaaktype-informatieobjecttype": "zaaktype-informatieobjecttypen",
}
"""Soort -> collection name below ``/catalogi/api/v1``."""

_DETAIL: Final = re.compile(
    r"/(?P<collection>[a-z-]+)/(?P<uuid>[0-9a-fA-F]{8}-?(?:[0-9a-fA-F]{4}-?){3}[0-9a-fA-F]{12})/?$"
)


def catalogi_url(urls: ResourceUrls, soort: str, identifier: uuid.UUID) -> str:
    """The URL of a catalogue object of ``soort``."""
    return f"{urls.base}{CATALOGI_ROOT}/{COLLECTIONS[soort]}/{identifier}"


def parse_catalogi_url(value: object, soort: str) -> uuid.UUID | None:
    """The UUID in a URL ending in ``/<collection of soort>/<uuid>`` (any host), else None."""
    if not is_http_url(value):
        return None
    assert isinstance(value, str)
    match = _DETAIL.search(urlsplit(value).path)
    if match is None or match["collection"] != COLLECTIONS[soort]:
        return None
    return uuid.UUID(match["uuid"])
