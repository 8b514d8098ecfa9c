"""Recording the outcome of an attempt in the ledger, dead letters and their alert."""

from __future__ import annotations

from typing import Any, Final

import structlog
from sqlalchemy import bindparam, update
from sqlalchemy.ext.asyncio import AsyncConnection

from push import metrics
from push.policy import backoff
from push.sender import Attempt, Verdict
from push.settings import PushSettings
from push.tables import DEAD, DELIVERED, PENDING, push_delivery

log = structlog.get_logger(__name__)


_STILL_PENDING: Final = update(push_delivery).where(
    push_delivery.c.id == bindparam("o_id"), push_delivery.c.state == PENDING
)
"""UPDATE of one row that is still pending, built once (the SET columns come from the
parameters; ``o_id`` because an UPDATE reserves its columns' names)."""


async def dead_letter(
    conn: AsyncConnection, row: Any, reason: str, now: float, attempts: int | None = None
) -> bool:
    """Move ``row`` to dead letters with ``reason``: ledger, alert (no BSN), metric.

    Only a pending row moves; False (and nothing counted) when another decision got there
    first, so a delivery is dead-lettered, counted and alerted once."""
    moved = await conn.execute(
        _STILL_PENDING,
        {"o_id": row.id, "state": DEAD, "dead_at": now, "note": reason[:500], "lease_until": None},
    )
    if not moved.rowcount:
        return False
    short = reason.split(":", 1)[0]
    metrics.DEAD_LETTERS.labels(metrics.kind(row.target), short).inc()
    metrics.DELIVERIES.labels(metrics.kind(row.target), "dead").inc()
    log.error(
        "push_delivery_dead_lettered",
        alert=True,
        delivery=row.id,
        target=row.target,
        zaak=str(row.zaak),
        subject=row.subject,
        attempts=row.attempts if attempts is None else attempts,
        reason=reason,
    )
    return True


async def record(
    conn: AsyncConnection, row: Any, result: Attempt, now: float, settings: PushSettings
) -> None:
    """Write the attempt's outcome: delivered, rescheduled with backoff, or dead.

    A row that is no longer pending (dead-lettered meanwhile) keeps its decision."""
    attempts = row.attempts + 1
    common = {
        "o_id": row.id,
        "attempts": attempts,
        "last_status": result.status,
        "last_error": result.error,
        "lease_until": None,
    }
    if result.verdict == Verdict.delivered:
        written = await conn.execute(
            _STILL_PENDING, {**common, "state": DELIVERED, "delivered_at": now}
        )
        if not written.rowcount:
            log.warning("push_outcome_superseded", delivery=row.id, target=row.target)
            return
        metrics.DELIVERIES.labels(metrics.kind(row.target), "delivered").inc()
        log.info("push_delivered", delivery=row.id, target=row.target, attempts=attempts)
        return
    written = await conn.execute(_STILL_PENDING, common)
    if not written.rowcount:
        log.warning("push_outcome_superseded", delivery=row.id, target=row.target)
        return
    if result.verdict == Verdict.permanent:
        await dead_letter(conn, row, f"permanent: {result.error}", now, attempts)
        return
    if now - row.queued_at >= settings.dead_letter_after:
        await dead_letter(
            conn, row, f"expired: {result.error} after {attempts} attempts", now, attempts
        )
        return
    delay = backoff(attempts, settings.backoff_initial, settings.backoff_max)
    await conn.execute(
        _STILL_PENDING,
        {"o_id": row.id, "state": PENDING, "next_attempt_at": now + delay},
    )
    metrics.DELIVERIES.labels(metrics.kind(row.target), "retry").inc()
    log.warning(
        "push_retry",
        delivery=row.id,
        target=row.target,
        attempts=attempts,
        error=result.error,
        delay=round(delay, 3),
    )
