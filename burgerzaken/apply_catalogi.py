"""Apply the catalogi facts (key = catalogus uuid) to the read model's type omschrijvingen.

The PIP shows the zaaktype omschrijving and each status's statustype omschrijving. The read
model keeps its own copy, taken from the catalogue facts on the events topic, instead of
reading the catalogi projection while applying a zaak fact: the result then depends only on
the log (a replay into an empty database needs nothing else), and the order in which
catalogue and zaak facts arrive does not matter, because the read joins them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Final
from uuid import UUID

from sqlalchemy import delete, insert, or_
from sqlalchemy.ext.asyncio import AsyncConnection

from burgerzaken.tables import burgerzaken_type
from schemas.catalogi_events import CATALOGUS_GEIMPORTEERD, CHANGES, event_type
from schemas.envelope import Envelope
from schemas.payloads_catalogi import (
    CatalogusGeimporteerdV1,
    StatustypeGeschrevenV1,
    VerwijderdV1,
    ZaaktypeGeschrevenV1,
)


async def _write(
    conn: AsyncConnection, catalogus: UUID, uuid: UUID, omschrijving: str, zaaktype: UUID | None
) -> None:
    await conn.execute(delete(burgerzaken_type).where(burgerzaken_type.c.uuid == uuid))
    await conn.execute(
        insert(burgerzaken_type).values(
            uuid=uuid, catalogus=catalogus, zaaktype=zaaktype, omschrijving=omschrijving
        )
    )


async def geimporteerd(conn: AsyncConnection, fact: Envelope) -> None:
    data = fact.data
    assert isinstance(data, CatalogusGeimporteerdV1)
    await conn.execute(delete(burgerzaken_type).where(burgerzaken_type.c.catalogus == fact.subject))
    rows = []
    for zaaktype in data.catalogus.zaaktypen:
        rows.append({"uuid": zaaktype.uuid, "catalogus": fact.subject, "zaaktype": None,
                     "omschrijving": zaaktype.omschrijving})  # fmt: skip
        rows += [
            {"uuid": statustype.uuid, "catalogus": fact.subject, "zaaktype": zaaktype.uuid,
             "omschrijving": statustype.omschrijving}
            for statustype in zaaktype.statustypen
        ]  # fmt: skip
    if rows:
        await conn.execute(insert(burgerzaken_type), rows)


async def zaaktype_geschreven(conn: AsyncConnection, fact: Envelope) -> None:
    data = fact.data
    assert isinstance(data, ZaaktypeGeschrevenV1)
    await _write(conn, fact.subject, data.zaaktype.uuid, data.zaaktype.omschrijving, None)


async def statustype_geschreven(conn: AsyncConnection, fact: Envelope) -> None:
    data = fact.data
    assert isinstance(data, StatustypeGeschrevenV1)
    statustype = data.statustype
    await _write(conn, fact.subject, statustype.uuid, statustype.omschrijving, data.zaaktype)


async def verwijderd(conn: AsyncConnection, fact: Envelope) -> None:
    data = fact.data
    assert isinstance(data, VerwijderdV1)
    table = burgerzaken_type
    await conn.execute(
        delete(table).where(or_(table.c.uuid == data.uuid, table.c.zaaktype == data.uuid))
    )


async def _position_only(_conn: AsyncConnection, _fact: Envelope) -> None:
    return None


APPLIERS: Final[Mapping[str, Callable[[AsyncConnection, Envelope], Awaitable[None]]]] = {
    **dict.fromkeys(CHANGES, _position_only),
    CATALOGUS_GEIMPORTEERD: geimporteerd,
    event_type("zaaktype", "aangemaakt"): zaaktype_geschreven,
    event_type("zaaktype", "gewijzigd"): zaaktype_geschreven,
    event_type("zaaktype", "verwijderd"): verwijderd,
    event_type("statustype", "aangemaakt"): statustype_geschreven,
    event_type("statustype", "gewijzigd"): statustype_geschreven,
    event_type("statustype", "verwijderd"): verwijderd,
}
"""Catalogue fact type -> how it changes the omschrijvingen (the rest only advances the
catalogus's position)."""
