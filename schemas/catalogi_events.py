"""Event types of the Catalogi domain (catalogussen, zaaktypen and their types)."""

from __future__ import annotations

from schemas.event_schema import EventSchema

SCHEMAS: tuple[EventSchema, ...] = ()
