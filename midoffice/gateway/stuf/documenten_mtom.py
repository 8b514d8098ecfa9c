"""MTOM answers of the document operations (geefZaakdocumentLezen, geefZaakdocumentbewerken)
to a request that came as MTOM: the content travels as a binary attachment, not as base64.

A handler returns bytes; the multipart Content-Type of such an answer is left on
``request.state.stuf_content_type`` for the route to send.
"""

from __future__ import annotations

from adapters.stuf.document_antwoord import DocumentBeeld
from adapters.stuf.document_mtom import build
from midoffice.gateway.stuf.context import StufContext


def mtom_answer(
    ctx: StufContext, soap: bytes, cid: str, beeld: DocumentBeeld, data: bytes
) -> bytes:
    """The multipart/related answer with ``soap`` as root part and ``data`` as ``cid``."""
    formaat = str(beeld.informatieobject.get("formaat") or "")
    content_type = formaat if "/" in formaat else "application/octet-stream"
    header, body = build(soap, {cid: (content_type, data)})
    ctx.request.state.stuf_content_type = header
    return body
