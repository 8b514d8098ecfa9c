"""The background writer of the processing log: records are committed in batches.

A read hands its records to :meth:`Writer.write`. One task inserts everything queued in ONE
transaction (group commit): under load many requests share a commit instead of each paying
its own. With ``confirm`` (the default, as the standard asks) ``write`` returns once the
batch holding its records is committed, so a read is never answered without its record;
without it ``write`` returns at once and :meth:`Writer.close` flushes what is queued before
the process stops (a hard crash then loses at most the batch in hand). A failed insert is
retried with backoff; records are never dropped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

import structlog
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from verwerkingslog.record import Verwerking
from verwerkingslog.tables import verwerking

log = structlog.get_logger(__name__)

ROWS_PER_INSERT = 32_000 // len(verwerking.columns)
"""The most rows one INSERT carries: a batch is one statement, and SQLite and PostgreSQL
(asyncpg) allow at most 32,766 and 32,767 bound parameters per statement."""


class Writer:
    """Batches processing-log records into ``engine``."""

    def __init__(self, engine: AsyncEngine, *, batch_seconds: float = 0.0,
                 max_batch: int = 500, confirm_timeout: float = 10.0,
                 owns_engine: bool = False) -> None:  # fmt: skip
        self.engine = engine
        self.owns_engine = owns_engine  # close() disposes it
        self.confirm_timeout = confirm_timeout
        self.batch_seconds = batch_seconds
        self.max_batch = max_batch
        self._pending: list[tuple[dict[str, Any], asyncio.Future[None] | None]] = []
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self.written = 0

    async def write(self, records: Sequence[Verwerking], *, confirm: bool) -> None:
        """Queue ``records``; with ``confirm`` wait until they are committed.

        Raises TimeoutError when the commit takes longer than ``confirm_timeout`` (the
        database is away): the read is then not answered, and the queued records are still
        written once the database is back."""
        if not records:
            return
        if self._closing:
            raise RuntimeError("the processing-log writer is closed")
        loop = asyncio.get_running_loop()
        futures = []
        for record in records:
            future: asyncio.Future[None] | None = loop.create_future() if confirm else None
            self._pending.append((record.row(), future))
            if future is not None:
                futures.append(future)
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="verwerkingslog-writer")
        self._wake.set()
        if futures:
            done = asyncio.gather(*futures)
            await asyncio.wait_for(asyncio.shield(done), self.confirm_timeout)

    async def _run(self) -> None:
        while not (self._closing and not self._pending):
            await self._wake.wait()
            self._wake.clear()
            if self.batch_seconds and not self._closing:
                await asyncio.sleep(self.batch_seconds)  # let concurrent reads join the batch
            while self._pending:
                batch = self._pending[: min(self.max_batch, ROWS_PER_INSERT)]
                await self._insert([row for row, _ in batch])
                del self._pending[: len(batch)]
                self.written += len(batch)
                for _, future in batch:
                    if future is not None and not future.done():
                        future.set_result(None)

    async def _insert(self, rows: list[dict[str, Any]]) -> None:
        delay = 0.05
        while True:
            try:
                async with self.engine.begin() as conn:
                    # ONE statement, so the batch is atomic on an autocommit engine too
                    statement = insert(verwerking)
                    if len(rows) == 1:
                        await conn.execute(statement, rows[0])
                    else:
                        await conn.execute(statement.values(rows))
                return
            except Exception as exc:
                name = type(exc).__name__
                log.warning(
                    "verwerkingslog_write_retry", records=len(rows), error=name, delay=delay
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)

    async def close(self, timeout: float = 30.0) -> None:
        """Write everything queued, then stop. When the database stays away longer than
        ``timeout`` the unwritten records are counted in an error log line and given up."""
        self._closing = True
        self._wake.set()
        if self._task is None and self._pending:
            self._task = asyncio.create_task(self._run(), name="verwerkingslog-writer")
        try:
            if self._task is not None:
                await asyncio.wait_for(self._task, timeout)
        except TimeoutError:
            log.error("verwerkingslog_records_unwritten", records=len(self._pending))
        finally:
            if self.owns_engine:
                await self.engine.dispose()
