"""Where processors and the gateway get the catalogue from.

A ``CatalogueSource`` hands out an immutable snapshot (``current``); ``refresh`` reloads it when
the catalogue changed, and is cheap when it did not. Callers refresh once per batch or request
and then read the snapshot synchronously, so one decision sees one consistent catalogue.
"""

from __future__ import annotations

from typing import Protocol

from catalogi.model import Catalogue


class CatalogueSource(Protocol):
    def current(self) -> Catalogue:
        """The snapshot as of the last refresh."""

    async def refresh(self, max_age: float = 0.0) -> None:
        """Reload the snapshot if the catalogue changed since the last refresh. With
        ``max_age`` (seconds) a check made less than that long ago is trusted as it is."""


class StaticCatalogue:
    """A catalogue that never changes (loaded from a file, or built in a test)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue

    def current(self) -> Catalogue:
        return self._catalogue

    async def refresh(self, max_age: float = 0.0) -> None:
        return None
