"""The embedded log's SQLite schema and its blocking queries (called from worker threads).

One file holds topics, partitions (with the next offset to hand out), records and the
committed offsets of consumer groups. Record timestamps are assigned by the writer and never
decrease within a partition, so "first offset at or after a time" is one index lookup.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS topics (
    name TEXT PRIMARY KEY,
    partitions INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS partitions (
    id INTEGER PRIMARY KEY,
    topic TEXT NOT NULL REFERENCES topics (name),
    partition INTEGER NOT NULL,
    next_offset INTEGER NOT NULL DEFAULT 0,
    last_timestamp_ms INTEGER NOT NULL DEFAULT 0,
    UNIQUE (topic, partition)
);
CREATE TABLE IF NOT EXISTS records (
    partition_id INTEGER NOT NULL,
    record_offset INTEGER NOT NULL,
    timestamp_ms INTEGER NOT NULL,
    key BLOB,
    headers BLOB,
    value BLOB NOT NULL,
    PRIMARY KEY (partition_id, record_offset)
);
CREATE INDEX IF NOT EXISTS records_by_time ON records (partition_id, timestamp_ms);
CREATE TABLE IF NOT EXISTS group_offsets (
    group_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    partition INTEGER NOT NULL,
    next_offset INTEGER NOT NULL,
    PRIMARY KEY (group_id, topic, partition)
);
"""

_LENGTH = struct.Struct(">I")

Headers = tuple[tuple[str, bytes], ...]


@dataclass(frozen=True)
class StoredRecord:
    """A record row as read from the file (the caller adds topic and partition)."""

    offset: int
    timestamp_ms: int
    key: bytes | None
    headers: Headers
    value: bytes


def encode_headers(headers: Headers) -> bytes | None:
    """Length-prefixed name/value pairs; order and bytes are kept exactly."""
    if not headers:
        return None
    parts: list[bytes] = []
    for name, value in headers:
        encoded_name = name.encode("utf-8")
        parts += [_LENGTH.pack(len(encoded_name)), encoded_name, _LENGTH.pack(len(value)), value]
    return b"".join(parts)


def decode_headers(data: bytes | None) -> Headers:
    """Inverse of :func:`encode_headers`."""
    if not data:
        return ()
    headers: list[tuple[str, bytes]] = []
    position = 0
    while position < len(data):
        (name_length,) = _LENGTH.unpack_from(data, position)
        position += _LENGTH.size
        name = data[position : position + name_length].decode("utf-8")
        position += name_length
        (value_length,) = _LENGTH.unpack_from(data, position)
        position += _LENGTH.size
        headers.append((name, bytes(data[position : position + value_length])))
        position += value_length
    return tuple(headers)


def connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """A connection in WAL mode with synchronous=NORMAL; transactions are begun explicitly."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30.0)
    conn.execute("PRAGMA busy_timeout=30000")
    conn.execute("PRAGMA synchronous=NORMAL")
    if read_only:
        conn.execute("PRAGMA query_only=ON")
    return conn


def initialise(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL mode and create the tables when they are missing."""
    conn.execute("PRAGMA journal_mode=WAL")
    conn.executescript(SCHEMA)  # every statement is IF NOT EXISTS: safe to repeat
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


def load_topics(conn: sqlite3.Connection) -> dict[str, list[int]]:
    """Topic name -> partition row ids, indexed by partition number."""
    topics: dict[str, list[int]] = {}
    rows = conn.execute("SELECT topic, partition, id FROM partitions ORDER BY topic, partition")
    for topic, _partition, partition_id in rows:
        topics.setdefault(topic, []).append(partition_id)
    return topics


def fetch(
    conn: sqlite3.Connection,
    starts: Sequence[tuple[int, int]],
    max_records: int,
    max_bytes: int,
    complete: set[int] | None = None,
) -> list[tuple[int, list[StoredRecord]]]:
    """Records from each ``(partition_id, offset)`` on, within a record and byte budget.

    The first record is always returned, however large, so a big record cannot block a
    partition. ``complete`` receives the partitions that were read to their end.
    """
    found: list[tuple[int, list[StoredRecord]]] = []
    budget_records, budget_bytes = max_records, max_bytes
    for partition_id, offset in starts:
        if budget_records <= 0 or budget_bytes <= 0:
            break
        rows = conn.execute(
            "SELECT record_offset, timestamp_ms, key, headers, value FROM records"
            " WHERE partition_id = ? AND record_offset >= ? ORDER BY record_offset LIMIT ?",
            (partition_id, offset, budget_records),
        )
        records: list[StoredRecord] = []
        cut = False
        for record_offset, timestamp_ms, key, headers, value in rows:
            size = len(value) + len(key or b"") + len(headers or b"")
            if size > budget_bytes and (records or found):
                budget_bytes, cut = 0, True
                break
            budget_bytes -= size
            records.append(
                StoredRecord(record_offset, timestamp_ms, key, decode_headers(headers), value)
            )
        if complete is not None and not cut and len(records) < budget_records:
            complete.add(partition_id)
        if records:
            budget_records -= len(records)
            found.append((partition_id, records))
    return found


def next_offset(conn: sqlite3.Connection, partition_id: int) -> int:
    """The offset the next record appended to the partition gets."""
    row = conn.execute(
        "SELECT next_offset FROM partitions WHERE id = ?", (partition_id,)
    ).fetchone()
    return int(row[0]) if row else 0


def offset_for_time(conn: sqlite3.Connection, partition_id: int, timestamp_ms: int) -> int | None:
    """The first offset whose timestamp is >= ``timestamp_ms``, or None."""
    row = conn.execute(
        "SELECT record_offset FROM records WHERE partition_id = ? AND timestamp_ms >= ?"
        " ORDER BY timestamp_ms, record_offset LIMIT 1",
        (partition_id, timestamp_ms),
    ).fetchone()
    return int(row[0]) if row else None


def committed_offsets(
    conn: sqlite3.Connection, group_id: str, partitions: Iterable[tuple[str, int]]
) -> dict[tuple[str, int], int]:
    """The group's committed offsets for those (topic, partition) pairs that have one."""
    committed: dict[tuple[str, int], int] = {}
    for topic, partition in partitions:
        row = conn.execute(
            "SELECT next_offset FROM group_offsets WHERE group_id = ? AND topic = ?"
            " AND partition = ?",
            (group_id, topic, partition),
        ).fetchone()
        if row is not None:
            committed[(topic, partition)] = int(row[0])
    return committed
