"""``midoffice deliveries ...``: the push connector's delivery ledger and dead letters.

``list`` shows the ledger of one zaak, of one citizen (``--bsn``: asked without echo when
given as ``-``, so it stays out of the shell history) or all entries in one state;
``requeue`` makes dead letters pending again (by id, or every dead letter of a target).
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from midoffice.db import create_engine
from midoffice.settings import Settings
from push import ledger
from push.tables import DEAD
from push.voorkeuren import subject_of

deliveries_app = typer.Typer(
    help="The push delivery ledger and dead letters.", no_args_is_help=True
)

COLUMNS = (
    "id",
    "doel",
    "zaak",
    "eventType",
    "status",
    "pogingen",
    "laatsteHttpStatus",
    "aangemaakt",
    "afgeleverd",
    "opmerking",
)


def _table(entries: list[dict[str, Any]]) -> Table:
    table = Table()
    for column in COLUMNS:  # fold, never cut: ids and targets must stay whole
        table.add_column(column, overflow="fold")
    for entry in entries:
        table.add_row(*(str(entry[c]) if entry[c] is not None else "" for c in COLUMNS))
    return table


@deliveries_app.command("list")
def list_deliveries(
    zaak: Annotated[uuid.UUID | None, typer.Option(help="The zaak uuid.")] = None,
    bsn: Annotated[str | None, typer.Option(help="A citizen's BSN, or - to be asked.")] = None,
    status: Annotated[str | None, typer.Option(help="pending, delivered, dead, suppressed")] = None,
    doel: Annotated[str | None, typer.Option(help="A target (abonnement:<uuid>, ...).")] = None,
) -> None:
    """Show ledger entries (at most 100) matching every given option."""
    console = Console()
    if zaak is None and bsn is None and status is None:
        console.print("[red]give --zaak, --bsn or --status[/]")
        raise typer.Exit(2)
    settings = Settings()
    if bsn == "-":
        bsn = typer.prompt("BSN", hide_input=True)
    subject = (
        subject_of("bsn", bsn, settings.push.pseudonym_key.get_secret_value().encode())
        if bsn
        else None
    )

    async def run() -> tuple[int, list[dict[str, Any]]]:
        engine = create_engine(settings.database_url)
        try:
            async with engine.connect() as conn:
                count, rows = await ledger.search(
                    conn, zaak=zaak, subject=subject, state=status, target=doel
                )
            return count, [ledger.entry(row) for row in rows]
        finally:
            await engine.dispose()

    count, entries = asyncio.run(run())
    console.print(_table(entries))
    console.print(f"{len(entries)} of {count}")


@deliveries_app.command("requeue")
def requeue(
    ids: Annotated[list[int] | None, typer.Argument(help="Ledger ids of dead letters.")] = None,
    doel: Annotated[
        str | None, typer.Option(help="Requeue every dead letter of this target.")
    ] = None,
) -> None:
    """Make dead letters pending again; the running dispatcher sends them."""
    console = Console()
    if not ids and doel is None:
        console.print("[red]give ids or --doel[/]")
        raise typer.Exit(2)
    settings = Settings()

    async def run() -> tuple[int, int]:
        engine = create_engine(settings.database_url)
        try:
            async with engine.begin() as conn:
                wanted = list(ids or [])
                if doel is not None:
                    _, rows = await ledger.search(conn, target=doel, state=DEAD, limit=10_000)
                    wanted += [row.id for row in rows]
                done = [i for i in wanted if await ledger.requeue(conn, i)]
            return len(done), len(wanted)
        finally:
            await engine.dispose()

    done, wanted = asyncio.run(run())
    console.print(f"requeued {done} of {wanted}")
    if done < wanted:
        raise typer.Exit(1)
