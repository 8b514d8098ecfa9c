"""``midoffice replay NAME`` and ``midoffice verify NAME``: rebuild and check projections."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

from midoffice.bus import connect
from midoffice.projections import PROJECTIONS, Projection
from midoffice.replay import ReplayError, replay, verify
from midoffice.settings import Settings

replay_app = typer.Typer(help="Rebuild a projection from the events topic.", no_args_is_help=True)
verify_app = typer.Typer(
    help="Replay into a temporary database and compare with the live projection.",
    no_args_is_help=True,
)
console = Console(stderr=True)


def _progress() -> Progress:
    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
    )


def _replay_command(projection: Projection, load_settings: Callable[[], Settings]) -> None:
    def command(
        into: Annotated[str, typer.Option(help="Database URL to rebuild into.")],
        from_offset: Annotated[int | None, typer.Option(help="Start every partition here.")] = None,
        from_time: Annotated[
            dt.datetime | None, typer.Option(help="Start at the first fact at or after this time.")
        ] = None,
    ) -> None:
        if from_offset is not None and from_time is not None:
            console.print("[red]give --from-offset or --from-time, not both[/]")
            raise typer.Exit(2)
        settings = load_settings()
        if from_time is not None and from_time.tzinfo is None:
            from_time = from_time.replace(tzinfo=dt.UTC)

        async def run() -> None:
            bus = connect(settings.bus_url)
            await bus.start()
            try:
                with _progress() as progress:
                    task = progress.add_task(f"replay {projection.name}", total=None)
                    report = await replay(
                        bus, settings.events_topic, projection, into,
                        from_offset=from_offset, from_time=from_time,
                        progress=lambda done, total: progress.update(
                            task, completed=done, total=total
                        ),
                    )  # fmt: skip
            finally:
                await bus.close()
            console.print(
                f"applied {report.applied}, duplicates {report.duplicates}, "
                f"skipped {report.skipped}, undecodable {len(report.undecodable)}"
            )
            for line in report.undecodable[:20]:
                console.print(f"  [yellow]{line}[/]")

        try:
            asyncio.run(run())
        except ReplayError as exc:
            console.print(f"[bold red]replay failed:[/] {exc}")
            raise typer.Exit(1) from None

    command.__doc__ = f"Rebuild the {projection.name} projection into another database."
    replay_app.command(projection.name)(command)


def _verify_command(projection: Projection, load_settings: Callable[[], Settings]) -> None:
    def command() -> None:
        settings = load_settings()

        async def run() -> bool:
            bus = connect(settings.bus_url)
            await bus.start()
            try:
                with _progress() as progress:
                    task = progress.add_task(f"verify {projection.name}", total=None)
                    report = await verify(
                        bus, settings.events_topic, projection, settings.database_url,
                        progress=lambda done, total: progress.update(
                            task, completed=done, total=total
                        ),
                    )  # fmt: skip
            finally:
                await bus.close()
            console.print(f"live    {report.live_hash}\nreplay  {report.replay_hash}")
            for line in report.differences:
                console.print(f"  [red]{line}[/]")
            console.print("[green]equal[/]" if report.equal else "[bold red]DIFFERENT[/]")
            return report.equal

        try:
            equal = asyncio.run(run())
        except ReplayError as exc:
            console.print(f"[bold red]verify failed:[/] {exc}")
            raise typer.Exit(1) from None
        if not equal:
            raise typer.Exit(1)

    command.__doc__ = f"Verify the live {projection.name} against a rebuild from the log."
    verify_app.command(projection.name)(command)


def register(load_settings: Callable[[], Settings]) -> None:
    """Add one replay and one verify command per projection."""
    for projection in PROJECTIONS.values():
        _replay_command(projection, load_settings)
        _verify_command(projection, load_settings)
