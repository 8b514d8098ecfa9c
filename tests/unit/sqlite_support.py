"""Shared by the tests of the in-thread SQLite dialect: an engine with one table, and an
outsider connection of its own, as another process has."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from midoffice.db import create_engine

SCHEMA = "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)"


@asynccontextmanager
async def table_engine(database: Path, **kwargs: Any) -> AsyncIterator[AsyncEngine]:
    """An engine on ``database`` (the embedded default's dialect) with table ``t``."""
    engine = create_engine(f"sqlite+aiosqlite:///{database}", **kwargs)
    try:
        async with engine.begin() as conn:
            await conn.execute(text(SCHEMA))
        yield engine
    finally:
        await engine.dispose()


def outsider(engine: AsyncEngine) -> sqlite3.Connection:
    """A connection of its own (as another process has), that never waits for a lock."""
    database = engine.url.database
    assert database is not None
    return sqlite3.connect(database, timeout=0, isolation_level=None, check_same_thread=False)
