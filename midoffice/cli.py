"""The ``midoffice`` command: run the roles, migrate, replay and verify."""

from __future__ import annotations

import asyncio
import datetime as dt
import signal
import sys
from typing import Annotated

import typer
import uvicorn
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

from midoffice import migrations
from midoffice.blobs_cli import blobs_app
from midoffice.bootstrap import PROCESSORS, NotMigrated, Role, bootstrap
from midoffice.bus import connect
from midoffice.catalogus_cli import catalogus_app
from midoffice.logging import configure_logging
from midoffice.replay import ReplayError, replay_zaakmagazijn, verify_zaakmagazijn
from midoffice.roles import catalogi as catalogi_role
from midoffice.settings import Settings

app = typer.Typer(help="MidOffice servicebus for zaakgericht werken.", no_args_is_help=True)
process_app = typer.Typer(help="Run a processor role.", no_args_is_help=True)
replay_app = typer.Typer(help="Rebuild a projection from the log.", no_args_is_help=True)
verify_app = typer.Typer(help="Compare a projection with a rebuild from the log.")
app.add_typer(process_app, name="process")
app.add_typer(replay_app, name="replay")
app.add_typer(verify_app, name="verify")
app.add_typer(catalogus_app, name="catalogus")
app.add_typer(blobs_app, name="blobs")
console = Console(stderr=True)


def load_settings() -> Settings:
    """Settings from the environment; invalid ones stop the command with a clear message."""
    try:
        settings = Settings()
    except ValidationError as exc:
        console.print("[bold red]Invalid MidOffice settings:[/]")
        for error in exc.errors():
            name = "MIDOFFICE_" + "_".join(str(p) for p in error["loc"]).upper()
            console.print(f"  {name}: {error['msg']}")
        raise typer.Exit(2) from None
    configure_logging(settings.log_level, settings.log_json)
    return settings


async def _serve(settings: Settings, roles: set[Role], run_migrations: bool) -> None:
    try:
        runtime = await bootstrap(settings, roles, run_migrations=run_migrations)
    except NotMigrated as exc:
        console.print(f"[bold red]{exc}[/]")
        raise typer.Exit(2) from None
    stop = asyncio.Event()
    processors = asyncio.create_task(runtime.run_processors(stop))
    try:
        if {Role.gateway, Role.catalogi} <= roles:  # `serve`: an empty catalogue gets the demo
            await catalogi_role.seed(runtime)
        if runtime.app is not None:
            config = uvicorn.Config(
                runtime.app,
                host=settings.http_host,
                port=settings.http_port,
                log_config=None,
                access_log=False,
                proxy_headers=True,
            )
            await uvicorn.Server(config).serve()
        else:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, stop.set)
            await stop.wait()
    finally:
        stop.set()
        await processors
        await runtime.close()


@app.command()
def serve() -> None:
    """Everything in one process: gateway and processors (what `make run` runs)."""
    settings = load_settings()
    if settings.demo_client_active:
        console.print(
            f"MidOffice on http://{settings.http_host}:{settings.http_port} "
            f"(demo client: {settings.demo_client_id} / {settings.demo_client_secret})"
        )
    asyncio.run(_serve(settings, set(Role), run_migrations=True))


@app.command()
def gateway() -> None:
    """The HTTP gateway only (scale out behind a load balancer)."""
    asyncio.run(_serve(load_settings(), {Role.gateway}, run_migrations=False))


def _processor_command(role: Role) -> None:
    def command() -> None:
        asyncio.run(_serve(load_settings(), {role}, run_migrations=False))

    command.__doc__ = f"The {role.value} processor only (scale out by consumer group)."
    process_app.command(role.value)(command)


for _role in PROCESSORS:
    _processor_command(_role)


@app.command()
def migrate() -> None:
    """Upgrade the database schema to the current revision."""
    settings = load_settings()
    asyncio.run(migrations.upgrade_all(settings.database_url))
    console.print("database migrated")


def _progress() -> Progress:
    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
    )


@replay_app.command("zaakmagazijn")
def replay_zaakmagazijn_command(
    into: Annotated[str, typer.Option(help="Database URL to rebuild into.")],
    from_offset: Annotated[int | None, typer.Option(help="Start every partition here.")] = None,
    from_time: Annotated[
        dt.datetime | None, typer.Option(help="Start at the first fact at or after this time.")
    ] = None,
) -> None:
    """Rebuild the zaakmagazijn from the events topic into another database."""
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
                task = progress.add_task("replay zaakmagazijn", total=None)
                report = await replay_zaakmagazijn(
                    bus,
                    settings.events_topic,
                    into,
                    from_offset=from_offset,
                    from_time=from_time,
                    progress=lambda done, total: progress.update(task, completed=done, total=total),
                )
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


@verify_app.command("zaakmagazijn")
def verify_zaakmagazijn_command() -> None:
    """Replay into a temporary database and compare with the live zaakmagazijn."""
    settings = load_settings()

    async def run() -> bool:
        bus = connect(settings.bus_url)
        await bus.start()
        try:
            with _progress() as progress:
                task = progress.add_task("verify zaakmagazijn", total=None)
                report = await verify_zaakmagazijn(
                    bus,
                    settings.events_topic,
                    settings.database_url,
                    progress=lambda done, total: progress.update(task, completed=done, total=total),
                )
        finally:
            await bus.close()
        console.print(f"live    {report.live_hash}\nreplay  {report.replay_hash}")
        for line in report.differences:
            console.print(f"  [red]{line}[/]")
        console.print("[green]equal[/]" if report.equal else "[bold red]DIFFERENT[/]")
        return report.equal

    if not asyncio.run(run()):
        raise typer.Exit(1)


def main() -> None:  # pragma: no cover - console entry point
    sys.exit(app())
