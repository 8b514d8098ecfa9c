"""genereerZaakIdentificatie_Di02 -> genereerZaakIdentificatie_Du02 (ZDS 1.2 section 4.3.1,
"genereerZaakIdentificatie"; ZDS 1.1.02 zs-dms vrije berichten).

The Du02 carries ``zaak/identificatie`` (``StUF:functie="entiteit"``). ZDS 1.2 writes the
bericht and its direct children in the zds0120 namespace, ZDS 1.1 in zkn0310; the zaak's
attributes are zkn0310 in both.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import uuid
from dataclasses import replace
from typing import Final

from lxml import etree

from adapters.stuf.answers import answer, stuurgegevens_for
from adapters.stuf.dispatch import Operation
from adapters.stuf.namespaces import STUF, ZKN, qname
from adapters.stuf.stuurgegevens import Stuurgegevens, write_stuurgegevens

FUNCTIE: Final = "genereerZaakidentificatie"
IDENTIFICATIE_MAX: Final = 40


def identificatie_for(request: Stuurgegevens, *, prefix: str) -> str:
    """``<prefix>-<16 base32 characters>`` from zender and referentienummer: the same message
    gets the same identificatie, another message (practically) never. Without a
    referentienummer the identificatie is random."""
    seed = (f"{request.zender.key}|{request.referentienummer}" if request.referentienummer
            else str(uuid.uuid4()))  # fmt: skip
    digest = hashlib.sha256(seed.encode()).digest()
    code = base64.b32encode(digest).decode("ascii")[:16]
    return f"{prefix[: IDENTIFICATIE_MAX - 17]}-{code}"


def du02(
    operation: Operation, request: Stuurgegevens, identificatie: str, now: dt.datetime
) -> bytes:
    """The Du02 answer carrying ``identificatie``."""
    ns = operation.namespace
    bericht = etree.Element(qname(ns, "genereerZaakIdentificatie_Du02"))
    gegevens = stuurgegevens_for(request, "Du02", now)
    write_stuurgegevens(bericht, qname(ns, "stuurgegevens"),
                        _with_functie(gegevens), functie=True)  # fmt: skip
    zaak = etree.SubElement(bericht, qname(ns, "zaak"))
    zaak.set(qname(STUF, "entiteittype"), "ZAK")
    zaak.set(qname(STUF, "functie"), "entiteit")
    etree.SubElement(zaak, qname(ZKN, "identificatie")).text = identificatie
    return answer(bericht)


def _with_functie(gegevens: Stuurgegevens) -> Stuurgegevens:
    return replace(gegevens, functie=FUNCTIE, entiteittype="")
