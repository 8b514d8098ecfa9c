"""The dispatcher: sends queued deliveries, one independent worker per target.

- A worker drains its target's queue: it leases the due heads (oldest pending row per zaak,
  so order per (zaak, target) holds), sends them concurrently (bounded per target), records
  each outcome and goes on until nothing is due. Each target has its own HTTP client, timeout
  and circuit breaker, so a slow or dead target only ever delays itself.
- The main loop starts workers for targets with due rows when it is woken (the push consumer
  queued rows in this process) or every ``poll_interval`` (rows queued elsewhere, retries
  that became due, a breaker's cool-down), and moves deliveries that stayed undelivered for
  ``dead_letter_after`` to dead letters.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from typing import Any

import httpx
import structlog
from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from push import endpoints, metrics, outcomes, queue, tls
from push.breaker import CircuitBreaker, State
from push.outbound_auth import TokenCache
from push.sender import Attempt, Verdict, attempt
from push.settings import MijnOverheidSettings, PushSettings
from push.tables import IS_PENDING, push_delivery

log = structlog.get_logger(__name__)

EXPIRE_EVERY_SECONDS = 1.0
"""The longest time between two looks for deliveries past ``dead_letter_after``."""
WORKER_PAUSE_MAX = 30.0
"""The longest pause before a failed worker of a target is started again."""


_EXPIRED = (
    select(push_delivery)
    .where(
        IS_PENDING,
        push_delivery.c.queued_at < bindparam("cutoff"),
        (push_delivery.c.lease_until.is_(None)) | (push_delivery.c.lease_until < bindparam("now")),
    )
    .limit(500)
)
"""Pending deliveries queued before ``cutoff`` and not leased at ``now`` (built once)."""


class Dispatcher:
    """Delivers the queue of ``engine``'s database until stopped."""

    def __init__(
        self,
        engine: AsyncEngine,
        settings: PushSettings,
        mijnoverheid: MijnOverheidSettings,
        box: endpoints.Decrypter,
        clock: Callable[[], float] = time.time,
        reader: AsyncEngine | None = None,
        locks_at_begin: bool = False,
    ) -> None:
        """``locks_at_begin``: ``engine``'s transactions hold the write lock from their start
        (on SQLite, ``BEGIN IMMEDIATE``), so no statement need take it first."""
        self.engine = engine  # writes
        self.locks_at_begin = locks_at_begin
        self.reader = reader or engine  # reads that need no write lock
        # Single statements that are atomic by themselves (a claim, a delivered outcome): on
        # PostgreSQL without BEGIN and COMMIT, one round trip each.
        self._single = (
            engine
            if engine.dialect.name == "sqlite"
            else engine.execution_options(isolation_level="AUTOCOMMIT")
        )
        self.settings = settings
        self.mijnoverheid = mijnoverheid
        self.box = box
        self.clock = clock
        self.tokens = TokenCache()
        self.breakers: dict[str, CircuitBreaker] = {}
        self._workers: dict[str, asyncio.Task[None]] = {}
        self._clients: dict[str, httpx.AsyncClient] = {}
        self._wake = asyncio.Event()
        self._expired_at = float("-inf")
        self._in_flight: set[int] = set()  # on SQLite a claimed row carries no lease
        # A worker that failed (not its target: the dispatcher itself, e.g. its database)
        # is not restarted before this time, doubling per failure: no busy loop of errors.
        self._failed: dict[str, tuple[int, float]] = {}  # target -> (failures, retry at)

    def wake(self) -> None:
        """Look for due rows now (called after the consumer queued rows)."""
        self._wake.set()

    def breaker(self, target: str) -> CircuitBreaker:
        return self.breakers.setdefault(
            target, CircuitBreaker(self.settings.breaker_failures, self.settings.breaker_cooldown)
        )

    async def run(self, stop: asyncio.Event) -> None:
        """Dispatch until ``stop`` is set; in-flight attempts finish, leases are released."""
        log.info("push_dispatcher_started")
        try:
            while not stop.is_set():
                self._wake.clear()
                try:
                    await self._tick()
                except Exception as exc:  # the database may be away; try again next tick
                    log.warning("push_dispatch_failed", error=repr(exc))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self.settings.poll_interval)
        finally:
            await asyncio.gather(*self._workers.values(), return_exceptions=True)
            for client in self._clients.values():
                await client.aclose()
            log.info("push_dispatcher_stopped")

    async def _tick(self) -> None:
        now = self.clock()
        if now - self._expired_at >= min(self.settings.poll_interval, EXPIRE_EVERY_SECONDS):
            self._expired_at = now  # a tick per delivery need not look for expired ones
            await self._expire(now)
        async with self.reader.connect() as conn:
            targets = await queue.due_targets(conn, now)
        for target in targets:
            failed = self._failed.get(target)
            if failed is not None and now < failed[1]:
                continue
            running = self._workers.get(target)
            if running is None or running.done():
                task = asyncio.create_task(self._drain(target), name=f"push:{target}")
                task.add_done_callback(lambda _task: self._wake.set())
                self._workers[target] = task

    async def _expire(self, now: float) -> None:
        """Dead-letter pending deliveries older than ``dead_letter_after`` (not leased)."""
        cutoff = now - self.settings.dead_letter_after
        async with self.reader.connect() as conn:
            expired = list(await conn.execute(_EXPIRED, {"cutoff": cutoff, "now": now}))
        expired = [row for row in expired if row.id not in self._in_flight]
        if not expired:
            return
        async with self.engine.begin() as conn:
            await self._lock_for_write(conn)
            for row in expired:
                waited = row.last_error or "niet verstuurd (doel onbereikbaar of wacht op eerdere)"
                reason = f"expired: {waited} after {row.attempts} attempts"
                await outcomes.dead_letter(conn, row, reason, now)

    def _client(self, target: str, endpoint: endpoints.Endpoint) -> httpx.AsyncClient:
        client = self._clients.get(target)
        if client is None:
            timeout = httpx.Timeout(self.settings.request_timeout)
            verify = tls.ssl_context(endpoint.ca_bundle, endpoint.client_cert)
            client = httpx.AsyncClient(timeout=timeout, verify=verify, follow_redirects=False)
            self._clients[target] = client
        return client

    async def _drain(self, target: str) -> None:
        try:
            await self._drain_target(target)
        except Exception as exc:
            failures = self._failed.get(target, (0, 0.0))[0] + 1
            pause = min(self.settings.poll_interval * 2 ** (failures - 1), WORKER_PAUSE_MAX)
            self._failed[target] = (failures, self.clock() + pause)
            log.error("push_worker_failed", target=target, error=repr(exc), pause=pause)
        else:
            self._failed.pop(target, None)

    async def _drain_target(self, target: str) -> None:
        breaker = self.breaker(target)
        async with self.reader.connect() as conn:
            endpoint = await endpoints.resolve(conn, target, self.box, self.mijnoverheid)
        while True:
            now = self.clock()
            allowed = breaker.allows(now)
            metrics.BREAKER_OPEN.labels(target).set(1 if breaker.state == State.open else 0)
            if allowed == 0:
                return
            limit = self.settings.per_target_concurrency if allowed < 0 else 1
            claimer = self.reader if self.engine.dialect.name == "sqlite" else self._single
            async with claimer.connect() as conn:  # SQLite: a read (no lease), see queue.claim
                rows = await queue.claim(conn, target, now, limit, self.settings.lease_seconds)
            if not rows:
                return
            if endpoint is None:
                async with self.engine.begin() as conn:
                    for row in rows:
                        await outcomes.dead_letter(
                            conn, row, "gone: het doel bestaat niet meer", now
                        )
                continue
            breaker.started()
            client = self._client(target, endpoint)
            ids = {row.id for row in rows}
            self._in_flight |= ids
            try:
                results = await asyncio.gather(
                    *(self._attempt(client, endpoint, row) for row in rows)
                )
                done = self.clock()
                delivered = all(result.verdict == Verdict.delivered for result in results)
                recorder = self._single if delivered else self.engine  # else several statements
                async with recorder.begin() as conn:
                    await self._lock_for_write(conn)
                    for row, result in zip(rows, results, strict=True):
                        await outcomes.record(conn, row, result, done, self.settings)
            finally:
                self._in_flight -= ids
            for result in results:
                if result.verdict == Verdict.transient:
                    breaker.failure(done)
                else:  # delivered, or refused by a target that answers: it is up
                    breaker.success()
            if breaker.state == State.open:
                log.warning("push_breaker_open", target=target, failures=breaker.consecutive)

    async def _lock_for_write(self, conn: AsyncConnection) -> None:
        if not self.locks_at_begin:
            await queue.lock_for_write(conn)

    async def _attempt(
        self, client: httpx.AsyncClient, endpoint: endpoints.Endpoint, row: Any
    ) -> Attempt:
        started = time.perf_counter()
        try:
            async with asyncio.timeout(self.settings.request_timeout * 2):
                return await attempt(client, endpoint, row, self.tokens)
        except TimeoutError:
            return Attempt(Verdict.transient, None, "timeout")
        finally:
            metrics.ATTEMPT_SECONDS.labels(metrics.kind(row.target)).observe(
                time.perf_counter() - started
            )
