"""Dead letters: an event that can never be processed is moved aside with its reason and
origin, so its partition goes on. Operators list and requeue them (``midoffice deadletters``).
"""

from __future__ import annotations

from midoffice.bus.base import Message, Record

REASON = "dlq_reason"
ORIGIN_TOPIC = "dlq_origin_topic"
ORIGIN_PARTITION = "dlq_origin_partition"
ORIGIN_OFFSET = "dlq_origin_offset"
CONSUMER = "dlq_consumer"
_OWN_HEADERS = (REASON, ORIGIN_TOPIC, ORIGIN_PARTITION, ORIGIN_OFFSET, CONSUMER)
_MAX_REASON = 2000


def dead_letter_topic(source_topic: str) -> str:
    """The dead-letter topic that belongs to ``source_topic``."""
    return f"{source_topic}.dlq"


def dead_letter(record: Record, consumer: str, reason: str) -> Message:
    """The original bytes and headers, plus the reason and origin as headers."""
    headers = (
        *tuple(h for h in record.headers if h[0] not in _OWN_HEADERS),
        (REASON, reason[:_MAX_REASON].encode("utf-8", "replace")),
        (ORIGIN_TOPIC, record.topic.encode()),
        (ORIGIN_PARTITION, str(record.partition).encode()),
        (ORIGIN_OFFSET, str(record.offset).encode()),
        (CONSUMER, consumer.encode()),
    )
    return Message(key=record.key, value=record.value, headers=headers)


def origin(record: Record) -> dict[str, str]:
    """The dead-letter headers of a record on a dead-letter topic, decoded."""
    return {
        name: value.decode("utf-8", "replace")
        for name, value in record.headers
        if name in _OWN_HEADERS
    }


def requeue_message(record: Record) -> Message:
    """The original message, without the dead-letter headers, ready to publish again."""
    return Message(
        key=record.key,
        value=record.value,
        headers=tuple(h for h in record.headers if h[0] not in _OWN_HEADERS),
    )
