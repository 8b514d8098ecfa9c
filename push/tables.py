"""Tables of the push connector: the delivery queue, which is also the ledger, and the
citizens' subscription preferences.

``push_delivery`` is one row per (notificatie, target): what goes (``body``), to whom
(``target``), about which zaak and citizen (``subject``: the pseudonymised BSN/KvK, never the
number), and its life: ``state`` pending -> delivered | dead, or suppressed (a citizen's
choice), with attempts, the last answer and every time. Times are epoch seconds (float), so
SQLite and PostgreSQL compare them alike. ``(target, dedupe_key)`` is unique: never two
messages for the same status (or fact) to one target.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    literal_column,
    text,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "pk": "pk_%(table_name)s",
    }
)

PENDING, DELIVERED, DEAD, SUPPRESSED = "pending", "delivered", "dead", "suppressed"

push_delivery = Table(
    "push_delivery",
    metadata,
    Column(
        "id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    ),
    Column("target", String(100), nullable=False),
    Column("zaak", Uuid, nullable=False),
    Column("fact_id", Uuid, nullable=False),
    Column("fact_type", String(100), nullable=False),
    Column("resource", String(50), nullable=False),
    Column("actie", String(20), nullable=False),
    Column("dedupe_key", String(100), nullable=False),
    Column("idempotency_key", String(36), nullable=False),
    Column("subject", String(40), nullable=True),
    Column("content_type", String(100), nullable=False),
    Column("body", Text, nullable=False),
    Column("state", String(12), nullable=False),
    Column("note", String(500), nullable=False, default=""),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_status", Integer, nullable=True),
    Column("last_error", Text, nullable=False, default=""),
    Column("created_at", Float, nullable=False),
    Column("queued_at", Float, nullable=False),
    Column("next_attempt_at", Float, nullable=False),
    Column("lease_until", Float, nullable=True),
    Column("delivered_at", Float, nullable=True),
    Column("dead_at", Float, nullable=True),
    UniqueConstraint("target", "dedupe_key"),
    Index("ix_push_delivery_queue", "target", "state", "zaak", "id"),
    Index("ix_push_delivery_zaak", "zaak"),
    Index("ix_push_delivery_subject", "subject", "target", "next_attempt_at"),
    # The pending rows only: the queue is a handful of rows in a ledger that keeps growing.
    Index(
        "ix_push_delivery_pending",
        "target",
        "next_attempt_at",
        sqlite_where=text("state = 'pending'"),
        postgresql_where=text("state = 'pending'"),
    ),
)

IS_PENDING = push_delivery.c.state == literal_column(f"'{PENDING}'")
"""``state = 'pending'`` written out, as in the condition of ``ix_push_delivery_pending``: a
bound parameter would keep PostgreSQL's generic plans from using that index."""

push_voorkeur = Table(
    "push_voorkeur",
    metadata,
    Column("subject", String(40), primary_key=True),  # pseudonymised BSN / KvK
    Column("soort", String(10), primary_key=True),  # zaaktype | zaak
    Column("ref", Uuid, primary_key=True),
    Column("ontvangen", Boolean, nullable=False),
    Column("bijgewerkt", Float, nullable=False),
)
