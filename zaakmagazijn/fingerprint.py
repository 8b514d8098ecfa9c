"""Canonical snapshots of the zaakmagazijn projection, to prove that a rebuild is exact.

A snapshot holds every row of the projection tables (not the inbox or outbox), ordered by
primary key, with values normalised so that SQLite and PostgreSQL give identical snapshots
for identical content: UUID -> str, date -> ISO date, datetime -> UTC ISO
(``YYYY-MM-DDTHH:MM:SS.ffffffZ``; naive values, as SQLite returns them, are UTC), JSON ->
the same structure with sorted keys.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Mapping, Sequence
from typing import Any, Final

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncConnection

from zaakmagazijn.tables import PROJECTION_TABLES

Row = dict[str, Any]
Snapshot = dict[str, list[Row]]

DATETIME_FORMAT: Final = "%Y-%m-%dT%H:%M:%S.%fZ"
_MISSING: Final = object()


def normalise(value: Any) -> Any:
    """The canonical, JSON-serialisable form of one column value."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime):
        utc = value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
        return utc.strftime(DATETIME_FORMAT)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): normalise(value[key]) for key in sorted(value, key=str)}
    if isinstance(value, (list, tuple)):
        return [normalise(item) for item in value]
    return value


def _primary_key(table: Table) -> tuple[str, ...]:
    return tuple(column.name for column in table.primary_key.columns)


def _key(row: Row, names: Sequence[str]) -> tuple[str, ...]:
    return tuple(str(row[name]) for name in names)


async def snapshot(conn: AsyncConnection) -> Snapshot:
    """Every row of zaak, status and identificatie_teller, normalised, in primary-key order."""
    result: Snapshot = {}
    for table in PROJECTION_TABLES:
        rows = (await conn.execute(select(table))).mappings().all()
        normalised = [{name: normalise(value) for name, value in row.items()} for row in rows]
        pk = _primary_key(table)
        result[table.name] = sorted(normalised, key=lambda row: _key(row, pk))
    return result


def content_hash(snap: Snapshot) -> str:
    """sha256 (hex) of the snapshot's canonical JSON."""
    canonical = json.dumps(snap, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _label(table: str, key: tuple[str, ...], names: Sequence[str]) -> str:
    return f"{table}[" + ", ".join(f"{n}={v}" for n, v in zip(names, key, strict=True)) + "]"


def _table_diff(table: Table, live: list[Row], other: list[Row]) -> list[str]:
    names = _primary_key(table)
    live_rows = {_key(row, names): row for row in live}
    other_rows = {_key(row, names): row for row in other}
    lines: list[str] = []
    for key in sorted(live_rows.keys() | other_rows.keys()):
        label = _label(table.name, key, names)
        mine, theirs = live_rows.get(key), other_rows.get(key)
        if theirs is None:
            lines.append(f"{label}: missing in other")
        elif mine is None:
            lines.append(f"{label}: extra in other")
        else:
            for column in sorted(mine.keys() | theirs.keys()):
                a, b = mine.get(column, _MISSING), theirs.get(column, _MISSING)
                if a != b:
                    lines.append(f"{label}.{column}: live {_show(a)} != other {_show(b)}")
    return lines


def _show(value: Any) -> str:
    if value is _MISSING:
        return "<no column>"
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def diff(live: Snapshot, other: Snapshot, limit: int = 50) -> list[str]:
    """Human-readable differences from ``live`` to ``other``, at most ``limit`` of them.

    One line per missing row, extra row or differing column, e.g.
    ``zaak[uuid=...].einddatum: live "2026-05-01" != other null``. When there are more, a
    last line says how many were left out.
    """
    lines: list[str] = []
    for table in PROJECTION_TABLES:
        lines.extend(_table_diff(table, live.get(table.name, []), other.get(table.name, [])))
    if len(lines) > limit:
        return [*lines[:limit], f"... and {len(lines) - limit} more differences"]
    return lines
