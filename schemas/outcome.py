"""The outcome a processor records for each intake event, and reports to the gateway."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Literal

from schemas.envelope import Envelope


@dataclass(frozen=True)
class InvalidParam:
    """One entry of a ZGW problem's ``invalidParams``."""

    name: str
    code: str
    reason: str


@dataclass(frozen=True)
class Accepted:
    """The event was valid against the current state; ``facts`` go to the events topic."""

    resource: str
    resource_uuid: uuid.UUID
    facts: tuple[Envelope, ...]
    status: Literal["accepted"] = "accepted"


@dataclass(frozen=True)
class Rejected:
    """The event broke a state rule; nothing changed. ``invalid_params`` say why.

    ``status_code`` is the HTTP status the gateway answers with: 400 for a broken rule, 403
    when the acting client lacks a scope a state rule needs (``privileges``), e.g. reopening
    a closed zaak without ``zaken.heropenen``.
    """

    invalid_params: tuple[InvalidParam, ...]
    code: str = "invalid"
    title: str = "Invalid input."
    status: Literal["rejected"] = "rejected"
    resource: str = ""
    resource_uuid: uuid.UUID | None = field(default=None)
    status_code: int = 400


Outcome = Accepted | Rejected
