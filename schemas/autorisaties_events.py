"""Event types of the Autorisaties (applicaties) domain and their payload versions."""

from __future__ import annotations

from schemas.event_schema import EventSchema

SCHEMAS: tuple[EventSchema, ...] = ()
