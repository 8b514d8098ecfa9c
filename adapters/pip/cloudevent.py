"""A ZGW notificatie -> an NL GOV CloudEvent (CloudEvents 1.0, structured JSON mode).

Following the NL GOV profile: ``source`` is the MidOffice's URN (``urn:nld:oin:<OIN>:systeem``
in production, from ``MIDOFFICE_EVENT_SOURCE``), ``subject`` the zaak uuid, ``type`` the NL GOV
event type (``nl.overheid.zaken.zaakstatus-gewijzigd`` ...), ``dataref`` the resource URL and
``data`` the notificatie itself (so a ZGW consumer needs nothing else).
"""

from __future__ import annotations

import uuid
from typing import Any, Final

CONTENT_TYPE: Final = "application/cloudevents+json"


def cloudevent(
    notificatie: dict[str, Any],
    *,
    event_id: uuid.UUID,
    event_type: str,
    source: str,
    subject: uuid.UUID,
    with_data: bool = True,
) -> dict[str, Any]:
    """The structured CloudEvent for ``notificatie``; ``with_data=False`` leaves ``data`` out
    (the MijnOverheid route sends a thin event: the receiver fetches by ``dataref``)."""
    event: dict[str, Any] = {
        "specversion": "1.0",
        "type": event_type,
        "source": source,
        "subject": str(subject),
        "id": str(event_id),
        "time": notificatie["aanmaakdatum"],
        "dataref": notificatie["resourceUrl"],
        "datacontenttype": "application/json",
    }
    if with_data:
        event["data"] = notificatie
    return event
