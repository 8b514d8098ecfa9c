"""The relations (rollen) of a ZAK wijziging -> rol events, per the relation's
``StUF:verwerkingssoort`` (StUF 03.01 section 5.3.4):

- T: ``rol-toegevoegd`` (unless the zaak has that rol already);
- V, E: ``rol-verwijderd`` (Fo03 ZKN001 when the zaak does not have it);
- W: the betrokkene of an existing rol changed (a name, a toelichting; its identification
  stays, as StUF has it for W): the internal model has no rol-gewijzigd, so the rol is
  replaced -- ``rol-verwijderd`` then ``rol-toegevoegd`` with the new attributes. Nothing is
  sent when nothing changed; Fo03 ZKN001 when the zaak does not have the rol;
- I (identiek) and the rest: nothing.

A rol is identified by roltype, betrokkeneType and the betrokkene's identification
(:func:`adapters.stuf.betrokkene.rol_key`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from adapters.stuf import betrokkene, zaak_bodies
from adapters.stuf.errors import ONBEKENDE_ZAAK, StufFout
from adapters.stuf.mapping import Gemeente
from adapters.stuf.zaak_bodies import INTERNAL
from adapters.zgw.rol import rol_from_request
from catalogi.model import Zaaktype
from midoffice.gateway.routes.zaken import BIJWERKEN
from midoffice.gateway.stuf.context import StufContext
from midoffice.gateway.stuf.submission import require, submit
from schemas.event_types import ROL_TOEGEVOEGD, ROL_VERWIJDERD
from schemas.zaakonderdelen import OnderdeelVerwijderdV1
from zaakmagazijn import queries_onderdelen, tables


async def _stored(ctx: StufContext, zaak_uuid: uuid.UUID) -> dict[tuple[str, ...], Any]:
    """The zaak's rollen by :func:`betrokkene.rol_key`."""
    async with ctx.container.reads.connect() as connection:
        stored = await queries_onderdelen.list_onderdelen(
            connection, tables.rol, {"zaak": zaak_uuid}, offset=0, limit=None
        )
    found = {}
    for rol in stored.rows:
        gegevens = rol["gegevens"]
        key = betrokkene.rol_key(gegevens["roltype"], gegevens["betrokkeneType"],
                                 gegevens.get("betrokkeneIdentificatie") or {})  # fmt: skip
        found[key] = rol
    return found


def _unchanged(rol: Mapping[str, Any], body: Mapping[str, Any]) -> bool:
    """Every attribute the W relation sends equals the stored rol's."""
    gegevens = rol["gegevens"]
    stored = gegevens.get("betrokkeneIdentificatie") or {}
    same_identificatie = all(stored.get(k) == v for k, v in body["betrokkeneIdentificatie"].items())
    return same_identificatie and gegevens.get("roltoelichting", "") == body["roltoelichting"]


async def muteer(
    ctx: StufContext,
    gemeente: Gemeente,
    zt: Zaaktype,
    row: Mapping[str, Any],
    nieuw: Any,
    index: int,
    new_uuid: Callable[[str], uuid.UUID],
) -> int:
    """The rol events of the nieuw object's relations, each awaited; the index of the last
    event (each event of the message has its own index, for idempotent repeats)."""
    mutaties = zaak_bodies.rol_mutaties(gemeente, zt, nieuw)
    if not mutaties:
        return index
    zaak_uuid = row["uuid"]
    existing = await _stored(ctx, zaak_uuid)

    async def verwijder(key: tuple[str, ...]) -> None:
        nonlocal index
        index += 1
        payload = OnderdeelVerwijderdV1(uuid=existing.pop(key)["uuid"], zaak=zaak_uuid)
        await submit(ctx, event_type=ROL_VERWIJDERD, payload=payload, subject=zaak_uuid,
                     zaak=row, index=index)  # fmt: skip

    def rol(body: dict[str, Any], at: int) -> Any:
        """The validated rol-toegevoegd payload of ``body`` (the event's index ``at``)."""
        payload = rol_from_request({**body, "zaak": INTERNAL.zaak(zaak_uuid)}, ctx.catalogue,
                                   part_uuid=new_uuid(f"rol{at}"))  # fmt: skip
        if isinstance(payload, list):
            raise zaak_bodies.invalid(payload)
        return payload

    async def voeg_toe(key: tuple[str, ...], payload: Any) -> None:
        nonlocal index
        index += 1
        await submit(ctx, event_type=ROL_TOEGEVOEGD, payload=payload, subject=zaak_uuid,
                     zaak=row, index=index)  # fmt: skip
        existing[key] = {"uuid": payload.uuid, "gegevens": payload.model_dump(mode="json")}

    for soort, roltype, body in mutaties:
        key = betrokkene.rol_key(roltype, body["betrokkeneType"], body["betrokkeneIdentificatie"])
        if soort in ("V", "E", "W") and key not in existing:
            wat = "te wijzigen" if soort == "W" else "te beëindigen"
            raise StufFout(ONBEKENDE_ZAAK, f"De zaak heeft de {wat} rol niet.")
        if soort in ("V", "E"):
            require(ctx, BIJWERKEN, row)
            await verwijder(key)
        elif soort == "W" and not _unchanged(existing[key], body):
            require(ctx, BIJWERKEN, row)
            vervanger = rol(body, index + 2)  # validated before the old rol is removed
            await verwijder(key)
            await voeg_toe(key, vervanger)
        elif soort == "T" and key not in existing:
            require(ctx, BIJWERKEN, row)
            await voeg_toe(key, rol(body, index + 1))
    return index
