"""The StUF 03.01 answer berichten (section 5 "Berichtstructuren"): Bv03 (bevestiging of a
kennisgeving), Du02 (antwoord op een vrij bericht, built by the operation modules with
:func:`stuurgegevens_for`), La01 (antwoord op een vraag, idem) and the foutberichten
Fo01/Fo02/Fo03, which go into a SOAP Fault.
"""

from __future__ import annotations

import datetime as dt

from lxml import etree

from adapters.stuf.errors import StufFout
from adapters.stuf.namespaces import STUF, qname
from adapters.stuf.soap import envelope, fault
from adapters.stuf.stuurgegevens import (
    Stuurgegevens,
    answer_stuurgegevens,
    write_stuurgegevens,
)


def stuurgegevens_for(
    request: Stuurgegevens | None, berichtcode: str, now: dt.datetime
) -> Stuurgegevens:
    """The answer's stuurgegevens (see :func:`answer_stuurgegevens`); without a readable
    request, empty systems (written as ``ONBEKEND``) and no crossRefnummer."""
    return answer_stuurgegevens(request or Stuurgegevens(), berichtcode, now=now)


def bv03(request: Stuurgegevens, now: dt.datetime) -> bytes:
    """``StUF:Bv03Bericht``: the kennisgeving was processed."""
    bericht = etree.Element(qname(STUF, "Bv03Bericht"))
    write_stuurgegevens(bericht, qname(STUF, "stuurgegevens"),
                        stuurgegevens_for(request, "Bv03", now))  # fmt: skip
    return envelope(bericht)


def foutbericht(request: Stuurgegevens | None, error: StufFout, now: dt.datetime) -> bytes:
    """``StUF:Fo01/Fo02/Fo03Bericht`` in a SOAP Fault. Without readable stuurgegevens the
    answer is a Fo02 (only a berichtcode), whatever ``error.berichtcode`` says."""
    code = error.berichtcode if request is not None else "Fo02"
    bericht = etree.Element(qname(STUF, f"{code}Bericht"))
    write_stuurgegevens(bericht, qname(STUF, "stuurgegevens"),
                        stuurgegevens_for(request, code, now), full=code != "Fo02")  # fmt: skip
    body = etree.SubElement(bericht, qname(STUF, "body"))
    etree.SubElement(body, qname(STUF, "code")).text = error.code
    etree.SubElement(body, qname(STUF, "plek")).text = error.plek
    etree.SubElement(body, qname(STUF, "omschrijving")).text = error.omschrijving
    if error.details:
        etree.SubElement(body, qname(STUF, "details")).text = error.details
    return fault(bericht, plek=error.plek, faultstring=error.omschrijving)


def answer(bericht: etree._Element) -> bytes:
    """A built Du02/La01 bericht in its SOAP envelope."""
    return envelope(bericht)
