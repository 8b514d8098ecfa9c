"""The handlers of the StUF-ZKN document operations (ZDS 1.2 and ZDS 1.1), by operation name.

:data:`DOCUMENT_HANDLERS` is registered in the gateway's handler mapping. Each handler parses
with its ``adapters.stuf`` operation module, does the I/O through
:mod:`midoffice.gateway.stuf.documenten_magazijn`, and answers with the module's builder.
Here: the vragen (geefLijstZaakdocumenten, geefZaakdocumentLezen) and the zs-dms vrije
berichten (genereerDocumentIdentificatie, geefZaakdocumentbewerken, updateZaakdocument,
cancelCheckout); the kennisgevingen are in :mod:`.documenten_kennisgevingen`.

Check-out is the Documenten API lock: geefZaakdocumentbewerken locks and returns the lock as
``checkedOutId``; updateZaakdocument writes a new versie under it and unlocks; cancelCheckout
unlocks. A missing or wrong checkedOutId is refused before anything is published. Their
events have ids derived from zender and referentienummer, so a repeated updateZaakdocument or
cancelCheckout gets its Bv02 again without a second versie (and a first attempt that stopped
between the new versie and the unlock is completed); a repeated geefZaakdocumentbewerken gets
the same checkedOutId while that check-out lasts (:func:`documenten_magazijn.message_lock`).
"""

from __future__ import annotations

import hmac
import uuid
from collections.abc import Callable, Mapping
from typing import Final

from lxml import etree

from adapters.stuf import (
    cancel_checkout,
    geef_lijst_zaakdocumenten,
    geef_zaakdocument_bewerken,
    geef_zaakdocument_lezen,
    genereer_document_identificatie,
    update_zaakdocument,
)
from adapters.stuf.answers import answer
from adapters.stuf.catalogus import informatieobjecttype
from adapters.stuf.document_antwoord import DocumentBeeld
from adapters.stuf.document_berichten import bv02
from adapters.stuf.document_inhoud import encoded
from adapters.stuf.document_mtom import is_multipart
from adapters.stuf.document_velden import informatieobject
from adapters.stuf.errors import StufFout
from adapters.stuf.soap import envelope
from autorisaties.scopes import (
    DOCUMENTEN_BIJWERKEN,
    DOCUMENTEN_LEZEN,
    DOCUMENTEN_LOCK,
    ZAKEN_LEZEN,
)
from documentmagazijn import queries as documenten
from midoffice.gateway.stuf import documenten_kennisgevingen as kennisgevingen
from midoffice.gateway.stuf import documenten_magazijn as magazijn
from midoffice.gateway.stuf import submission, zaken_lookup
from midoffice.gateway.stuf.context import Handler, StufContext
from midoffice.gateway.stuf.documenten_mtom import mtom_answer
from schemas import documenten_events as ev
from schemas.payloads_documenten import (
    DocumentGewijzigdV1,
    DocumentOntgrendeldV1,
    DocumentVergrendeldV1,
    InformatieobjectV1,
)
from zaakmagazijn import queries_onderdelen
from zaakmagazijn.tables import zaakinformatieobject

CHECKED_OUT_ID: Final = "ZKN013"
"""A missing or wrong checkedOutId (this MidOffice's code, next to adapters/stuf/errors)."""


async def genereer_document_identificatie_handler(ctx: StufContext) -> bytes:
    identificatie = genereer_document_identificatie.nieuwe_identificatie(ctx.now)
    return answer(genereer_document_identificatie.answer(ctx.operation, ctx.stuurgegevens,
                                                         identificatie, ctx.now))  # fmt: skip


async def geef_lijst_zaakdocumenten_handler(ctx: StufContext) -> bytes:
    identificatie = geef_lijst_zaakdocumenten.parse(ctx.bericht)
    zaak = await zaken_lookup.zaak_by_identificatie(ctx, identificatie)
    submission.require(ctx, (ZAKEN_LEZEN,), zaak)
    found = []
    async with ctx.container.reads.connect() as conn:
        links = await queries_onderdelen.list_onderdelen(
            conn, zaakinformatieobject, {"zaak": zaak["uuid"]}, offset=0, limit=None
        )
        for link in links.rows:
            document_uuid = documenten.document_uuid(str(link["informatieobject"]))
            versie = await documenten.get(conn, document_uuid) if document_uuid else None
            if versie is None or not _mag(ctx, DOCUMENTEN_LEZEN, versie):
                continue
            found.append((magazijn.beeld(ctx, versie),
                          magazijn.registratiedatum(link.get("gegevens"))))  # fmt: skip
    return answer(geef_lijst_zaakdocumenten.answer(
        ctx.operation, ctx.stuurgegevens, str(zaak["identificatie"]),
        str(zaak.get("omschrijving") or ""), found, ctx.now))  # fmt: skip


def _mag(ctx: StufContext, scope: str, versie: documenten.Versie) -> bool:
    try:
        magazijn.require_document_scope(ctx, scope, versie.informatieobject)
    except StufFout:
        return False
    return True


async def geef_zaakdocument_lezen_handler(ctx: StufContext) -> bytes:
    versie = await magazijn.document_by_identificatie(
        ctx, geef_zaakdocument_lezen.parse(ctx.bericht)
    )
    magazijn.require_document_scope(ctx, DOCUMENTEN_LEZEN, versie.informatieobject)
    beeld = magazijn.beeld(ctx, versie, await magazijn.zaken_of(ctx, versie.uuid))
    data = await magazijn.read_inhoud(ctx, versie)
    return _met_inhoud(ctx, versie, beeld, data, lambda **inhoud: geef_zaakdocument_lezen.answer(
        ctx.operation, ctx.stuurgegevens, beeld, ctx.now, **inhoud))  # fmt: skip


def _met_inhoud(ctx: StufContext, versie: documenten.Versie, beeld: DocumentBeeld, data: bytes,
                build: Callable[..., etree._Element]) -> bytes:  # fmt: skip
    """The answer with the content: an MTOM attachment when the request came as MTOM,
    else inline base64."""
    if is_multipart(ctx.request.headers.get("Content-Type", "")):
        cid = f"inhoud.{versie.uuid}@midoffice"
        return mtom_answer(ctx, envelope(build(cid=cid)), cid, beeld, data)
    return answer(build(base64=encoded(data)))


async def geef_zaakdocument_bewerken_handler(ctx: StufContext) -> bytes:
    versie = await magazijn.document_by_identificatie(
        ctx, geef_zaakdocument_bewerken.parse(ctx.bericht)
    )
    magazijn.require_document_scope(ctx, DOCUMENTEN_LOCK, versie.informatieobject)
    magazijn.require_document_scope(ctx, DOCUMENTEN_LEZEN, versie.informatieobject)
    lock = magazijn.message_lock(ctx, "vergrendeld")
    if versie.locked and not hmac.compare_digest(versie.lock.encode(), lock.encode()):
        raise StufFout(magazijn.AFGEWEZEN, "Het document is al uitgecheckt (vergrendeld); "
                       "check het eerst in of annuleer de check-out.")  # fmt: skip
    data = await magazijn.read_inhoud(ctx, versie)  # before locking: no lock without answer
    if not versie.locked:  # (locked with this message's lock: a repeat, answered again)
        if await magazijn.already_accepted(ctx, "vergrendeld"):
            raise StufFout(CHECKED_OUT_ID, "Deze check-out (referentienummer) is al ingecheckt "
                           "of geannuleerd; vraag met een nieuw bericht.")  # fmt: skip
        await magazijn.submit(ctx, event_type=ev.DOCUMENT_VERGRENDELD, subject=versie.uuid,
                              payload=DocumentVergrendeldV1(uuid=versie.uuid, lock=lock),
                              tenant=versie.informatieobject.bronorganisatie,
                              part="vergrendeld")  # fmt: skip
    beeld = magazijn.beeld(ctx, versie, await magazijn.zaken_of(ctx, versie.uuid))
    return _met_inhoud(ctx, versie, beeld, data, lambda **inhoud: geef_zaakdocument_bewerken.answer(
        ctx.operation, ctx.stuurgegevens, beeld, lock, ctx.now, **inhoud))  # fmt: skip


def _check_lock(versie: documenten.Versie, checked_out_id: str) -> None:
    """Fo03 ZKN013 unless ``checked_out_id`` is the document's current lock."""
    if not checked_out_id:
        raise StufFout(CHECKED_OUT_ID, "checkedOutId ontbreekt: geef de checkedOutId van "
                       "geefZaakdocumentbewerken mee.")  # fmt: skip
    if not versie.locked:
        raise StufFout(CHECKED_OUT_ID, "Het document is niet uitgecheckt; checkedOutId is onjuist.")
    if not hmac.compare_digest(checked_out_id.encode(), versie.lock.encode()):
        raise StufFout(CHECKED_OUT_ID, "checkedOutId is onjuist voor dit document.")


async def update_zaakdocument_handler(ctx: StufContext) -> bytes:
    wijziging = update_zaakdocument.parse(ctx.operation, ctx.bericht)
    versie = await magazijn.document_by_identificatie(ctx, wijziging.identificatie)
    magazijn.require_document_scope(ctx, DOCUMENTEN_BIJWERKEN, versie.informatieobject)
    magazijn.require_document_scope(ctx, DOCUMENTEN_LOCK, versie.informatieobject)  # check-in
    if await magazijn.already_accepted(ctx, "ontgrendeld"):
        return bv02(ctx.stuurgegevens, ctx.now)  # a repeat: the same answer, nothing new
    _check_lock(versie, wijziging.checked_out_id)
    if not await magazijn.already_accepted(ctx, "gewijzigd"):  # else a first try stopped
        await _nieuwe_versie(ctx, versie, wijziging)
    await magazijn.submit(ctx, event_type=ev.DOCUMENT_ONTGRENDELD, subject=versie.uuid,
                          payload=DocumentOntgrendeldV1(uuid=versie.uuid, lock=versie.lock),
                          tenant=versie.informatieobject.bronorganisatie,
                          part="ontgrendeld")  # fmt: skip
    return bv02(ctx.stuurgegevens, ctx.now)


async def _nieuwe_versie(ctx: StufContext, versie: documenten.Versie,
                         wijziging: update_zaakdocument.Wijziging) -> None:  # fmt: skip
    """The new versie under the lock: nieuw over the current metadata, new content if any."""
    current = versie.informatieobject.model_dump(mode="json")
    type_uuid = current["informatieobjecttype"]
    if (omschrijving := wijziging.nieuw.tekst("dct.omschrijving")) is not None:
        type_uuid = str(informatieobjecttype(ctx.catalogue, ctx.gemeente(), omschrijving).uuid)
    iot = ctx.catalogue.informatieobjecttype(uuid.UUID(type_uuid))
    fields = informatieobject(
        wijziging.nieuw, informatieobjecttype=type_uuid,
        bronorganisatie=versie.informatieobject.bronorganisatie,
        default_vertrouwelijkheid=str(iot.vertrouwelijkheidaanduiding if iot else "openbaar"),
        current=current,
    )  # fmt: skip
    info = InformatieobjectV1.model_validate(fields)
    magazijn.require_document_scope(ctx, DOCUMENTEN_BIJWERKEN, info)
    inhoud = (await magazijn.store_inhoud(ctx, wijziging.nieuw.inhoud, kennisgevingen.bijlagen(ctx))
              if wijziging.nieuw.inhoud is not None else None)  # fmt: skip
    await magazijn.submit(ctx, event_type=ev.DOCUMENT_GEWIJZIGD, subject=versie.uuid,
                          payload=DocumentGewijzigdV1(uuid=versie.uuid, lock=versie.lock,
                                                      informatieobject=info, inhoud=inhoud),
                          tenant=info.bronorganisatie, part="gewijzigd")  # fmt: skip


async def cancel_checkout_handler(ctx: StufContext) -> bytes:
    annulering = cancel_checkout.parse(ctx.operation, ctx.bericht)
    versie = await magazijn.document_by_identificatie(ctx, annulering.identificatie)
    magazijn.require_document_scope(ctx, DOCUMENTEN_LOCK, versie.informatieobject)
    if await magazijn.already_accepted(ctx, "ontgrendeld"):
        return bv02(ctx.stuurgegevens, ctx.now)  # a repeat: the same answer
    _check_lock(versie, annulering.checked_out_id)
    await magazijn.submit(ctx, event_type=ev.DOCUMENT_ONTGRENDELD, subject=versie.uuid,
                          payload=DocumentOntgrendeldV1(uuid=versie.uuid, lock=versie.lock),
                          tenant=versie.informatieobject.bronorganisatie,
                          part="ontgrendeld")  # fmt: skip
    return bv02(ctx.stuurgegevens, ctx.now)


DOCUMENT_HANDLERS: Final[Mapping[str, Handler]] = {
    # ZDS 1.2
    "voegZaakdocumentToe_EdcLk01": kennisgevingen.voeg_zaakdocument_toe_handler,
    "maakZaakdocument_EdcLk01": kennisgevingen.maak_zaakdocument_handler,
    "geefLijstZaakdocumenten_ZakLv01": geef_lijst_zaakdocumenten_handler,
    "geefZaakdocumentLezen_EdcLv01": geef_zaakdocument_lezen_handler,
    # ZDS 1.1
    "voegZaakdocumentToe_Lk01": kennisgevingen.voeg_zaakdocument_toe_handler,
    "maakZaakdocument_Lk01": kennisgevingen.maak_zaakdocument_handler,
    "geefLijstZaakdocumenten_Lv01": geef_lijst_zaakdocumenten_handler,
    "geefZaakdocumentLezen_Lv01": geef_zaakdocument_lezen_handler,
    # the zs-dms vrije berichten (same name in both versions)
    "genereerDocumentIdentificatie_Di02": genereer_document_identificatie_handler,
    "geefZaakdocumentbewerken_Di02": geef_zaakdocument_bewerken_handler,
    "updateZaakdocument_Di02": update_zaakdocument_handler,
    "cancelCheckout_Di02": cancel_checkout_handler,
}
"""Operation name (``adapters.stuf.dispatch``) -> handler, for the gateway's mapping."""
