"""The ZAK kennisgevingen: creeerZaak, updateZaak and actualiseerZaakstatus (ZDS 1.2 sections
4.2.1-4.2.3: creeerZaak_ZakLk01, updateZaak_ZakLk01, actualiseerZaakstatus_ZakLk01; ZDS 1.1
zakLk01 with the SOAPActions creeerZaak_Lk01, updateZaak_Lk01, actualiseerZaakstatus_Lk01).

Each becomes intake events on the same topic as ZGW writes, with the same payloads:

- T: ONE ``zaak-geregistreerd`` (zaak + rollen + first status, all or nothing), then a
  ``resultaat-toegevoegd`` when the object carries a resultaat;
- W/C/F: first the oud object is checked against the stored zaak (Fo03 ZKN009 when it is
  stale, ``zaken_oud.py``), then ``zaak-gemuteerd`` (the nieuw object's attributes merged
  over the stored zaak),
  ``rol-toegevoegd`` / ``rol-verwijderd`` per new, ended or changed relation
  (``zaak_rollen.py``), ``resultaat-toegevoegd/-gewijzigd``, and
  ``zaakstatus-gewijzigd`` -- in that order, each awaited (a later part is not sent when an
  earlier one is refused; a repeat with the same referentienummer replays the decided parts);
- V: ``zaak-verwijderd``.

An eindstatus without a resultaat follows the mapping's ``afsluitenZonderResultaat``: the
fallback resultaattype is added first, or the processor refuses the status.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Final

from adapters.stuf import catalogus, zaak_bodies, zaak_kennisgeving, zaak_object
from adapters.stuf.answers import bv03
from adapters.stuf.errors import niet_conform
from adapters.stuf.formats import AMSTERDAM
from adapters.stuf.zaak_bodies import INTERNAL
from adapters.zgw.catalogi_urls import catalogi_url
from adapters.zgw.registratie import registratie_from_request
from adapters.zgw.status import status_from_request
from adapters.zgw.zaak_update import zaak_update_from_request
from adapters.zgw.zaakonderdelen import resultaat_from_request
from autorisaties.scopes import ZAKEN_AANMAKEN, ZAKEN_VERWIJDEREN
from catalogi.model import Zaaktype
from midoffice.gateway.routes.statussen import TOEVOEGEN
from midoffice.gateway.routes.zaken import BIJWERKEN
from midoffice.gateway.stuf import zaak_rollen
from midoffice.gateway.stuf.context import StufContext
from midoffice.gateway.stuf.submission import require, submit
from midoffice.gateway.stuf.zaken_lookup import resultaat_of, zaak_by_identificatie
from midoffice.gateway.stuf.zaken_oud import controleer_oud
from schemas.event_types import (
    RESULTAAT_GEWIJZIGD,
    RESULTAAT_TOEGEVOEGD,
    ZAAK_GEMUTEERD,
    ZAAK_GEREGISTREERD,
    ZAAK_VERWIJDERD,
    ZAAKSTATUS_GEWIJZIGD,
)
from schemas.payloads import ZaakVerwijderdV1

_NAMESPACE: Final = uuid.UUID("6f1d3c2e-5b7a-4c1e-9d3f-2a8b7c6d5e4f")


def _new_uuid(ctx: StufContext, part: str) -> uuid.UUID:
    """Deterministic per zender + referentienummer (a repeat lands on the same zaak and
    partition); random without a referentienummer."""
    ref = ctx.stuurgegevens.referentienummer
    if not ref:
        return uuid.uuid4()
    seed = f"{ctx.client.client_id}|{ctx.stuurgegevens.zender.key}|{ref}|{part}"
    return uuid.uuid5(_NAMESPACE, seed)


def _today(ctx: StufContext) -> dt.date:
    return ctx.now.astimezone(AMSTERDAM).date()


async def zaak_lk01(ctx: StufContext) -> bytes:
    """Any ZAK Lk01: dispatch on mutatiesoort, checked against the operation."""
    kennisgeving = zaak_kennisgeving.read(ctx.bericht)
    creeer = ctx.operation.name.startswith("creeerZaak")
    if creeer != (kennisgeving.mutatiesoort == "T"):
        expected = "T" if creeer else "W"
        raise niet_conform(
            f"{ctx.operation.name} verwacht mutatiesoort {expected}, "
            f"niet {kennisgeving.mutatiesoort}."
        )
    if kennisgeving.mutatiesoort == "T":
        await _creeer(ctx, kennisgeving)
    elif kennisgeving.mutatiesoort == "V":
        await _verwijder(ctx, kennisgeving)
    else:
        await _update(ctx, kennisgeving)
    return bv03(ctx.stuurgegevens, ctx.now)


async def _creeer(ctx: StufContext, kennisgeving: zaak_kennisgeving.ZaakKennisgeving) -> None:
    gemeente = ctx.gemeente()
    nieuw = kennisgeving.subject
    body, zt = zaak_bodies.registratie_body(nieuw, gemeente, ctx.catalogue, ctx.now)
    zaak_uuid = _new_uuid(ctx, "zaak")
    payload = registratie_from_request(
        body, ctx.catalogue, zaak_uuid=zaak_uuid, today=_today(ctx), now=ctx.now
    )
    if isinstance(payload, list):
        raise zaak_bodies.invalid(payload)
    zaak = payload.zaak.model_dump()
    require(ctx, [ZAKEN_AANMAKEN], zaak)
    await submit(ctx, event_type=ZAAK_GEREGISTREERD, payload=payload, subject=zaak_uuid, zaak=zaak)
    resultaat = zaak_object.resultaat(nieuw)
    if resultaat is not None:
        await _resultaat(
            ctx,
            zt,
            zaak_uuid,
            zaak,
            resultaat.omschrijving,
            resultaat.toelichting,
            existing=None,
            index=1,
        )


async def _resultaat(
    ctx: StufContext,
    zt: Zaaktype,
    zaak_uuid: uuid.UUID,
    zaak: Any,
    omschrijving: str,
    toelichting: str,
    *,
    existing: Any,
    index: int,
) -> None:
    resultaattype = catalogus.resultaattype(zt, omschrijving)
    part = existing["uuid"] if existing is not None else _new_uuid(ctx, f"resultaat{index}")
    body = {
        "zaak": INTERNAL.zaak(zaak_uuid),
        "toelichting": toelichting[:1000],
        "resultaattype": catalogi_url(INTERNAL, "resultaattype", resultaattype.uuid),
    }
    payload = resultaat_from_request(body, ctx.catalogue, part_uuid=part)
    if isinstance(payload, list):
        raise zaak_bodies.invalid(payload)
    event_type = RESULTAAT_GEWIJZIGD if existing is not None else RESULTAAT_TOEGEVOEGD
    await submit(
        ctx, event_type=event_type, payload=payload, subject=zaak_uuid, zaak=zaak, index=index
    )


async def _verwijder(ctx: StufContext, kennisgeving: zaak_kennisgeving.ZaakKennisgeving) -> None:
    row = await zaak_by_identificatie(ctx, kennisgeving.identificatie)
    require(ctx, [ZAKEN_VERWIJDEREN], row)
    await submit(
        ctx,
        event_type=ZAAK_VERWIJDERD,
        payload=ZaakVerwijderdV1(uuid=row["uuid"]),
        subject=row["uuid"],
        zaak=row,
    )


async def _update(ctx: StufContext, kennisgeving: zaak_kennisgeving.ZaakKennisgeving) -> None:
    gemeente = ctx.gemeente()
    row = await zaak_by_identificatie(ctx, kennisgeving.identificatie)
    zaak_uuid = row["uuid"]
    zt = ctx.catalogue.zaaktype(row["zaaktype"])
    if zt is None:
        raise niet_conform("Het zaaktype van deze zaak staat niet (meer) in de catalogus.")
    await controleer_oud(ctx, gemeente, zt, row, kennisgeving.oud)
    nieuw = kennisgeving.subject
    index = 0
    fields = {k: v for k, v in zaak_object.zaak_fields(nieuw).items() if k != "identificatie"}
    if fields:
        require(ctx, BIJWERKEN, row)
        payload = zaak_update_from_request(fields, row, ctx.catalogue, partial=True, now=ctx.now)
        if isinstance(payload, list):
            raise zaak_bodies.invalid(payload)
        await submit(ctx, event_type=ZAAK_GEMUTEERD, payload=payload, subject=zaak_uuid, zaak=row)
    index = await zaak_rollen.muteer(
        ctx, gemeente, zt, row, nieuw, index, lambda part: _new_uuid(ctx, part)
    )
    found_status = zaak_object.status(nieuw)
    resultaat = zaak_object.resultaat(nieuw)
    existing = await resultaat_of(ctx, zaak_uuid)
    if resultaat is None and existing is None and found_status is not None:
        statustype = catalogus.statustype(
            gemeente, zt, found_status.volgnummer, found_status.omschrijving
        )
        fallback = gemeente.resultaat_fallback
        if zt.eindstatustype.uuid == statustype.uuid and fallback is not None:
            resultaat = zaak_object.StufResultaat(fallback, "Afgesloten zonder resultaat via StUF.")
    if resultaat is not None:
        index += 1
        require(ctx, BIJWERKEN, row)
        await _resultaat(
            ctx,
            zt,
            zaak_uuid,
            row,
            resultaat.omschrijving,
            resultaat.toelichting,
            existing=existing,
            index=index,
        )
    if found_status is not None:
        index += 1
        require(ctx, TOEVOEGEN, row)
        body = zaak_bodies.status_body(gemeente, zt, found_status, ctx.now)
        body["zaak"] = INTERNAL.zaak(zaak_uuid)
        status = status_from_request(
            body, ctx.catalogue, status_uuid=_new_uuid(ctx, f"status{index}")
        )
        if isinstance(status, list):
            raise zaak_bodies.invalid(status)
        await submit(
            ctx,
            event_type=ZAAKSTATUS_GEWIJZIGD,
            payload=status,
            subject=zaak_uuid,
            zaak=row,
            index=index,
        )
