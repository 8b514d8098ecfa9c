"""The catalogue as the catalogi processor keeps it in the database: a CatalogueSource.

``refresh`` asks the database for a stamp of the catalogi tables (number of catalogussen and
the sum of their sequences, one small aggregate query) and reloads the snapshot only when the
stamp moved, so refreshing before every batch or request is cheap when nothing changed.
A caller that tolerates a few milliseconds of staleness passes ``max_age`` and skips even that
query (the gateway's reads; it refreshes fully after its own catalogue writes).
Concurrent refreshes share one reload, and callers with a ``max_age`` share a check under way
that began within it (a burst of requests costs one query, not one each).
"""

from __future__ import annotations

import asyncio
import time

import structlog
from sqlalchemy.ext.asyncio import AsyncEngine

from catalogi import state
from catalogi.model import Catalogue

log = structlog.get_logger(__name__)


class DatabaseCatalogue:
    """CatalogueSource over the catalogi projection in ``engine``'s database."""

    def __init__(self, engine: AsyncEngine, reads: AsyncEngine | None = None) -> None:
        self._engine = engine
        self._reads = reads or engine  # for the stamp check: on PostgreSQL one round trip
        self._catalogue = Catalogue(())
        self._stamp: tuple[int, int] | None = None
        self._lock = asyncio.Lock()
        self._checked = float("-inf")  # monotonic time of the last check that found no change
        self._running: tuple[float, asyncio.Future[None]] | None = None  # check under way

    def invalidate(self) -> None:
        """Check the database on the next refresh, whatever its ``max_age``."""
        self._checked = float("-inf")

    def current(self) -> Catalogue:
        return self._catalogue

    @property
    def empty(self) -> bool:
        """True when no catalogus was loaded (as of the last refresh)."""
        return not self._catalogue.catalogussen

    async def refresh(self, max_age: float = 0.0) -> None:
        checked = time.monotonic()
        if max_age:
            if checked - self._checked < max_age:
                return
            running = self._running
            if running is not None and checked - running[0] < max_age:  # young enough: share
                await asyncio.shield(running[1])
                return
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        done.add_done_callback(lambda f: f.cancelled() or f.exception())  # never "unretrieved"
        self._running = (checked, done)
        try:
            await self._check(checked)
        except asyncio.CancelledError:
            done.cancel()
            raise
        except Exception as exc:
            done.set_exception(exc)
            raise
        else:
            done.set_result(None)
        finally:
            if self._running is not None and self._running[1] is done:
                self._running = None

    async def _check(self, checked: float) -> None:
        async with self._reads.connect() as conn:
            stamp = await state.stamp(conn)
        if stamp == self._stamp:
            self._checked = checked
            return
        async with self._lock:
            async with self._engine.connect() as conn:
                stamp = await state.stamp(conn)
                if stamp == self._stamp:
                    return
                catalogussen = await state.load_all(conn)
            self._catalogue = Catalogue(catalogussen)
            self._stamp = stamp
            self._checked = checked
            log.info("catalogue_reloaded", catalogussen=stamp[0], version=stamp[1])
