"""Write catalogussen in the catalogue file format that :mod:`catalogi.loader` reads.

Fields with their default value are left out and references to the reference lists are
written relative to the base URL, so the file stays readable; reading it back gives the same
catalogus (``load(export(c)) == c``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

import yaml

from catalogi.model import Catalogus
from catalogi.referenties import DEFAULT_REFERENTIELIJSTEN_URL, map_references, relativize

HEADER = (
    "# Catalogue exported by `midoffice catalogus export`; import it with\n"
    "# `midoffice catalogus import FILE`. Format: catalogi/loader.py.\n"
)


def as_document(
    catalogussen: Sequence[Catalogus], referentielijsten_url: str = DEFAULT_REFERENTIELIJSTEN_URL
) -> dict[str, Any]:
    """The plain data of the catalogue file for ``catalogussen``."""
    document = {
        "catalogussen": [c.model_dump(mode="json", exclude_defaults=True) for c in catalogussen]
    }
    return map_references(document, partial(relativize, base_url=referentielijsten_url))


def export_yaml(
    catalogussen: Sequence[Catalogus], referentielijsten_url: str = DEFAULT_REFERENTIELIJSTEN_URL
) -> str:
    """The catalogue file (YAML text) for ``catalogussen``."""
    body = yaml.safe_dump(
        as_document(catalogussen, referentielijsten_url),
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    return HEADER + body
