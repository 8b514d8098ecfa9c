"""``midoffice replay zaakmagazijn --into URL [--from-offset N | --from-time T]`` and
``midoffice verify zaakmagazijn`` through the real CLI (typer, in process) on an embedded log
with one partition. A partial replay continues a restored backup from where it was taken; into
an empty database it stops with a clear message instead of a half-applied zaak. verify exits
0 on an equal projection and 1 with the difference on a tampered one."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from midoffice import cli as cli_module
from midoffice.bus import connect
from midoffice.cli import app
from midoffice.settings import Settings
from tests.integration.zaken_support import ZAKEN, A, running_midoffice, zaak_body


async def _traffic(tmp: Path) -> tuple[Settings, int, dt.datetime]:
    """Zaak EERST; a backup of the live database (``backup.sqlite3``) and the log's end and
    the time at that point; then zaak LATER and a status of EERST."""
    async with running_midoffice(tmp, partitions=1) as api:
        eerst = await api.created(ZAKEN, zaak_body(identificatie="EERST"))
        with sqlite3.connect(tmp / "zaakmagazijn.sqlite3") as live, sqlite3.connect(
            tmp / "backup.sqlite3"
        ) as backup:
            live.backup(backup)
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
        await asyncio.sleep(0.01)  # the log keeps milliseconds: what follows is strictly after
        await api.created(ZAKEN, zaak_body(identificatie="LATER"))
        await api.created("/zaken/api/v1/statussen", {
            "zaak": eerst["url"], "statustype": A.statustype(1),
            "datumStatusGezet": "2026-03-02T09:00:00Z",
        })  # fmt: skip
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


def _content(path: Path) -> tuple[list[str], int]:
    """The zaak identificaties and the number of statussen in a zaakmagazijn database."""
    with sqlite3.connect(path) as db:
        zaken = sorted(row[0] for row in db.execute("SELECT identificatie FROM zaak"))
        return zaken, db.execute("SELECT count(*) FROM status").fetchone()[0]


def test_replay_from_offset_or_time_and_verify(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In one process the CLI must not point the (cached) loggers at CliRunner's streams,
    # which it closes after each command; `midoffice` configures logging once per process.
    monkeypatch.setattr(cli_module, "configure_logging", lambda *args, **kwargs: None)
    settings, middle, between = asyncio.run(_traffic(tmp_path))
    cli, env = CliRunner(), _env(settings)

    def replay(into: Path, *start: str) -> Any:
        url = f"sqlite+aiosqlite:///{into}"
        return cli.invoke(app, ["replay", "zaakmagazijn", "--into", url, *start], env=env)

    everything = replay(tmp_path / "all.sqlite3")
    assert everything.exit_code == 0, (everything.output, everything.exception)
    assert _content(tmp_path / "all.sqlite3") == (["EERST", "LATER"], 1)
    for name, start in (("offset", ["--from-offset", str(middle)]),
                        ("time", ["--from-time", between.isoformat()])):  # fmt: skip
        restored = tmp_path / f"restored-{name}.sqlite3"
        shutil.copyfile(tmp_path / "backup.sqlite3", restored)
        assert _content(restored) == (["EERST"], 0)
        result = replay(restored, *start)
        assert result.exit_code == 0, (result.output, result.exception)
        assert _content(restored) == (["EERST", "LATER"], 1), name
        empty = replay(tmp_path / f"empty-{name}.sqlite3", *start)
        assert empty.exit_code == 1, (empty.output, empty.exception)
        assert "replay failed" in empty.output and "earlier fact" in " ".join(empty.output.split())
    both = replay(tmp_path / "x.sqlite3", "--from-offset", "0", "--from-time", between.isoformat())
    assert both.exit_code == 2

    equal = cli.invoke(app, ["verify", "zaakmagazijn"], env=env)
    assert equal.exit_code == 0, equal.output
    assert "equal" in equal.output
    with sqlite3.connect(tmp_path / "zaakmagazijn.sqlite3") as db:
        db.execute("UPDATE zaak SET omschrijving = 'buiten de log' WHERE identificatie = 'LATER'")
    different = cli.invoke(app, ["verify", "zaakmagazijn"], env=env)
    assert different.exit_code == 1, different.output
    assert "DIFFERENT" in different.output and "omschrijving" in different.output
