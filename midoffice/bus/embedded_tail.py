"""What this process knows of the end of each partition of the embedded log, to spare reads.

Every processor of a process has its own consumer, and each wakes on every append to its
topics: most find nothing of theirs, and every look used to cost a read of the file on a
reader thread (one query per partition). The tail keeps, per partition:

- the records this process appended most recently (committed; records never change), so a
  consumer reading just behind the end is served from memory;
- the end of the partition as last confirmed, with *when*: by this process's own append
  (the time its write transaction began, holding the file's write lock) or by a read that
  reached the end.

"Nothing new here" is answered from memory only while the confirmation is younger than
``trust_seconds`` and no other process rang the doorbell for the topic since. Another
process's append rings after its commit, so any append this process has not seen postdates
the confirmation, and the partition is read from the file again. Without a doorbell (another
platform, a second bus on the file in one process) nothing is trusted: every look reads the
file, as before.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from midoffice.bus.embedded_sql import StoredRecord

TRUST_SECONDS = 0.2
"""How long a confirmed end is believed without a ring (covers a lost doorbell datagram)."""
KEEP_RECORDS = 512
"""Records kept per partition."""


@dataclass
class _Partition:
    start: int = 0  # offset of records[0]
    records: list[StoredRecord] = field(default_factory=list)
    end: int = -1  # confirmed end (next offset); -1: unknown
    confirmed_at: float = float("-inf")
    rung_at: float = float("-inf")


class PartitionTails:
    """The tails of the partitions of one log file, by partition row id."""

    def __init__(self, trust_seconds: float = TRUST_SECONDS, keep: int = KEEP_RECORDS) -> None:
        self.trusting = False  # set once the doorbell is up
        self._trust = trust_seconds
        self._keep = keep
        self._partitions: dict[int, _Partition] = {}

    def _get(self, partition_id: int) -> _Partition:
        found = self._partitions.get(partition_id)
        if found is None:
            found = self._partitions[partition_id] = _Partition()
        return found

    def appended(self, partition_id: int, records: list[StoredRecord], began: float) -> None:
        """This process committed ``records`` (contiguous) in a transaction begun at ``began``."""
        if not records:
            return
        tail = self._get(partition_id)
        first = records[0].offset
        if tail.records and first == tail.start + len(tail.records):
            tail.records.extend(records)
        elif not tail.records or first > tail.start + len(tail.records):  # a gap: start over
            tail.start, tail.records = first, list(records)
        else:  # overlaps what is kept (a late callback): keep the cache as it is
            return
        if len(tail.records) > self._keep:
            drop = len(tail.records) - self._keep
            tail.start += drop
            del tail.records[:drop]
        new_end = records[-1].offset + 1
        if new_end >= tail.end:
            tail.end, tail.confirmed_at = new_end, began

    def read(self, partition_id: int, offset: int, max_records: int) -> list[StoredRecord] | None:
        """Records from ``offset`` on from memory, ``[]`` for a trusted "nothing new", or None
        when the file must be read."""
        tail = self._partitions.get(partition_id)
        if tail is None:
            return None
        cached_end = tail.start + len(tail.records)
        if tail.start <= offset < cached_end:
            begin = offset - tail.start
            return tail.records[begin : begin + max_records]
        if offset == tail.end and self._trusted(tail):
            return []
        return None

    def confirmed(self, partition_id: int, end: int, began: float) -> None:
        """A read begun at ``began`` found that the partition ends at ``end``."""
        tail = self._get(partition_id)
        if began >= tail.confirmed_at or end > tail.end:
            tail.end, tail.confirmed_at = end, began

    def rung(self, partition_ids: Iterable[int]) -> None:
        """Another process appended to these partitions' topic."""
        now = time.monotonic()
        for partition_id in partition_ids:
            self._get(partition_id).rung_at = now

    def _trusted(self, tail: _Partition) -> bool:
        if not self.trusting or tail.confirmed_at <= tail.rung_at:
            return False
        return time.monotonic() - tail.confirmed_at < self._trust
