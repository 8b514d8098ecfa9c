"""Idempotency-Key: a write repeated with the same key within 24 hours gets the first
outcome and creates nothing new.

The gateway passes the client's ``Idempotency-Key`` header and a hash of the request in the
envelope (``idempotencykey``, ``requesthash``). The processor, as the single writer, records
(client, key) -> first outcome in ``idempotentie`` in the same transaction as the effect; a
repeat is answered from there. Two repeats racing on different partitions (a new zaak has a new
uuid, so a new key) meet at the primary key: the loser's savepoint rolls back and it decides
again, now finding the first outcome. The same key with another request is a 409. Requests
without the header are not affected; the same body without a key (or with another key) is a
new request, as HTTP has it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Final

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from schemas.envelope import Envelope
from schemas.outcome import Accepted, InvalidParam, Outcome, Rejected
from zaakmagazijn.deciding import Clock, Handler
from zaakmagazijn.tables import idempotentie

WINDOW: Final = dt.timedelta(hours=24)
KEY_REUSED: Final = "idempotency-key-reused"


def _stored(outcome: Outcome) -> dict[str, Any]:
    if isinstance(outcome, Accepted):
        return {"status": "accepted", "resource": outcome.resource,
                "resourceUuid": str(outcome.resource_uuid)}  # fmt: skip
    return {
        "status": "rejected",
        "code": outcome.code,
        "title": outcome.title,
        "statusCode": outcome.status_code,
        "invalidParams": [[p.name, p.code, p.reason] for p in outcome.invalid_params],
    }


def _outcome(stored: dict[str, Any]) -> Outcome:
    if stored["status"] == "accepted":
        return Accepted(stored["resource"], uuid.UUID(stored["resourceUuid"]), facts=())
    return Rejected(
        invalid_params=tuple(InvalidParam(*p) for p in stored["invalidParams"]),
        code=stored["code"],
        title=stored["title"],
        status_code=int(stored["statusCode"]),
    )


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def idempotent(handler: Handler, clock: Clock) -> Handler:
    """``handler``, answering repeats of an Idempotency-Key with the first outcome."""

    async def run(conn: AsyncConnection, envelope: Envelope) -> Outcome:
        if not envelope.idempotencykey:
            return await handler(conn, envelope)
        key = (
            idempotentie.c.client_id == envelope.clientid,
            idempotentie.c.sleutel == envelope.idempotencykey,
        )
        now = clock()
        row = (await conn.execute(select(idempotentie).where(*key))).first()
        if row is not None and _aware(row.created_at) > now - WINDOW:
            if row.request_hash != envelope.requesthash:
                reason = "Deze Idempotency-Key is al gebruikt voor een ander verzoek."
                problem = InvalidParam("Idempotency-Key", KEY_REUSED, reason)
                return Rejected((problem,), code=KEY_REUSED, title=reason, status_code=409)
            return _outcome(row.uitkomst)
        outcome = await handler(conn, envelope)
        await conn.execute(delete(idempotentie).where(idempotentie.c.created_at < now - WINDOW))
        await conn.execute(delete(idempotentie).where(*key))
        await conn.execute(
            insert(idempotentie).values(
                client_id=envelope.clientid,
                sleutel=envelope.idempotencykey,
                request_hash=envelope.requesthash,
                event_id=envelope.id,
                uitkomst=_stored(outcome),
                created_at=now,
            )
        )
        return outcome

    run.__doc__ = handler.__doc__
    return run
