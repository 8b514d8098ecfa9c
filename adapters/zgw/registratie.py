"""Atomic registration (a MidOffice convenience, not a ZGW resource): request body ->
ZaakGeregistreerdV1.

The body is ``{"zaak": Zaak, "rollen": [Rol], "status": Status, "zaakobjecten": [ZaakObject]}``
with the Zaken API's own request shapes; rollen, status and zaakobjecten leave out ``zaak``
(they belong to the zaak being registered). Problems are named below their place in the body
(``rollen.1.roltype``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from pydantic import BaseModel

from adapters.zgw.fields import INVALID, NOT_A_LIST, REQUIRED
from adapters.zgw.rol import rol_from_request
from adapters.zgw.status import status_from_request
from adapters.zgw.urls import ResourceUrls
from adapters.zgw.zaak import not_an_object, zaak_from_request
from adapters.zgw.zaakonderdelen import zaakobject_from_request
from catalogi.model import Catalogue
from schemas.outcome import InvalidParam
from schemas.payloads import StatusGezetV2
from schemas.zaakonderdelen import ZaakGeregistreerdV1

_INTERNAL = ResourceUrls("http://midoffice.internal")


def _prefixed(prefix: str, problems: list[InvalidParam]) -> list[InvalidParam]:
    return [replace(p, name=f"{prefix}.{p.name}") for p in problems]


def _parts(
    body: Mapping[str, Any], name: str, read: Callable[[Any], Any], problems: list[InvalidParam]
) -> list[Any]:
    items = body.get(name, [])
    if not isinstance(items, list):
        problems.append(InvalidParam(name, NOT_A_LIST, "Verwachtte een lijst met items."))
        return []
    found = []
    for index, item in enumerate(items):
        result = read(item)
        if isinstance(result, list):
            problems.extend(_prefixed(f"{name}.{index}", result))
        else:
            found.append(result)
    return found


def registratie_from_request(
    body: Any, catalogue: Catalogue, *, zaak_uuid: uuid.UUID, today: dt.date, now: dt.datetime
) -> ZaakGeregistreerdV1 | list[InvalidParam]:
    """The intake payload for an atomic registration, or every problem found in the body."""
    if not isinstance(body, Mapping):
        return not_an_object(body)
    problems: list[InvalidParam] = []
    if "zaak" not in body:
        return [InvalidParam("zaak", REQUIRED, "Dit veld is vereist.")]
    zaak = zaak_from_request(body["zaak"], catalogue, zaak_uuid=zaak_uuid, today=today, now=now)
    if isinstance(zaak, list):
        problems.extend(_prefixed("zaak", zaak))
    zaak_url = _INTERNAL.zaak(zaak_uuid)

    def with_zaak(item: Any) -> Any:
        return {**item, "zaak": zaak_url} if isinstance(item, Mapping) else item

    rollen = _parts(body, "rollen", lambda item: rol_from_request(
        with_zaak(item), catalogue, part_uuid=uuid.uuid4()), problems)  # fmt: skip
    zaakobjecten = _parts(body, "zaakobjecten", lambda item: zaakobject_from_request(
        with_zaak(item), catalogue, part_uuid=uuid.uuid4()), problems)  # fmt: skip
    status: BaseModel | list[InvalidParam] | None = None
    if body.get("status") is not None:
        status = status_from_request(with_zaak(body["status"]), catalogue, status_uuid=uuid.uuid4())
        if isinstance(status, list):
            problems.extend(_prefixed("status", status))
    if problems or isinstance(zaak, list):
        return problems or [InvalidParam("nonFieldErrors", INVALID, "Ongeldige registratie.")]
    assert status is None or isinstance(status, StatusGezetV2)
    return ZaakGeregistreerdV1(
        zaak=zaak, rollen=rollen, zaakobjecten=zaakobjecten, status=status
    )
