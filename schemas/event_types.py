"""Event type names (NL GOV CloudEvents profile, reverse-DNS ``nl.overheid.<domein>.<event>``)."""

from typing import Final

ZAAK_GEOPEND: Final = "nl.overheid.zaken.zaak-geopend"
ZAAKSTATUS_GEWIJZIGD: Final = "nl.overheid.zaken.zaakstatus-gewijzigd"
ZAAK_GEMUTEERD: Final = "nl.overheid.zaken.zaak-gemuteerd"
ZAAK_VERWIJDERD: Final = "nl.overheid.zaken.zaak-verwijderd"
ZAAK_GEREGISTREERD: Final = "nl.overheid.zaken.zaak-geregistreerd"
"""Intake only: zaak + rollen + first status + zaakobjecten in one event (all or nothing)."""

ROL_TOEGEVOEGD: Final = "nl.overheid.zaken.rol-toegevoegd"
ROL_VERWIJDERD: Final = "nl.overheid.zaken.rol-verwijderd"
RESULTAAT_TOEGEVOEGD: Final = "nl.overheid.zaken.resultaat-toegevoegd"
RESULTAAT_GEWIJZIGD: Final = "nl.overheid.zaken.resultaat-gewijzigd"
RESULTAAT_VERWIJDERD: Final = "nl.overheid.zaken.resultaat-verwijderd"
ZAAKOBJECT_TOEGEVOEGD: Final = "nl.overheid.zaken.zaakobject-toegevoegd"
ZAAKOBJECT_GEWIJZIGD: Final = "nl.overheid.zaken.zaakobject-gewijzigd"
ZAAKOBJECT_VERWIJDERD: Final = "nl.overheid.zaken.zaakobject-verwijderd"
ZAAKEIGENSCHAP_TOEGEVOEGD: Final = "nl.overheid.zaken.zaakeigenschap-toegevoegd"
ZAAKEIGENSCHAP_GEWIJZIGD: Final = "nl.overheid.zaken.zaakeigenschap-gewijzigd"
ZAAKEIGENSCHAP_VERWIJDERD: Final = "nl.overheid.zaken.zaakeigenschap-verwijderd"
ZAAKINFORMATIEOBJECT_TOEGEVOEGD: Final = "nl.overheid.zaken.zaakinformatieobject-toegevoegd"
ZAAKINFORMATIEOBJECT_GEWIJZIGD: Final = "nl.overheid.zaken.zaakinformatieobject-gewijzigd"
ZAAKINFORMATIEOBJECT_VERWIJDERD: Final = "nl.overheid.zaken.zaakinformatieobject-verwijderd"
KLANTCONTACT_TOEGEVOEGD: Final = "nl.overheid.zaken.klantcontact-toegevoegd"

ALL: Final = (
    ZAAK_GEOPEND, ZAAKSTATUS_GEWIJZIGD, ZAAK_GEMUTEERD, ZAAK_VERWIJDERD, ZAAK_GEREGISTREERD,
    ROL_TOEGEVOEGD, ROL_VERWIJDERD,
    RESULTAAT_TOEGEVOEGD, RESULTAAT_GEWIJZIGD, RESULTAAT_VERWIJDERD,
    ZAAKOBJECT_TOEGEVOEGD, ZAAKOBJECT_GEWIJZIGD, ZAAKOBJECT_VERWIJDERD,
    ZAAKEIGENSCHAP_TOEGEVOEGD, ZAAKEIGENSCHAP_GEWIJZIGD, ZAAKEIGENSCHAP_VERWIJDERD,
    ZAAKINFORMATIEOBJECT_TOEGEVOEGD, ZAAKINFORMATIEOBJECT_GEWIJZIGD,
    ZAAKINFORMATIEOBJECT_VERWIJDERD,
    KLANTCONTACT_TOEGEVOEGD,
)  # fmt: skip
