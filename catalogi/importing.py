"""Checks of an import against the catalogue already stored, before anything is published.

The file itself is checked by :mod:`catalogi.loader`; here the stored state: a catalogus that
exists must have exactly the file's content (importing it again changes nothing), and no uuid,
nor domein and rsin, may belong to another catalogus. The catalogi processor applies the same
rules when the import arrives, so a concurrent change is still caught there.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncConnection

from catalogi import state
from catalogi.model import Catalogus


async def import_problems(
    conn: AsyncConnection, catalogussen: Sequence[Catalogus]
) -> list[tuple[str, str]]:
    """(path in the file, reason) for every conflict with the stored catalogue."""
    problems: list[tuple[str, str]] = []
    for index, catalogus in enumerate(catalogussen):
        where = f"catalogussen[{index}]"
        stored, _ = await state.load(conn, catalogus.uuid)
        if stored is not None and stored != catalogus:
            problems.append((f"{where}.uuid", "deze catalogus bestaat al met een andere inhoud"))
            continue
        uuids = [u for u, _ in state.objects(catalogus)]
        for uuid in sorted(await state.taken_elsewhere(conn, uuids, catalogus.uuid), key=str):
            problems.append((where, f"uuid {uuid} is al in gebruik in een andere catalogus"))
        if await state.domein_rsin_taken(conn, catalogus.domein, catalogus.rsin, catalogus.uuid):
            problems.append((f"{where}.domein", "een andere catalogus heeft dit domein en rsin"))
    return problems
