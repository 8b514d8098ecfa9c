"""ZGW Documenten API 1.5.0 JSON <-> the internal documenten payloads (pure translation).

Requests: the metadata of an enkelvoudig informatieobject is validated into
:class:`InformatieobjectV1` (the informatieobjecttype URL becomes its UUID, the bronorganisatie
must pass the RSIN elfproef); ``inhoud`` (base64) is decoded strictly. Responses: the ZGW
representation of one versie.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
import uuid
from typing import Any, Final

from pydantic import ValidationError

from adapters.zgw.rsin import rsin_problem
from schemas.outcome import InvalidParam
from schemas.payloads_documenten import InformatieobjectV1

DOCUMENTEN_ROOT: Final = "/documenten/api/v1"
CATALOGI_ROOT: Final = "/catalogi/api/v1"
READ_ONLY: Final = frozenset({"url", "versie", "beginRegistratie", "locked", "bestandsdelen"})
CONTENT_FIELDS: Final = frozenset({"inhoud", "bestandsomvang", "lock"})
_IOT: Final = re.compile(r"/informatieobjecttypen/([0-9a-fA-F-]{36})/?$")


def iot_uuid(value: Any) -> uuid.UUID | None:
    if not isinstance(value, str):
        return None
    match = _IOT.search(value)
    try:
        return uuid.UUID(match[1]) if match else None
    except ValueError:
        return None


def informatieobject_from_request(
    body: Any, current: dict[str, Any] | None = None, *, default_vertrouwelijkheid: str = ""
) -> tuple[dict[str, Any], list[InvalidParam]]:
    """The internal metadata fields of a request body (merged over ``current`` for PATCH)."""
    if not isinstance(body, dict):
        return {}, [InvalidParam("nonFieldErrors", "invalid", "Ongeldige gegevens.")]
    problems: list[InvalidParam] = []
    fields = {k: v for k, v in body.items() if k not in READ_ONLY | CONTENT_FIELDS}
    if "informatieobjecttype" in fields:
        type_uuid = iot_uuid(fields["informatieobjecttype"])
        if type_uuid is None:
            problems.append(InvalidParam("informatieobjecttype", "bad-url", "Ongeldige URL."))
        fields["informatieobjecttype"] = str(type_uuid) if type_uuid else None
    merged = {**(current or {}), **fields}
    if not merged.get("vertrouwelijkheidaanduiding") and default_vertrouwelijkheid:
        merged["vertrouwelijkheidaanduiding"] = default_vertrouwelijkheid
    for name in (
        "ontvangstdatum",
        "verzenddatum",
        "ondertekening",
        "integriteit",
        "indicatieGebruiksrecht",
    ):
        if merged.get(name) in ("", {}):
            merged[name] = None
    for name in (
        "status",
        "formaat",
        "bestandsnaam",
        "link",
        "beschrijving",
        "identificatie",
        "verschijningsvorm",
    ):
        if merged.get(name) is None:
            merged.pop(name, None)
    if merged.get("trefwoorden") is None:
        merged.pop("trefwoorden", None)
    if merged.get("inhoudIsVervallen") is None:
        merged.pop("inhoudIsVervallen", None)
    bron = merged.get("bronorganisatie")
    if isinstance(bron, str) and (found := rsin_problem(bron)):
        problems.append(InvalidParam("bronorganisatie", found[0], found[1]))
    try:
        info = InformatieobjectV1.model_validate(merged)
    except ValidationError as exc:
        for error in exc.errors():
            name = ".".join(str(part) for part in error["loc"]) or "nonFieldErrors"
            code = "required" if error["type"] == "missing" else "invalid"
            if not any(p.name == name for p in problems):
                problems.append(InvalidParam(name, code, error["msg"]))
        return {}, problems
    return info.model_dump(mode="json"), problems


def decode_inhoud(value: Any) -> bytes | None:
    """The bytes of a base64 ``inhoud``; None when it is not valid base64."""
    if not isinstance(value, str):
        return None
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return None


def eio_url(base: str, identifier: uuid.UUID) -> str:
    return f"{base}{DOCUMENTEN_ROOT}/enkelvoudiginformatieobjecten/{identifier}"


def eio_response(
    base: str,
    identifier: uuid.UUID,
    info: dict[str, Any],
    *,
    versie: int,
    begin_registratie: dt.datetime,
    has_inhoud: bool,
    bestandsomvang: int | None,
    locked: bool,
    delen: list[dict[str, Any]],
    indicatie_gebruiksrecht: bool | None,
) -> dict[str, Any]:
    """The ZGW ``EnkelvoudigInformatieObject`` of one versie."""
    url = eio_url(base, identifier)
    body = dict(info)
    body["informatieobjecttype"] = (
        f"{base}{CATALOGI_ROOT}/informatieobjecttypen/{info['informatieobjecttype']}"
    )
    body.update(
        url=url,
        versie=versie,
        beginRegistratie=begin_registratie.isoformat().replace("+00:00", "Z"),
        inhoud=f"{url}/download?versie={versie}" if has_inhoud else None,
        bestandsomvang=bestandsomvang,
        locked=locked,
        bestandsdelen=delen,
        indicatieGebruiksrecht=indicatie_gebruiksrecht,
    )
    return body
