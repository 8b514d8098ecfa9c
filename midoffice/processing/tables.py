"""Bookkeeping tables of every processor: the inbox (processed events with their outcome)
and the outbox (facts to publish). They live in the same database as the projection they
guard, so effect, inbox row and outbox rows commit in one transaction.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Uuid,
)

metadata = MetaData()

processed_event = Table(
    "processed_event",
    metadata,
    Column("consumer", String(100), primary_key=True),
    Column("event_id", Uuid, primary_key=True),
    Column("outcome", String(20), nullable=False),  # accepted | rejected | dead_letter
    Column("resource", String(50), nullable=False, default=""),
    Column("resource_uuid", Uuid, nullable=True),
    Column("detail", JSON, nullable=True),  # invalidParams, or the dead-letter reason
    Column("processed_at", DateTime(timezone=True), nullable=False),
    Index("ix_processed_event_event_id", "event_id"),  # outcome lookup by the gateway
)

outbox = Table(
    "outbox",
    metadata,
    Column(
        "id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    ),
    Column("consumer", String(100), nullable=False),
    Column("source_topic", String(200), nullable=False),
    Column("source_partition", Integer, nullable=False),
    Column("topic", String(200), nullable=False),
    Column("key", LargeBinary, nullable=True),
    Column("value", LargeBinary, nullable=False),
    Column("headers", JSON, nullable=False),  # [[name, base64 value], ...]
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_outbox_source", "consumer", "source_topic", "source_partition", "id"),
)
