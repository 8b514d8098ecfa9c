"""The inbox: which events a consumer has processed, and with what outcome.

Written in the same transaction as the effect, so a redelivered event is recognised and
skipped (at-least-once delivery, exactly-once effect).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any, Final

from sqlalchemy import bindparam, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from midoffice.processing.tables import processed_event
from schemas.outcome import Accepted, InvalidParam, Outcome, Rejected

DEAD_LETTER = "dead_letter"


_SEEN: Final = select(processed_event.c.event_id).where(
    processed_event.c.consumer == bindparam("consumer"),
    processed_event.c.event_id.in_(bindparam("event_ids", expanding=True)),
)
"""Built once: every batch of every processor asks it."""


async def seen(
    conn: AsyncConnection, consumer: str, event_ids: Iterable[uuid.UUID]
) -> set[uuid.UUID]:
    """The subset of ``event_ids`` this consumer has already processed."""
    ids = list(event_ids)
    if not ids:
        return set()
    rows = await conn.execute(_SEEN, {"consumer": consumer, "event_ids": ids})
    return {row.event_id for row in rows}


def entry(
    consumer: str,
    event_id: uuid.UUID,
    outcome: Outcome | str,
    detail: Any = None,
    client_id: str = "",
) -> dict[str, Any]:
    """The inbox row that records ``event_id`` as processed, with its outcome (or
    ``DEAD_LETTER``). ``client_id``, the submitting client, goes into ``detail.clientid``:
    only that client may poll the outcome."""
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
                "statusCode": outcome.status_code,
            },
        }
    else:
        values["outcome"] = outcome
    if client_id:
        values["detail"] = {**(values["detail"] or {}), "clientid": client_id}
    return values


async def record(
    conn: AsyncConnection,
    consumer: str,
    event_id: uuid.UUID,
    outcome: Outcome | str,
    detail: Any = None,
) -> None:
    """Record that ``event_id`` was processed, with its outcome (or ``DEAD_LETTER``)."""
    await record_all(conn, [entry(consumer, event_id, outcome, detail)])


async def record_all(conn: AsyncConnection, entries: Sequence[dict[str, Any]]) -> None:
    """Insert the inbox rows made by :func:`entry`, in one statement."""
    if entries:
        await conn.execute(insert(processed_event), list(entries))


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
        status_code=int(detail.get("statusCode", 400)),
    )


async def submitter(conn: AsyncConnection, event_id: uuid.UUID) -> str | None:
    """The client_id that submitted ``event_id``, as recorded with its outcome; None when
    undecided or recorded without one."""
    detail = await conn.scalar(
        select(processed_event.c.detail).where(processed_event.c.event_id == event_id).limit(1)
    )
    client_id = detail.get("clientid") if isinstance(detail, dict) else None
    return client_id if isinstance(client_id, str) else None
