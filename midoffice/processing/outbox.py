"""The transactional outbox: facts to publish are written with the effect, published after
the commit, then deleted. Publishing is at-least-once; every fact has a stable id, so
consumers drop duplicates.

The processor publishes a batch's rows from memory right after its commit (:func:`publish`)
and deletes them in its next transaction (:func:`delete`): no read back, no transaction of
their own. :func:`flush` reads what a crashed batch or predecessor left behind.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, Final

from sqlalchemy import bindparam, insert, select
from sqlalchemy import delete as sa_delete
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from midoffice.bus.base import EventBus, Message, TopicPartition
from midoffice.processing.tables import outbox


def _encode_headers(headers: Iterable[tuple[str, bytes]]) -> list[list[str]]:
    return [[name, base64.b64encode(value).decode()] for name, value in headers]


def _decode_headers(raw: list[list[str]]) -> tuple[tuple[str, bytes], ...]:
    return tuple((name, base64.b64decode(value)) for name, value in raw)


def entries(
    consumer: str, source: TopicPartition, topic: str, messages: Sequence[Message]
) -> list[dict[str, Any]]:
    """The outbox rows that queue ``messages`` for ``topic``, in order."""
    now = dt.datetime.now(dt.UTC)
    return [
        {
            "consumer": consumer,
            "source_topic": source.topic,
            "source_partition": source.partition,
            "topic": topic,
            "key": message.key,
            "value": message.value,
            "headers": _encode_headers(message.headers),
            "created_at": now,
        }
        for message in messages
    ]


async def add(
    conn: AsyncConnection,
    consumer: str,
    source: TopicPartition,
    topic: str,
    messages: Sequence[Message],
) -> None:
    """Queue ``messages`` for ``topic`` inside the caller's transaction."""
    await add_all(conn, entries(consumer, source, topic, messages))


async def add_all(conn: AsyncConnection, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert outbox rows made by :func:`entries` in one statement; they are published in
    the order given. Returns their ids, in no particular order."""
    if not rows:
        return []
    # Not sort_by_parameter_order: on SQLite that inserts row by row. The ids serve to
    # delete the rows once published, for which their order does not matter.
    result = await conn.execute(insert(outbox).returning(outbox.c.id), list(rows))
    return [row.id for row in result]


async def publish(bus: EventBus, rows: Sequence[dict[str, Any]]) -> None:
    """Publish rows made by :func:`entries`, in order per topic."""
    by_topic: dict[str, list[Message]] = defaultdict(list)
    for row in rows:
        by_topic[row["topic"]].append(
            Message(key=row["key"], value=row["value"], headers=_decode_headers(row["headers"]))
        )
    for topic, messages in by_topic.items():
        await bus.publish_batch(topic, messages)


_DELETE: Final = sa_delete(outbox).where(outbox.c.id.in_(bindparam("ids", expanding=True)))


async def delete(conn: AsyncConnection, ids: Sequence[int]) -> None:
    """Delete published rows inside the caller's transaction."""
    if ids:
        await conn.execute(_DELETE, {"ids": list(ids)})


async def flush(
    engine: AsyncEngine, bus: EventBus, consumer: str, sources: Iterable[TopicPartition]
) -> int:
    """Publish, in order, every queued message that came from ``sources``; then delete them.

    Called before a batch of a partition whose rows may not all be published (newly
    assigned, or after a failed publish or commit), so the leftovers of a crashed predecessor
    go out first and per-zaak order is kept.
    """
    partitions_by_topic: dict[str, list[int]] = defaultdict(list)
    for tp in sources:
        partitions_by_topic[tp.topic].append(tp.partition)
    published = 0
    for source_topic, partitions in partitions_by_topic.items():
        async with engine.connect() as conn:
            rows = (
                await conn.execute(
                    select(outbox)
                    .where(
                        outbox.c.consumer == consumer,
                        outbox.c.source_topic == source_topic,
                        outbox.c.source_partition.in_(partitions),
                    )
                    .order_by(outbox.c.id)
                )
            ).all()
        if not rows:
            continue
        by_topic: dict[str, list[Message]] = defaultdict(list)
        for row in rows:
            by_topic[row.topic].append(
                Message(key=row.key, value=row.value, headers=_decode_headers(row.headers))
            )
        for topic, messages in by_topic.items():
            await bus.publish_batch(topic, messages)
        async with engine.begin() as conn:
            await delete(conn, [row.id for row in rows])
        published += len(rows)
    return published
