"""Errors of applying facts to the zaakmagazijn projection."""

from __future__ import annotations

from uuid import UUID


class ProjectionError(Exception):
    """A fact cannot be applied to the projection."""


class SequenceGap(ProjectionError):
    """Facts of a zaak are missing: ``got`` arrived while ``expected`` was due."""

    def __init__(self, zaak: UUID, expected: int, got: int) -> None:
        super().__init__(f"zaak {zaak}: expected sequence {expected}, got {got}")
        self.zaak = zaak
        self.expected = expected
        self.got = got


class InvalidFact(ProjectionError):
    """The fact is not something the processor can have accepted (wrong shape or order)."""


class UnknownFactType(ProjectionError):
    """No applier is registered for the fact's type; callers may filter on ``APPLIERS``."""
