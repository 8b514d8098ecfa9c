"""One event type's payload models per version, and the upcasters between versions.

An upcaster turns the JSON data of version N into that of version N+1, so consumers only ever
see the current model, however old the event in the log is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

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
