"""Encode envelopes as CloudEvents Kafka *binary* messages, and decode them again.

The embedded log stores exactly these bytes and headers too, so both bus drivers carry the
same representation.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

from cloudevents.core.bindings import kafka as ce_kafka
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent
from pydantic import ValidationError

from schemas.envelope import Envelope
from schemas.registry import UnknownEventType, dataschema_uri, parse_dataschema, schema_for

_FORMAT = JSONFormat()
_EXTENSIONS = ("tenant", "clientid", "userid", "traceparent", "partitionkey")


class DecodeError(ValueError):
    """The bytes are not a MidOffice event this build can read; ``reason`` says why."""


@dataclass(frozen=True)
class EncodedEvent:
    """A CloudEvent in Kafka binary content mode."""

    key: bytes
    value: bytes
    headers: tuple[tuple[str, bytes], ...]


def encode(envelope: Envelope) -> EncodedEvent:
    """Serialise an envelope to key, value and ``ce_`` headers."""
    attributes: dict[str, Any] = {
        "id": str(envelope.id),
        "source": envelope.source,
        "type": envelope.type,
        "subject": str(envelope.subject),
        "time": envelope.time,
        "datacontenttype": "application/json",
        "dataschema": dataschema_uri(envelope.type, envelope.version),
        "tenant": envelope.tenant,
        "traceparent": envelope.traceparent,
        "partitionkey": str(envelope.subject),
    }
    if envelope.clientid:
        attributes["clientid"] = envelope.clientid
    if envelope.userid:
        attributes["userid"] = envelope.userid
    if envelope.sequence is not None:
        attributes["sequence"] = envelope.sequence
    if envelope.causationid is not None:
        attributes["causationid"] = str(envelope.causationid)
    if envelope.privileges:
        attributes["privileges"] = " ".join(sorted(envelope.privileges))
    if envelope.idempotencykey:
        attributes["idempotencykey"] = envelope.idempotencykey
        attributes["requesthash"] = envelope.requesthash
    event = CloudEvent(attributes=attributes, data=envelope.payload_json())
    message = ce_kafka.to_binary(event, _FORMAT)
    key = message.key.encode() if isinstance(message.key, str) else (message.key or b"")
    return EncodedEvent(key=key, value=message.value, headers=tuple(message.headers.items()))


def decode(
    value: bytes, headers: tuple[tuple[str, bytes], ...] | list[tuple[str, bytes]]
) -> Envelope:
    """Parse a binary-mode CloudEvent into an envelope; raises DecodeError with the reason."""
    header_map = {name: raw for name, raw in headers}
    if "ce_specversion" not in header_map:
        raise DecodeError("not a CloudEvents binary-mode message (no ce_specversion header)")
    try:
        event = ce_kafka.from_binary(
            ce_kafka.KafkaMessage(headers=header_map, key=None, value=value), _FORMAT
        )
    except Exception as exc:
        raise DecodeError(f"invalid CloudEvent: {exc}") from exc
    attrs = event.get_attributes()
    try:
        event_type, version = parse_dataschema(str(attrs.get("dataschema", "")))
        if event_type != attrs["type"]:
            raise DecodeError(f"dataschema {event_type!r} does not match type {attrs['type']!r}")
        data = event.get_data()
        if isinstance(data, (bytes, str)):
            data = json.loads(data)
        if not isinstance(data, dict):
            raise DecodeError("event data is not a JSON object")
        payload = schema_for(event_type).load(version, data)
        time = attrs["time"]
        if not isinstance(time, dt.datetime):
            time = dt.datetime.fromisoformat(str(time))
        sequence = attrs.get("sequence")
        causation = attrs.get("causationid")
        return Envelope(
            type=event_type,
            subject=uuid.UUID(str(attrs["subject"])),
            data=payload,
            tenant=str(attrs["tenant"]),
            source=str(attrs["source"]),
            clientid=str(attrs.get("clientid") or ""),
            userid=str(attrs.get("userid") or ""),
            traceparent=str(attrs.get("traceparent") or ""),
            id=uuid.UUID(str(attrs["id"])),
            time=time,
            sequence=int(sequence) if sequence is not None else None,
            causationid=uuid.UUID(str(causation)) if causation else None,
            privileges=frozenset(str(attrs.get("privileges") or "").split()),
            idempotencykey=str(attrs.get("idempotencykey") or ""),
            requesthash=str(attrs.get("requesthash") or ""),
        )
    except DecodeError:
        raise
    except UnknownEventType as exc:
        raise DecodeError(str(exc)) from exc
    except json.JSONDecodeError as exc:
        raise DecodeError(f"event data is not valid JSON: {exc}") from exc
    except ValidationError as exc:
        raise DecodeError(f"payload does not match its schema: {exc.errors()[:3]}") from exc
    except (KeyError, ValueError, TypeError) as exc:
        raise DecodeError(f"malformed event attribute: {exc!r}") from exc
