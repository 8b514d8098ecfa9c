"""The routers of the Zaken API: zaken, list and search, statussen, the parts of a zaak, the
audit trail, atomic registration and the OpenAPI document."""

from __future__ import annotations

from fastapi import APIRouter

from midoffice.gateway.routes import (
    audittrail,
    registratie,
    statussen,
    zaakonderdelen,
    zaken,
    zaken_schema,
    zaken_zoeken,
)

ROUTERS: tuple[APIRouter, ...] = (
    zaken_zoeken.router,
    zaken.router,
    statussen.router,
    zaakonderdelen.router,
    audittrail.router,
    registratie.router,
    zaken_schema.router,
)
"""Included by ``create_app`` first, the most requested first."""
