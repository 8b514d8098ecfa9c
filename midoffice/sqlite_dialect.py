"""SQLAlchemy's aiosqlite dialect on the in-thread connection, without a switch per call.

SQLAlchemy's async dialects run the sync engine in a greenlet and hand every DBAPI call to
the event loop as a coroutine (``await_``: two greenlet switches and a loop round per call,
three or four calls per statement). The statements of :mod:`midoffice.sqlite_inline` finish
in the calling thread, so most of those coroutines never suspend. This adapter runs each
coroutine on the spot and hands it to the event loop only when it does suspend: when it
waits for the write lock held by another connection. The semantics are those of
``sqlite_inline``; only the cost per call changes.

The dialect also begins transactions itself, at their first statement: ``BEGIN``, or
``BEGIN IMMEDIATE`` when the statement carries the execution option
:data:`midoffice.db.IMMEDIATE` (``midoffice.db.writer``). A ``begin`` event listener did
this before; any connection event makes SQLAlchemy dispatch events around every statement.
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Coroutine, Generator
from typing import Any, Final, TypeVar, cast

from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
    SQLiteDialect_aiosqlite,
)
from sqlalchemy.dialects.sqlite.base import SQLiteDialect
from sqlalchemy.util import immutabledict
from sqlalchemy.util.concurrency import await_, in_greenlet

from midoffice import sqlite_inline

T = TypeVar("T")

DRIVER: Final = "midoffice_inline"
"""The URL driver name of this dialect (``sqlite+midoffice_inline://``)."""

IMMEDIATE: Final = "midoffice_immediate"
"""Execution option: begin the transaction with the write lock (``BEGIN IMMEDIATE``)."""


def complete(coroutine: Coroutine[Any, Any, T]) -> T:
    """``coroutine``'s result, run in place; only if it suspends is the rest of it awaited
    on the event loop (through SQLAlchemy's greenlet). Outside a greenlet a coroutine that
    suspends is closed (a lock it waits for is not left a waiter) and MissingGreenlet raised."""
    try:
        pending = coroutine.send(None)
    except StopIteration as done:
        return done.value
    if not in_greenlet():
        coroutine.close()  # await_ below refuses (MissingGreenlet) and would leave it open
    return await_(_Remainder(coroutine, pending))


class _Remainder:
    """The rest of a coroutine that suspended on ``pending``, as an awaitable."""

    def __init__(self, coroutine: Coroutine[Any, Any, Any], pending: Any) -> None:
        self._coroutine, self._pending = coroutine, pending

    def __await__(self) -> Generator[Any, Any, Any]:
        coroutine, pending = self._coroutine, self._pending
        while True:
            try:
                sent = yield pending
            except GeneratorExit:
                coroutine.close()
                raise
            except BaseException as exc:  # passed on into the coroutine
                try:
                    pending = coroutine.throw(exc)
                except StopIteration as done:
                    return done.value
            else:
                try:
                    pending = coroutine.send(sent)
                except StopIteration as done:
                    return done.value


class InlineAdaptedCursor(AsyncAdapt_aiosqlite_cursor):
    """A buffered DBAPI cursor over :class:`sqlite_inline.InlineCursor`."""

    __slots__ = ()

    def __init__(self, adapt_connection: InlineAdaptedConnection) -> None:
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = cast(Any, adapt_connection.inline.cursor())
        self._soft_closed_memoized = immutabledict()
        self._rows = collections.deque()

    @property
    def inline(self) -> sqlite_inline.InlineCursor:
        return cast(sqlite_inline.InlineCursor, self._cursor)

    def execute(self, operation: Any, parameters: Any = None) -> Any:
        try:
            cursor = self.inline
            complete(cursor.execute(operation, parameters))
            if cursor.description:
                self._rows = collections.deque(cursor.rows())
        except Exception as error:
            self._adapt_connection._handle_exception(error)

    def executemany(self, operation: Any, seq_of_parameters: Any) -> Any:
        try:
            complete(self.inline.executemany(operation, seq_of_parameters))
        except Exception as error:
            self._adapt_connection._handle_exception(error)

    def close(self) -> None:
        self._rows.clear()
        self.inline.close_now()

    async def _async_soft_close(self) -> None:
        # The rows are buffered already, and sqlite3 keeps a closed cursor's description.
        self.inline.close_now()


class InlineAdaptedConnection(AsyncAdapt_aiosqlite_connection):
    """SQLAlchemy's view of a :class:`sqlite_inline.InlineConnection`."""

    __slots__ = ("_begin_pending", "_transaction_open", "autocommit")
    _cursor_cls = InlineAdaptedCursor  # type: ignore[assignment]

    def __init__(self, dbapi: Any, connection: sqlite_inline.InlineConnection) -> None:
        super().__init__(dbapi, cast(Any, connection))
        self._begin_pending = False
        self._transaction_open = False  # SQLAlchemy's view: between do_begin and the end
        self.autocommit = False  # isolation level AUTOCOMMIT: no BEGIN, each statement alone

    @property
    def inline(self) -> sqlite_inline.InlineConnection:
        return cast(sqlite_inline.InlineConnection, self._connection)

    def begin_at_next_statement(self) -> None:
        """SQLAlchemy began a transaction: ``BEGIN`` goes ahead of the next statement (none
        in AUTOCOMMIT, where SQLAlchemy begins all the same)."""
        if not self.autocommit:
            self._begin_pending = self._transaction_open = True

    def begin_if_pending(self, immediate: bool) -> None:
        """Emit the pending ``BEGIN`` (``BEGIN IMMEDIATE``: with the write lock). Refuse a
        statement of a transaction that SQLite ended by itself (a rollback on a conflict
        clause, a full disk): it would commit on its own, outside that transaction."""
        if self._begin_pending:
            self._begin_pending = False
            if self.inline.in_transaction:
                return
            cursor = self.inline.cursor()
            try:
                complete(cursor.execute("BEGIN IMMEDIATE" if immediate else "BEGIN"))
            except Exception as error:
                self._transaction_open = False
                self._handle_exception(error)
            finally:
                cursor.close_now()
        elif self._transaction_open and not self.inline.in_transaction:
            reason = "SQLite ended the transaction by itself (rolled back); roll back first"
            self._handle_exception(self.dbapi.OperationalError(reason))

    @property
    def isolation_level(self) -> str | None:
        return self.inline.isolation_level

    @isolation_level.setter
    def isolation_level(self, value: str | None) -> None:
        self.inline.set_isolation_level(value)

    def create_function(self, *args: Any, **kw: Any) -> None:
        try:
            complete(self.inline.create_function(*args, **kw))
        except Exception as error:
            self._handle_exception(error)

    def rollback(self) -> None:
        self._end(self.inline.rollback)

    def commit(self) -> None:
        self._end(self.inline.commit)

    def _end(self, ending: Callable[[], Coroutine[Any, Any, None]]) -> None:
        self._begin_pending = self._transaction_open = False
        if self.inline._connection:
            try:
                complete(ending())
            except Exception as error:
                self._handle_exception(error)

    def close(self) -> None:
        complete(self.inline.close())


class InlineDBAPI(AsyncAdapt_aiosqlite_dbapi):
    """The DBAPI module of the dialect: connections come from the engine's async creator."""

    def connect(self, *arg: Any, **kw: Any) -> InlineAdaptedConnection:
        creator = kw.pop("async_creator_fn", None)
        if creator is None:
            raise TypeError("the inline SQLite dialect needs async_creator (sqlite_inline)")
        return InlineAdaptedConnection(self, complete(creator(*arg, **kw)))


class InlineSQLiteDialect(SQLiteDialect_aiosqlite):
    """The aiosqlite dialect over :mod:`midoffice.sqlite_inline` connections."""

    supports_statement_cache = True

    @classmethod
    def import_dbapi(cls) -> InlineDBAPI:
        return InlineDBAPI(__import__("aiosqlite"), __import__("sqlite3"))

    def do_begin(self, dbapi_connection: Any) -> None:
        _adapted(dbapi_connection).begin_at_next_statement()

    def set_isolation_level(self, dbapi_connection: Any, level: Any) -> None:
        """AUTOCOMMIT is the dialect's (no BEGIN); the others are SQLite's ``read_uncommitted``.
        The driver connection itself never begins transactions (``isolation_level`` None)."""
        adapted = _adapted(dbapi_connection)
        adapted.autocommit = level == "AUTOCOMMIT"
        if not adapted.autocommit:
            SQLiteDialect.set_isolation_level(self, dbapi_connection, level)

    def do_execute(self, cursor: Any, statement: str, parameters: Any, context: Any = None) -> None:
        _begin(cursor, context)
        cursor.execute(statement, parameters)

    def do_execute_no_params(self, cursor: Any, statement: str, context: Any = None) -> None:
        _begin(cursor, context)
        cursor.execute(statement)

    def do_executemany(
        self, cursor: Any, statement: str, parameters: Any, context: Any = None
    ) -> None:
        _begin(cursor, context)
        cursor.executemany(statement, parameters)


def _adapted(connection: Any) -> InlineAdaptedConnection:
    adapted = getattr(connection, "dbapi_connection", connection)
    assert isinstance(adapted, InlineAdaptedConnection)
    return adapted


class _Ready:
    """An awaitable that is done at once."""

    def __await__(self) -> Generator[Any, Any, None]:
        return
        yield  # a generator that never suspends


_READY: Final = _Ready()


def _begin(cursor: Any, context: Any) -> None:
    # AsyncConnection.execute insists on one hand-over to the event loop per statement (it
    # checks that the driver is async); this one costs a greenlet switch and nothing else.
    await_(_READY)
    immediate = bool(context is not None and context.execution_options.get(IMMEDIATE))
    cursor._adapt_connection.begin_if_pending(immediate)


registry.register(f"sqlite.{DRIVER}", __name__, "InlineSQLiteDialect")
