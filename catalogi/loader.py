"""Read a catalogue file: YAML, one file per municipality, a list of ``catalogussen``.

The format is the model of :mod:`catalogi.model` written out: ZGW Catalogi 1.3.1 field names,
every object with its ``uuid``, references between catalogue objects as uuids, each zaaktype
with its parts nested inside it (see ``catalogi/demo/catalogus.yaml``). References to the VNG
reference lists may be relative to the reference-list base URL (:mod:`catalogi.referenties`).

Validation is complete before anything is used: every field (types, lengths, enums,
durations) and every rule between objects (:mod:`catalogi.consistency`). Every problem is
reported as ``FILE: path.inside.file: reason``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from catalogi.consistency import catalogue_problems
from catalogi.model import Catalogue, Catalogus
from catalogi.referenties import DEFAULT_REFERENTIELIJSTEN_URL, expand, map_references


class CatalogueFileError(ValueError):
    """The catalogue file is unreadable or invalid; one line per problem (file, path, reason)."""

    def __init__(self, path: Path | str, problems: Sequence[tuple[str, str]]) -> None:
        self.path = str(path)
        self.problems = tuple(problems)
        super().__init__("\n".join(f"{self.path}: {where}: {why}" for where, why in problems))


def dotted(loc: Sequence[Any], prefix: str = "") -> str:
    """``('zaaktypen', 0, 'omschrijving')`` -> ``zaaktypen[0].omschrijving``."""
    text = prefix
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(document)"


def parse_catalogussen(
    document: Any, referentielijsten_url: str = DEFAULT_REFERENTIELIJSTEN_URL
) -> tuple[list[Catalogus], list[tuple[str, str]]]:
    """Validate a parsed document; the catalogussen, or the problems as (path, reason)."""
    if not isinstance(document, dict) or not isinstance(document.get("catalogussen"), list):
        return [], [("(document)", "expected a mapping with a 'catalogussen' list")]
    unknown = sorted(str(key) for key in document if key != "catalogussen")
    problems = [(key, "unknown field") for key in unknown]
    document = map_references(document, partial(expand, base_url=referentielijsten_url))
    catalogussen = []
    for index, raw in enumerate(document["catalogussen"]):
        try:
            catalogussen.append(Catalogus.model_validate(raw))
        except ValidationError as exc:
            problems.extend(
                (dotted(err["loc"], f"catalogussen[{index}]"), err["msg"]) for err in exc.errors()
            )
    if not problems:
        problems = catalogue_problems(catalogussen)
    return catalogussen, problems


def load_catalogussen(
    path: Path, referentielijsten_url: str = DEFAULT_REFERENTIELIJSTEN_URL
) -> list[Catalogus]:
    """Parse and fully validate ``path``; raises CatalogueFileError."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CatalogueFileError(path, [("(document)", f"cannot read: {exc}")]) from exc
    catalogussen, problems = parse_catalogussen(document, referentielijsten_url)
    if problems:
        raise CatalogueFileError(path, problems)
    return catalogussen


def load_catalogue(
    path: Path, referentielijsten_url: str = DEFAULT_REFERENTIELIJSTEN_URL
) -> Catalogue:
    """The catalogue in ``path`` (see :func:`load_catalogussen`)."""
    return Catalogue(load_catalogussen(path, referentielijsten_url))
