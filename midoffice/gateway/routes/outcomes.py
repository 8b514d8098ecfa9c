"""MidOffice extension: ``/midoffice/api/v1/verwerkingen/{event_id}``, the outcome to poll.

A write answered with 202 points here. ``status`` is ``pending`` until the processor decided,
then ``accepted`` (with the ``url`` of the resource) or ``rejected`` (with ``invalidParams``).

Only the client that submitted the event sees its outcome: the processor records the
submitting client_id with the outcome, and any other client gets the same 404 as for an
unknown id (so it learns nothing about other clients' writes). An undecided event shows only
``pending``. An IntakePort without ``submitter`` (a test double) cannot tell and shows it.
"""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from adapters.zgw.urls import MIDOFFICE_ROOT
from midoffice.gateway.auth import authenticated_client
from midoffice.gateway.dependencies import ClientDep, ContainerDep, UrlsDep
from midoffice.gateway.problems import Problem
from midoffice.gateway.submission import outcome_body

router = APIRouter(
    prefix=MIDOFFICE_ROOT, tags=["verwerkingen"], dependencies=[Depends(authenticated_client)]
)


@router.get("/verwerkingen/{event_id}", summary="De uitkomst van een verwerking opvragen.")
async def verwerking_read(
    event_id: UUID, container: ContainerDep, urls: UrlsDep, client: ClientDep
) -> JSONResponse:
    """The outcome of intake event ``event_id``; 404 when this MidOffice does not know it, or
    when another client submitted it."""
    outcome = await container.intake.outcome(event_id)
    submitter = getattr(container.intake, "submitter", None)
    owner = await submitter(event_id) if submitter is not None and outcome is not None else None
    if outcome is None or (owner is not None and owner != client.client_id):
        raise Problem(404, detail=f"Verwerking {event_id} is onbekend.")
    return JSONResponse(outcome_body(outcome, urls))
