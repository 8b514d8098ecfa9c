"""Async database engine per URL: SQLite (embedded default) or PostgreSQL (asyncpg)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from midoffice import sqlite_dialect, sqlite_inline

IDLE_PING_SECONDS = 5.0
"""A pooled PostgreSQL connection idle for longer than this is pinged before it is used."""

IMMEDIATE = sqlite_dialect.IMMEDIATE
"""Execution option: on SQLite, begin the transaction with the write lock (others ignore it)."""


def writer(engine: AsyncEngine) -> AsyncEngine:
    """``engine`` for transactions that will write (SQLite: ``BEGIN IMMEDIATE``)."""
    return engine.execution_options(**{IMMEDIATE: True})


def create_read_engine(url: str, engine: AsyncEngine) -> AsyncEngine:
    """The engine for the gateway's request reads of ``url``.

    On PostgreSQL a pool of its own in autocommit, read-only: a read then costs one round
    trip per statement, where a transaction adds BEGIN and ROLLBACK and the pool's liveness
    check three more (it wraps its ping in a transaction unless in autocommit). READ
    COMMITTED gives every statement its own snapshot either way, so nothing is lost, and a
    write through it fails loudly. On SQLite ``engine`` itself (one file, in-thread).
    """
    return create_autocommit_engine(url, engine, read_only=True, pool_size=10, max_overflow=10)


def create_autocommit_engine(
    url: str, engine: AsyncEngine, *, read_only: bool = False, pool_size: int, max_overflow: int
) -> AsyncEngine:
    """On PostgreSQL a separate pool whose statements each commit on their own (with
    ``read_only``, writes are refused); on SQLite ``engine`` itself. For work of single
    statements: every multi-statement unit of work needs ``engine``'s transactions."""
    if make_url(url).get_backend_name() != "postgresql":
        return engine
    settings = {"default_transaction_read_only": "on"} if read_only else {}
    return create_engine(
        url,
        isolation_level="AUTOCOMMIT",
        pool_size=pool_size,
        max_overflow=max_overflow,
        connect_args={"server_settings": settings},
    )


def _ping_after_idle(engine: AsyncEngine, idle_seconds: float) -> None:
    """Check a pooled connection only when it sat idle for ``idle_seconds``, instead of
    SQLAlchemy's ``pool_pre_ping`` on every checkout: outside autocommit the asyncpg dialect
    wraps that ping in BEGIN/ROLLBACK, three round trips per checkout, which a busy processor
    or gateway paid on every batch and request. A dead connection (a restarted server) is
    replaced before use, as with pre-ping; one that dies while in use fails that unit of
    work, which is retried (processors) or answered 503/500 (requests), as before."""

    @event.listens_for(engine.sync_engine, "checkin")
    def _checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info["midoffice_idle_since"] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.pop("midoffice_idle_since", None)
        if since is None or time.monotonic() - since < idle_seconds:
            return  # just connected, or in use a moment ago
        try:
            dbapi_connection.ping()
        except Exception as exc:  # the pool retries with a new connection
            raise DisconnectionError(f"pooled connection is gone: {type(exc).__name__}") from exc


def json_loads(text: str | bytes) -> Any:
    """A JSON column's value: orjson where it can (a page of 100 zaken decodes 100 documents),
    the stdlib for what orjson refuses and the stdlib writer may have written (integers
    beyond 64 bits, NaN)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An AsyncEngine for ``url``. SQLite gets WAL, foreign keys and real SAVEPOINTs."""
    parsed = make_url(url)
    kwargs.setdefault("json_deserializer", json_loads)
    if parsed.get_backend_name() != "sqlite":
        # Connections beyond pool_size are closed when returned: under a burst of concurrent
        # requests that meant a new PostgreSQL connection (a backend process) per checkout.
        kwargs.setdefault("pool_size", 20)
        kwargs.setdefault("max_overflow", 10)
        idle_ping = kwargs.pop("idle_ping_seconds", IDLE_PING_SECONDS)
        engine = create_async_engine(url, **kwargs)
        _ping_after_idle(engine, idle_ping)
        return engine
    on_file = bool(parsed.database) and parsed.database != ":memory:"
    if on_file:
        Path(str(parsed.database)).parent.mkdir(parents=True, exist_ok=True)
    inline = on_file and parsed.get_driver_name() == "aiosqlite"
    target: str | URL = url
    if inline:
        # Statements run in the event loop's thread instead of one aiosqlite hop each, and
        # without a greenlet switch per DBAPI call (sqlite_dialect).
        target = parsed.set(drivername=f"sqlite+{sqlite_dialect.DRIVER}")
        creator = sqlite_inline.connector(str(parsed.database), timeout=30)
        kwargs.setdefault("async_creator", creator)
        # A pooled connection is reused; a new one costs four PRAGMAs and SQLAlchemy's set-up.
        kwargs.setdefault("pool_size", 20)
        kwargs.setdefault("max_overflow", 20)
    engine = create_async_engine(target, connect_args={"timeout": 30}, **kwargs)

    @event.listens_for(engine.sync_engine, "connect")
    def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling breaks SAVEPOINT; let SQLAlchemy emit BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # The in-thread connection waits for locks on the event loop (sqlite_inline).
        cursor.execute("PRAGMA busy_timeout=0" if inline else "PRAGMA busy_timeout=30000")
        cursor.close()

    if inline:
        return engine  # the dialect begins transactions itself (no connection events)

    @event.listens_for(engine.sync_engine, "begin")
    def _sqlite_begin(conn: Any) -> None:
        # A writer that reads first takes the write lock at BEGIN: with a deferred BEGIN its
        # read snapshot could be overtaken by another writer, and its first write would fail.
        immediate = conn.get_execution_options().get(IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
