"""The StUF-ZKN kennisgevingen that add a document to a zaak: voegZaakdocumentToe (ZDS 1.2
#10, ZDS 1.1 edcLk01) and maakZaakdocument (ZDS 1.2 #11).

The content (inline or MTOM) goes into the blob store first, then
``enkelvoudiginformatieobject-aangemaakt`` to the documentmagazijn and
``zaakinformatieobject-toegevoegd`` to the zaakmagazijn, each awaited. Idempotent: the
document and zaakinformatieobject uuids are derived from (zender, referentienummer), so a
repeated message finds what the first one made, completes what a crashed first attempt left
half done, and creates nothing new.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, Final

from adapters.stuf import maak_zaakdocument, voeg_zaakdocument_toe
from adapters.stuf.answers import bv03
from adapters.stuf.catalogus import informatieobjecttype
from adapters.stuf.document_mtom import is_multipart, split
from adapters.stuf.document_velden import informatieobject
from adapters.stuf.errors import StufFout
from adapters.stuf.voeg_zaakdocument_toe import NieuwZaakdocument
from adapters.zgw.documenten import eio_url
from autorisaties.scopes import (
    DOCUMENTEN_AANMAKEN,
    ZAKEN_AANMAKEN,
    ZAKEN_BIJWERKEN,
    ZAKEN_GEFORCEERD_BIJWERKEN,
)
from documentmagazijn import queries as documenten
from midoffice.gateway.stuf import documenten_magazijn as magazijn
from midoffice.gateway.stuf import submission, zaken_lookup
from midoffice.gateway.stuf.context import StufContext
from schemas import documenten_events as ev
from schemas import event_types as zaak_events
from schemas.payloads_documenten import DocumentAangemaaktV1, InformatieobjectV1
from schemas.zaakonderdelen import ZaakinformatieobjectV1
from zaakmagazijn import queries_onderdelen
from zaakmagazijn.tables import zaakinformatieobject

KOPPELEN: Final = (ZAKEN_AANMAKEN, ZAKEN_BIJWERKEN, ZAKEN_GEFORCEERD_BIJWERKEN)
"""The Zaken API's scopes for creating a zaakinformatieobject."""
_IDEMPOTENT: Final = uuid.UUID("8a4f0b6e-5d1c-4c57-9a53-6f1d2c9b7e01")


def bijlagen(ctx: StufContext) -> dict[str, bytes]:
    """The MTOM attachments of the request (none for a plain SOAP request)."""
    content_type = ctx.request.headers.get("Content-Type", "")
    return split(content_type, ctx.body).bijlagen if is_multipart(content_type) else {}


def _uuids(ctx: StufContext) -> tuple[uuid.UUID, uuid.UUID]:
    """The document and zaakinformatieobject uuids of this message: derived from zender and
    referentienummer (fresh ones for a message without referentienummer)."""
    referentienummer = ctx.stuurgegevens.referentienummer
    if referentienummer:
        sleutel = f"{ctx.stuurgegevens.zender.key}|{referentienummer}"
        document = uuid.uuid5(_IDEMPOTENT, sleutel)
    else:
        document = uuid.uuid4()
    return document, uuid.uuid5(document, "zaakinformatieobject")


async def _nieuw(ctx: StufContext, nieuw: NieuwZaakdocument) -> bytes:
    gemeente = ctx.gemeente()
    zaak = await zaken_lookup.zaak_by_identificatie(ctx, nieuw.zaak)
    submission.require(ctx, KOPPELEN, zaak)
    iot = informatieobjecttype(ctx.catalogue, gemeente, nieuw.omschrijving)
    fields = informatieobject(
        nieuw.edc, informatieobjecttype=str(iot.uuid), bronorganisatie=zaak["bronorganisatie"],
        default_vertrouwelijkheid=str(iot.vertrouwelijkheidaanduiding),
    )  # fmt: skip
    info = InformatieobjectV1.model_validate(fields)
    magazijn.require_document_scope(ctx, DOCUMENTEN_AANMAKEN, info)
    document_uuid, zio_uuid = _uuids(ctx)
    async with ctx.container.reads.connect() as conn:
        bestaat = await documenten.bestaat(conn, document_uuid)
    if not bestaat:
        inhoud = (await magazijn.store_inhoud(ctx, nieuw.edc.inhoud, bijlagen(ctx))
                  if nieuw.edc.inhoud is not None else None)  # fmt: skip
        payload = DocumentAangemaaktV1(uuid=document_uuid, informatieobject=info, inhoud=inhoud)
        try:
            await magazijn.submit(ctx, event_type=ev.DOCUMENT_AANGEMAAKT, subject=document_uuid,
                                  payload=payload, tenant=info.bronorganisatie)  # fmt: skip
        except StufFout:
            async with ctx.container.reads.connect() as conn:  # a concurrent repeat won
                if not await documenten.bestaat(conn, document_uuid):
                    raise
    await _koppel(ctx, zaak, document_uuid, zio_uuid, info)
    return bv03(ctx.stuurgegevens, ctx.now)


async def _koppel(ctx: StufContext, zaak: Mapping[str, Any], document: uuid.UUID,
                  zio: uuid.UUID, info: InformatieobjectV1) -> None:  # fmt: skip
    """The zaakinformatieobject (zaak <-> document), unless a first attempt made it."""
    async with ctx.container.reads.connect() as conn:
        if await queries_onderdelen.get_onderdeel(conn, zaakinformatieobject, zio) is not None:
            return
    base = str(ctx.request.base_url).rstrip("/")
    zaak_uuid = uuid.UUID(str(zaak["uuid"]))
    payload = ZaakinformatieobjectV1(
        uuid=zio, zaak=zaak_uuid, informatieobject=eio_url(base, document), titel=info.titel,
        beschrijving=info.beschrijving,
    )  # fmt: skip
    await submission.submit(ctx, event_type=zaak_events.ZAAKINFORMATIEOBJECT_TOEGEVOEGD,
                            payload=payload, subject=zaak_uuid, zaak=zaak, index=1)  # fmt: skip


async def voeg_zaakdocument_toe_handler(ctx: StufContext) -> bytes:
    return await _nieuw(ctx, voeg_zaakdocument_toe.parse(ctx.bericht))


async def maak_zaakdocument_handler(ctx: StufContext) -> bytes:
    return await _nieuw(ctx, maak_zaakdocument.parse(ctx.bericht))
