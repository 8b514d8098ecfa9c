"""Event type names (NL GOV CloudEvents profile, reverse-DNS ``nl.overheid.<domein>.<event>``)."""

from typing import Final

ZAAK_GEOPEND: Final = "nl.overheid.zaken.zaak-geopend"
ZAAKSTATUS_GEWIJZIGD: Final = "nl.overheid.zaken.zaakstatus-gewijzigd"

ALL: Final = (ZAAK_GEOPEND, ZAAKSTATUS_GEWIJZIGD)
