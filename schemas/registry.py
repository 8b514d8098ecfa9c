"""Registry of event types: current payload version, models per version and upcasters.

An upcaster turns the JSON data of version N into that of version N+1, so consumers only ever
see the current model, however old the event in the log is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from schemas import event_types
from schemas.payloads import StatusGezetV1, ZaakGeopendV1

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]


class UnknownEventType(LookupError):
    """The event's type, or its version, is not known to this build."""


@dataclass(frozen=True)
class EventSchema:
    """One event type: its models per version and the upcasters between versions."""

    event_type: str
    models: Mapping[int, type[BaseModel]]
    upcasters: Mapping[int, Upcaster] = field(default_factory=dict)

    @property
    def current_version(self) -> int:
        return max(self.models)

    @property
    def model(self) -> type[BaseModel]:
        return self.models[self.current_version]

    def load(self, version: int, data: dict[str, Any]) -> BaseModel:
        """Validate ``data`` of ``version`` and upcast it to the current model."""
        if version not in self.models:
            raise UnknownEventType(f"{self.event_type} has no version {version}")
        while version < self.current_version:
            data = self.upcasters[version](data)
            version += 1
        return self.model.model_validate(data)


REGISTRY: Mapping[str, EventSchema] = {
    event_types.ZAAK_GEOPEND: EventSchema(event_types.ZAAK_GEOPEND, {1: ZaakGeopendV1}),
    event_types.ZAAKSTATUS_GEWIJZIGD: EventSchema(
        event_types.ZAAKSTATUS_GEWIJZIGD, {1: StatusGezetV1}
    ),
}


def schema_for(event_type: str) -> EventSchema:
    """The registered schema of ``event_type``; raises UnknownEventType."""
    try:
        return REGISTRY[event_type]
    except KeyError:
        raise UnknownEventType(f"unknown event type {event_type!r}") from None


def dataschema_uri(event_type: str, version: int) -> str:
    """The CloudEvents ``dataschema`` of a payload version."""
    return f"urn:midoffice:schema:{event_type}:v{version}"


def parse_dataschema(uri: str) -> tuple[str, int]:
    """Inverse of :func:`dataschema_uri`; raises ValueError on anything else."""
    prefix = "urn:midoffice:schema:"
    if not uri.startswith(prefix):
        raise ValueError(f"unknown dataschema {uri!r}")
    event_type, _, version = uri[len(prefix) :].rpartition(":v")
    if not event_type or not version.isdigit():
        raise ValueError(f"malformed dataschema {uri!r}")
    return event_type, int(version)
