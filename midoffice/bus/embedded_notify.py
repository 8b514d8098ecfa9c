"""Wakes waiting consumers of the embedded log when records are appended in this process."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable, Iterator


class AppendSignal:
    """Futures per topic, resolved when the writer has committed records to that topic.

    A consumer takes a waiter *before* it reads, so an append between its read and its wait
    still wakes it.
    """

    def __init__(self) -> None:
        self._waiters: dict[str, set[asyncio.Future[None]]] = {}

    @contextlib.contextmanager
    def waiter(self, topics: Iterable[str]) -> Iterator[asyncio.Future[None]]:
        """A future that completes on the next append to any of ``topics`` (or ``wake_all``)."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        topic_list = list(topics)
        for topic in topic_list:
            self._waiters.setdefault(topic, set()).add(future)
        try:
            yield future
        finally:
            for topic in topic_list:
                waiting = self._waiters.get(topic)
                if waiting is not None:
                    waiting.discard(future)
                    if not waiting:
                        del self._waiters[topic]
            future.cancel()

    def appended(self, topics: Iterable[str]) -> None:
        """Wake everyone waiting on one of ``topics``."""
        for topic in topics:
            for future in self._waiters.get(topic, ()):
                if not future.done():
                    future.set_result(None)

    def wake_all(self) -> None:
        """Wake every waiter (assignment changed, consumer stopped, bus closing)."""
        self.appended(list(self._waiters))


async def wait_for_signal(*futures: asyncio.Future[None], timeout: float) -> None:
    """Wait until one of ``futures`` completes or ``timeout`` seconds pass."""
    if timeout <= 0 or any(future.done() for future in futures):
        return
    await asyncio.wait(futures, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
