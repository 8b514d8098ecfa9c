"""The processing log: an append-only table with the Logboek Dataverwerkingen fields.

One row per (action, data subject). Column names follow the standard's interface
(``trace_id``, ``span_id``, ``parent_span_id``, ``name``, ``status``, ``start_time``,
``end_time``, ``resource``) and its ``dpl.core`` attributes (``processing_activity_id``,
``data_subject_id`` -- always a keyed pseudonym, never the raw number -- and
``data_subject_id_type``); ``client_id`` names the applicatie that read.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, Index, MetaData, String, Table, Uuid

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "pk": "pk_%(table_name)s",
    }
)

verwerking = Table(
    "verwerking",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("trace_id", String(32), nullable=False),
    Column("span_id", String(16), nullable=False),
    Column("parent_span_id", String(16), nullable=False),
    Column("name", String(100), nullable=False),
    Column("status", String(5), nullable=False),  # Unset | Ok | Error
    Column("start_time", DateTime(timezone=True), nullable=False),
    Column("end_time", DateTime(timezone=True), nullable=False),
    Column("processing_activity_id", String(300), nullable=False),
    Column("data_subject_id", String(64), nullable=False),
    Column("data_subject_id_type", String(10), nullable=False),  # BSN | KVK
    Column("client_id", String(255), nullable=False),
    Column("resource", JSON, nullable=False),
    Index(None, "data_subject_id", "start_time"),
    Index(None, "trace_id"),
)
