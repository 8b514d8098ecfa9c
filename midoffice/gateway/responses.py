"""JSON responses for resources, with the ``ETag`` the ZGW APIs send on a detail GET."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from fastapi import Request, Response
from fastapi.responses import JSONResponse


def etag_response(
    request: Request, body: Any, headers: Mapping[str, str] | None = None
) -> Response:
    """200 with ``ETag``; 304 without a body when ``If-None-Match`` names that ETag."""
    response = JSONResponse(body, headers=dict(headers or {}))
    etag = '"' + hashlib.sha256(bytes(response.body)).hexdigest()[:32] + '"'
    wanted = request.headers.get("If-None-Match", "")
    if etag in {tag.strip() for tag in wanted.split(",")} or wanted.strip() == "*":
        return Response(status_code=304, headers={"ETag": etag, **(headers or {})})
    response.headers["ETag"] = etag
    return response
