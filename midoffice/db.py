"""Async database engine per URL: SQLite (embedded default) or PostgreSQL (asyncpg)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from midoffice import sqlite_inline

IMMEDIATE = "midoffice_immediate"
"""Execution option: on SQLite, begin the transaction with the write lock (others ignore it)."""


def writer(engine: AsyncEngine) -> AsyncEngine:
    """``engine`` for transactions that will write (SQLite: ``BEGIN IMMEDIATE``)."""
    return engine.execution_options(**{IMMEDIATE: True})


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An AsyncEngine for ``url``. SQLite gets WAL, foreign keys and real SAVEPOINTs."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # Connections beyond pool_size are closed when returned: under a burst of concurrent
        # requests that meant a new PostgreSQL connection (a backend process) per checkout.
        kwargs.setdefault("pool_size", 20)
        kwargs.setdefault("max_overflow", 10)
        kwargs.setdefault("pool_pre_ping", True)
        return create_async_engine(url, **kwargs)
    on_file = bool(parsed.database) and parsed.database != ":memory:"
    if on_file:
        Path(str(parsed.database)).parent.mkdir(parents=True, exist_ok=True)
    if on_file and parsed.get_driver_name() == "aiosqlite":
        # Statements run in the event loop's thread instead of one aiosqlite hop each.
        creator = sqlite_inline.connector(str(parsed.database), timeout=30)
        kwargs.setdefault("async_creator", creator)
        # A pooled connection is reused; a new one costs four PRAGMAs and SQLAlchemy's set-up.
        kwargs.setdefault("pool_size", 20)
        kwargs.setdefault("max_overflow", 20)
    engine = create_async_engine(url, connect_args={"timeout": 30}, **kwargs)

    @event.listens_for(engine.sync_engine, "connect")
    def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling breaks SAVEPOINT; let SQLAlchemy emit BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # The in-thread connection waits for locks on the event loop (sqlite_inline).
        inline = isinstance(dbapi_connection.driver_connection, sqlite_inline.InlineConnection)
        cursor.execute("PRAGMA busy_timeout=0" if inline else "PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _sqlite_begin(conn: Any) -> None:
        # A writer that reads first takes the write lock at BEGIN: with a deferred BEGIN its
        # read snapshot could be overtaken by another writer, and its first write would fail.
        immediate = conn.get_execution_options().get(IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
