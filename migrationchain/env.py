"""The body of every chain's alembic ``env.py``.

Three ways in:

- a synchronous connection passed in ``config.attributes["connection"]`` (what
  :class:`migrationchain.Chain` does from inside ``AsyncConnection.run_sync``);
- otherwise an async URL (``sqlalchemy.url`` option), run with ``connection.run_sync``;
- offline mode (``--sql``), which renders the SQL for the URL's dialect.

Revisions use explicit ``op.create_table`` and import nothing from the repository.
"""

from __future__ import annotations

import asyncio
from typing import Any

from alembic import context
from sqlalchemy import pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from migrationchain.chain import version_table


def run_migrations(package: str) -> None:
    """Run the alembic migrations of ``package``'s chain (called from its ``env.py``)."""
    config = context.config

    def configure(**kwargs: Any) -> None:
        context.configure(
            target_metadata=None,
            version_table=version_table(package),
            render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copes
            **kwargs,
        )

    def run(connection: Connection) -> None:
        configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()

    async def run_async(url: str) -> None:
        engine = create_async_engine(url, poolclass=pool.NullPool)
        try:
            async with engine.connect() as connection:
                await connection.run_sync(run)
                await connection.commit()
        finally:
            await engine.dispose()

    if context.is_offline_mode():
        configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    connection = config.attributes.get("connection")
    if connection is not None:
        run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no connection in config.attributes and no sqlalchemy.url option")
    asyncio.run(run_async(url))
