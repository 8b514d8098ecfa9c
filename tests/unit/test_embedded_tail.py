"""The embedded log's partition tails: what is served from memory and when the file is read."""

from __future__ import annotations

import time

from midoffice.bus.embedded_sql import StoredRecord
from midoffice.bus.embedded_tail import PartitionTails

P = 7  # a partition row id


def records(first: int, count: int) -> list[StoredRecord]:
    headers = (("ce_type", b"t"),)
    return [
        StoredRecord(o, 1000 + o, b"k", headers, b"v%d" % o) for o in range(first, first + count)
    ]


def tails(trust: float = 10.0, keep: int = 100) -> PartitionTails:
    t = PartitionTails(trust_seconds=trust, keep=keep)
    t.trusting = True
    return t


def test_own_appends_are_served_from_memory_and_the_end_is_trusted() -> None:
    t = tails()
    t.appended(P, records(0, 3), time.monotonic())
    assert [r.offset for r in t.read(P, 1, 10) or []] == [1, 2]
    assert [r.offset for r in t.read(P, 0, 2) or []] == [0, 1]  # within the budget
    assert t.read(P, 3, 10) == []  # nothing new, known without reading the file
    assert t.read(P, 4, 10) is None  # beyond the known end: read the file


def test_an_unknown_partition_or_an_untrusting_tail_reads_the_file() -> None:
    assert tails().read(P, 0, 10) is None
    t = tails()
    t.trusting = False  # no doorbell: other processes' appends would go unnoticed
    t.appended(P, records(0, 2), time.monotonic())
    assert t.read(P, 2, 10) is None
    assert [r.offset for r in t.read(P, 0, 10) or []] == [0, 1]  # committed records still are


def test_a_ring_after_the_confirmation_sends_the_reader_to_the_file() -> None:
    t = tails()
    t.appended(P, records(0, 2), time.monotonic())
    t.rung([P])
    assert t.read(P, 2, 10) is None
    t.confirmed(P, 5, time.monotonic())  # a read after the ring found the end at 5
    assert t.read(P, 5, 10) == []


def test_an_append_begun_before_a_ring_is_not_trusted_over_it() -> None:
    t = tails()
    began = time.monotonic()
    t.rung([P])  # another process committed after our transaction began
    t.appended(P, records(0, 2), began)
    assert t.read(P, 2, 10) is None


def test_trust_expires() -> None:
    t = tails(trust=0.05)
    t.appended(P, records(0, 1), time.monotonic())
    assert t.read(P, 1, 10) == []
    time.sleep(0.08)
    assert t.read(P, 1, 10) is None


def test_a_gap_starts_the_kept_records_over() -> None:
    t = tails()
    t.appended(P, records(0, 3), time.monotonic())
    t.appended(P, records(5, 2), time.monotonic())  # offsets 3 and 4 came from elsewhere
    assert t.read(P, 3, 10) is None
    assert [r.offset for r in t.read(P, 5, 10) or []] == [5, 6]


def test_only_the_newest_records_are_kept() -> None:
    t = tails(keep=4)
    t.appended(P, records(0, 3), time.monotonic())
    t.appended(P, records(3, 3), time.monotonic())
    assert t.read(P, 1, 10) is None
    assert [r.offset for r in t.read(P, 2, 10) or []] == [2, 3, 4, 5]


def test_an_older_read_does_not_undo_a_newer_append() -> None:
    t = tails()
    read_began = time.monotonic()
    t.appended(P, records(0, 4), time.monotonic())
    t.confirmed(P, 2, read_began)  # that read's snapshot predates the append
    assert t.read(P, 4, 10) == []
    assert [r.offset for r in t.read(P, 2, 10) or []] == [2, 3]
