"""Reading zaken for StUF operations: by identificatie within the municipality's RSIN."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from adapters.stuf.errors import ONBEKENDE_ZAAK, StufFout, niet_conform
from midoffice.gateway.stuf.context import StufContext
from zaakmagazijn import queries_onderdelen, tables


async def zaak_by_identificatie(ctx: StufContext, identificatie: str | None) -> Mapping[str, Any]:
    """The zaak row with this identificatie at the zender's municipality; Fo03 ZKN001 when
    there is none (or StUF055 without an identificatie)."""
    if not identificatie:
        raise niet_conform("Het bericht noemt geen zaakidentificatie.")
    rsin = ctx.gemeente().rsin
    query = select(tables.zaak).where(
        tables.zaak.c.identificatie == identificatie, tables.zaak.c.bronorganisatie == rsin
    )
    async with ctx.container.reads.connect() as connection:
        row = (await connection.execute(query)).mappings().first()
    if row is None:
        raise StufFout(ONBEKENDE_ZAAK, f"Zaak {identificatie[:40]!r} is onbekend.")
    return dict(row)


async def resultaat_of(ctx: StufContext, zaak: Any) -> Mapping[str, Any] | None:
    """The zaak's resultaat row, or None."""
    async with ctx.container.reads.connect() as connection:
        page = await queries_onderdelen.list_onderdelen(
            connection, tables.resultaat, {"zaak": zaak}, offset=0, limit=1
        )
    return page.rows[0] if page.rows else None
