"""Event types of the Zaken domain and their payload versions."""

from __future__ import annotations

from schemas import event_types
from schemas.event_schema import EventSchema
from schemas.payloads import StatusGezetV1, ZaakGeopendV1

SCHEMAS: tuple[EventSchema, ...] = (
    EventSchema(event_types.ZAAK_GEOPEND, {1: ZaakGeopendV1}),
    EventSchema(event_types.ZAAKSTATUS_GEWIJZIGD, {1: StatusGezetV1}),
)
