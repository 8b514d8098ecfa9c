"""A package's migration chain: upgrade, current revision and head.

On SQLite the whole upgrade runs in one real transaction (DDL included), as on PostgreSQL.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event, pool
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine


def version_table(package: str) -> str:
    """The alembic version table of ``package``'s chain."""
    return f"{package}_alembic_version"


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


class Chain:
    """The migrations of ``package`` (its ``migrations`` sub-package)."""

    def __init__(self, package: str) -> None:
        spec = importlib.util.find_spec(f"{package}.migrations")
        if spec is None or not spec.submodule_search_locations:
            raise ModuleNotFoundError(f"{package}.migrations is not a package")
        self.package = package
        self.directory = Path(next(iter(spec.submodule_search_locations)))
        self.version_table = version_table(package)

    def alembic_config(self, url: str | None = None) -> Config:
        """An alembic Config for this chain, optionally with ``sqlalchemy.url``."""
        config = Config()
        config.set_main_option("script_location", str(self.directory))
        if url is not None:
            config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
        return config

    def head_revision(self) -> str:
        """The newest revision of the chain (synchronous; see :meth:`head`)."""
        head = ScriptDirectory.from_config(self.alembic_config()).get_current_head()
        if head is None:
            raise RuntimeError(f"no revisions in {self.directory}")
        return head

    async def head(self) -> str:
        """The newest revision: a database is up to date when ``current == head``."""
        return self.head_revision()

    async def upgrade(self, url: str, revision: str = "head") -> None:
        """Upgrade the database at the async ``url`` to ``revision``, in one transaction.

        Idempotent: a database already at ``revision`` is left as it is.
        """
        engine = _engine(url)
        config = self.alembic_config(url)

        def run(connection: Connection) -> None:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)

        try:
            async with engine.begin() as connection:
                await connection.run_sync(run)
        finally:
            await engine.dispose()

    async def current(self, url: str) -> str | None:
        """The revision the database at ``url`` is at, or None when it was never migrated."""

        def read(connection: Connection) -> str | None:
            opts = {"version_table": self.version_table}
            return MigrationContext.configure(connection, opts=opts).get_current_revision()

        engine = _engine(url)
        try:
            async with engine.connect() as connection:
                return await connection.run_sync(read)
        finally:
            await engine.dispose()
