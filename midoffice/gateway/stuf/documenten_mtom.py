"""MTOM answers of the document operations (geefZaakdocumentLezen, geefZaakdocumentbewerken)
to a request that came as MTOM: the content travels as a binary attachment, not as base64.

A handler returns bytes; the multipart Content-Type of such an answer is left on
``request.state.stuf_content_type`` for the route to send (:func:`media_type`). The route
reads the SOAP envelope of an MTOM request with :func:`soap_part`; the handlers take the
attachments from the raw body.
"""

from __future__ import annotations

from fastapi import Request

from adapters.stuf.document_antwoord import DocumentBeeld
from adapters.stuf.document_mtom import build, is_multipart, split
from adapters.stuf.errors import StufFout
from adapters.stuf.xml_safe import XmlRejected
from midoffice.gateway.stuf.context import StufContext
from midoffice.gateway.stuf.documenten_inline import lift


def mtom_answer(
    ctx: StufContext, soap: bytes, cid: str, beeld: DocumentBeeld, data: bytes
) -> bytes:
    """The multipart/related answer with ``soap`` as root part and ``data`` as ``cid``."""
    formaat = str(beeld.informatieobject.get("formaat") or "")
    content_type = formaat if "/" in formaat else "application/octet-stream"
    header, body = build(soap, {cid: (content_type, data)})
    ctx.request.state.stuf_content_type = header
    return body


def soap_part(request: Request, body: bytes) -> bytes:
    """The SOAP envelope of a request: the body (a large inline inhoud lifted out, see
    :mod:`.documenten_inline`), or the root part of an MTOM (``multipart/related``) body. A
    malformed multipart body is refused like bad XML."""
    content_type = request.headers.get("Content-Type", "")
    if not is_multipart(content_type):
        return lift(request, body)
    try:
        return split(content_type, body).root
    except StufFout as exc:
        raise XmlRejected(exc.omschrijving) from None


def media_type(request: Request, default: str) -> str:
    """The Content-Type of the answer: multipart when a handler built an MTOM answer."""
    return str(getattr(request.state, "stuf_content_type", "") or default)
