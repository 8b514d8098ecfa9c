"""The CloudEvents 1.0 envelope every MidOffice event travels in.

Attributes: ``id``, ``source``, ``type``, ``subject`` (the zaak UUID), ``time``,
``dataschema`` (payload version). Extensions (CloudEvents names are lower-case alphanumeric):

- ``tenant``: bronorganisatie RSIN the event belongs to;
- ``clientid`` / ``userid``: the acting ZGW client and user;
- ``traceparent``: W3C trace context;
- ``partitionkey``: the zaak UUID, used as the Kafka key;
- ``sequence``: contiguous per-zaak sequence, set on accepted facts only;
- ``causationid``: on accepted facts, the id of the intake event that caused them;
- ``privileges``: on intake events, the acting client's scopes that a state rule may need
  (e.g. ``zaken.heropenen``), space-separated. The gateway sets it from the autorisaties; the
  processor, as the judge of state rules, reads it.
- ``idempotencykey`` / ``requesthash``: on intake events, the client's ``Idempotency-Key``
  header and a hash of its request; the processor answers a repeat with the first outcome.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel

from schemas.registry import schema_for


def new_traceparent() -> str:
    """A fresh W3C ``traceparent`` (version 00, sampled)."""
    return f"00-{secrets.token_hex(16)}-{secrets.token_hex(8)}-01"


def trace_id(traceparent: str) -> str:
    """The trace id part of a ``traceparent``, or '' when it is malformed."""
    parts = traceparent.split("-")
    return parts[1] if len(parts) == 4 and len(parts[1]) == 32 else ""


@dataclass(frozen=True)
class Envelope:
    """One event: CloudEvents context attributes plus a validated payload."""

    type: str
    subject: uuid.UUID
    data: BaseModel
    tenant: str
    source: str = "urn:nld:midoffice"
    clientid: str = ""
    userid: str = ""
    traceparent: str = field(default_factory=new_traceparent)
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    time: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    sequence: int | None = None
    causationid: uuid.UUID | None = None
    privileges: frozenset[str] = frozenset()
    idempotencykey: str = ""
    requesthash: str = ""

    @property
    def version(self) -> int:
        return schema_for(self.type).current_version

    def accepted(self, sequence: int, data: BaseModel, index: int = 0) -> Envelope:
        """The accepted fact for this intake event: deterministic id, sequence and new data.

        The id is derived from the intake id, so re-processing the same intake event yields
        the same fact id and downstream consumers can drop the duplicate.
        """
        return replace(
            self,
            id=uuid.uuid5(self.id, f"accepted:{index}"),
            sequence=sequence,
            causationid=self.id,
            privileges=frozenset(),
            idempotencykey="",
            requesthash="",
            data=data,
        )

    def payload_json(self) -> dict[str, Any]:
        return self.data.model_dump(mode="json")
