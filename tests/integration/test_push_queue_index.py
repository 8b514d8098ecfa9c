"""The dispatcher's queue reads find the pending rows through their partial index, not by
scanning the ledger (every delivered row stays in ``push_delivery``). Both databases, on the
schema the push migrations build."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from midoffice.db import create_engine
from push import migrate, queue
from push.dispatcher import _EXPIRED
from push.tables import DELIVERED, PENDING

NOW = 1_000_000.0
INDEX = "ix_push_delivery_pending"


def _row(number: int, target: str, state: str, **extra: Any) -> dict[str, Any]:
    return {
        "target": target,
        "zaak": uuid.uuid4(),
        "fact_id": uuid.uuid4(),
        "fact_type": "nl.midoffice.zaakstatus-gewijzigd",
        "resource": "status",
        "actie": "create",
        "dedupe_key": f"dedupe-{number}",
        "idempotency_key": str(uuid.uuid4()),
        "subject": None,
        "content_type": "application/json",
        "body": "{}",
        "state": state,
        "note": "",
        "attempts": 0,
        "last_error": "",
        "created_at": NOW - 100,
        "queued_at": NOW - 100,
        "next_attempt_at": NOW - 100,
        **extra,
    }


async def _plan(conn: AsyncConnection, statement: Any) -> str:
    sql = str(statement.compile(conn.sync_connection, compile_kwargs={"literal_binds": True}))
    if conn.dialect.name == "sqlite":
        rows = await conn.execute(text(f"EXPLAIN QUERY PLAN {sql}"))
        return " | ".join(str(row[3]) for row in rows)
    await conn.execute(text("SET LOCAL enable_seqscan = off"))  # usable at all, whatever the size
    return " | ".join(str(row[0]) for row in await conn.execute(text(f"EXPLAIN {sql}")))


async def test_due_targets_and_expiry_use_the_pending_index(database_url: str) -> None:
    await migrate.upgrade(database_url)
    engine = create_engine(database_url)
    try:
        async with engine.begin() as conn:
            for number in range(300):
                await queue.add(conn, _row(number, f"abonnement:{number % 7}", DELIVERED))
            await queue.add(conn, _row(1001, "abonnement:due", PENDING))
            await queue.add(conn, _row(1002, "abonnement:later", PENDING, next_attempt_at=NOW + 60))
            await queue.add(conn, _row(1003, "abonnement:leased", PENDING, lease_until=NOW + 30))
        async with engine.begin() as conn:
            assert await queue.due_targets(conn, NOW) == ["abonnement:due"]
            due_plan = await _plan(conn, queue._DUE_TARGETS.params(now=NOW))
            expired = _EXPIRED.params(cutoff=NOW - 50, now=NOW)
            expired_targets = sorted(row.target for row in await conn.execute(expired))
            expiry_plan = await _plan(conn, expired)
        assert INDEX in due_plan, due_plan
        assert INDEX in expiry_plan, expiry_plan
        assert expired_targets == ["abonnement:due", "abonnement:later"]  # not the leased one
    finally:
        await engine.dispose()
