"""The embedded log's doorbell: a consumer waiting in one process is woken at once by an
append in another process on the same file (not by its fallback poll)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import textwrap
import time
from collections.abc import AsyncIterator
from pathlib import Path

from midoffice.bus import GroupConsumer, Message, Record, TopicPartition
from midoffice.bus.embedded import EmbeddedEventBus
from tests.contract.bus_contract import settle, unique

REPO_ROOT = Path(__file__).resolve().parents[2]
LONG_FALLBACK = 60.0  # far longer than the test waits: only the doorbell can wake the poll


def _publisher(path: Path, delay: float) -> str:
    return textwrap.dedent(
        f"""
        import asyncio
        from midoffice.bus import Message
        from midoffice.bus.embedded import EmbeddedEventBus

        async def main():
            bus = EmbeddedEventBus({str(path)!r})
            await bus.start()
            await asyncio.sleep({delay})
            await bus.publish("shared", Message(key=None, value=b"from elsewhere"))
            await bus.close()

        asyncio.run(main())
        """
    )


@contextlib.asynccontextmanager
async def _waiting(path: Path) -> AsyncIterator[tuple[EmbeddedEventBus, GroupConsumer]]:
    """A bus on ``path`` (fallback poll far beyond the test) with topic ``shared`` (one
    partition) and one group consumer that owns it."""
    bus = EmbeddedEventBus(path, fallback_poll_seconds=LONG_FALLBACK)
    await bus.start()
    try:
        await bus.ensure_topic("shared", 1)
        consumer = bus.group_consumer(unique("group"), ["shared"])
        await consumer.start()
        await settle([consumer], frozenset({TopicPartition("shared", 0)}))
        yield bus, consumer
    finally:
        await bus.close()


async def test_a_waiting_consumer_is_woken_by_an_append_in_another_process(
    tmp_path: Path,
) -> None:
    path = tmp_path / "log.sqlite3"
    async with _waiting(path) as (_bus, consumer):
        child = await asyncio.create_subprocess_exec(
            sys.executable, "-c", _publisher(path, delay=2.0), cwd=REPO_ROOT
        )
        started = time.monotonic()
        records = await consumer.poll(30.0)  # already waiting when the child appends
        waited = time.monotonic() - started
        assert await child.wait() == 0
        assert [r.value for r in records] == [b"from elsewhere"]
        assert waited < 20.0, f"woken after {waited:.1f} s: by the fallback poll, not the bell"


async def test_the_bell_of_a_process_that_is_gone_is_forgotten(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    gone = await asyncio.create_subprocess_exec(sys.executable, "-c", "pass")
    await gone.wait()
    peers = tmp_path / "log.sqlite3.peers"
    bus = EmbeddedEventBus(path)
    await bus.start()
    try:
        assert (peers / str(os.getpid())).exists()  # this process announced its bell
        (peers / str(gone.pid)).touch()  # a peer that exited without cleaning up
        await bus.ensure_topic("shared", 1)
        await bus.publish("shared", Message(key=None, value=b"x"))
        assert not (peers / str(gone.pid)).exists()
    finally:
        await bus.close()
    assert not (peers / str(os.getpid())).exists()  # closing takes the bell down


async def test_a_second_bus_on_the_same_file_in_one_process_still_works(
    tmp_path: Path,
) -> None:
    path = tmp_path / "log.sqlite3"
    first, second = EmbeddedEventBus(path), EmbeddedEventBus(path)
    await first.start()
    await second.start()  # its bell cannot bind (same process): it works without one
    try:
        await first.ensure_topic("shared", 1)
        position = await second.publish("shared", Message(key=None, value=b"y"))
        assert position.offset == 0
    finally:
        await second.close()
        await first.close()
    assert (path.parent / "log.sqlite3.peers").exists()


async def test_records_from_memory_are_those_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    writer = EmbeddedEventBus(path)
    await writer.start()
    try:
        await writer.ensure_topic("shared", 2)
        consumer = writer.group_consumer(unique("group"), ["shared"])
        await consumer.start()
        await settle([consumer], frozenset({TopicPartition("shared", p) for p in (0, 1)}))
        for n in range(20):
            headers = (("ce_type", b"nl.example"), ("n", bytearray(b"%d" % n)))
            message = Message(key=b"zaak-%d" % (n % 3), value=b"v%d" % n, headers=headers)  # type: ignore[arg-type]
            await writer.publish("shared", message)
        from_memory = await _drain(consumer, 20)
    finally:
        await writer.close()
    reader = EmbeddedEventBus(path)  # a new bus knows nothing: it reads the file
    await reader.start()
    try:
        consumer = reader.group_consumer(unique("group"), ["shared"])
        await consumer.start()
        from_file = await _drain(consumer, 20)
    finally:
        await reader.close()
    key = lambda r: (r.partition, r.offset)  # noqa: E731
    assert sorted(from_memory, key=key) == sorted(from_file, key=key)
    assert all(isinstance(value, bytes) for r in from_memory for _, value in r.headers)


async def test_an_append_elsewhere_behind_our_own_is_not_hidden(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    async with _waiting(path) as (bus, consumer):
        await bus.publish("shared", Message(key=None, value=b"ours"))
        assert [r.value for r in await consumer.poll(5.0)] == [b"ours"]  # from memory
        child = await asyncio.create_subprocess_exec(
            sys.executable, "-c", _publisher(path, delay=0.5), cwd=REPO_ROOT
        )
        records = await consumer.poll(30.0)
        assert await child.wait() == 0
        assert [(r.offset, r.value) for r in records] == [(1, b"from elsewhere")]


async def _drain(consumer: GroupConsumer, count: int) -> list[Record]:
    found: list[Record] = []
    while len(found) < count:
        batch = await consumer.poll(5.0)
        assert batch, f"only {len(found)} of {count} records"
        found += batch
    return found
