"""The event bus: a partitioned, durable log with consumer groups, chosen by URL scheme.

``embedded://<path>`` is a SQLite file in this process (``embedded://.midoffice/log.sqlite3``
is relative to the working directory, ``embedded:///var/lib/midoffice/log.sqlite3`` absolute);
``kafka://host:port[,host:port][?option=value...]`` is a Kafka cluster (options: the fields
of :class:`midoffice.bus.kafka_options.KafkaOptions`).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from midoffice.bus.base import (
    BusError,
    EventBus,
    GroupConsumer,
    LogReader,
    Message,
    Position,
    RebalanceListener,
    Record,
    TopicPartition,
)

__all__ = [
    "BusError",
    "EventBus",
    "GroupConsumer",
    "LogReader",
    "Message",
    "Position",
    "RebalanceListener",
    "Record",
    "TopicPartition",
    "connect",
]

EMBEDDED_SCHEME = "embedded://"
KAFKA_SCHEME = "kafka://"


def connect(url: str, *, client_id: str = "midoffice") -> EventBus:
    """A (not yet started) EventBus for ``url``; ValueError for an unusable URL."""
    if url.startswith(EMBEDDED_SCHEME):
        from midoffice.bus.embedded import EmbeddedEventBus

        path = url.removeprefix(EMBEDDED_SCHEME)
        if not path or "?" in path:
            raise ValueError(
                f"embedded bus URL {url!r} needs a file path and takes no options, e.g."
                " embedded://.midoffice/log.sqlite3 or embedded:///var/lib/midoffice/log.sqlite3"
            )
        return EmbeddedEventBus(path, client_id=client_id)
    if url.startswith(KAFKA_SCHEME):
        from midoffice.bus.kafka import KafkaEventBus
        from midoffice.bus.kafka_options import KafkaOptions

        parts = urlsplit(url)
        hosts = [host.strip() for host in parts.netloc.split(",") if host.strip()]
        if not hosts or parts.path not in ("", "/"):
            raise ValueError(f"kafka bus URL {url!r} must look like kafka://host:port[,host:port]")
        options = KafkaOptions.from_query(dict(parse_qsl(parts.query, strict_parsing=False)))
        return KafkaEventBus(",".join(hosts), client_id=client_id, options=options)
    scheme = url.split("://", 1)[0] if "://" in url else url
    raise ValueError(
        f"unknown event bus URL scheme in {scheme!r}: use embedded://<path> or kafka://host:port"
    )
