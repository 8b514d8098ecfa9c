"""``midoffice replay zaakmagazijn --into URL [--from-offset N | --from-time T]`` and
``midoffice verify zaakmagazijn`` through the real CLI (typer, in process) on an embedded log
with one partition: a partial replay starts exactly where it is told, verify exits 0 on an
equal projection and 1 with the difference on a tampered one."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from midoffice import cli as cli_module
from midoffice.bus import connect
from midoffice.cli import app
from midoffice.settings import Settings
from tests.integration.zaken_support import ZAKEN, running_midoffice, zaak_body


async def _traffic(tmp: Path) -> tuple[Settings, int, dt.datetime]:
    """Zaak EERST, then zaak LATER; the log end and the time between them."""
    async with running_midoffice(tmp, partitions=1) as api:
        await api.created(ZAKEN, zaak_body(identificatie="EERST"))
        bus = connect(api.settings.bus_url)
        await bus.start()
        try:
            reader = bus.reader(api.settings.events_topic)
            await reader.start()
            middle = await reader.end_offset(0)
            await reader.stop()
        finally:
            await bus.close()
        between = dt.datetime.now(dt.UTC)
        await asyncio.sleep(0.01)  # the log keeps milliseconds: LATER is strictly after
        await api.created(ZAKEN, zaak_body(identificatie="LATER"))
        return api.settings, middle, between


def _env(settings: Settings) -> dict[str, str]:
    return {
        "MIDOFFICE_BUS_URL": settings.bus_url,
        "MIDOFFICE_DATABASE_URL": settings.database_url,
        "MIDOFFICE_PARTITIONS": str(settings.partitions),
        "MIDOFFICE_INTAKE_TOPIC": settings.intake_topic,
        "MIDOFFICE_EVENTS_TOPIC": settings.events_topic,
        "MIDOFFICE_DEMO_CLIENT_ENABLED": "false",
    }


def _identificaties(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return sorted(row[0] for row in db.execute("SELECT identificatie FROM zaak"))


def test_replay_from_offset_or_time_and_verify(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In one process the CLI must not point the (cached) loggers at CliRunner's streams,
    # which it closes after each command; `midoffice` configures logging once per process.
    monkeypatch.setattr(cli_module, "configure_logging", lambda *args, **kwargs: None)
    settings, middle, between = asyncio.run(_traffic(tmp_path))
    cli, env = CliRunner(), _env(settings)

    def run(*args: str) -> Any:
        return cli.invoke(app, list(args), env=env)

    for name, start in (("all", []), ("offset", ["--from-offset", str(middle)]),
                        ("time", ["--from-time", between.isoformat()])):  # fmt: skip
        into = tmp_path / f"{name}.sqlite3"
        result = run("replay", "zaakmagazijn", "--into", f"sqlite+aiosqlite:///{into}", *start)
        assert result.exit_code == 0, (result.output, result.exception)
        expected = ["EERST", "LATER"] if name == "all" else ["LATER"]
        assert _identificaties(into) == expected, name
    both = run("replay", "zaakmagazijn", "--into", "sqlite+aiosqlite:///x", "--from-offset",
               "0", "--from-time", between.isoformat())  # fmt: skip
    assert both.exit_code == 2

    equal = run("verify", "zaakmagazijn")
    assert equal.exit_code == 0, equal.output
    assert "equal" in equal.output
    with sqlite3.connect(tmp_path / "zaakmagazijn.sqlite3") as db:
        db.execute("UPDATE zaak SET omschrijving = 'buiten de log' WHERE identificatie = 'LATER'")
    different = run("verify", "zaakmagazijn")
    assert different.exit_code == 1, different.output
    assert "DIFFERENT" in different.output and "omschrijving" in different.output
