"""SQLAlchemy Core tables of the catalogi projection.

A catalogus is kept whole, as the JSON document of :class:`catalogi.model.Catalogus`, with
its per-catalogus event ``sequence``: catalogues are small and always read whole (the
gateway and the processors hold them in memory). ``catalogus_object`` indexes every object's
uuid, so a uuid is unique over all catalogussen (a constraint, not a convention) and the
owner of any object is found without loading documents.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Index, Integer, MetaData, String, Table, UniqueConstraint, Uuid

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "pk": "pk_%(table_name)s",
    }
)

catalogus = Table(
    "catalogus",
    metadata,
    Column("uuid", Uuid, primary_key=True),
    Column("domein", String(5), nullable=False),
    Column("rsin", String(9), nullable=False),
    Column("sequence", Integer, nullable=False),  # last applied per-catalogus sequence
    Column("document", JSON, nullable=False),  # Catalogus.model_dump(mode="json")
    UniqueConstraint("domein", "rsin"),
)

catalogus_object = Table(
    "catalogus_object",
    metadata,
    Column("uuid", Uuid, primary_key=True),
    Column("catalogus", Uuid, nullable=False),
    Column("soort", String(40), nullable=False),
    Index(None, "catalogus"),
)

PROJECTION_TABLES = (catalogus, catalogus_object)
