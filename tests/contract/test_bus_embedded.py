"""The bus contract on the embedded driver, plus what only the embedded log promises."""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
import textwrap
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from midoffice.bus import (
    BusError,
    EventBus,
    GroupConsumer,
    Message,
    Record,
    TopicPartition,
    connect,
)
from midoffice.bus.embedded import EmbeddedEventBus
from midoffice.bus.kafka import KafkaEventBus
from tests.contract.bus_contract import BusContract, by_partition, drain, settle, unique

REPO_ROOT = Path(__file__).resolve().parents[2]


class TestEmbeddedBus(BusContract):
    @pytest.fixture
    async def bus(self, tmp_path: Path) -> AsyncIterator[EventBus]:
        bus = connect(f"embedded://{tmp_path}/log.sqlite3", client_id="contract")
        assert isinstance(bus, EmbeddedEventBus)
        await bus.start()
        try:
            yield bus
        finally:
            await bus.close()


async def test_records_and_commits_survive_closing_and_reopening(tmp_path: Path) -> None:
    url = f"embedded://{tmp_path}/log.sqlite3"
    bus = connect(url)
    await bus.start()
    await bus.ensure_topic("zaken", 2)
    sent = [
        Message(key=b"zaak-%d" % n, value=b"%d" % n, headers=(("h", b"\x00"),)) for n in range(20)
    ]
    positions = await bus.publish_batch("zaken", sent)
    consumer = bus.group_consumer("projector", ["zaken"])
    await consumer.start()
    assert len(await drain(consumer, 20)) == 20
    await consumer.commit({TopicPartition("zaken", 0): 3, TopicPartition("zaken", 1): 2})
    await bus.close()

    reopened = connect(url)
    await reopened.start()
    try:
        assert await reopened.partition_count("zaken") == 2
        reader = reopened.reader("zaken")
        await reader.start()
        stored = {(r.partition, r.offset): r for p in (0, 1) for r in await reader.read(p, 0, 100)}
        for message, position in zip(sent, positions, strict=True):
            record = stored[(position.partition, position.offset)]
            assert (record.key, record.value, record.headers) == (
                message.key,
                message.value,
                message.headers,
            )
        ends = {p: await reader.end_offset(p) for p in (0, 1)}
        assert sum(ends.values()) == 20
        resumed = reopened.group_consumer("projector", ["zaken"])
        await resumed.start()
        records = await drain(resumed, 20 - 5)
        assert by_partition(records) == {0: list(range(3, ends[0])), 1: list(range(2, ends[1]))}
        following = await reopened.publish("zaken", Message(key=None, value=b"next"))
        assert following.offset == ends[following.partition]
    finally:
        await reopened.close()


class _Tally:
    """Counts handled records across members; ``reached`` is set at the target."""

    def __init__(self, target: int) -> None:
        self.count = 0
        self.target = target
        self.reached = asyncio.Event()

    def add(self, handled: int) -> None:
        self.count += handled
        if self.count >= self.target:
            self.reached.set()


class _CommittingMember:
    """A consumer loop as the processors run it: poll, handle, commit; commit on revoke."""

    def __init__(self, bus: EventBus, group: str, topic: str, tally: _Tally) -> None:
        self.consumer: GroupConsumer = bus.group_consumer(group, [topic], listener=self)
        self.handled: list[Record] = []
        self.assigned = asyncio.Event()
        self._tally = tally
        self._batch = asyncio.Lock()

    async def on_partitions_revoked(self, revoked: frozenset[TopicPartition]) -> None:
        async with self._batch:  # the batch in hand finishes and commits first
            pass

    async def on_partitions_assigned(self, assigned: frozenset[TopicPartition]) -> None:
        self.assigned.set()

    async def run(self, stop: asyncio.Event) -> None:
        await self.consumer.start()
        try:
            while not stop.is_set():
                records = await self.consumer.poll(0.05)
                async with self._batch:
                    if not records:
                        continue
                    await asyncio.sleep(0.001)  # the "database transaction"
                    self.handled += records
                    self._tally.add(len(records))
                    offsets = {r.tp: r.offset + 1 for r in records}
                    await self.consumer.commit(offsets)
        finally:
            await self.consumer.stop()


async def test_consumers_in_one_process_share_the_work_while_members_come_and_go(
    tmp_path: Path,
) -> None:
    bus = connect(f"embedded://{tmp_path}/log.sqlite3")
    await bus.start()
    try:
        await bus.ensure_topic("intake", 6)
        stops = [asyncio.Event() for _ in range(3)]
        tally = _Tally(600)
        members = [_CommittingMember(bus, "zaakmagazijn", "intake", tally) for _ in range(3)]
        first = asyncio.create_task(members[0].run(stops[0]))
        publishing = asyncio.create_task(  # while the others join
            bus.publish_batch("intake", [Message(key=b"k%d" % n, value=b"") for n in range(200)])
        )
        second = asyncio.create_task(members[1].run(stops[1]))
        await asyncio.sleep(0.05)
        third = asyncio.create_task(members[2].run(stops[2]))
        await publishing
        for member in members:  # all three hold partitions: the next records are shared
            await asyncio.wait_for(member.assigned.wait(), timeout=10)
        for n in range(200, 400):
            await bus.publish("intake", Message(key=b"k%d" % n, value=b""))
        deadline = time.monotonic() + 10
        while not members[1].handled and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        stops[1].set()  # the second leaves mid-stream: the others take its partitions
        await second
        for n in range(400, 600):
            await bus.publish("intake", Message(key=b"k%d" % n, value=b""))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(tally.reached.wait(), timeout=10)
        for stop in stops:
            stop.set()
        await asyncio.gather(first, third)
    finally:
        await bus.close()
    handled = [(r.partition, r.offset) for m in members for r in m.handled]
    assert len(handled) == 600
    assert len(set(handled)) == 600, "a record was handled twice"
    assert all(m.handled for m in members)


async def test_a_member_of_a_group_with_more_members_than_partitions_stays_idle(
    tmp_path: Path,
) -> None:
    bus = connect(f"embedded://{tmp_path}/log.sqlite3")
    await bus.start()
    try:
        await bus.ensure_topic("one", 1)
        busy, idle = bus.group_consumer("g", ["one"]), bus.group_consumer("g", ["one"])
        await busy.start()
        await idle.start()
        assert busy.assignment() == {TopicPartition("one", 0)}
        assert idle.assignment() == frozenset()
        await bus.publish("one", Message(key=None, value=b"x"))
        assert len(await busy.poll(1.0)) == 1
        assert await idle.poll(0.1) == []
        await busy.stop()
        assert idle.assignment() == {TopicPartition("one", 0)}
        assert len(await idle.poll(1.0)) == 1  # nothing was committed
    finally:
        await bus.close()


async def test_records_appended_by_another_process_are_noticed(tmp_path: Path) -> None:
    url = f"embedded://{tmp_path}/log.sqlite3"
    bus = connect(url)
    await bus.start()
    try:
        await bus.ensure_topic("shared", 1)
        consumer = bus.group_consumer(unique("group"), ["shared"])
        await consumer.start()
        await settle([consumer], frozenset({TopicPartition("shared", 0)}))
        script = textwrap.dedent(
            f"""
            import asyncio
            from midoffice.bus import Message, connect

            async def main():
                bus = connect({url!r})
                await bus.start()
                await bus.publish("shared", Message(key=None, value=b"from elsewhere"))
                await bus.close()

            asyncio.run(main())
            """
        )
        await asyncio.to_thread(
            subprocess.run, [sys.executable, "-c", script], check=True, cwd=REPO_ROOT
        )
        published = time.monotonic()
        records = await consumer.poll(5.0)
        assert [r.value for r in records] == [b"from elsewhere"]
        assert time.monotonic() - published < 1.0
    finally:
        await bus.close()


async def test_an_unusable_path_is_a_bus_error(tmp_path: Path) -> None:
    (tmp_path / "occupied").write_text("not a directory")
    bus = connect(f"embedded://{tmp_path}/occupied/log.sqlite3")
    with pytest.raises(BusError, match="cannot open the embedded log"):
        await bus.start()


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("embedded://./.midoffice/log.sqlite3", Path(".midoffice/log.sqlite3")),
        ("embedded://.midoffice/log.sqlite3", Path(".midoffice/log.sqlite3")),
        ("embedded:///var/lib/midoffice/log.sqlite3", Path("/var/lib/midoffice/log.sqlite3")),
    ],
)
def test_connect_reads_the_embedded_path_from_the_url(url: str, path: Path) -> None:
    bus = connect(url)
    assert isinstance(bus, EmbeddedEventBus)
    assert bus.path == path


def test_connect_reads_kafka_hosts_and_options_from_the_url() -> None:
    bus = connect("kafka://a:9092,b:9093?session_timeout_ms=6000", client_id="gw")
    assert isinstance(bus, KafkaEventBus)
    assert bus.bootstrap_servers == "a:9092,b:9093"
    assert bus.options.session_timeout_ms == 6000
    assert bus.client_id == "gw"


def test_a_consumer_group_can_have_a_fetch_wait_of_its_own() -> None:
    bus = connect("kafka://a:9092?fetch_max_wait_ms=10&fetch_max_wait_ms.catalogi=50")
    assert isinstance(bus, KafkaEventBus)
    assert bus.options.fetch_wait_for("catalogi") == 50
    assert bus.options.fetch_wait_for("zaakmagazijn") == 10


@pytest.mark.parametrize(
    ("url", "complaint"),
    [
        ("redis://localhost", "unknown event bus URL scheme"),
        ("embedded://", "needs a file path"),
        ("kafka://", "must look like"),
        ("kafka://a:9092?bogus=1", "unknown kafka:// URL option"),
        ("kafka://a:9092?session_timeout_ms=soon", "must be an integer"),
        ("kafka://a:9092?fetch_max_wait_ms.catalogi=0", "must be >= 1"),
        ("kafka://a:9092?fetch_max_wait_ms.=50", "names no consumer group"),
    ],
)
def test_connect_rejects_unusable_urls(url: str, complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        connect(url)
