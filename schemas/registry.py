"""Registry of every event type the MidOffice knows, gathered from the domain modules.

Each domain registers its own types in its own module (``schemas/<domain>_events.py``):
add a type there, not here.
"""

from __future__ import annotations

from collections.abc import Mapping

from schemas import (
    autorisaties_events,
    catalogi_events,
    documenten_events,
    notificaties_events,
    zaken_events,
)
from schemas.event_schema import EventSchema, UnknownEventType, Upcaster

__all__ = ["REGISTRY", "EventSchema", "UnknownEventType", "Upcaster", "schema_for"]


REGISTRY: Mapping[str, EventSchema] = {
    schema.event_type: schema
    for schema in (
        *zaken_events.SCHEMAS,
        *catalogi_events.SCHEMAS,
        *autorisaties_events.SCHEMAS,
        *documenten_events.SCHEMAS,
        *notificaties_events.SCHEMAS,
    )
}


def schema_for(event_type: str) -> EventSchema:
    """The registered schema of ``event_type``; raises UnknownEventType."""
    try:
        return REGISTRY[event_type]
    except KeyError:
        raise UnknownEventType(f"unknown event type {event_type!r}") from None


def dataschema_uri(event_type: str, version: int) -> str:
    """The CloudEvents ``dataschema`` of a payload version."""
    return f"urn:midoffice:schema:{event_type}:v{version}"


def parse_dataschema(uri: str) -> tuple[str, int]:
    """Inverse of :func:`dataschema_uri`; raises ValueError on anything else."""
    prefix = "urn:midoffice:schema:"
    if not uri.startswith(prefix):
        raise ValueError(f"unknown dataschema {uri!r}")
    event_type, _, version = uri[len(prefix) :].rpartition(":v")
    if not event_type or not version.isdigit():
        raise ValueError(f"malformed dataschema {uri!r}")
    return event_type, int(version)
