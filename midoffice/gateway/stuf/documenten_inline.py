"""Large inline document content, lifted out of a StUF message before the XML is parsed.

The hardened parser keeps libxml2's limits (no ``huge_tree``), and one of them refuses a text
node over 10,000,000 bytes: an inline ``StUF:BinaireInhoud`` of more than about 7.5 MB could
never be read, although the Documenten API accepts contents up to its cap. So before parsing,
an ``inhoud`` element whose base64 text has at least :data:`LIFT_FROM` characters gets an
``xop:Include`` in place of the text -- exactly the XOP form of the same message -- and the
text is kept aside (``request.state.stuf_inline``, by content id). The document handlers then
check, cap and decode it as any inline content (:func:`inhoud_verwijzing`). Only base64
characters are lifted, so the parser still sees every other byte of the message.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Final

from fastapi import Request

from adapters.stuf.document_velden import InhoudVerwijzing

LIFT_FROM: Final = 1_000_000
"""Base64 characters from which an inline content is lifted (well below libxml2's limit)."""
_INHOUD: Final = re.compile(
    rb"(<(?:[A-Za-z_][\w.-]*:)?inhoud(?:\s[^<>]*)?>)([A-Za-z0-9+/=\s]{%d,})"
    rb"(</(?:[A-Za-z_][\w.-]*:)?inhoud\s*>)" % LIFT_FROM
)
_PREFIX: Final = "stuf-inline-"


def lift(request: Request, body: bytes) -> bytes:
    """``body`` with every large inline inhoud replaced by an ``xop:Include``."""
    if len(body) < LIFT_FROM:
        return body
    lifted: dict[str, str] = {}

    def include(match: re.Match[bytes]) -> bytes:
        cid = f"{_PREFIX}{len(lifted) + 1}@midoffice"
        lifted[cid] = match[2].decode("ascii")
        return (match[1] + b'<xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" '
                b'href="cid:' + cid.encode("ascii") + b'"/>' + match[3])  # fmt: skip

    result = _INHOUD.sub(include, body)
    request.state.stuf_inline = lifted
    return result


def inhoud_verwijzing(request: Request, verwijzing: InhoudVerwijzing) -> InhoudVerwijzing:
    """The inline form of a lifted content (others unchanged)."""
    lifted: dict[str, str] = getattr(request.state, "stuf_inline", {})
    if verwijzing.cid is None or verwijzing.cid not in lifted:
        return verwijzing
    return dataclasses.replace(verwijzing, base64=lifted[verwijzing.cid], cid=None)
