"""SQLAlchemy Core tables of the notificaties projection (kanalen, abonnementen).

An abonnement keeps its row after deletion (``verwijderd``) so its per-object ``sequence``
keeps replays idempotent. Secrets are stored as the Fernet tokens the facts carry.
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Integer, MetaData, String, Table, Text, Uuid

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "pk": "pk_%(table_name)s",
    }
)

kanaal = Table(
    "kanaal",
    metadata,
    Column("uuid", Uuid, primary_key=True),
    Column("naam", String(50), nullable=False, unique=True),
    Column("documentatie_link", String(200), nullable=False),
    Column("filters", JSON, nullable=False),
    Column("sequence", Integer, nullable=False),
)

abonnement = Table(
    "abonnement",
    metadata,
    Column("uuid", Uuid, primary_key=True),
    Column("client_id", String(50), nullable=False, index=True),
    Column("callback_url", String(200), nullable=False),
    Column("encrypted_auth", Text, nullable=False),
    Column("kanalen", JSON, nullable=False),  # [{"naam": ..., "filters": {...}}, ...]
    Column("berichtformaat", String(20), nullable=False),
    Column("encrypted_hmac_secret", Text, nullable=True),
    Column("oauth2", JSON, nullable=True),  # OAuth2ClientCredentialsV1 as JSON
    Column("burgerkanaal", Boolean, nullable=False),
    Column("verwijderd", Boolean, nullable=False),
    Column("sequence", Integer, nullable=False),
)

PROJECTION_TABLES = (kanaal, abonnement)
