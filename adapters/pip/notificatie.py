"""An accepted zaak fact -> the ZGW Notificaties API 1.0 message (``Message`` schema).

``kanaal`` is ``zaken``; ``hoofdObject`` the zaak URL; ``resource``/``resourceUrl``/``actie``
follow Open Zaak (``status``/``create`` for a status change, ``zaak``/``partial_update`` for a
PATCH); ``kenmerken`` are those of the zaken kanaal: bronorganisatie, zaaktype (URL) and
vertrouwelijkheidaanduiding.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final
from uuid import UUID

from adapters.zgw.urls import ResourceUrls
from schemas import event_types as t

KANAAL: Final = "zaken"

_ONDERDELEN: Final = {
    "rol": "rollen",
    "resultaat": "resultaten",
    "zaakobject": "zaakobjecten",
    "zaakeigenschap": "zaakeigenschappen",
    "zaakinformatieobject": "zaakinformatieobjecten",
    "klantcontact": "klantcontacten",
}
_ACTIES: Final = {"toegevoegd": "create", "gewijzigd": "update", "verwijderd": "destroy"}


@dataclass(frozen=True)
class ZaakKenmerken:
    """What a notificatie says about its zaak (from the zaakmagazijn or the fact)."""

    uuid: UUID
    bronorganisatie: str
    zaaktype: UUID
    vertrouwelijkheidaanduiding: str


def resource_and_actie(fact_type: str, data: Any) -> tuple[str, str, UUID]:
    """The ZGW ``resource``, ``actie`` and the resource uuid of a fact; ValueError if none."""
    if fact_type == t.ZAAK_GEOPEND:
        return "zaak", "create", data.uuid
    if fact_type == t.ZAAK_GEMUTEERD:
        return "zaak", "partial_update" if data.gedeeltelijk else "update", data.uuid
    if fact_type == t.ZAAK_VERWIJDERD:
        return "zaak", "destroy", data.uuid
    if fact_type == t.ZAAKSTATUS_GEWIJZIGD:
        return "status", "create", data.uuid
    name = fact_type.removeprefix("nl.overheid.zaken.")
    resource, _, change = name.rpartition("-")
    if resource in _ONDERDELEN and change in _ACTIES:
        return resource, _ACTIES[change], data.uuid
    raise ValueError(f"no notificatie for {fact_type}")


def resource_url(urls: ResourceUrls, resource: str, zaak: UUID, identifier: UUID) -> str:
    if resource == "zaak":
        return urls.zaak(identifier)
    if resource == "status":
        return urls.status(identifier)
    if resource == "zaakeigenschap":
        return urls.zaakeigenschap(zaak, identifier)
    return urls.detail(_ONDERDELEN[resource], identifier)


def notificatie(
    fact_type: str, data: Any, zaak: ZaakKenmerken, when: dt.datetime, urls: ResourceUrls
) -> dict[str, Any]:
    """The ZGW notificatie of one accepted fact."""
    resource, actie, identifier = resource_and_actie(fact_type, data)
    return {
        "kanaal": KANAAL,
        "hoofdObject": urls.zaak(zaak.uuid),
        "resource": resource,
        "resourceUrl": resource_url(urls, resource, zaak.uuid, identifier),
        "actie": actie,
        "aanmaakdatum": when.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        "kenmerken": {
            "bronorganisatie": zaak.bronorganisatie,
            "zaaktype": urls.zaaktype(zaak.zaaktype),
            "vertrouwelijkheidaanduiding": zaak.vertrouwelijkheidaanduiding,
        },
    }
