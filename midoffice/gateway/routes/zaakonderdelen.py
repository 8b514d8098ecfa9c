"""The parts of a zaak the gateway serves, with the filters and scopes of the Zaken API 1.5.1
specification (its ``security`` per operation)."""

from __future__ import annotations

from typing import Final

from adapters.zgw import zaakonderdelen as z
from adapters.zgw.rol import BETROKKENE_TYPES, rol_from_request, rol_to_response
from autorisaties.scopes import (
    ZAKEN_AANMAKEN,
    ZAKEN_BIJWERKEN,
    ZAKEN_GEFORCEERD_BIJWERKEN,
    ZAKEN_VERWIJDEREN,
)
from midoffice.gateway.routes.onderdelen import Resource, build_router
from midoffice.gateway.routes.onderdelen_filters import QueryFilter as F
from zaakmagazijn.zaakfilters import OMSCHRIJVING_GENERIEK

BIJWERKEN: Final = (ZAKEN_BIJWERKEN, ZAKEN_GEFORCEERD_BIJWERKEN)
AANMAKEN: Final = (ZAKEN_AANMAKEN, *BIJWERKEN)
VERWIJDEREN: Final = (*BIJWERKEN, ZAKEN_VERWIJDEREN)
_ID: Final = "betrokkeneIdentificatie__"

ROLLEN: Final = Resource(
    "rollen", "rol", "ROL", rol_from_request, rol_to_response,
    {
        "zaak": F("zaak", "zaak"),
        "betrokkene": F("betrokkene", "url"),
        "betrokkeneType": F("betrokkene_type", choices=BETROKKENE_TYPES),
        f"{_ID}natuurlijkPersoon__inpBsn": F("inp_bsn"),
        f"{_ID}natuurlijkPersoon__anpIdentificatie": F("anp_identificatie"),
        f"{_ID}natuurlijkPersoon__inpA_nummer": F("inp_a_nummer"),
        f"{_ID}nietNatuurlijkPersoon__innNnpId": F("inn_nnp_id"),
        f"{_ID}nietNatuurlijkPersoon__annIdentificatie": F("ann_identificatie"),
        f"{_ID}vestiging__vestigingsNummer": F("vestigings_nummer"),
        f"{_ID}organisatorischeEenheid__identificatie": F(
            "organisatorische_eenheid_identificatie"
        ),
        f"{_ID}medewerker__identificatie": F("medewerker_identificatie"),
        "roltype": F("roltype", "catalogus:roltype"),
        "omschrijving": F("omschrijving"),
        "omschrijvingGeneriek": F("omschrijving_generiek", choices=OMSCHRIJVING_GENERIEK),
    },
    create=BIJWERKEN, update=None, destroy=BIJWERKEN,
)  # fmt: skip
RESULTATEN: Final = Resource(
    "resultaten", "resultaat", "RESULTAAT", z.resultaat_from_request, z.resultaat_to_response,
    {"zaak": F("zaak", "zaak"), "resultaattype": F("resultaattype", "catalogus:resultaattype")},
    create=BIJWERKEN, update=BIJWERKEN, destroy=BIJWERKEN,
)  # fmt: skip
ZAAKOBJECTEN: Final = Resource(
    "zaakobjecten", "zaakobject", "ZAAKOBJECT", z.zaakobject_from_request,
    z.zaakobject_to_response,
    {"zaak": F("zaak", "zaak"), "object": F("object", "url"),
     "objectType": F("object_type", choices=z.OBJECT_TYPES)},
    create=AANMAKEN, update=BIJWERKEN, destroy=VERWIJDEREN,
)  # fmt: skip
ZAAKINFORMATIEOBJECTEN: Final = Resource(
    "zaakinformatieobjecten", "zaakinformatieobject", "ZAAKINFORMATIEOBJECT",
    z.zaakinformatieobject_from_request, z.zaakinformatieobject_to_response,
    {"zaak": F("zaak", "zaak"), "informatieobject": F("informatieobject", "url")},
    create=AANMAKEN, update=BIJWERKEN, destroy=VERWIJDEREN, paginated=False,
)  # fmt: skip
KLANTCONTACTEN: Final = Resource(
    "klantcontacten", "klantcontact", "KLANTCONTACT", z.klantcontact_from_request,
    z.klantcontact_to_response, {"zaak": F("zaak", "zaak")},
    create=BIJWERKEN, update=None, destroy=None,
)  # fmt: skip
ZAAKEIGENSCHAPPEN: Final = Resource(
    "zaakeigenschappen", "zaakeigenschap", "ZAAKEIGENSCHAP", z.zaakeigenschap_from_request,
    z.zaakeigenschap_to_response, {},
    create=BIJWERKEN, update=BIJWERKEN, destroy=BIJWERKEN, paginated=False, nested=True,
)  # fmt: skip

RESOURCES: Final = (
    ROLLEN, RESULTATEN, ZAAKOBJECTEN, ZAAKINFORMATIEOBJECTEN, KLANTCONTACTEN, ZAAKEIGENSCHAPPEN,
)  # fmt: skip

router = build_router(RESOURCES)
