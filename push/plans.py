"""What goes where: the body of one delivery per target kind (pure).

Targets are named ``abonnement:<uuid>``, ``mijnoverheid:stuf`` and ``mijnoverheid:cloudevents``.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any, Final

from adapters.pip import cloudevent as ce
from notificaties.queries import Abonnement

MIJNOVERHEID_STUF: Final = "mijnoverheid:stuf"
MIJNOVERHEID_CLOUDEVENTS: Final = "mijnoverheid:cloudevents"


def abonnement_target(identifier: uuid.UUID) -> str:
    return f"abonnement:{identifier}"


def abonnement_of(target: str) -> uuid.UUID | None:
    """The abonnement uuid of an ``abonnement:<uuid>`` target, else None."""
    kind, _, rest = target.partition(":")
    return uuid.UUID(rest) if kind == "abonnement" else None


@dataclass(frozen=True)
class Plan:
    """One delivery to queue: target, body and whether the target faces citizens."""

    target: str
    content_type: str
    body: bytes
    burger: bool


def for_abonnement(
    abonnement: Abonnement,
    message: dict[str, Any],
    *,
    event_id: uuid.UUID,
    event_type: str,
    source: str,
    subject: uuid.UUID,
) -> Plan:
    """The ZGW notificatie, or the NL GOV CloudEvent when the abonnement asks for it."""
    target = abonnement_target(abonnement.uuid)
    if abonnement.berichtformaat == "cloudevents":
        event = ce.cloudevent(
            message, event_id=event_id, event_type=event_type, source=source, subject=subject
        )
        return Plan(target, ce.CONTENT_TYPE, json.dumps(event).encode(), abonnement.burgerkanaal)
    return Plan(target, "application/json", json.dumps(message).encode(), abonnement.burgerkanaal)
