"""The push connector's own database engine.

On PostgreSQL it is the usual engine. On SQLite (the embedded default) its transactions
start with ``BEGIN IMMEDIATE``: they take the write lock before their first read, so the
planner and the dispatcher wait for the lock (busy_timeout) instead of failing with
SQLITE_BUSY_SNAPSHOT when another processor committed between their read and their write,
and then retrying with growing back-off (measured: tens of retries per minute at 5 status
changes/s, each adding 50 ms to seconds of latency; see docs/BENCHMARKS.md).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from midoffice.db import create_engine


def push_engine(url: str) -> AsyncEngine:
    """An engine for the push connector's transactions (see the module docstring)."""
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, pool_size=5, max_overflow=5)
    engine = create_async_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine.sync_engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN (SAVEPOINTs work)
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=NORMAL",
            "foreign_keys=ON",
            "busy_timeout=30000",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
