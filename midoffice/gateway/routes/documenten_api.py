"""The Documenten API routers and their body limits, for ``create_app``."""

from __future__ import annotations

from typing import Final

from fastapi import APIRouter

from adapters.zgw.documenten import DOCUMENTEN_ROOT
from midoffice.gateway.limits import PathLimit
from midoffice.gateway.routes import (
    documenten,
    documenten_audit,
    documenten_bestandsdelen,
    documenten_locking,
    documenten_relaties,
)
from midoffice.settings import Settings

ROUTERS: Final[tuple[APIRouter, ...]] = (
    documenten.router,
    documenten_locking.router,
    documenten_audit.router,
    documenten_bestandsdelen.router,
    documenten_relaties.router,
)
MULTIPART_OVERHEAD: Final = 64 * 1024


def body_limits(settings: Settings) -> list[PathLimit]:
    """JSON with an inline base64 ``inhoud`` up to ``documenten_max_json_bytes`` (buffered);
    a bestandsdeel streams, up to one part plus the multipart framing."""
    eio = f"{DOCUMENTEN_ROOT}/enkelvoudiginformatieobjecten"
    json_limit = settings.documenten_max_json_bytes
    return [
        PathLimit("POST", eio, json_limit),
        PathLimit("PUT", eio + "/[^/]+", json_limit),
        PathLimit("PATCH", eio + "/[^/]+", json_limit),
        PathLimit(
            "PUT",
            f"{DOCUMENTEN_ROOT}/bestandsdelen/[^/]+",
            settings.bestandsdeel_bytes + MULTIPART_OVERHEAD,
            streamed=True,
        ),
    ]
