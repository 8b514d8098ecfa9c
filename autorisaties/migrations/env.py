"""Alembic environment of the autorisaties chain.

Three ways in:

- a synchronous connection passed in ``config.attributes["connection"]`` (what
  :mod:`autorisaties.migrate` does from inside ``AsyncConnection.run_sync``);
- otherwise an async URL (``sqlalchemy.url`` option), run with ``connection.run_sync``;
- offline mode (``--sql``), which renders the SQL for the URL's dialect.

The chain keeps its own version table, so it shares the database with the other
chains. Revisions use explicit ``op.create_table`` and import nothing from the repository.
"""

from __future__ import annotations

import asyncio
from typing import Any, Final

from alembic import context
from sqlalchemy import pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

VERSION_TABLE: Final = "autorisaties_alembic_version"

config = context.config


def _configure(**kwargs: Any) -> None:
    context.configure(
        target_metadata=None,
        version_table=VERSION_TABLE,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copes
        **kwargs,
    )


def _run(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


async def _run_async(url: str) -> None:
    engine = create_async_engine(url, poolclass=pool.NullPool)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run)
            await connection.commit()
    finally:
        await engine.dispose()


def _main() -> None:
    if context.is_offline_mode():
        _configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no connection in config.attributes and no sqlalchemy.url option")
    asyncio.run(_run_async(url))


_main()
