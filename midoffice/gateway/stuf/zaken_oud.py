"""The oud object of a ZAK wijziging against the stored zaak, its status included
(``adapters/stuf/zaak_oud.py`` compares the attributes; this module reads the stored state).

A repeat of a message already (partly) decided is not checked: its own effect made the oud
state stale, and a repeat must get the first answer (the processor replays the decided parts).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from lxml import etree
from sqlalchemy import select

from adapters.stuf import catalogus, zaak_object, zaak_oud
from adapters.stuf.elements import children
from adapters.stuf.formats import NoValue, element_value
from adapters.stuf.mapping import Gemeente
from adapters.stuf.zaak_bodies import INTERNAL
from adapters.zgw.zaak_response import zaak_to_response
from catalogi.model import Zaaktype
from midoffice.gateway.stuf.context import StufContext
from midoffice.gateway.stuf.submission import idempotency_key
from zaakmagazijn import tables


async def controleer_oud(
    ctx: StufContext,
    gemeente: Gemeente,
    zt: Zaaktype,
    row: Mapping[str, Any],
    oud: etree._Element | None,
) -> None:
    """Fo03 ZKN009 when the oud object (if any) is not the zaak's current state."""
    if oud is None or await _herhaling(ctx):
        return
    differing = zaak_oud.verschillen(oud, zaak_to_response(row, INTERNAL))
    if await _status_wijkt_af(ctx, gemeente, zt, row, oud):
        differing.append("heeft")
    if differing:
        raise zaak_oud.afgewezen(differing)


async def _status_wijkt_af(
    ctx: StufContext, gemeente: Gemeente, zt: Zaaktype, row: Mapping[str, Any],
    oud: etree._Element,
) -> bool:  # fmt: skip
    """The oud ``heeft`` names another status than the current one (geenWaarde: any)."""
    heeft = list(children(oud, "heeft"))
    if len(heeft) == 1 and not len(heeft[0]):
        leeg = element_value(heeft[0])
        return isinstance(leeg, NoValue) and leeg.clears and row["status"] is not None
    found = zaak_object.status(oud)
    if found is None or (found.volgnummer is None and found.omschrijving is None):
        return False
    if row["status"] is None:
        return True
    statustype = catalogus.statustype(gemeente, zt, found.volgnummer, found.omschrijving)
    query = select(tables.status.c.statustype).where(tables.status.c.uuid == row["status"])
    async with ctx.container.reads.connect() as connection:
        current = (await connection.execute(query)).scalar()
    return current != statustype.uuid


async def _herhaling(ctx: StufContext) -> bool:
    """This very message (zender, referentienummer, body) was decided before."""
    key = idempotency_key(ctx)
    if not key:
        return False
    query = select(tables.idempotentie.c.sleutel).where(
        tables.idempotentie.c.client_id == ctx.client.client_id,
        tables.idempotentie.c.sleutel.startswith(key.rsplit(":", 1)[0] + ":", autoescape=True),
        tables.idempotentie.c.request_hash == hashlib.sha256(ctx.body).hexdigest(),
    )
    async with ctx.container.reads.connect() as connection:
        return (await connection.execute(query.limit(1))).first() is not None
