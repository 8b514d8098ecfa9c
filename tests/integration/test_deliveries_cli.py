"""``midoffice deliveries list / requeue`` against a real (SQLite) ledger."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

from typer.testing import CliRunner

from midoffice.cli import app
from midoffice.db import create_engine
from push import migrate, queue
from push.tables import DEAD


def _ledger(url: str, zaak: uuid.UUID) -> None:
    async def run() -> None:
        await migrate.upgrade(url)
        engine = create_engine(url)
        async with engine.begin() as conn:
            await queue.add(
                conn,
                {
                    "target": "abonnement:x",
                    "zaak": zaak,
                    "fact_id": uuid.uuid4(),
                    "fact_type": "nl.overheid.zaken.zaakstatus-gewijzigd",
                    "resource": "status",
                    "actie": "create",
                    "dedupe_key": "status:1",
                    "idempotency_key": str(uuid.uuid4()),
                    "subject": None,
                    "content_type": "application/json",
                    "body": "{}",
                    "state": DEAD,
                    "note": "permanent: HTTP 400",
                    "attempts": 1,
                    "last_error": "HTTP 400",
                    "created_at": 1.0,
                    "queued_at": 1.0,
                    "next_attempt_at": 1.0,
                    "dead_at": 2.0,
                },
            )
        await engine.dispose()

    asyncio.run(run())


def test_list_and_requeue(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/ledger.sqlite3"
    zaak = uuid.uuid4()
    _ledger(url, zaak)
    runner = CliRunner()
    env = {"MIDOFFICE_DATABASE_URL": url, "COLUMNS": "300"}
    listed = runner.invoke(app, ["deliveries", "list", "--status", "dead"], env=env)
    assert listed.exit_code == 0, listed.output
    assert "abonnement:x" in listed.output and "1 of 1" in listed.output
    assert runner.invoke(app, ["deliveries", "list"], env=env).exit_code == 2
    requeued = runner.invoke(app, ["deliveries", "requeue", "--doel", "abonnement:x"], env=env)
    assert requeued.exit_code == 0 and "requeued 1 of 1" in requeued.output
    again = runner.invoke(app, ["deliveries", "requeue", "1"], env=env)
    assert again.exit_code == 1  # not a dead letter any more
    pending = runner.invoke(app, ["deliveries", "list", "--zaak", str(zaak)], env=env)
    assert "pending" in pending.output
