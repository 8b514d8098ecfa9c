"""Key -> partition, exactly as Kafka's default partitioner, shared by both bus drivers.

A keyed record goes to ``(murmur2(key) & 0x7FFFFFFF) % partitions``, so a zaak uuid lands on
the same partition number on the embedded log and on Kafka (and for Java producers).
Keyless records are spread round-robin.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from aiokafka.partitioner import murmur2


def partition_for_key(key: bytes, partitions: int) -> int:
    """The partition Kafka's default partitioner chooses for ``key``."""
    if partitions < 1:
        raise ValueError(f"partitions must be >= 1, got {partitions}")
    return (murmur2(key) & 0x7FFFFFFF) % partitions


class Partitioner:
    """Chooses partitions for one bus: murmur2 for keys, round-robin per topic without one."""

    def __init__(self) -> None:
        self._keyless_counters: defaultdict[str, itertools.count[int]] = defaultdict(
            itertools.count
        )

    def __call__(self, topic: str, key: bytes | None, partitions: int) -> int:
        if key is not None:
            return partition_for_key(key, partitions)
        if partitions < 1:
            raise ValueError(f"partitions must be >= 1, got {partitions}")
        return next(self._keyless_counters[topic]) % partitions
