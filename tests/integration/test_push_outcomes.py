"""Each delivery is decided once: outcomes written to a real database (SQLite file)."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

from prometheus_client import REGISTRY
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import create_async_engine

from push import outcomes
from push.sender import Attempt, Verdict
from push.tables import DEAD, PENDING, metadata, push_delivery
from tests.integration.push_support import quick_push


def _counted(reason: str) -> float:
    labels = {"target_kind": "abonnement", "reason": reason}
    return REGISTRY.get_sample_value("midoffice_push_dead_letters_total", labels) or 0.0


async def test_a_delivery_is_dead_lettered_and_counted_once_and_keeps_that_decision(
    tmp_path: Path,
) -> None:
    engine = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'push.sqlite3'}")
    now = time.time()
    row = {
        "target": "abonnement:x",
        "zaak": uuid.uuid4(),
        "fact_id": uuid.uuid4(),
        "fact_type": "t",
        "resource": "zaak",
        "actie": "create",
        "dedupe_key": "k",
        "idempotency_key": str(uuid.uuid4()),
        "content_type": "application/json",
        "body": "{}",
        "state": PENDING,
        "created_at": now,
        "queued_at": now,
        "next_attempt_at": now,
    }
    try:
        async with engine.begin() as conn:
            await conn.run_sync(metadata.create_all)
            await conn.execute(insert(push_delivery).values(**row))
            [stored] = list(await conn.execute(select(push_delivery)))
        before = _counted("expired")
        async with engine.begin() as conn:
            assert await outcomes.dead_letter(conn, stored, "expired: first", now)
            assert not await outcomes.dead_letter(conn, stored, "expired: second", now)
            late = Attempt(Verdict.delivered, 204, "")
            await outcomes.record(conn, stored, late, now + 1, quick_push())
            [after] = list(await conn.execute(select(push_delivery)))
        assert _counted("expired") == before + 1
        assert (after.state, after.note, after.attempts) == (DEAD, "expired: first", 0)
    finally:
        await engine.dispose()
