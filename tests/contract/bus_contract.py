"""The EventBus contract: one suite, run against every driver.

A driver's test module subclasses :class:`BusContract` and provides the ``bus`` fixture (a
started bus, closed afterwards). Topic and group names are unique per test, because a broker
may be shared by the whole session. Consumer group joins are asynchronous on Kafka, so the
helpers poll until the group has settled instead of assuming it has.
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Iterable, Sequence

import pytest

from midoffice.bus import EventBus, GroupConsumer, Message, Position, Record, TopicPartition
from midoffice.bus.base import BusError
from midoffice.bus.partitioner import partition_for_key

SETTLE_SECONDS = 30.0


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def partitions_of(topic: str, count: int) -> frozenset[TopicPartition]:
    return frozenset(TopicPartition(topic, p) for p in range(count))


def keys_for_partition(partition: int, partitions: int, count: int) -> list[bytes]:
    """``count`` distinct keys that the shared partitioner sends to ``partition``."""
    keys: list[bytes] = []
    n = 0
    while len(keys) < count:
        key = f"key-{n}".encode()
        if partition_for_key(key, partitions) == partition:
            keys.append(key)
        n += 1
    return keys


async def drain(
    consumer: GroupConsumer, expected: int, timeout: float = SETTLE_SECONDS
) -> list[Record]:
    """Poll until ``expected`` records arrived (or time is up); returns what came."""
    records: list[Record] = []
    deadline = time.monotonic() + timeout
    while len(records) < expected and time.monotonic() < deadline:
        records += await consumer.poll(0.2)
    return records


async def settle(
    consumers: Sequence[GroupConsumer],
    expected: frozenset[TopicPartition],
    timeout: float = SETTLE_SECONDS,
) -> list[list[Record]]:
    """Poll all members until their assignments are disjoint, non-empty and cover ``expected``.

    Returns the records each member received meanwhile.
    """
    received: list[list[Record]] = [[] for _ in consumers]
    deadline = time.monotonic() + timeout
    while True:
        shares = [consumer.assignment() for consumer in consumers]
        union = frozenset().union(*shares)
        if (
            union == expected
            and all(shares)
            and sum(len(share) for share in shares) == len(expected)
        ):
            return received
        if time.monotonic() > deadline:
            raise AssertionError(f"group did not settle: {shares}, expected {sorted(expected)}")
        polled = await asyncio.gather(*(consumer.poll(0.1) for consumer in consumers))
        for bucket, records in zip(received, polled, strict=True):
            bucket += records


def by_partition(records: Iterable[Record]) -> dict[int, list[int]]:
    offsets: dict[int, list[int]] = defaultdict(list)
    for record in records:
        offsets[record.partition].append(record.offset)
    return dict(offsets)


def by_partition_positions(positions: Iterable[Position]) -> dict[int, list[int]]:
    offsets: dict[int, list[int]] = defaultdict(list)
    for position in positions:
        offsets[position.partition].append(position.offset)
    return dict(offsets)


class RecordingListener:
    """Remembers every rebalance call, in order."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, frozenset[TopicPartition]]] = []

    async def on_partitions_revoked(self, revoked: frozenset[TopicPartition]) -> None:
        self.calls.append(("revoked", revoked))

    async def on_partitions_assigned(self, assigned: frozenset[TopicPartition]) -> None:
        self.calls.append(("assigned", assigned))

    def last_assigned(self) -> frozenset[TopicPartition] | None:
        assigned = [parts for kind, parts in self.calls if kind == "assigned"]
        return assigned[-1] if assigned else None


class BusContract:
    """The behaviour every EventBus driver must show."""

    @pytest.fixture
    async def bus(self) -> AsyncIterator[EventBus]:
        raise NotImplementedError("a driver's test class provides a started bus")
        yield  # pragma: no cover

    async def new_topic(self, bus: EventBus, partitions: int) -> str:
        topic = unique("topic")
        await bus.ensure_topic(topic, partitions)
        return topic

    # --- topics and partitioning -------------------------------------------------------

    async def test_ensure_topic_is_idempotent_and_keeps_the_partition_count(
        self, bus: EventBus
    ) -> None:
        topic = unique("topic")
        await bus.ensure_topic(topic, 3)
        await bus.ensure_topic(topic, 3)
        await bus.ensure_topic(topic, 5)
        assert await bus.partition_count(topic) == 3

    async def test_unknown_topic_is_a_bus_error_and_is_not_created(self, bus: EventBus) -> None:
        topic = unique("missing")
        with pytest.raises(BusError, match="unknown topic"):
            await bus.partition_count(topic)
        with pytest.raises(BusError, match="unknown topic"):
            await bus.publish(topic, Message(key=b"k", value=b"v"))
        with pytest.raises(BusError, match="unknown topic"):
            await bus.group_consumer(unique("group"), [topic]).start()
        with pytest.raises(BusError, match="unknown topic"):
            await bus.partition_count(topic)

    async def test_a_key_always_lands_on_the_shared_partitioners_partition(
        self, bus: EventBus
    ) -> None:
        topic = await self.new_topic(bus, 4)
        keys = [uuid.uuid4().bytes for _ in range(24)]
        for _ in range(2):
            for key in keys:
                position = await bus.publish(topic, Message(key=key, value=b"x"))
                assert position.topic == topic
                assert position.partition == partition_for_key(key, 4)

    async def test_keyless_messages_are_spread_round_robin(self, bus: EventBus) -> None:
        topic = await self.new_topic(bus, 3)
        positions = await bus.publish_batch(topic, [Message(key=None, value=b"x")] * 9)
        counts: dict[int, int] = defaultdict(int)
        for position in positions:
            counts[position.partition] += 1
        assert counts == {0: 3, 1: 3, 2: 3}

    async def test_offsets_start_at_zero_and_are_contiguous_in_publish_order(
        self, bus: EventBus
    ) -> None:
        topic = await self.new_topic(bus, 2)
        key = keys_for_partition(1, 2, 1)[0]
        positions = [
            await bus.publish(topic, Message(key=key, value=f"{n}".encode())) for n in range(30)
        ]
        assert [p.offset for p in positions] == list(range(30))
        assert {p.partition for p in positions} == {1}
        reader = bus.reader(topic)
        await reader.start()
        try:
            records = await reader.read(1, 0, max_records=100)
            assert [r.offset for r in records] == list(range(30))
            assert [r.value for r in records] == [f"{n}".encode() for n in range(30)]
            assert await reader.end_offset(0) == 0
        finally:
            await reader.stop()

    async def test_publish_batch_returns_positions_in_input_order(self, bus: EventBus) -> None:
        topic = await self.new_topic(bus, 3)
        messages = [
            Message(key=f"zaak-{n % 5}".encode(), value=f"value-{n}".encode()) for n in range(40)
        ]
        positions = await bus.publish_batch(topic, messages)
        assert len(positions) == len(messages)
        last_offset: dict[int, int] = {}
        for message, position in zip(messages, positions, strict=True):
            assert message.key is not None
            assert position.partition == partition_for_key(message.key, 3)
            assert position.offset > last_offset.get(position.partition, -1)
            last_offset[position.partition] = position.offset
        reader = bus.reader(topic)
        await reader.start()
        try:
            stored: dict[tuple[int, int], bytes] = {}
            for partition in await reader.partitions():
                for record in await reader.read(partition, 0, max_records=100):
                    stored[(record.partition, record.offset)] = record.value
            for message, position in zip(messages, positions, strict=True):
                assert stored[(position.partition, position.offset)] == message.value
        finally:
            await reader.stop()

    async def test_concurrent_publishes_get_distinct_contiguous_offsets(
        self, bus: EventBus
    ) -> None:
        topic = await self.new_topic(bus, 3)
        messages = [Message(key=f"zaak-{n % 7}".encode(), value=b"%d" % n) for n in range(300)]
        positions = await asyncio.gather(*(bus.publish(topic, m) for m in messages))
        for partition, offsets in by_partition_positions(positions).items():
            assert sorted(offsets) == list(range(len(offsets))), partition

    async def test_key_value_and_headers_round_trip_byte_exact(self, bus: EventBus) -> None:
        topic = await self.new_topic(bus, 2)
        big = os.urandom(1_000_000)
        sent = [
            Message(
                key=bytes(range(256)),
                value=big,
                headers=(
                    ("ce_type", b"nl.overheid.zaken.zaak-geopend"),
                    ("omschrijving", "Aanvraag óók voor ’s-Hertogenbosch €".encode()),
                    ("binary", b"\x00\xff\xfe\x80"),
                    ("dup", b"first"),
                    ("dup", b"second"),
                    ("empty", b""),
                ),
            ),
            Message(key=None, value=b""),
            Message(key=b"", value="zaak ✓".encode(), headers=(("ë", "ü".encode()),)),
        ]
        before = int(time.time() * 1000) - 1000
        positions = await bus.publish_batch(topic, sent)
        consumer = bus.group_consumer(unique("group"), [topic])
        await consumer.start()
        try:
            received = await drain(consumer, len(sent))
        finally:
            await consumer.stop()
        found = {(r.partition, r.offset): r for r in received}
        assert len(found) == len(sent)
        for message, position in zip(sent, positions, strict=True):
            record = found[(position.partition, position.offset)]
            assert record.topic == topic
            assert record.key == message.key
            assert record.value == message.value
            assert record.headers == message.headers
            assert before <= record.timestamp_ms <= int(time.time() * 1000) + 1000

    # --- consumer groups ---------------------------------------------------------------

    async def test_a_group_consumer_sees_every_record_in_partition_order(
        self, bus: EventBus
    ) -> None:
        topic = await self.new_topic(bus, 3)
        positions = await bus.publish_batch(
            topic, [Message(key=f"k{n}".encode(), value=b"%d" % n) for n in range(60)]
        )
        consumer = bus.group_consumer(unique("group"), [topic])
        await consumer.start()
        try:
            records = await drain(consumer, 60)
            assert await consumer.poll(0.3) == []
        finally:
            await consumer.stop()
        assert sorted((r.partition, r.offset) for r in records) == sorted(
            (p.partition, p.offset) for p in positions
        )
        for offsets in by_partition(records).values():
            assert offsets == sorted(offsets)

    async def test_restart_resumes_exactly_after_the_committed_offset(self, bus: EventBus) -> None:
        topic = await self.new_topic(bus, 2)
        group = unique("group")
        await bus.publish_batch(topic, [Message(key=None, value=b"%d" % n) for n in range(20)])
        first = bus.group_consumer(group, [topic])
        await first.start()
        records = await drain(first, 20)
        assert len(records) == 20
        commit = {TopicPartition(topic, 0): 4, TopicPartition(topic, 1): 7}
        await first.commit(commit)
        assert await first.committed(TopicPartition(topic, 0)) == 4
        await first.stop()

        second = bus.group_consumer(group, [topic])
        await second.start()
        try:
            assert await second.committed(TopicPartition(topic, 1)) == 7
            again = await drain(second, 6 + 3)
            assert by_partition(again) == {0: list(range(4, 10)), 1: list(range(7, 10))}
            assert await second.poll(0.3) == []
        finally:
            await second.stop()

    async def test_a_new_group_without_commits_starts_at_the_beginning(self, bus: EventBus) -> None:
        topic = await self.new_topic(bus, 1)
        await bus.publish_batch(topic, [Message(key=None, value=b"x")] * 5)
        consumer = bus.group_consumer(unique("group"), [topic])
        await consumer.start()
        try:
            assert await consumer.committed(TopicPartition(topic, 0)) is None
            assert [r.offset for r in await drain(consumer, 5)] == [0, 1, 2, 3, 4]
        finally:
            await consumer.stop()
        with pytest.raises(BusError, match="not running"):
            await consumer.poll(0.1)

    async def test_two_members_split_the_partitions_and_see_each_record_once(
        self, bus: EventBus
    ) -> None:
        topic = await self.new_topic(bus, 4)
        group = unique("group")
        members = [bus.group_consumer(group, [topic]) for _ in range(2)]
        for member in members:
            await member.start()
        try:
            await settle(members, partitions_of(topic, 4))
            await bus.publish_batch(topic, [Message(key=None, value=b"%d" % n) for n in range(40)])
            seen: list[list[Record]] = [[], []]
            deadline = time.monotonic() + SETTLE_SECONDS
            while sum(map(len, seen)) < 40 and time.monotonic() < deadline:
                polled = await asyncio.gather(*(m.poll(0.2) for m in members))
                for bucket, records in zip(seen, polled, strict=True):
                    bucket += records
            every = [(r.partition, r.offset) for bucket in seen for r in bucket]
            assert sorted(every) == sorted({(p, o) for p in range(4) for o in range(10)})
            for member, bucket in zip(members, seen, strict=True):
                assert {r.tp for r in bucket} == member.assignment()
        finally:
            for member in members:
                await member.stop()

    async def test_a_stopping_member_hands_over_from_the_committed_offset(
        self, bus: EventBus
    ) -> None:
        topic = await self.new_topic(bus, 2)
        group = unique("group")
        staying, leaving = bus.group_consumer(group, [topic]), bus.group_consumer(group, [topic])
        await staying.start()
        await leaving.start()
        try:
            await settle([staying, leaving], partitions_of(topic, 2))
            (left_tp,) = leaving.assignment()
            (kept_tp,) = staying.assignment()
            await bus.publish_batch(topic, [Message(key=None, value=b"%d" % n) for n in range(20)])
            kept = await drain(staying, 10)
            gone = await drain(leaving, 10)
            assert len(kept) == len(gone) == 10
            await staying.commit({kept_tp: 10})
            await leaving.commit({left_tp: 6})
            await leaving.stop()

            taken_over = await drain(staying, 4)
            assert [(r.tp, r.offset) for r in taken_over] == [(left_tp, o) for o in range(6, 10)]
            assert staying.assignment() == partitions_of(topic, 2)
            assert await staying.poll(0.3) == []
        finally:
            await staying.stop()
            await leaving.stop()

    async def test_the_rebalance_listener_hears_revocations_and_assignments(
        self, bus: EventBus
    ) -> None:
        topic = await self.new_topic(bus, 2)
        group = unique("group")
        first_listener, second_listener = RecordingListener(), RecordingListener()
        first = bus.group_consumer(group, [topic], listener=first_listener)
        await first.start()
        await settle([first], partitions_of(topic, 2))
        assert first_listener.last_assigned() == partitions_of(topic, 2)

        second = bus.group_consumer(group, [topic], listener=second_listener)
        await second.start()
        try:
            await settle([first, second], partitions_of(topic, 2))
            second_share = second.assignment()
            revoked = [parts for kind, parts in first_listener.calls if kind == "revoked"]
            assert revoked and second_share <= revoked[-1]
            assert first_listener.calls[-1] == ("assigned", first.assignment())
            assert second_listener.last_assigned() == second_share

            await second.stop()
            assert second_listener.calls[-1] == ("revoked", second_share)
            await settle([first], partitions_of(topic, 2))
            assert first_listener.last_assigned() == partitions_of(topic, 2)
        finally:
            await second.stop()
            await first.stop()

    async def test_two_groups_are_independent(self, bus: EventBus) -> None:
        topic = await self.new_topic(bus, 2)
        await bus.publish_batch(topic, [Message(key=None, value=b"%d" % n) for n in range(10)])
        one = bus.group_consumer(unique("group"), [topic])
        two = bus.group_consumer(unique("group"), [topic])
        await one.start()
        await two.start()
        try:
            first_seen = await drain(one, 10)
            await one.commit({TopicPartition(topic, 0): 5, TopicPartition(topic, 1): 5})
            second_seen = await drain(two, 10)
            assert len(first_seen) == len(second_seen) == 10
            assert await two.committed(TopicPartition(topic, 0)) is None
        finally:
            await one.stop()
            await two.stop()

    async def test_commit_of_a_partition_not_owned_is_a_bus_error(self, bus: EventBus) -> None:
        topic = await self.new_topic(bus, 1)
        consumer = bus.group_consumer(unique("group"), [topic])
        await consumer.start()
        try:
            await settle([consumer], partitions_of(topic, 1))
            with pytest.raises(BusError):
                await consumer.commit({TopicPartition(unique("other"), 0): 1})
        finally:
            await consumer.stop()

    async def test_poll_wakes_up_when_a_record_is_published(self, bus: EventBus) -> None:
        topic = await self.new_topic(bus, 1)
        consumer = bus.group_consumer(unique("group"), [topic])
        await consumer.start()
        try:
            await settle([consumer], partitions_of(topic, 1))
            assert await consumer.poll(0.2) == []

            async def publish_later() -> float:
                await asyncio.sleep(0.2)
                await bus.publish(topic, Message(key=None, value=b"late"))
                return time.monotonic()

            publisher = asyncio.create_task(publish_later())
            records = await consumer.poll(5.0)
            woke = time.monotonic()
            assert [r.value for r in records] == [b"late"]
            assert woke - await publisher < 0.5
        finally:
            await consumer.stop()

    # --- log reader ----------------------------------------------------------------------

    async def test_reader_reads_from_any_offset(self, bus: EventBus) -> None:
        topic = await self.new_topic(bus, 3)
        key = keys_for_partition(2, 3, 1)[0]
        await bus.publish_batch(topic, [Message(key=key, value=b"%d" % n) for n in range(50)])
        reader = bus.reader(topic)
        await reader.start()
        try:
            assert await reader.partitions() == [0, 1, 2]
            assert [r.offset for r in await reader.read(2, 20, max_records=10)] == list(
                range(20, 30)
            )
            assert [r.value for r in await reader.read(2, 45)] == [b"%d" % n for n in range(45, 50)]
            assert [r.offset for r in await reader.read(2, 3, max_records=2)] == [3, 4]
            started = time.monotonic()
            assert await reader.read(2, 50, timeout=0.3) == []
            assert time.monotonic() - started < 2.0
            assert await reader.read(0, 0, timeout=0.1) == []
            with pytest.raises(BusError, match="no partition 3"):
                await reader.read(3, 0, timeout=0.1)
            with pytest.raises(BusError, match="no partition 7"):
                await reader.end_offset(7)
        finally:
            await reader.stop()

    async def test_reader_reports_exact_end_offsets(self, bus: EventBus) -> None:
        topic = await self.new_topic(bus, 3)
        key = keys_for_partition(1, 3, 1)[0]
        for start in range(0, 900, 300):
            await bus.publish_batch(
                topic, [Message(key=key, value=b"%d" % n) for n in range(start, start + 300)]
            )
        await bus.publish(topic, Message(key=keys_for_partition(2, 3, 1)[0], value=b"one"))
        reader = bus.reader(topic)
        await reader.start()
        try:
            assert await reader.end_offset(1) == 900
            assert await reader.end_offset(2) == 1
            assert await reader.end_offset(0) == 0
            await bus.publish(topic, Message(key=key, value=b"900"))
            assert await reader.end_offset(1) == 901
        finally:
            await reader.stop()

    async def test_reader_finds_offsets_by_timestamp(self, bus: EventBus) -> None:
        topic = await self.new_topic(bus, 1)
        await bus.publish_batch(topic, [Message(key=None, value=b"early")] * 5)
        await asyncio.sleep(0.05)
        middle = int(time.time() * 1000)
        await asyncio.sleep(0.05)
        await bus.publish_batch(topic, [Message(key=None, value=b"late")] * 5)
        reader = bus.reader(topic)
        await reader.start()
        try:
            assert await reader.offset_for_time(0, 0) == 0
            assert await reader.offset_for_time(0, middle) == 5
            records = await reader.read(0, 0, max_records=10)
            target = records[7].timestamp_ms
            first_at_target = next(r.offset for r in records if r.timestamp_ms >= target)
            assert await reader.offset_for_time(0, target) == first_at_target
            assert await reader.offset_for_time(0, int(time.time() * 1000) + 60_000) == 10
        finally:
            await reader.stop()
