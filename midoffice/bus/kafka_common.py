"""Helpers shared by the Kafka driver's modules: record conversion and error mapping."""

from __future__ import annotations

from typing import Any

import aiokafka
from aiokafka import errors as kafka_errors

from midoffice.bus.base import BusError, Record, TopicPartition


def to_record(consumed: Any) -> Record:
    """Our :class:`Record` from an aiokafka ``ConsumerRecord`` (bytes key and value)."""
    return Record(
        topic=consumed.topic,
        partition=consumed.partition,
        offset=consumed.offset,
        key=consumed.key,
        value=consumed.value if consumed.value is not None else b"",
        headers=tuple((name, bytes(value)) for name, value in consumed.headers or ()),
        timestamp_ms=consumed.timestamp,
    )


def to_kafka_tp(tp: TopicPartition) -> aiokafka.TopicPartition:
    return aiokafka.TopicPartition(tp.topic, tp.partition)


def from_kafka_tp(tp: aiokafka.TopicPartition) -> TopicPartition:
    return TopicPartition(tp.topic, tp.partition)


def bus_error(exc: BaseException, action: str, bootstrap: str) -> BusError:
    """A :class:`BusError` saying what failed and, where possible, what to do about it."""
    if isinstance(exc, kafka_errors.KafkaConnectionError):
        return BusError(f"{action}: Kafka broker unreachable at {bootstrap} ({exc})")
    if isinstance(exc, kafka_errors.KafkaTimeoutError):
        return BusError(f"{action}: no answer from Kafka at {bootstrap} in time ({exc})")
    if isinstance(exc, kafka_errors.UnknownTopicOrPartitionError):
        return BusError(f"{action}: unknown topic or partition; create it with ensure_topic")
    if isinstance(exc, kafka_errors.CommitFailedError | kafka_errors.IllegalStateError):
        return BusError(
            f"{action}: the group rebalanced and this member no longer owns the partition;"
            f" the new owner reads the uncommitted records again ({exc})"
        )
    return BusError(f"{action}: {type(exc).__name__}: {exc}")
