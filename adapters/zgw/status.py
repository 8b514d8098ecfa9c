"""ZGW Zaken API 1.5.1 ``Status``: request body -> StatusGezetV2, status row -> response body.

Whether the zaak exists, is still open and has the statustype's zaaktype is for the
zaakmagazijn processor to decide: the zaak may still be on its way through the log.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from adapters.zgw.fields import INVALID, FieldReader
from adapters.zgw.formats import iso_datetime
from adapters.zgw.urls import STATUSSEN, STATUSTYPEN, ZAKEN, ResourceUrls, parse_resource_url
from adapters.zgw.zaak import DOES_NOT_EXIST, NO_MATCH, not_an_object
from catalogi.model import Catalogue
from schemas.outcome import InvalidParam
from schemas.payloads import StatusGezetV2


def status_from_request(
    body: Any, catalogue: Catalogue, *, status_uuid: uuid.UUID
) -> StatusGezetV2 | list[InvalidParam]:
    """The intake payload for a POST /statussen body, or every problem found in it."""
    if not isinstance(body, Mapping):
        return not_an_object(body)
    r = FieldReader(body)
    zaak = _reference(r, "zaak", ZAKEN)
    statustype = _reference(r, "statustype", STATUSTYPEN)
    if statustype is not None and catalogue.statustype(statustype) is None:
        r.fail("statustype", DOES_NOT_EXIST, "Ongeldige hyperlink - Object bestaat niet.")
    fields: dict[str, Any] = {
        "uuid": status_uuid,
        "zaak": zaak,
        "statustype": statustype,
        "datumStatusGezet": r.datetime("datumStatusGezet", required=True, nullable=False),
        "statustoelichting": r.string("statustoelichting", max_length=1000),
        "gezetdoor": r.url("gezetdoor", max_length=200, nullable=True, default=None) or None,
    }
    if r.problems:
        return r.problems
    try:
        return StatusGezetV2(**fields)
    except ValidationError as exc:  # a check above missed something: still answer per field
        return [
            InvalidParam(str(err["loc"][0]) if err["loc"] else "nonFieldErrors", INVALID,
                         err["msg"])
            for err in exc.errors()
        ]  # fmt: skip


def _reference(r: FieldReader, name: str, resource: str) -> uuid.UUID | None:
    url = r.url(name, required=True, blank=False, default=None)
    if not url:
        return None
    found = parse_resource_url(url, resource)
    if found is None:
        r.fail(name, NO_MATCH, "Ongeldige hyperlink - Geen URL match.")
    return found


def status_reference(r: FieldReader, name: str) -> uuid.UUID | None:
    """An optional (nullable) URL of a status of this MidOffice."""
    url = r.url(name, nullable=True, default=None)
    if not url:
        return None
    found = parse_resource_url(url, STATUSSEN)
    if found is None:
        r.fail(name, NO_MATCH, "Ongeldige hyperlink - Geen URL match.")
    return found


def status_to_response(row: Mapping[str, Any], urls: ResourceUrls) -> dict[str, Any]:
    """The ZGW ``Status`` for a row of ``zaakmagazijn.tables.status``.

    ``row["laatst_gezet"]`` tells whether it is the zaak's current status (see
    ``zaakmagazijn.queries``). ``gezetdoor`` is left out when unknown: the spec does not
    allow null there.
    """
    body: dict[str, Any] = {
        "url": urls.status(row["uuid"]),
        "uuid": str(row["uuid"]),
        "zaak": urls.zaak(row["zaak"]),
        "statustype": urls.statustype(row["statustype"]),
        "datumStatusGezet": iso_datetime(row["datum_status_gezet"]),
        "statustoelichting": row["statustoelichting"] or "",
        "indicatieLaatstGezetteStatus": bool(row["laatst_gezet"]),
        "zaakinformatieobjecten": [],
    }
    if row["gezetdoor"]:
        body["gezetdoor"] = row["gezetdoor"]
    return body
