"""``midoffice blobs gc --grace 24h``: remove orphan document blobs after a grace period."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from documentmagazijn.sweeper import parse_grace, sweep
from midoffice.db import create_engine
from midoffice.roles.documentmagazijn import blob_store
from midoffice.settings import Settings

blobs_app = typer.Typer(help="The content-addressed document blob store.", no_args_is_help=True)


@blobs_app.command("gc")
def gc(
    grace: Annotated[
        str, typer.Option(help="Keep orphans younger than this (24h, 30m, 7d).")
    ] = "24h",
) -> None:
    """Delete blobs that no document versie references, older than the grace period."""
    try:
        period = parse_grace(grace)
    except ValueError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None

    async def run() -> list[str]:
        settings = Settings()
        engine = create_engine(settings.database_url)
        store = blob_store(settings)
        try:
            return await sweep(engine, store, period)
        finally:
            await store.close()
            await engine.dispose()

    deleted = asyncio.run(run())
    typer.echo(f"{len(deleted)} orphan blob(s) deleted")
