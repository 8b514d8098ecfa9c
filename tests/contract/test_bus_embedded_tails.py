"""The embedded log's partition tails and its wake-ups agree: a consumer that looks at a
partition after an append has committed is never told "nothing new" from memory.

The case that went wrong: a processor's offset commit and another task's append land in one
group commit of the writer. The processor resumes first (its commit was first), polls again,
and found the partition's end in memory as it was before the append; the wake-up for the
append had already gone out, so it slept until its fallback poll (200 ms by default).
"""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

from midoffice.bus import Message, TopicPartition
from midoffice.bus.embedded import EmbeddedEventBus

LONG_FALLBACK = 60.0  # only a wake-up or the tail can make the poll return in time


async def test_a_consumer_polling_right_after_a_shared_group_commit_gets_the_record(
    tmp_path: Path,
) -> None:
    bus = EmbeddedEventBus(tmp_path / "log.sqlite3", fallback_poll_seconds=LONG_FALLBACK)
    await bus.start()
    try:
        await bus.ensure_topic("t", 1)
        await bus.publish("t", Message(key=b"k", value=b"first"))
        consumer = bus.group_consumer("g", ["t"])
        await consumer.start()
        first = await consumer.poll(5.0)
        assert [r.value for r in first] == [b"first"]
        assert await consumer.poll(0.0) == []  # the end is confirmed: trusted from memory now

        writer = bus._store._writer  # held, so that the next two share a group commit
        release = threading.Event()
        holding = asyncio.ensure_future(writer.submit(lambda _conn, _now: release.wait(5)))
        await asyncio.sleep(0.01)  # the writer thread is inside the held transaction
        # Queued in this order: the commit (below, before this task yields), then the append.
        publishing = asyncio.ensure_future(bus.publish("t", Message(key=b"k", value=b"second")))
        threading.Timer(0.05, release.set).start()
        await consumer.commit({TopicPartition("t", 0): 1})  # first in the shared delivery
        started = time.monotonic()
        records = await consumer.poll(5.0)  # in this task: it runs before the publisher
        waited = time.monotonic() - started
        await publishing
        await holding
        assert [r.value for r in records] == [b"second"]
        assert waited < 1.0, f"left asleep for {waited:.1f} s, until its poll timed out"
        await consumer.stop()
    finally:
        await bus.close()
