"""MTOM/XOP messages (SOAP 1.1 over ``multipart/related; type="application/xop+xml"``), as
StUF 03.01 prescribes for binary content (protocolbinding, ``stuf0301mtom.xsd``).

:func:`split` takes a received body apart: the root part (the SOAP envelope, the part named
by the ``start`` parameter, else the first) and the attachments by Content-ID. :func:`build`
writes an answer the same way, with the content as an attachment instead of base64.
Limits: at most ``MAX_PARTS`` parts; the caller caps the body size before this sees it.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesHeaderParser
from typing import Final

from adapters.stuf.errors import StufFout, niet_conform

MAX_PARTS: Final = 32
XOP_NS: Final = "http://www.w3.org/2004/08/xop/include"


@dataclass(frozen=True)
class MtomBericht:
    """A received MTOM message: the root XML part and the attachments by Content-ID."""

    root: bytes
    bijlagen: dict[str, bytes]


def _params(content_type: str) -> Message:
    message = Message()
    message["Content-Type"] = content_type
    return message


def is_multipart(content_type: str) -> bool:
    return content_type.split(";", 1)[0].strip().lower() == "multipart/related"


def _part(raw: bytes) -> tuple[Message, bytes]:
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = raw.partition(b"\n\n")
    if not sep:
        raise niet_conform("Een MIME-deel van het MTOM-bericht heeft geen kopregels.")
    headers = BytesHeaderParser().parsebytes(head.lstrip(b"\r\n") + b"\r\n\r\n")
    encoding = (headers.get("Content-Transfer-Encoding") or "binary").strip().lower()
    if encoding == "base64":
        try:
            body = base64.b64decode(b"".join(body.split()), validate=True)
        except (binascii.Error, ValueError):
            raise niet_conform("Een MTOM-bijlage is geen geldige base64.") from None
    elif encoding not in ("binary", "8bit", "7bit"):
        raise niet_conform(f"Content-Transfer-Encoding {encoding[:20]} wordt niet ondersteund.")
    return headers, body


def split(content_type: str, body: bytes) -> MtomBericht:
    """The parts of a ``multipart/related`` body; StufFout when it is malformed."""
    params = _params(content_type)
    boundary = params.get_param("boundary")
    if not isinstance(boundary, str) or not boundary:
        raise niet_conform("Het MTOM-bericht heeft geen boundary.")
    start = params.get_param("start")
    delimiter = b"--" + boundary.encode("latin-1")
    pieces = body.split(delimiter)
    if len(pieces) < 3:
        raise niet_conform("Het MTOM-bericht bevat geen MIME-delen.")
    parts: list[tuple[str, bytes]] = []
    for piece in pieces[1:]:
        if piece.startswith(b"--"):
            break
        if len(parts) >= MAX_PARTS:
            raise StufFout("StUF055", f"Het MTOM-bericht heeft meer dan {MAX_PARTS} delen.")
        # the delimiter line ends with CRLF; the part ends with the CRLF before the next one
        piece = piece[2:] if piece.startswith(b"\r\n") else piece.lstrip(b"\n")
        piece = piece[:-2] if piece.endswith(b"\r\n") else piece.removesuffix(b"\n")
        headers, content = _part(piece)
        parts.append(((headers.get("Content-ID") or "").strip().strip("<>"), content))
    if not parts:
        raise niet_conform("Het MTOM-bericht bevat geen MIME-delen.")
    wanted = start.strip("<>") if isinstance(start, str) else None
    root_index = next((i for i, (cid, _) in enumerate(parts) if wanted and cid == wanted), 0)
    bijlagen = {cid: data for i, (cid, data) in enumerate(parts) if i != root_index and cid}
    return MtomBericht(parts[root_index][1], bijlagen)


def build(envelope: bytes, bijlagen: dict[str, tuple[str, bytes]]) -> tuple[str, bytes]:
    """An MTOM answer: (Content-Type header, body) with ``envelope`` as the root part and
    ``bijlagen`` (Content-ID -> (content type, bytes)) as binary attachments."""
    boundary = f"MIMEBoundary_{uuid.uuid4().hex}"
    root_id = f"root.{uuid.uuid4().hex}@midoffice"
    lines = [
        f"--{boundary}".encode(),
        b'Content-Type: application/xop+xml; charset=UTF-8; type="text/xml"',
        b"Content-Transfer-Encoding: binary",
        f"Content-ID: <{root_id}>".encode(),
        b"",
        envelope,
    ]
    for cid, (content_type, data) in bijlagen.items():
        lines += [
            f"--{boundary}".encode(),
            f"Content-Type: {content_type or 'application/octet-stream'}".encode(),
            b"Content-Transfer-Encoding: binary",
            f"Content-ID: <{cid}>".encode(),
            b"",
            data,
        ]
    lines.append(f"--{boundary}--".encode())
    header = (
        f'multipart/related; type="application/xop+xml"; boundary="{boundary}"; '
        f'start="<{root_id}>"; start-info="text/xml"'
    )
    return header, b"\r\n".join(lines) + b"\r\n"
