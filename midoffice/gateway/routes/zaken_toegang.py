"""Authorisation of the Zaken API routes, on top of :mod:`midoffice.gateway.authorization`.

Every Zaken API operation names the scopes that allow it (the spec's ``security``, e.g.
``zaken.bijwerken | zaken.geforceerd-bijwerken``); a client needs one of them for the zaak's
zaaktype and vertrouwelijkheidaanduiding, and may give as bronorganisatie only an RSIN that is
not another tenant's (:func:`require_own_bronorganisatie`). What depends on the zaak's state
(closed: heropenen or geforceerd-bijwerken) is for the processor: the intake envelope carries
the client's scopes for the zaak in ``privileges``. Lists, ``_zoek`` and expand filter by
``rights.visibility(zrc, zaken.lezen)`` in the query itself.

An Idempotency-Key header goes into the envelope too, with a hash of the request (method,
path and body), so the processor can answer a repeat with the first outcome.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping
from typing import Any, Final
from uuid import UUID

from fastapi import Request
from pydantic import BaseModel

from autorisaties.rights import ClientRights, Component, Visibility
from autorisaties.scopes import ZAKEN_LEZEN
from catalogi.model import Catalogue
from midoffice.container import Container
from midoffice.gateway.auth import AuthenticatedClient
from midoffice.gateway.authorization import forbidden
from midoffice.gateway.problems import Problem
from midoffice.gateway.submission import build_envelope
from schemas.envelope import Envelope

IDEMPOTENCY_KEY: Final = "Idempotency-Key"
MAX_KEY_LENGTH: Final = 255


def require_any_scope(rights: ClientRights, scopes: Iterable[str]) -> None:
    """403 unless the client holds one of ``scopes`` for some zaaktype."""
    wanted = tuple(scopes)
    if not any(rights.has_scope(Component.zrc, scope) for scope in wanted):
        raise forbidden(f"De client heeft geen van de scopes {', '.join(wanted)}.")


def allowed(rights: ClientRights, scopes: Iterable[str], zaak: Mapping[str, Any]) -> bool:
    """Whether one of ``scopes`` reaches the zaak (a row or payload with zaaktype and
    vertrouwelijkheidaanduiding)."""
    aanduiding = str(zaak["vertrouwelijkheidaanduiding"])
    return any(
        rights.allows(
            Component.zrc, scope, type_uuid=zaak["zaaktype"], vertrouwelijkheidaanduiding=aanduiding
        )
        for scope in scopes
    )


def require_for_zaak(rights: ClientRights, scopes: Iterable[str], zaak: Mapping[str, Any]) -> None:
    """403 unless one of ``scopes`` reaches this zaak."""
    wanted = tuple(scopes)
    if not allowed(rights, wanted, zaak):
        raise forbidden(f"De client is niet geautoriseerd voor deze zaak ({', '.join(wanted)}).")


def require_own_bronorganisatie(
    rights: ClientRights, catalogue: Catalogue, bronorganisatie: str
) -> None:
    """403 when ``bronorganisatie`` is the RSIN of another tenant of this instance: the RSIN of
    a catalogus here in which the client holds no Zaken API autorisatie. An RSIN that no
    catalogus here has stays allowed, as the standard lets a zaak's bronorganisatie differ
    from the beheerder of its zaaktype's catalogus (e.g. an omgevingsdienst's catalogus)."""
    if rights.heeft_alle_autorisaties:
        return
    if all(c.rsin != bronorganisatie for c in catalogue.catalogussen):
        return
    for autorisatie in rights.autorisaties:
        if autorisatie.component == Component.zrc and autorisatie.type_uuid is not None:
            catalogus = catalogue.catalogus_of(autorisatie.type_uuid)
            if catalogus is not None and catalogus.rsin == bronorganisatie:
                return
    raise forbidden(
        f"De client is niet geautoriseerd voor zaken van bronorganisatie {bronorganisatie}."
    )


def readable(rights: ClientRights) -> Visibility:
    """Which zaken the client may read: the filter of every list, search and expand."""
    return rights.visibility(Component.zrc, ZAKEN_LEZEN)


def privileges(rights: ClientRights, zaaktype: UUID, aanduiding: str) -> frozenset[str]:
    """The client's scopes on a zaak of this zaaktype and aanduiding (``*``: all)."""
    return rights.scopes_for(Component.zrc, zaaktype, aanduiding)


async def idempotency(request: Request) -> tuple[str, str]:
    """The Idempotency-Key header and the sha256 of method, path and body ('' without key)."""
    key = request.headers.get(IDEMPOTENCY_KEY, "").strip()
    if not key:
        return "", ""
    if len(key) > MAX_KEY_LENGTH:
        raise Problem(400, detail=f"De {IDEMPOTENCY_KEY} is langer dan {MAX_KEY_LENGTH} tekens.")
    digest = hashlib.sha256()
    for part in (request.method.encode(), request.url.path.encode(), await request.body()):
        digest.update(len(part).to_bytes(8, "big") + part)
    return key, digest.hexdigest()


async def zaak_envelope(
    request: Request,
    container: Container,
    client: AuthenticatedClient,
    rights: ClientRights,
    *,
    event_type: str,
    payload: BaseModel,
    zaak: Mapping[str, Any],
    subject: UUID,
) -> Envelope:
    """The intake envelope of a write on ``zaak`` (row or payload): tenant, the client's
    privileges for the zaak, and the Idempotency-Key."""
    envelope = build_envelope(
        request,
        container,
        client,
        event_type=event_type,
        subject=subject,
        payload=payload,
        tenant=str(zaak["bronorganisatie"]),
    )
    key, request_hash = await idempotency(request)
    return dataclasses.replace(
        envelope,
        privileges=privileges(rights, zaak["zaaktype"], str(zaak["vertrouwelijkheidaanduiding"])),
        idempotencykey=key,
        requesthash=request_hash,
    )
