"""The delivery ledger: what went to whom, when, with how many attempts and which outcome.

The ledger is the queue table itself (``push_delivery``), so it can never disagree with what
was sent. Reads per zaak and per citizen (by pseudonym); requeueing a dead letter makes it
pending again with fresh attempts and a fresh deadline, keeping its idempotency key (a receiver
that got it before can drop it).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from typing import Any

import structlog
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from push.tables import DEAD, PENDING, push_delivery

log = structlog.get_logger(__name__)
MAX_PAGE = 100


def _iso(value: float | None) -> str | None:
    if value is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(value)) + f".{int(value % 1 * 1000):03d}Z"


def entry(row: Any) -> dict[str, Any]:
    """One ledger entry as the operator API and the CLI show it (no body, no BSN)."""
    return {
        "id": row.id,
        "doel": row.target,
        "zaak": str(row.zaak),
        "event": str(row.fact_id),
        "eventType": row.fact_type,
        "resource": row.resource,
        "actie": row.actie,
        "burger": row.subject,
        "status": row.state,
        "opmerking": row.note,
        "pogingen": row.attempts,
        "laatsteHttpStatus": row.last_status,
        "laatsteFout": row.last_error,
        "idempotencyKey": row.idempotency_key,
        "aangemaakt": _iso(row.created_at),
        "volgendePoging": _iso(row.next_attempt_at) if row.state == PENDING else None,
        "afgeleverd": _iso(row.delivered_at),
        "deadLetter": _iso(row.dead_at),
    }


async def search(
    conn: AsyncConnection,
    *,
    zaak: uuid.UUID | None = None,
    subject: str | None = None,
    state: str | None = None,
    target: str | None = None,
    offset: int = 0,
    limit: int = MAX_PAGE,
) -> tuple[int, Sequence[Any]]:
    """Ledger rows matching every given criterion, oldest first, and how many there are."""
    d = push_delivery
    conditions = []
    if zaak is not None:
        conditions.append(d.c.zaak == zaak)
    if subject is not None:
        conditions.append(d.c.subject == subject)
    if state is not None:
        conditions.append(d.c.state == state)
    if target is not None:
        conditions.append(d.c.target == target)
    from sqlalchemy import func

    count = await conn.scalar(select(func.count()).select_from(d).where(*conditions))
    rows = await conn.execute(
        select(d).where(*conditions).order_by(d.c.id).offset(offset).limit(limit)
    )
    return int(count or 0), list(rows)


async def get(conn: AsyncConnection, identifier: int) -> Any | None:
    return (
        await conn.execute(select(push_delivery).where(push_delivery.c.id == identifier))
    ).first()


async def requeue(conn: AsyncConnection, identifier: int, now: float | None = None) -> bool:
    """Make a dead letter pending again; False when it is not a dead letter."""
    now = time.time() if now is None else now
    result = await conn.execute(
        update(push_delivery)
        .where(push_delivery.c.id == identifier, push_delivery.c.state == DEAD)
        .values(
            state=PENDING,
            attempts=0,
            queued_at=now,
            next_attempt_at=now,
            lease_until=None,
            dead_at=None,
            note="opnieuw aangeboden",
        )
    )
    if result.rowcount:
        log.info("push_requeued", delivery=identifier)
    return bool(result.rowcount)
