"""ZGW Zaken API 1.5.1 ``Zaak`` PUT and PATCH: the body merged over the stored zaak ->
ZaakGemuteerdV1."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final

from adapters.zgw.fields import REQUIRED
from adapters.zgw.urls import ResourceUrls
from adapters.zgw.zaak import not_an_object, zaak_from_request
from adapters.zgw.zaak_response import zaak_to_response
from catalogi.model import Catalogue
from schemas.outcome import InvalidParam
from schemas.payloads import ZaakGemuteerdV1


def zaak_update_from_request(
    body: Any,
    row: Mapping[str, Any],
    catalogue: Catalogue,
    *,
    partial: bool,
    now: dt.datetime,
) -> ZaakGemuteerdV1 | list[InvalidParam]:
    """The intake payload for a PUT (``partial=False``) or PATCH body on the stored zaak
    ``row``: the body merged over the stored zaak, validated as a whole.

    As Django REST framework updates a model, a PUT needs the required fields and leaves the
    optional fields it does not name as they are.
    """
    if not isinstance(body, Mapping):
        return not_an_object(body)
    missing = [
        InvalidParam(name, REQUIRED, "Dit veld is vereist.")
        for name in _REQUIRED
        if not partial and name not in body
    ]
    current = zaak_to_response(row, _INTERNAL)
    merged = {**current, **body}
    payload = zaak_from_request(
        merged, catalogue, zaak_uuid=row["uuid"], today=row["registratiedatum"], now=now
    )
    if isinstance(payload, list) or missing:
        return [*missing, *(payload if isinstance(payload, list) else [])]
    fields = payload.model_dump()
    fields["identificatie"] = payload.identificatie or row["identificatie"]
    return ZaakGemuteerdV1(**fields, gedeeltelijk=partial)


_REQUIRED: Final = ("bronorganisatie", "verantwoordelijkeOrganisatie", "zaaktype", "startdatum")
_INTERNAL: Final = ResourceUrls("http://midoffice.internal")  # references match on path only


