"""The bootstrap file of applicaties (``MIDOFFICE_APPLICATIES_FILE``): parse and validate it.

A YAML list of applicaties in the Autorisaties API shape, each with its ``secret`` (or
``secretFromEnv``: the name of an environment variable that holds it)::

    - label: Zaaksysteem gemeente Demodam
      clientIds: [zaaksysteem-demodam]
      secretFromEnv: ZAAKSYSTEEM_DEMODAM_SECRET
      autorisaties:
        - component: zrc
          scopes: [zaken.lezen, zaken.aanmaken]
          zaaktype: https://midoffice.example.nl/catalogi/api/v1/zaaktypen/<uuid>
          maxVertrouwelijkheidaanduiding: zaakvertrouwelijk

Seeding is idempotent: an applicatie's uuid and its event id derive from its first client_id,
so seeding twice (or from several gateways at once) creates it once, and an applicatie whose
client_ids exist already is left alone.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID, uuid5

import yaml

from autorisaties.zgw import applicatie_from_request

SEED_NAMESPACE = UUID("8f0f6a52-52c2-4b7e-9d83-0d8f4d1e5a10")


class SeedFileError(ValueError):
    """The applicaties file cannot be used; the message says where and why (no secrets)."""


@dataclass(frozen=True)
class SeedApplicatie:
    """One applicatie of the file, validated; ``secret`` in clear text (encrypt it)."""

    uuid: UUID
    event_id: UUID
    fields: Mapping[str, Any]
    secret: str


def seed_uuid(first_client_id: str) -> UUID:
    return uuid5(SEED_NAMESPACE, f"applicatie:{first_client_id}")


def _entry(index: int, entry: Any, environ: Mapping[str, str]) -> SeedApplicatie:
    where = f"applicatie {index + 1}"
    if not isinstance(entry, dict):
        raise SeedFileError(f"{where}: expected a mapping")
    body = dict(entry)
    if "secretFromEnv" in body:
        variable = str(body.pop("secretFromEnv"))
        if variable not in environ:
            raise SeedFileError(f"{where}: environment variable {variable} is not set")
        body["secret"] = environ[variable]
    fields = applicatie_from_request(body, partial=False)
    if isinstance(fields, list):
        reasons = "; ".join(f"{p.name}: {p.reason}" for p in fields)
        raise SeedFileError(f"{where}: {reasons}")
    secret = fields.pop("secret", None)
    if not secret:
        raise SeedFileError(f"{where}: secret (or secretFromEnv) is required")
    identifier = seed_uuid(fields["clientIds"][0])
    return SeedApplicatie(identifier, uuid5(identifier, "seed"), fields, secret)


def load_seed(path: Path, environ: Mapping[str, str] | None = None) -> list[SeedApplicatie]:
    """The validated applicaties of ``path``; raises SeedFileError."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SeedFileError(f"{path}: {exc}") from None
    if document is None:
        return []
    if not isinstance(document, list):
        raise SeedFileError(f"{path}: expected a list of applicaties")
    env = os.environ if environ is None else environ
    return [_entry(i, entry, env) for i, entry in enumerate(document)]
