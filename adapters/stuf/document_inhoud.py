"""The content of a StUF document: inline ``StUF:BinaireInhoud`` (base64) or an MTOM/XOP
attachment (StUF 03.01 protocolbinding section 6 "MTOM", ``stuf0301mtom.xsd``).

Inline base64 is checked strictly (the alphabet, the padding; whitespace between the lines is
allowed, as ``xs:base64Binary`` allows it) and decoded in slices, so that the decoded bytes
reach the blob store as a stream and a content past ``limit`` is refused before it is decoded.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import AsyncIterator, Mapping
from typing import Final

from adapters.stuf.document_velden import DOCUMENT_FOUT, InhoudVerwijzing
from adapters.stuf.errors import StufFout

SLICE_CHARS: Final = 4 * 1024 * 1024
"""Base64 characters decoded at a time (a multiple of 4): 3 MiB of bytes."""
TE_GROOT: Final = "ZKN011"
"""The content is larger than the MidOffice accepts (this MidOffice's code)."""
_WHITESPACE: Final = re.compile(r"\s+")


def ongeldig(omschrijving: str) -> StufFout:
    return StufFout(DOCUMENT_FOUT, omschrijving)


def te_groot(limit: int) -> StufFout:
    return StufFout(TE_GROOT, f"De inhoud van het document is groter dan {limit} bytes.")


def compact(text: str) -> str:
    """The base64 text without whitespace; StufFout when it is not valid base64."""
    data = _WHITESPACE.sub("", text)
    if len(data) % 4 or not re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", data):
        raise ongeldig("inhoud is geen geldige base64 (xs:base64Binary).")
    return data


def decoded_size(data: str) -> int:
    """The number of bytes ``data`` (compact base64) decodes to."""
    return len(data) // 4 * 3 - data[-2:].count("=") if data else 0


def check_size(data: str, limit: int) -> int:
    size = decoded_size(data)
    if size > limit:
        raise te_groot(limit)
    return size


async def inline_chunks(data: str) -> AsyncIterator[bytes]:
    """The bytes of compact base64 ``data``, decoded slice by slice."""
    for start in range(0, len(data), SLICE_CHARS):
        try:
            yield base64.b64decode(data[start : start + SLICE_CHARS], validate=True)
        except (binascii.Error, ValueError):
            raise ongeldig("inhoud is geen geldige base64 (xs:base64Binary).") from None


def bijlage(inhoud: InhoudVerwijzing, bijlagen: Mapping[str, bytes]) -> bytes:
    """The MTOM attachment an ``xop:Include`` names; StufFout when it is not there."""
    assert inhoud.cid is not None
    from urllib.parse import unquote

    cid = unquote(inhoud.cid).strip("<>")
    found = bijlagen.get(cid)
    if found is None:
        raise ongeldig("inhoud verwijst naar een MTOM-bijlage die niet in het bericht zit.")
    return found


def encoded(data: bytes) -> str:
    """Bytes as base64 text for an answer's ``inhoud``."""
    return base64.b64encode(data).decode("ascii")
