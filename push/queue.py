"""Writing to and claiming from the delivery queue (``push_delivery``).

Order per (zaak, target): only the oldest pending row of a pair is eligible (the *head*), so
a delivery waits until the previous one for that pair is delivered or dead-lettered. A head
is claimed with a lease (a conditional UPDATE), so several dispatchers may run side by side
without sending one row twice at the same time; an expired lease (crashed dispatcher) frees it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from sqlalchemy import (
    Float,
    Integer,
    String,
    bindparam,
    exists,
    false,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from push.tables import IS_PENDING, PENDING, push_delivery


async def lock_for_write(conn: AsyncConnection) -> None:
    """On SQLite, take the write lock first: a deferred transaction that reads before it writes
    fails at once (SQLITE_BUSY_SNAPSHOT) when another connection wrote in between; one that
    starts with a write waits for the lock instead (busy_timeout). No-op on PostgreSQL.
    Not needed in a transaction that began with the lock (SQLite's ``BEGIN IMMEDIATE``)."""
    if conn.dialect.name == "sqlite":
        await conn.execute(_TAKE_WRITE_LOCK)


_TAKE_WRITE_LOCK: Final = update(push_delivery).where(false()).values(lease_until=None)
_ROWS: Final = select(push_delivery).where(push_delivery.c.id.in_(bindparam("ids", expanding=True)))


_ADD: Final = {
    "postgresql": postgresql.insert(push_delivery).on_conflict_do_nothing(),
    "sqlite": sqlite.insert(push_delivery).on_conflict_do_nothing(),
}
"""Per dialect, built once; the columns come from the parameters."""
_PLAIN_INSERT: Final = insert(push_delivery)  # only the two databases above are supported


async def add(conn: AsyncConnection, row: dict[str, Any]) -> bool:
    """Queue one delivery; False when (target, dedupe_key) exists (a duplicate, dropped)."""
    statement = _ADD.get(conn.dialect.name, _PLAIN_INSERT)
    result = await conn.execute(statement, row)
    return bool(result.rowcount)


_SCHEDULED: Final = select(push_delivery.c.next_attempt_at, push_delivery.c.delivered_at).where(
    push_delivery.c.subject == bindparam("subject"),
    push_delivery.c.target == bindparam("target"),
    push_delivery.c.state != "suppressed",
    push_delivery.c.next_attempt_at > bindparam("horizon", type_=Float),
)


async def scheduled_times(
    conn: AsyncConnection, subject: str, target: str, since: float
) -> list[float]:
    """When the messages to ``subject`` on ``target`` since ``since`` go (or went)."""
    values = {"subject": subject, "target": target, "horizon": since - 86_400}
    return [
        row.delivered_at or row.next_attempt_at
        for row in await conn.execute(_SCHEDULED, values)
        if (row.delivered_at or row.next_attempt_at) > since
    ]


def _build_heads(d: Any = push_delivery, prefix: str = "") -> Any:
    earlier = push_delivery.alias("earlier")
    now = bindparam(f"{prefix}now", type_=Float)
    blocked = exists().where(
        earlier.c.target == d.c.target,
        earlier.c.zaak == d.c.zaak,
        earlier.c.state == PENDING,
        earlier.c.id < d.c.id,
    )
    return (
        select(d.c.id)
        .where(
            d.c.target == bindparam(f"{prefix}target", type_=String),
            d.c.state == PENDING,
            d.c.next_attempt_at <= now,
            (d.c.lease_until.is_(None)) | (d.c.lease_until < now),
            ~blocked,
        )
        .order_by(d.c.id)
        .limit(bindparam(f"{prefix}limit", type_=Integer))
    )


_HEADS = _build_heads()
"""Up to ``limit`` due, unleased heads of ``target``'s queue at ``now`` (built once: the
dispatcher asks it for every batch it sends)."""

_DUE_TARGETS = (
    select(push_delivery.c.target)
    .where(
        IS_PENDING,
        push_delivery.c.next_attempt_at <= bindparam("now", type_=Float),
        (push_delivery.c.lease_until.is_(None))
        | (push_delivery.c.lease_until < bindparam("now", type_=Float)),
    )
    .distinct()
)


async def _head_ids(conn: AsyncConnection, target: str, now: float, limit: int) -> list[int]:
    result = await conn.execute(_HEADS, {"target": target, "now": now, "limit": limit})
    return [row.id for row in result]


async def due_targets(conn: AsyncConnection, now: float) -> list[str]:
    """Targets with a pending row that is due and not leased."""
    return [row.target for row in await conn.execute(_DUE_TARGETS, {"now": now})]


async def claim(
    conn: AsyncConnection, target: str, now: float, limit: int, lease: float
) -> Sequence[Any]:
    """Lease up to ``limit`` heads of ``target``'s queue that are due; their rows, oldest first.

    On PostgreSQL one UPDATE ... RETURNING, atomic by itself (``conn`` may be in autocommit):
    a head that another dispatcher leased meanwhile fails the lease condition when the UPDATE
    re-checks the locked row, so it is not claimed twice.

    On SQLite (the embedded default: one process, one dispatcher, one worker per target) no
    lease is written: a worker only reads its heads again after it recorded their outcome,
    and every extra write transaction would make the processors' read-then-write
    transactions on the same file retry (SQLITE_BUSY_SNAPSHOT).
    """
    if conn.dialect.name == "sqlite":
        ids = await _head_ids(conn, target, now, limit)
        if not ids:
            return []
        rows = await conn.execute(_ROWS, {"ids": ids})
        return sorted(rows, key=lambda row: row.id)
    values = {"h_target": target, "h_now": now, "h_limit": limit, "h_lease": now + lease}
    rows = await conn.execute(_CLAIM, values)
    return sorted(rows, key=lambda row: row.id)


def _build_claim() -> Any:
    d = push_delivery  # an UPDATE reserves its columns' names for bind parameters: h_*
    now = bindparam("h_now", type_=Float)
    heads = _build_heads(d.alias("head"), prefix="h_").scalar_subquery()
    return (
        update(d)
        .where(
            d.c.id.in_(heads),
            d.c.state == PENDING,
            (d.c.lease_until.is_(None)) | (d.c.lease_until < now),
        )
        .values(lease_until=bindparam("h_lease", type_=Float))
        .returning(*d.c)
    )


_CLAIM = _build_claim()
