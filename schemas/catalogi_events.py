"""Event types of the Catalogi domain (catalogussen, zaaktypen and their types).

Every type is ``nl.overheid.catalogi.<soort>-<actie>``. :data:`CHANGES` describes each one
(which kind of object, which action, which payload field holds the object), so the catalogi
processor and its projection handle them uniformly. Subject and key: the catalogus uuid.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from pydantic import BaseModel

from schemas.event_schema import EventSchema
from schemas.payloads_catalogi import (
    BesluittypeGeschrevenV1,
    CatalogusAangemaaktV1,
    CatalogusGeimporteerdV1,
    EigenschapGeschrevenV1,
    GepubliceerdV1,
    InformatieobjecttypeGeschrevenV1,
    ResultaattypeGeschrevenV1,
    RoltypeGeschrevenV1,
    StatustypeGeschrevenV1,
    VerwijderdV1,
    ZaakobjecttypeGeschrevenV1,
    ZaaktypeGeschrevenV1,
    ZaaktypeInformatieobjecttypeGeschrevenV1,
)

PREFIX: Final = "nl.overheid.catalogi."
AANGEMAAKT: Final = "aangemaakt"
GEWIJZIGD: Final = "gewijzigd"
GEPUBLICEERD: Final = "gepubliceerd"
VERWIJDERD: Final = "verwijderd"
GEIMPORTEERD: Final = "geimporteerd"

CATALOGUS_AANGEMAAKT: Final = PREFIX + "catalogus-aangemaakt"
CATALOGUS_GEIMPORTEERD: Final = PREFIX + "catalogus-geimporteerd"


@dataclass(frozen=True)
class Soort:
    """One kind of catalogue object: its event name, payload field and payload model."""

    name: str  # in event types: "zaaktype", "zaaktype-informatieobjecttype", ...
    field: str  # in payloads and in the model: "zaaktype", "zaaktypeInformatieobjecttype"
    geschreven: type[BaseModel]
    publishable: bool = False
    part: bool = False  # held by a zaaktype


SOORTEN: Final = (
    Soort("zaaktype", "zaaktype", ZaaktypeGeschrevenV1, publishable=True),
    Soort("informatieobjecttype", "informatieobjecttype", InformatieobjecttypeGeschrevenV1,
          publishable=True),
    Soort("besluittype", "besluittype", BesluittypeGeschrevenV1, publishable=True),
    Soort("statustype", "statustype", StatustypeGeschrevenV1, part=True),
    Soort("roltype", "roltype", RoltypeGeschrevenV1, part=True),
    Soort("resultaattype", "resultaattype", ResultaattypeGeschrevenV1, part=True),
    Soort("eigenschap", "eigenschap", EigenschapGeschrevenV1, part=True),
    Soort("zaakobjecttype", "zaakobjecttype", ZaakobjecttypeGeschrevenV1, part=True),
    Soort("zaaktype-informatieobjecttype", "zaaktypeInformatieobjecttype",
          ZaaktypeInformatieobjecttypeGeschrevenV1, part=True),
)  # fmt: skip


@dataclass(frozen=True)
class Change:
    """What one catalogue event type does: ``action`` on an object of ``soort``."""

    event_type: str
    action: str
    soort: Soort | None  # None for the catalogus itself
    model: type[BaseModel]


def event_type(soort: str, action: str) -> str:
    """``nl.overheid.catalogi.<soort>-<action>``."""
    return f"{PREFIX}{soort}-{action}"


def _changes() -> dict[str, Change]:
    changes = {
        CATALOGUS_AANGEMAAKT: Change(CATALOGUS_AANGEMAAKT, AANGEMAAKT, None, CatalogusAangemaaktV1),
        CATALOGUS_GEIMPORTEERD: Change(
            CATALOGUS_GEIMPORTEERD, GEIMPORTEERD, None, CatalogusGeimporteerdV1
        ),
    }
    for soort in SOORTEN:
        actions: dict[str, type[BaseModel]] = {
            AANGEMAAKT: soort.geschreven,
            GEWIJZIGD: soort.geschreven,
            VERWIJDERD: VerwijderdV1,
        }
        if soort.publishable:
            actions[GEPUBLICEERD] = GepubliceerdV1
        for action, model in actions.items():
            name = event_type(soort.name, action)
            changes[name] = Change(name, action, soort, model)
    return changes


CHANGES: Final[Mapping[str, Change]] = _changes()
"""Every catalogue event type and what it does."""

ALL: Final = tuple(CHANGES)

SCHEMAS: tuple[EventSchema, ...] = tuple(
    EventSchema(change.event_type, {1: change.model}) for change in CHANGES.values()
)
