"""One processing-log record (Logboek Dataverwerkingen), built from a request's context.

The subject is pseudonymised with a keyed HMAC (SHA-256) before anything else sees it, so a
raw BSN or KvK number never reaches the table, a log line or an error message.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass, field
from typing import Any, Final, Literal

Status = Literal["Unset", "Ok", "Error"]
SubjectType = Literal["BSN", "KVK"]
SERVICE: Final = {"service.name": "midoffice-gateway"}


def pseudonym(subject_type: SubjectType, value: str, key: bytes) -> str:
    """The keyed pseudonym of an identifier (hex HMAC-SHA256 of ``TYPE:value``)."""
    return hmac.new(key, f"{subject_type}:{value}".encode(), hashlib.sha256).hexdigest()


def new_span_id() -> str:
    return secrets.token_hex(8)


@dataclass(frozen=True)
class Trace:
    """The W3C trace context of one action: its trace, its own span and its caller's span."""

    trace_id: str
    parent_span_id: str
    span_id: str = field(default_factory=new_span_id)

    @classmethod
    def from_traceparent(cls, traceparent: str) -> Trace:
        """From a valid ``traceparent`` (``00-<trace>-<parent span>-<flags>``)."""
        _version, trace_id, parent, _flags = traceparent.split("-")
        return cls(trace_id=trace_id, parent_span_id=parent)


@dataclass(frozen=True)
class Verwerking:
    """A read of personal data about one subject (already pseudonymised)."""

    trace: Trace
    name: str
    processing_activity_id: str
    data_subject_id: str
    data_subject_id_type: SubjectType
    client_id: str
    start_time: dt.datetime
    end_time: dt.datetime
    status: Status = "Ok"
    resource: dict[str, Any] = field(default_factory=dict)

    def row(self) -> dict[str, Any]:
        """The table row of this record."""
        return {
            "id": uuid.uuid4(),
            "trace_id": self.trace.trace_id,
            "span_id": self.trace.span_id,
            "parent_span_id": self.trace.parent_span_id,
            "name": self.name,
            "status": self.status,
            "start_time": self.start_time,
            "end_time": self.end_time,
            "processing_activity_id": self.processing_activity_id,
            "data_subject_id": self.data_subject_id,
            "data_subject_id_type": self.data_subject_id_type,
            "client_id": self.client_id,
            "resource": {**SERVICE, **self.resource},
        }


def records(
    subjects: list[tuple[SubjectType, str]],
    *,
    key: bytes,
    trace: Trace,
    name: str,
    activity_id: str,
    client_id: str,
    started: dt.datetime,
    status: Status = "Ok",
    resource: dict[str, Any] | None = None,
) -> list[Verwerking]:
    """One record per distinct subject of one action; the subjects are pseudonymised here."""
    ended = dt.datetime.now(dt.UTC)
    distinct = sorted({(kind, pseudonym(kind, value, key)) for kind, value in subjects})
    return [
        Verwerking(
            trace=trace, name=name, processing_activity_id=activity_id,
            data_subject_id=subject, data_subject_id_type=kind, client_id=client_id,
            start_time=started, end_time=ended, status=status, resource=dict(resource or {}),
        )
        for kind, subject in distinct
    ]  # fmt: skip
