"""MidOffice extension: ``/midoffice/api/v1/verwerkingen/{event_id}``, the outcome to poll.

A write answered with 202 points here. ``status`` is ``pending`` until the processor decided,
then ``accepted`` (with the ``url`` of the resource) or ``rejected`` (with ``invalidParams``).
"""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from adapters.zgw.urls import MIDOFFICE_ROOT
from midoffice.gateway.auth import authenticated_client
from midoffice.gateway.dependencies import ContainerDep, UrlsDep
from midoffice.gateway.problems import Problem
from midoffice.gateway.submission import outcome_body

router = APIRouter(
    prefix=MIDOFFICE_ROOT, tags=["verwerkingen"], dependencies=[Depends(authenticated_client)]
)


@router.get("/verwerkingen/{event_id}", summary="De uitkomst van een verwerking opvragen.")
async def verwerking_read(event_id: UUID, container: ContainerDep, urls: UrlsDep) -> JSONResponse:
    """The outcome of intake event ``event_id``; 404 when this MidOffice does not know it."""
    outcome = await container.intake.outcome(event_id)
    if outcome is None:
        raise Problem(404, detail=f"Verwerking {event_id} is onbekend.")
    return JSONResponse(outcome_body(outcome, urls))
