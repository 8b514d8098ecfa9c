"""The inbox: which events a consumer has processed, and with what outcome.

Written in the same transaction as the effect, so a redelivered event is recognised and
skipped (at-least-once delivery, exactly-once effect).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from midoffice.processing.tables import processed_event
from schemas.outcome import Accepted, InvalidParam, Outcome, Rejected

DEAD_LETTER = "dead_letter"


async def seen(
    conn: AsyncConnection, consumer: str, event_ids: Iterable[uuid.UUID]
) -> set[uuid.UUID]:
    """The subset of ``event_ids`` this consumer has already processed."""
    ids = list(event_ids)
    if not ids:
        return set()
    rows = await conn.execute(
        select(processed_event.c.event_id).where(
            processed_event.c.consumer == consumer, processed_event.c.event_id.in_(ids)
        )
    )
    return {row.event_id for row in rows}


async def record(
    conn: AsyncConnection,
    consumer: str,
    event_id: uuid.UUID,
    outcome: Outcome | str,
    detail: Any = None,
) -> None:
    """Record that ``event_id`` was processed, with its outcome (or ``DEAD_LETTER``)."""
    values: dict[str, Any] = {
        "consumer": consumer,
        "event_id": event_id,
        "processed_at": dt.datetime.now(dt.UTC),
        "resource": "",
        "resource_uuid": None,
        "detail": detail,
    }
    if isinstance(outcome, Accepted):
        values |= {
            "outcome": "accepted",
            "resource": outcome.resource,
            "resource_uuid": outcome.resource_uuid,
        }
    elif isinstance(outcome, Rejected):
        values |= {
            "outcome": "rejected",
            "resource": outcome.resource,
            "detail": {
                "code": outcome.code,
                "title": outcome.title,
                "invalidParams": [asdict(p) for p in outcome.invalid_params],
            },
        }
    else:
        values["outcome"] = outcome
    await conn.execute(insert(processed_event).values(**values))


async def load(conn: AsyncConnection, event_id: uuid.UUID) -> Outcome | None:
    """The recorded outcome of ``event_id``, whichever processor decided on it, or None if
    none did (yet). Each intake event type has exactly one deciding processor."""
    row = (
        await conn.execute(select(processed_event).where(processed_event.c.event_id == event_id))
    ).first()
    if row is None:
        return None
    if row.outcome == "accepted":
        return Accepted(resource=row.resource, resource_uuid=row.resource_uuid, facts=())
    detail = row.detail or {}
    if row.outcome == DEAD_LETTER:
        return Rejected(
            invalid_params=(),
            code="verwerking-mislukt",
            title="The event could not be processed and was moved to the dead-letter topic.",
        )
    return Rejected(
        invalid_params=tuple(InvalidParam(**p) for p in detail.get("invalidParams", [])),
        code=detail.get("code", "invalid"),
        title=detail.get("title", "Invalid input."),
        resource=row.resource,
    )
