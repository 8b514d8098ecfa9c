"""Load a catalogue from a YAML file (one file per municipality, list of catalogussen)."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from catalogi.model import Catalogue, Catalogus


class CatalogueFileError(ValueError):
    """The catalogue file is unreadable or invalid; the message names file, path and reason."""


def load_catalogue(path: Path) -> Catalogue:
    """Parse and fully validate ``path``; raises CatalogueFileError."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogueFileError(f"{path}: cannot read: {exc}") from exc
    if not isinstance(document, dict) or not isinstance(document.get("catalogussen"), list):
        raise CatalogueFileError(f"{path}: expected a mapping with a 'catalogussen' list")
    catalogussen = []
    for index, raw in enumerate(document["catalogussen"]):
        try:
            catalogussen.append(Catalogus.model_validate(raw))
        except ValidationError as exc:
            problems = "; ".join(
                f"catalogussen[{index}]." + ".".join(str(p) for p in err["loc"]) + f": {err['msg']}"
                for err in exc.errors()
            )
            raise CatalogueFileError(f"{path}: {problems}") from exc
    return Catalogue(catalogussen)
