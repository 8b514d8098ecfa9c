"""Coordinate reference system negotiation of the Zaken API (``Accept-Crs``/``Content-Crs``).

Only WGS84 (``EPSG:4326``) exists here. A missing header is read as EPSG:4326 (GeoJSON's
default); any other value is a 406, as Open Zaak answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from fastapi import Request

from midoffice.gateway.problems import Problem

CRS: Final = "EPSG:4326"
CONTENT_CRS: Final[Mapping[str, str]] = {"Content-Crs": CRS}
"""The response header the Zaken API sends wherever a body may hold a geometry."""


async def negotiate_crs(request: Request) -> None:
    """FastAPI dependency: 406 for an ``Accept-Crs`` or ``Content-Crs`` other than EPSG:4326."""
    for header in ("Accept-Crs", "Content-Crs"):
        value = request.headers.get(header)
        if value is not None and value.strip().upper() != CRS:
            raise Problem(406, detail=f"CRS '{value}' is niet ondersteund ({header}).")
