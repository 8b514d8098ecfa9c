"""genereerDocumentIdentificatie: hand out a new, unused document identificatie.

ZDS 1.2 berichtcatalogus #13 ``genereerDocumentIdentificatie_Di02`` / ``_Du02``
(``zds0120_msg_zs-dms.xsd``) and ZDS 1.1 ``zkn0310_msg_zs-dms.xsd`` (same structure, ZKN
namespace). Answer: Du02 with ``document/identificatie``.

The identificatie is made without a reservation: ``DOC-<jjjjmmdd>-<20 hex>`` carries 80
random bits, so two gateways never hand out the same one, and it cannot collide with the
``DOCUMENT-<jaar>-<nummer>`` form the documentmagazijn generates. The documentmagazijn still
refuses a duplicate when the document is added (identificatie unique per bronorganisatie).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Final

from lxml import etree

from adapters.stuf.dispatch import Operation
from adapters.stuf.document_berichten import bericht, part, stuurgegevens, zkn
from adapters.stuf.formats import AMSTERDAM
from adapters.stuf.namespaces import STUF, qname
from adapters.stuf.stuurgegevens import Stuurgegevens

FUNCTIE: Final = "genereerDocumentidentificatie"
PREFIX: Final = "DOC"


def nieuwe_identificatie(now: dt.datetime) -> str:
    """A fresh identificatie (at most 40 characters, ``DocumentIdentificatie``)."""
    return f"{PREFIX}-{now.astimezone(AMSTERDAM):%Y%m%d}-{secrets.token_hex(10)}"


def answer(op: Operation, request: Stuurgegevens, identificatie: str,
           now: dt.datetime) -> etree._Element:  # fmt: skip
    """The ``genereerDocumentIdentificatie_Du02`` bericht."""
    root = bericht(op, "genereerDocumentIdentificatie_Du02")
    stuurgegevens(root, request, "Du02", now, functie=FUNCTIE, namespace=op.namespace)
    document = part(op, root, "document")
    document.set(qname(STUF, "entiteittype"), "EDC")
    document.set(qname(STUF, "functie"), "entiteit")
    zkn(document, "identificatie", identificatie)
    return root
