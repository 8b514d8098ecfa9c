"""The bus contract on the Kafka driver, against the session's Tansu broker."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from midoffice.bus import EventBus, Message, connect
from midoffice.bus.base import BusError
from midoffice.bus.kafka import KafkaEventBus
from tests.contract.bus_contract import BusContract, unique
from tests.fixtures.tansu import free_port

pytestmark = pytest.mark.kafka


class TestKafkaBus(BusContract):
    @pytest.fixture
    async def bus(self, tansu_url: str) -> AsyncIterator[EventBus]:
        bus = connect(tansu_url, client_id="contract")
        assert isinstance(bus, KafkaEventBus)
        await bus.start()
        try:
            yield bus
        finally:
            await bus.close()

    async def test_end_offset_is_exact_where_list_offsets_is_not(self, bus: EventBus) -> None:
        topic = await self.new_topic(bus, 1)
        await bus.publish_batch(topic, [Message(key=None, value=b"%d" % n) for n in range(900)])
        reader = bus.reader(topic)
        await reader.start()
        try:
            assert await reader.end_offset(0) == 900
        finally:
            await reader.stop()


async def test_an_unreachable_broker_is_a_bus_error() -> None:
    bus = connect(f"kafka://127.0.0.1:{free_port()}?request_timeout_ms=2000")
    with pytest.raises(BusError, match="unreachable"):
        await bus.start()


async def test_publishing_does_not_create_topics(tansu_url: str) -> None:
    bus = connect(tansu_url)
    await bus.start()
    try:
        topic = unique("never-created")
        with pytest.raises(BusError, match="unknown topic"):
            await bus.publish(topic, Message(key=b"k", value=b"v"))
        with pytest.raises(BusError, match="unknown topic"):
            await bus.partition_count(topic)
    finally:
        await bus.close()
