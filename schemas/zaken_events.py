"""Event types of the Zaken domain and their payload versions."""

from __future__ import annotations

from schemas import event_types as t
from schemas.event_schema import EventSchema
from schemas.payloads import (
    StatusGezetV1,
    StatusGezetV2,
    ZaakGemuteerdV1,
    ZaakGeopendV1,
    ZaakVerwijderdV1,
    status_gezet_v1_to_v2,
)
from schemas.zaakonderdelen import (
    KlantcontactV1,
    OnderdeelVerwijderdV1,
    ResultaatV1,
    RolV1,
    ZaakeigenschapV1,
    ZaakGeregistreerdV1,
    ZaakinformatieobjectV1,
    ZaakobjectV1,
)

SCHEMAS: tuple[EventSchema, ...] = (
    EventSchema(t.ZAAK_GEOPEND, {1: ZaakGeopendV1}),
    EventSchema(
        t.ZAAKSTATUS_GEWIJZIGD,
        {1: StatusGezetV1, 2: StatusGezetV2},
        upcasters={1: status_gezet_v1_to_v2},
    ),
    EventSchema(t.ZAAK_GEMUTEERD, {1: ZaakGemuteerdV1}),
    EventSchema(t.ZAAK_VERWIJDERD, {1: ZaakVerwijderdV1}),
    EventSchema(t.ZAAK_GEREGISTREERD, {1: ZaakGeregistreerdV1}),
    EventSchema(t.ROL_TOEGEVOEGD, {1: RolV1}),
    EventSchema(t.ROL_VERWIJDERD, {1: OnderdeelVerwijderdV1}),
    EventSchema(t.RESULTAAT_TOEGEVOEGD, {1: ResultaatV1}),
    EventSchema(t.RESULTAAT_GEWIJZIGD, {1: ResultaatV1}),
    EventSchema(t.RESULTAAT_VERWIJDERD, {1: OnderdeelVerwijderdV1}),
    EventSchema(t.ZAAKOBJECT_TOEGEVOEGD, {1: ZaakobjectV1}),
    EventSchema(t.ZAAKOBJECT_GEWIJZIGD, {1: ZaakobjectV1}),
    EventSchema(t.ZAAKOBJECT_VERWIJDERD, {1: OnderdeelVerwijderdV1}),
    EventSchema(t.ZAAKEIGENSCHAP_TOEGEVOEGD, {1: ZaakeigenschapV1}),
    EventSchema(t.ZAAKEIGENSCHAP_GEWIJZIGD, {1: ZaakeigenschapV1}),
    EventSchema(t.ZAAKEIGENSCHAP_VERWIJDERD, {1: OnderdeelVerwijderdV1}),
    EventSchema(t.ZAAKINFORMATIEOBJECT_TOEGEVOEGD, {1: ZaakinformatieobjectV1}),
    EventSchema(t.ZAAKINFORMATIEOBJECT_GEWIJZIGD, {1: ZaakinformatieobjectV1}),
    EventSchema(t.ZAAKINFORMATIEOBJECT_VERWIJDERD, {1: OnderdeelVerwijderdV1}),
    EventSchema(t.KLANTCONTACT_TOEGEVOEGD, {1: KlantcontactV1}),
)
