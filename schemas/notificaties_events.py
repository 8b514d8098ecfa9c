"""Event types of the Notificaties domain (kanalen, abonnementen) and their payload versions.

Subject and key of every event is the kanaal or abonnement uuid; accepted facts carry a
contiguous per-object ``sequence``.
"""

from __future__ import annotations

from typing import Final

from schemas.event_schema import EventSchema
from schemas.payloads_notificaties import AbonnementV1, AbonnementVerwijderdV1, KanaalAangemaaktV1

KANAAL_AANGEMAAKT: Final = "nl.overheid.notificaties.kanaal-aangemaakt"
ABONNEMENT_AANGEMAAKT: Final = "nl.overheid.notificaties.abonnement-aangemaakt"
ABONNEMENT_GEWIJZIGD: Final = "nl.overheid.notificaties.abonnement-gewijzigd"
ABONNEMENT_VERWIJDERD: Final = "nl.overheid.notificaties.abonnement-verwijderd"

SCHEMAS: tuple[EventSchema, ...] = (
    EventSchema(KANAAL_AANGEMAAKT, {1: KanaalAangemaaktV1}),
    EventSchema(ABONNEMENT_AANGEMAAKT, {1: AbonnementV1}),
    EventSchema(ABONNEMENT_GEWIJZIGD, {1: AbonnementV1}),
    EventSchema(ABONNEMENT_VERWIJDERD, {1: AbonnementVerwijderdV1}),
)
