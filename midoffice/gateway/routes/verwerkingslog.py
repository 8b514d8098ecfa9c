"""The operator's view of the processing log: ``POST /midoffice/api/v1/verwerkingslog/_zoek``.

Scope ``verwerkingslog.lezen`` (Autorisaties API component: an operator right, not a
backoffice one). The body names the subject by its pseudonym (``{"betrokkene": "<hex>"}``)
or by the number itself (``{"bsn": "..."}`` / ``{"kvkNummer": "..."}``, pseudonymised here
with the same key; the number never reaches a URL or the log). The answer lists the records
newest first, paginated the ZGW way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import func, select

from autorisaties.rights import Component
from autorisaties.scopes import VERWERKINGSLOG_LEZEN
from burgerzaken.identificatie import bsn_error, kvk_error
from midoffice.gateway.authorization import RightsDep, require_scope
from midoffice.gateway.dependencies import BaseUrlDep, ConnectionDep, SettingsDep
from midoffice.gateway.listing import (
    PAGE_SIZE,
    check_query_params,
    offset_of,
    page_number,
    paginated,
)
from midoffice.gateway.problems import validation_problem
from midoffice.gateway.submission import read_json
from schemas.outcome import InvalidParam
from verwerkingslog.record import pseudonym
from verwerkingslog.tables import verwerking

router = APIRouter(prefix="/midoffice/api/v1", tags=["verwerkingslog"])


def _betrokkene(body: Any, key: bytes) -> str:
    if isinstance(body, Mapping) and isinstance(body.get("betrokkene"), str) and len(body) == 1:
        return str(body["betrokkene"])
    if isinstance(body, Mapping) and len(body) == 1 and "bsn" in body:
        if error := bsn_error(body["bsn"]):
            raise validation_problem([InvalidParam("bsn", "invalid", error)])
        return pseudonym("BSN", body["bsn"], key)
    if isinstance(body, Mapping) and len(body) == 1 and "kvkNummer" in body:
        if error := kvk_error(body["kvkNummer"]):
            raise validation_problem([InvalidParam("kvkNummer", "invalid", error)])
        return pseudonym("KVK", body["kvkNummer"], key)
    reason = "Geef precies een van betrokkene, bsn of kvkNummer."
    raise validation_problem([InvalidParam("nonFieldErrors", "invalid", reason)])


def _record(row: Any) -> dict[str, Any]:
    return {
        "trace_id": row.trace_id,
        "span_id": row.span_id,
        "parent_span_id": row.parent_span_id,
        "name": row.name,
        "status": row.status,
        "start_time": row.start_time.isoformat(),
        "end_time": row.end_time.isoformat(),
        "resource": {"attributes": row.resource},
        "attributes": {
            "dpl.core.processing_activity_id": row.processing_activity_id,
            "dpl.core.data_subject_id": row.data_subject_id,
            "dpl.core.data_subject_id_type": row.data_subject_id_type,
            "client_id": row.client_id,
        },
    }


@router.post("/verwerkingslog/_zoek", summary="Verwerkingen van persoonsgegevens per betrokkene.")
async def verwerkingslog_zoek(
    request: Request, connection: ConnectionDep, base_url: BaseUrlDep, rights: RightsDep,
    settings: SettingsDep,
) -> Response:  # fmt: skip
    """The processing-log records of one (pseudonymised) subject, newest first."""
    require_scope(rights, Component.ac, VERWERKINGSLOG_LEZEN)
    check_query_params(request, {"page"})
    page = page_number(request)
    subject = _betrokkene(await read_json(request), settings.verwerkingslog.key())
    condition = verwerking.c.data_subject_id == subject
    count = int(await connection.scalar(select(func.count()).where(condition)) or 0)
    rows = await connection.execute(
        select(verwerking).where(condition)
        .order_by(verwerking.c.start_time.desc(), verwerking.c.id)
        .offset(offset_of(page)).limit(PAGE_SIZE)
    )  # fmt: skip
    results = [_record(row) for row in rows]
    return JSONResponse(paginated(request, base_url, page, count, results))
