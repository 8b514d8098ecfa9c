"""The I/O of the StUF document operations: reads from the documentmagazijn and zaakmagazijn,
content into the blob store, intake events out, and the processors' outcomes back.

The same paths as the Documenten and Zaken APIs: bytes are stored content-addressed first
(claim check), then the intake event goes out (``enkelvoudiginformatieobject-*`` keyed by
document, ``zaakinformatieobject-toegevoegd`` keyed by zaak) and the gateway waits for the
processor's decision. Rights are the ZGW autorisaties (``drc`` scopes per informatieobjecttype
and maximum vertrouwelijkheidaanduiding; ``zrc`` for linking a document to a zaak).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import secrets
import uuid
from collections.abc import AsyncIterator
from typing import Any, Final
from uuid import UUID

import structlog
from pydantic import BaseModel
from sqlalchemy import select

from adapters.stuf import document_inhoud as inhoud_codec
from adapters.stuf.document_antwoord import DocumentBeeld, ZaakVerwijzing
from adapters.stuf.document_velden import InhoudVerwijzing
from adapters.stuf.errors import (
    AFGEWEZEN,
    NIET_GEAUTORISEERD,
    VERWERKINGSFOUT,
    StufFout,
)
from autorisaties.rights import Component
from documentmagazijn import queries as documenten
from documentmagazijn.blobs import BlobTooLarge, CorruptBlob, from_bytes
from midoffice.gateway.auth import AuthenticatedClient
from midoffice.gateway.routes.documenten_common import blobs
from midoffice.gateway.stuf.context import StufContext
from midoffice.gateway.stuf.documenten_inline import inhoud_verwijzing
from midoffice.gateway.stuf.submission import acting_user
from midoffice.gateway.submission import build_envelope
from schemas.outcome import Accepted, Rejected
from schemas.payloads_documenten import InhoudV1
from zaakmagazijn.tables import zaak as zaak_table
from zaakmagazijn.tables import zaakinformatieobject

log = structlog.get_logger(__name__)
_HERHAALBAAR: Final = uuid.UUID("3c9e7d52-1f0a-4b8e-9d61-5a7c2e4f8b13")
_PROCESS_KEY: Final = secrets.token_bytes(32)
ONBEKEND_DOCUMENT: Final = "ZKN012"
"""No document with that identificatie (this MidOffice's code, next to ZKN001 onbekende zaak)."""


def niet_geautoriseerd(wat: str) -> StufFout:
    return StufFout(NIET_GEAUTORISEERD, f"De client is niet geautoriseerd: {wat}.")


def content_limit(ctx: StufContext) -> int:
    """The largest content accepted or returned inline: the Documenten API's JSON cap."""
    return int(ctx.container.settings.documenten_max_json_bytes)


def require_document_scope(ctx: StufContext, scope: str, info: Any) -> None:
    """Fo03 unless the client holds ``scope`` for this informatieobjecttype and
    vertrouwelijkheidaanduiding (``info``: InformatieobjectV1 or its JSON)."""
    data = info if isinstance(info, dict) else info.model_dump(mode="json")
    allowed = ctx.rights.allows(
        Component.drc, scope, type_uuid=UUID(str(data["informatieobjecttype"])),
        vertrouwelijkheidaanduiding=str(data["vertrouwelijkheidaanduiding"]),
    )  # fmt: skip
    if not allowed:
        raise niet_geautoriseerd(
            f"{scope} voor dit informatieobjecttype met vertrouwelijkheid "
            f"{data['vertrouwelijkheidaanduiding']}"
        )


async def document_by_identificatie(ctx: StufContext, identificatie: str) -> documenten.Versie:
    """The current versie of the document with this identificatie; Fo03 ZKN012 if none."""
    rsin = ctx.gemeente().rsin
    async with ctx.container.reads.connect() as conn:
        from autorisaties.rights import Visibility

        everything = Visibility(everything=True)
        for bron in (rsin, None):
            _, uuids = await documenten.page(conn, everything, identificatie=identificatie,
                                             bronorganisatie=bron, offset=0, limit=2)  # fmt: skip
            if len(uuids) == 1 and (found := await documenten.get(conn, uuids[0])) is not None:
                return found
    raise StufFout(ONBEKEND_DOCUMENT, f"Document {identificatie[:40]!r} bestaat niet.")


async def zaken_of(ctx: StufContext, document: UUID) -> tuple[ZaakVerwijzing, ...]:
    """The zaken a document is linked to (zaakinformatieobjecten, any host in the URL)."""
    pattern = f"%/enkelvoudiginformatieobjecten/{document}"
    async with ctx.container.reads.connect() as conn:
        rows = await conn.execute(
            select(zaak_table.c.identificatie, zaak_table.c.omschrijving,
                   zaakinformatieobject.c.gegevens)
            .join(zaak_table, zaak_table.c.uuid == zaakinformatieobject.c.zaak)
            .where(zaakinformatieobject.c.informatieobject.like(pattern))
            .order_by(zaak_table.c.identificatie)
        )  # fmt: skip
        return tuple(ZaakVerwijzing(r.identificatie, r.omschrijving or "",
                                    registratiedatum(r.gegevens)) for r in rows)  # fmt: skip


def registratiedatum(gegevens: dict[str, Any] | None) -> dt.date | None:
    raw = (gegevens or {}).get("registratiedatum")
    return dt.datetime.fromisoformat(str(raw).replace("Z", "+00:00")).date() if raw else None


def beeld(ctx: StufContext, versie: documenten.Versie,
          zaken: tuple[ZaakVerwijzing, ...] = ()) -> DocumentBeeld:  # fmt: skip
    """What an answer says about ``versie`` (its informatieobjecttype from the catalogue)."""
    iot = ctx.catalogue.informatieobjecttype(versie.informatieobject.informatieobjecttype)
    return DocumentBeeld(
        informatieobject=versie.informatieobject.model_dump(mode="json"),
        versie=versie.versie,
        omschrijving=iot.omschrijving if iot else "",
        omschrijving_generiek=str(iot.omschrijvingGeneriek or "") if iot else "",
        categorie=iot.informatieobjectcategorie if iot else "",
        zaken=zaken,
    )


async def store_inhoud(ctx: StufContext, verwijzing: InhoudVerwijzing,
                       bijlagen: dict[str, bytes]) -> InhoudV1:  # fmt: skip
    """Store the content (inline base64 or MTOM attachment) before any event: its claim
    check. Fo03 for bad base64, a missing attachment or a content over the cap."""
    limit = content_limit(ctx)
    store = blobs(ctx.request)
    verwijzing = inhoud_verwijzing(ctx.request, verwijzing)
    if verwijzing.cid is not None:
        data = inhoud_codec.bijlage(verwijzing, bijlagen)
        if len(data) > limit:
            raise inhoud_codec.te_groot(limit)
        chunks: AsyncIterator[bytes] = from_bytes(data)
    else:
        compact = inhoud_codec.compact(verwijzing.base64 or "")
        inhoud_codec.check_size(compact, limit)
        chunks = inhoud_codec.inline_chunks(compact)
    try:
        ref = await store.put(chunks, limit=limit)
    except BlobTooLarge:
        raise inhoud_codec.te_groot(limit) from None
    return InhoudV1(sha256=ref.sha256, size=ref.size)


async def read_inhoud(ctx: StufContext, versie: documenten.Versie) -> bytes:
    """The verified bytes of a versie (empty when it has none); Fo03 over the cap."""
    if versie.sha256 is None:
        return b""
    if (versie.bestandsomvang or 0) > content_limit(ctx):
        raise StufFout("ZKN011", "Het document is te groot voor een StUF-antwoord; "
                       "haal het op via de Documenten API.")  # fmt: skip
    parts = []
    try:
        async for chunk in blobs(ctx.request).read(versie.sha256):
            parts.append(chunk)
    except CorruptBlob:
        log.error("blob_corrupt", document=str(versie.uuid), sha256=versie.sha256)
        raise StufFout(VERWERKINGSFOUT, "De opgeslagen inhoud is beschadigd.",
                       plek="server") from None  # fmt: skip
    return b"".join(parts)


def event_id(ctx: StufContext, part: str) -> UUID | None:
    """The intake event id of ``part`` of this message: derived from zender and
    referentienummer, so a repeated message names the same events (None without a
    referentienummer)."""
    referentienummer = ctx.stuurgegevens.referentienummer
    if not referentienummer or not part:
        return None
    return uuid.uuid5(_HERHAALBAAR, f"{ctx.stuurgegevens.zender.key}|{referentienummer}|{part}")


def message_lock(ctx: StufContext, part: str) -> str:
    """The lock (checkedOutId) a check-out message sets: an HMAC of its event id and the
    client under the gateway's secret key (a per-process key when none is configured), so that
    a repeat of the message by the same client gets the same one and nobody can derive it;
    random without a referentienummer."""
    found = event_id(ctx, part)
    if found is None:
        return secrets.token_hex(16)
    key = ctx.container.settings.secret_key.get_secret_value().encode() or _PROCESS_KEY
    material = found.bytes + ctx.client.client_id.encode()  # another client: another lock
    return hmac.new(key, material, hashlib.sha256).hexdigest()[:32]


async def already_accepted(ctx: StufContext, part: str) -> bool:
    """True when ``part`` of this very message (same zender and referentienummer) was
    accepted before: a repeat, answered without publishing again."""
    found = event_id(ctx, part)
    return found is not None and isinstance(await ctx.container.intake.outcome(found), Accepted)


async def submit(
    ctx: StufContext,
    *,
    event_type: str,
    subject: UUID,
    payload: BaseModel,
    tenant: str,
    privileges: frozenset[str] = frozenset(),
    part: str = "",
) -> Accepted:
    """Publish an intake event and wait for the processor: Accepted, or a Fo03 with the
    reasons of the rejection (server side when no decision came in time). With ``part`` the
    event id is :func:`event_id` (idempotent per message)."""
    client = AuthenticatedClient(ctx.client.client_id, user_id=acting_user(ctx))
    envelope = build_envelope(ctx.request, ctx.container, client, event_type=event_type,
                              subject=subject, payload=payload, tenant=tenant)  # fmt: skip
    envelope = dataclasses.replace(envelope, privileges=privileges,
                                   id=event_id(ctx, part) or envelope.id)  # fmt: skip
    await ctx.container.intake.submit(envelope)
    log.info("stuf_intake_submitted", event_id=str(envelope.id), event_type=event_type,
             subject=str(subject), client_id=ctx.client.client_id)  # fmt: skip
    timeout = ctx.container.settings.outcome_timeout_seconds
    outcome = await ctx.container.intake.wait(envelope.id, timeout)
    if outcome is None:
        raise StufFout(VERWERKINGSFOUT, "De verwerking is niet binnen de wachttijd afgerond; "
                       "het bericht is wel ontvangen.", plek="server")  # fmt: skip
    if isinstance(outcome, Rejected):
        reasons = "; ".join(f"{p.name}: {p.reason}" for p in outcome.invalid_params)
        raise StufFout(AFGEWEZEN, f"Afgewezen: {reasons or outcome.title}")
    return outcome
