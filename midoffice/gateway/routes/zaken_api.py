"""The routers of the Zaken API besides ``zaken`` and ``statussen``: list and search, the
parts of a zaak, the audit trail, atomic registration and the OpenAPI document."""

from __future__ import annotations

from fastapi import APIRouter

from midoffice.gateway.routes import (
    audittrail,
    registratie,
    zaakonderdelen,
    zaken_schema,
    zaken_zoeken,
)

ROUTERS: tuple[APIRouter, ...] = (
    zaken_zoeken.router,
    zaakonderdelen.router,
    audittrail.router,
    registratie.router,
    zaken_schema.router,
)
"""Included by ``create_app`` after the ``zaken`` router."""
