"""Event types of the Documenten domain (Documenten API 1.5.0) and their payload versions.

Subject and key of every event is the UUID of the enkelvoudig informatieobject, also for its
gebruiksrechten and objectinformatieobjecten, so everything about one document stays in order;
accepted facts carry a contiguous per-document ``sequence``.
"""

from __future__ import annotations

from typing import Final

from schemas.event_schema import EventSchema
from schemas.payloads_documenten import (
    BestandsdeelGeuploadV1,
    DocumentAangemaaktV1,
    DocumentGewijzigdV1,
    DocumentOntgrendeldV1,
    DocumentVergrendeldV1,
    DocumentVerwijderdV1,
    GebruiksrechtV1,
    GebruiksrechtVerwijderdV1,
    ObjectinformatieobjectV1,
    ObjectinformatieobjectVerwijderdV1,
)

_P: Final = "nl.overheid.documenten."
DOCUMENT_AANGEMAAKT: Final = _P + "enkelvoudiginformatieobject-aangemaakt"
DOCUMENT_GEWIJZIGD: Final = _P + "enkelvoudiginformatieobject-gewijzigd"
DOCUMENT_VERGRENDELD: Final = _P + "enkelvoudiginformatieobject-vergrendeld"
DOCUMENT_ONTGRENDELD: Final = _P + "enkelvoudiginformatieobject-ontgrendeld"
DOCUMENT_VERWIJDERD: Final = _P + "enkelvoudiginformatieobject-verwijderd"
BESTANDSDEEL_GEUPLOAD: Final = _P + "bestandsdeel-geupload"
GEBRUIKSRECHT_AANGEMAAKT: Final = _P + "gebruiksrecht-aangemaakt"
GEBRUIKSRECHT_GEWIJZIGD: Final = _P + "gebruiksrecht-gewijzigd"
GEBRUIKSRECHT_VERWIJDERD: Final = _P + "gebruiksrecht-verwijderd"
OBJECTINFORMATIEOBJECT_AANGEMAAKT: Final = _P + "objectinformatieobject-aangemaakt"
OBJECTINFORMATIEOBJECT_VERWIJDERD: Final = _P + "objectinformatieobject-verwijderd"

SCHEMAS: tuple[EventSchema, ...] = (
    EventSchema(DOCUMENT_AANGEMAAKT, {1: DocumentAangemaaktV1}),
    EventSchema(DOCUMENT_GEWIJZIGD, {1: DocumentGewijzigdV1}),
    EventSchema(DOCUMENT_VERGRENDELD, {1: DocumentVergrendeldV1}),
    EventSchema(DOCUMENT_ONTGRENDELD, {1: DocumentOntgrendeldV1}),
    EventSchema(DOCUMENT_VERWIJDERD, {1: DocumentVerwijderdV1}),
    EventSchema(BESTANDSDEEL_GEUPLOAD, {1: BestandsdeelGeuploadV1}),
    EventSchema(GEBRUIKSRECHT_AANGEMAAKT, {1: GebruiksrechtV1}),
    EventSchema(GEBRUIKSRECHT_GEWIJZIGD, {1: GebruiksrechtV1}),
    EventSchema(GEBRUIKSRECHT_VERWIJDERD, {1: GebruiksrechtVerwijderdV1}),
    EventSchema(OBJECTINFORMATIEOBJECT_AANGEMAAKT, {1: ObjectinformatieobjectV1}),
    EventSchema(OBJECTINFORMATIEOBJECT_VERWIJDERD, {1: ObjectinformatieobjectVerwijderdV1}),
)
