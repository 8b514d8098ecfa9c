"""Event types of the Autorisaties (applicaties) domain and their payload versions.

Subject and key of every event is the applicatie uuid; accepted facts carry a contiguous
per-applicatie ``sequence``.
"""

from __future__ import annotations

from typing import Final

from schemas.event_schema import EventSchema
from schemas.payloads_autorisaties import (
    ApplicatieAangemaaktV1,
    ApplicatieGewijzigdV1,
    ApplicatieVerwijderdV1,
)

APPLICATIE_AANGEMAAKT: Final = "nl.overheid.autorisaties.applicatie-aangemaakt"
APPLICATIE_GEWIJZIGD: Final = "nl.overheid.autorisaties.applicatie-gewijzigd"
APPLICATIE_VERWIJDERD: Final = "nl.overheid.autorisaties.applicatie-verwijderd"

ALL: Final = (APPLICATIE_AANGEMAAKT, APPLICATIE_GEWIJZIGD, APPLICATIE_VERWIJDERD)

SCHEMAS: tuple[EventSchema, ...] = (
    EventSchema(APPLICATIE_AANGEMAAKT, {1: ApplicatieAangemaaktV1}),
    EventSchema(APPLICATIE_GEWIJZIGD, {1: ApplicatieGewijzigdV1}),
    EventSchema(APPLICATIE_VERWIJDERD, {1: ApplicatieVerwijderdV1}),
)
