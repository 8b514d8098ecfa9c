"""The orphan sweeper: blobs written but never referenced by an accepted fact.

A blob is stored before its event is published, so a rejected event, a crashed gateway or an
abandoned upload in parts leaves an orphan. ``sweep`` deletes blobs that no versie or uploaded
part of the documentmagazijn references and that are older than the grace period (an upload
younger than that may still have its event on the way). A referenced blob is never deleted.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy.ext.asyncio import AsyncEngine

from documentmagazijn import queries
from documentmagazijn.blobs import BlobStore, collect_garbage

_DURATION = re.compile(r"^(\d+)([smhd])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def parse_grace(value: str) -> dt.timedelta:
    """``24h``, ``30m``, ``7d``, ``90s``."""
    match = _DURATION.match(value.strip())
    if match is None:
        raise ValueError(f"not a duration like 24h: {value!r}")
    return dt.timedelta(**{_UNITS[match[2]]: int(match[1])})


async def sweep(
    engine: AsyncEngine, store: BlobStore, grace: dt.timedelta, now: dt.datetime | None = None
) -> list[str]:
    """Delete the orphans older than ``grace``; returns their hashes."""
    async with engine.connect() as conn:
        referenced = await queries.referenced_blobs(conn)
    return await collect_garbage(store, referenced, grace, now)
