"""``midoffice catalogus import FILE`` and ``midoffice catalogus export --catalogus ...``.

Import validates the whole file first (every field and every rule between objects) and then
checks it against the stored catalogue; any problem stops it before anything is published,
each reported as ``FILE: path.inside.file: reason``. Then one atomic
``catalogus-geimporteerd`` event per catalogus goes through the log, and the command waits
for the catalogi processor's outcome (exit 0 accepted, 1 invalid or rejected, 3 not decided
in time: the event stays on the log and is applied when a catalogi processor runs).
"""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from catalogi import state
from catalogi.export import export_yaml
from catalogi.importing import import_problems
from catalogi.loader import CatalogueFileError
from catalogi.model import Catalogus
from midoffice import migrations
from midoffice.bus import connect
from midoffice.db import create_engine
from midoffice.intake import BusIntake
from midoffice.roles.catalogi import prepare_import, submit_import
from midoffice.settings import Settings
from schemas.envelope import Envelope
from schemas.outcome import Rejected

catalogus_app = typer.Typer(
    help="Import and export catalogues (one YAML file per municipality).", no_args_is_help=True
)
console = Console(stderr=True)
CLIENT = "midoffice-cli"


def _settings() -> Settings:
    from midoffice.cli import load_settings  # the CLI's settings loading, with its messages

    return load_settings()


async def _migrated(settings: Settings) -> None:
    if behind := await migrations.pending(settings.database_url):
        console.print(
            f"[red]database not migrated ({', '.join(behind)}): run `midoffice migrate`[/]"
        )
        raise typer.Exit(2)


@catalogus_app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="The catalogue file (YAML).")],
    wait: Annotated[float, typer.Option(help="Seconds to wait for the outcome.")] = 30.0,
) -> None:
    """Import a catalogue file: validated completely, applied all or nothing per catalogus."""
    settings = _settings()
    try:
        prepared = prepare_import(file, settings, clientid=CLIENT)
    except CatalogueFileError as exc:
        for line in str(exc).splitlines():
            console.print(escape(line), soft_wrap=True)
        raise typer.Exit(1) from None
    exit_code = asyncio.run(_import(settings, file, prepared, wait))
    raise typer.Exit(exit_code)


async def _import(
    settings: Settings, file: Path, prepared: list[tuple[Catalogus, Envelope]], wait: float
) -> int:
    await _migrated(settings)
    engine = create_engine(settings.database_url)
    bus = connect(settings.bus_url)
    await bus.start()
    try:
        from midoffice.bootstrap import ensure_topics

        await ensure_topics(bus, settings)
        async with engine.connect() as conn:
            problems = await import_problems(conn, [c for c, _ in prepared])
        if problems:
            for where, why in problems:
                console.print(escape(f"{file}: {where}: {why}"), soft_wrap=True)
            return 1
        outcomes = await submit_import(
            prepared,
            BusIntake(bus, engine, settings.intake_topic),
            timeout=wait,
        )
    finally:
        await bus.close()
        await engine.dispose()
    code = 0
    for index, (catalogus, outcome) in enumerate(outcomes):
        label = f"catalogus {catalogus.uuid} ({catalogus.domein}, rsin {catalogus.rsin})"
        if outcome is None:
            console.print(f"[yellow]{label}: published, not decided yet (is a catalogi "
                          "processor running?)[/]")  # fmt: skip
            code = max(code, 3)
        elif isinstance(outcome, Rejected):
            for p in outcome.invalid_params:
                console.print(escape(f"{file}: catalogussen[{index}].{p.name}: {p.reason}"))
            code = 1
        else:
            console.print(f"[green]{label}: imported[/]")
    return code


@catalogus_app.command("export")
def export_command(
    catalogus: Annotated[
        list[str], typer.Option("--catalogus", "-c", help="UUID or domein (repeatable).")
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default stdout).")
    ] = None,
) -> None:
    """Write catalogussen as a catalogue file that `catalogus import` reads."""
    settings = _settings()
    found = asyncio.run(_load(settings, catalogus))
    text = export_yaml(found, settings.referentielijsten_url)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        console.print(f"wrote {len(found)} catalogus(sen) to {output}")


async def _load(settings: Settings, wanted: list[str]) -> list[Catalogus]:
    await _migrated(settings)
    engine = create_engine(settings.database_url)
    try:
        async with engine.connect() as conn:
            stored = await state.load_all(conn)
    finally:
        await engine.dispose()
    chosen: list[Catalogus] = []
    for key in wanted:
        matches = [c for c in stored if str(c.uuid) == _uuid_text(key) or c.domein == key]
        if len(matches) != 1:
            reason = "no catalogus" if not matches else "several catalogussen (give the uuid)"
            console.print(f"[red]--catalogus {escape(key)}: {reason}[/]")
            raise typer.Exit(1)
        if matches[0] not in chosen:
            chosen.append(matches[0])
    return chosen


def _uuid_text(key: str) -> str:
    try:
        return str(uuid.UUID(key))
    except ValueError:
        return key
