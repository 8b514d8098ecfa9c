"""The push connector's own database engine.

On PostgreSQL it is the usual engine with a small pool of its own. On SQLite (the embedded
default) every transaction of the push connector begins with ``BEGIN IMMEDIATE``: it takes the
write lock before its first read, so the planner and the dispatcher wait for the lock instead
of failing with SQLITE_BUSY_SNAPSHOT when another processor committed between their read and
their write (measured before: tens of retries per minute at 5 status changes/s, each adding
50 ms to seconds of latency). The connections run in the event loop's thread
(:mod:`midoffice.sqlite_inline`): in this process they queue for the write lock on the loop;
another process's lock is retried within milliseconds. (They used to be aiosqlite threads
with SQLite's own busy handler, which sleeps 1, 2, 5, 10 ... 100 ms between attempts: with
``serve``'s companion writing to the same file that turned short waits into long ones.)
"""

from __future__ import annotations

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from midoffice.db import create_engine, writer


def push_engine(url: str) -> AsyncEngine:
    """An engine for the push connector's transactions (see the module docstring)."""
    engine = create_engine(url, pool_size=5, max_overflow=5)
    if make_url(url).get_backend_name() != "sqlite":
        return engine
    return writer(engine)
