"""Run the autorisaties migrations programmatically (no alembic.ini needed).

The chain lives in the ``autorisaties.migrations`` package and records its revision in its
own version table, ``autorisaties_alembic_version``. On SQLite the whole upgrade runs in one
real transaction (DDL included), as on PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event, pool
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

MIGRATIONS_DIR: Final = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE: Final = "autorisaties_alembic_version"  # also in migrations/env.py


def alembic_config(url: str | None = None) -> Config:
    """An alembic Config for the autorisaties chain, optionally with ``sqlalchemy.url``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str:
    """The newest revision of the chain (synchronous; see :func:`head`)."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError(f"no revisions in {MIGRATIONS_DIR}")
    return head


def _engine(url: str) -> AsyncEngine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_async_engine(url, poolclass=pool.NullPool)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url, poolclass=pool.NullPool)

    @event.listens_for(engine.sync_engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy emit BEGIN, DDL included

    @event.listens_for(engine.sync_engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def _upgrade(connection: Connection, config: Config, revision: str) -> None:
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def _current(connection: Connection) -> str | None:
    context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()


async def upgrade(url: str, revision: str = "head") -> None:
    """Upgrade the database at the async ``url`` to ``revision``, in one transaction.

    Idempotent: a database already at ``revision`` is left as it is.
    """
    engine = _engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_upgrade, alembic_config(url), revision)
    finally:
        await engine.dispose()


async def head() -> str:
    """The newest revision of the chain: a database is up to date when ``current == head``."""
    return head_revision()


async def current(url: str) -> str | None:
    """The revision the database at ``url`` is at, or None when it was never migrated."""
    engine = _engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(_current)
    finally:
        await engine.dispose()
