"""SQLAlchemy Core tables of the autorisaties projection.

``applicatie`` keeps one row per applicatie, also after it was deleted (``verwijderd``), so its
per-applicatie ``sequence`` keeps replays idempotent; ``applicatie_client_id`` makes a client_id
unique across the live applicaties; ``autorisaties_stamp`` counts applied facts, so a gateway
learns with one cheap query whether its cached copy is stale.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

applicatie = Table(
    "applicatie",
    metadata,
    Column("uuid", Uuid, primary_key=True),
    Column("label", String(100), nullable=False),
    Column("heeft_alle_autorisaties", Boolean, nullable=False),
    Column("autorisaties", JSON, nullable=False),  # [AutorisatieV1 as JSON, ...]
    Column("encrypted_secret", Text, nullable=False),  # Fernet token, never the secret
    Column("verwijderd", Boolean, nullable=False),
    Column("sequence", Integer, nullable=False),  # last applied per-applicatie sequence
    Column("registered_at", DateTime(timezone=True), nullable=False),
)

applicatie_client_id = Table(
    "applicatie_client_id",
    metadata,
    Column("client_id", String(50), primary_key=True),
    Column("applicatie", Uuid, ForeignKey("applicatie.uuid"), nullable=False, index=True),
)

autorisaties_stamp = Table(
    "autorisaties_stamp",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version", Integer, nullable=False),
)
STAMP_ID = 1
"""The one row of ``autorisaties_stamp``."""
