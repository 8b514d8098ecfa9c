"""Zaken as the Zaken API shows them: rows plus the uuids of their parts (rollen,
eigenschappen, resultaat, deelzaken, ...), read for a whole page in one query."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.zgw.urls import ResourceUrls
from adapters.zgw.zaak import zaak_to_response
from zaakmagazijn import queries_onderdelen


async def render_zaken(
    conn: AsyncConnection, rows: Sequence[Mapping[str, Any]], urls: ResourceUrls
) -> list[dict[str, Any]]:
    """The ZGW ``Zaak`` of every row, in order (a fixed number of queries per page)."""
    relaties = await queries_onderdelen.relaties(conn, [row["uuid"] for row in rows])
    return [zaak_to_response(row, urls, relaties[row["uuid"]]) for row in rows]


async def render_zaak(
    conn: AsyncConnection, row: Mapping[str, Any], urls: ResourceUrls
) -> dict[str, Any]:
    """The ZGW ``Zaak`` of one row."""
    return (await render_zaken(conn, [row], urls))[0]
