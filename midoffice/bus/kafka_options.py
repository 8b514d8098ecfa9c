"""Tuning of the Kafka driver, settable from the bus URL's query string.

``kafka://host:9092,host2:9092?session_timeout_ms=2000&heartbeat_interval_ms=200`` sets the
fields of :class:`KafkaOptions` by name; ``fetch_max_wait_ms.<group>=N`` sets the fetch wait of
one consumer group. The defaults suit Apache Kafka (whose brokers refuse
session timeouts under 6 s by default); tests against Tansu use shorter ones, since Tansu
holds every group join for about half the session timeout (at least 1 s).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class KafkaOptions:
    """Settings passed to the aiokafka clients (all times in milliseconds)."""

    replication_factor: int = 1
    session_timeout_ms: int = 10_000
    heartbeat_interval_ms: int = 1_000
    rebalance_timeout_ms: int = 60_000
    request_timeout_ms: int = 30_000
    max_request_size: int = 16 * 1024 * 1024
    reader_fetch_max_wait_ms: int = 100
    fetch_max_wait_ms: int = 500
    """How long a group consumer's fetch may wait for data. Apache Kafka answers as soon as a
    record arrives; Tansu holds every fetch for this long, so use 10-20 against Tansu."""
    group_fetch_max_wait_ms: Mapping[str, int] = dataclasses.field(default_factory=dict)
    """Per consumer group, instead of ``fetch_max_wait_ms``. On a broker that holds every
    fetch (Tansu) each idle group costs the broker and this process a fetch per wait; a
    group whose events are rare can wait longer, at the price of that much more latency."""

    def fetch_wait_for(self, group_id: str) -> int:
        """The fetch wait of consumer group ``group_id``."""
        return self.group_fetch_max_wait_ms.get(group_id, self.fetch_max_wait_ms)

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> KafkaOptions:
        """Options from URL query parameters; ValueError on an unknown name or a non-integer."""
        known = {field.name for field in dataclasses.fields(cls)} - {"group_fetch_max_wait_ms"}
        per_group = {name for name in query if name.startswith("fetch_max_wait_ms.")}
        unknown = sorted(set(query) - known - per_group)
        if unknown:
            raise ValueError(
                f"unknown kafka:// URL option(s) {', '.join(unknown)}; "
                f"known: {', '.join(sorted(known))}"
            )
        values: dict[str, int] = {}
        groups: dict[str, int] = {}
        for name, text in query.items():
            try:
                values[name] = int(text)
            except ValueError:
                raise ValueError(
                    f"kafka:// URL option {name} must be an integer, got {text!r}"
                ) from None
            if values[name] < 1:
                raise ValueError(f"kafka:// URL option {name} must be >= 1, got {text!r}")
            if name in per_group:
                group = name.split(".", 1)[1]
                if not group:
                    raise ValueError(f"kafka:// URL option {name} names no consumer group")
                groups[group] = values.pop(name)
        return cls(**values, group_fetch_max_wait_ms=groups)
