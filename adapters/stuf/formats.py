"""StUF 03.01 value formats (section 2.5 "Datum en tijd", 3.3 "Lege waarden / noValue").

- ``Datum``: ``yyyymmdd``; with ``StUF:indOnvolledigeDatum`` (``J`` jaar bekend, ``M`` maand
  bekend, ``D`` dag bekend / ``V`` volledig) a date may end in zeros (``20200000``).
- ``Tijdstip`` (e.g. ``tijdstipBericht``, ``datumStatusGezet``): ``yyyymmddhhmmss[mmm]``,
  8 to 17 digits, local (Dutch) time.
- An element without a value carries ``xsi:nil="true"`` and ``StUF:noValue``: ``geenWaarde``
  (there is none: clear it), ``waardeOnbekend``, ``nietOndersteund``,
  ``nietGeautoriseerd`` (unknown to the sender: leave it as it is).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final
from zoneinfo import ZoneInfo

from lxml import etree

from adapters.stuf.namespaces import STUF, XSI, qname

AMSTERDAM: Final = ZoneInfo("Europe/Amsterdam")
NO_VALUES: Final = ("geenWaarde", "waardeOnbekend", "nietOndersteund", "nietGeautoriseerd")


class FormatError(ValueError):
    """A value does not have its StUF format; the message names the value's kind only."""


@dataclass(frozen=True)
class NoValue:
    """An element sent without a value: ``reason`` is its StUF:noValue."""

    reason: str

    @property
    def clears(self) -> bool:
        """``geenWaarde``: the value is known to be empty (clear the stored one)."""
        return self.reason == "geenWaarde"


def element_value(element: etree._Element | None) -> str | NoValue | None:
    """The text of ``element``: None when absent, :class:`NoValue` when nil/noValue or
    empty (an empty element is read as ``geenWaarde``, as tolerant brokers do)."""
    if element is None:
        return None
    no_value = element.get(qname(STUF, "noValue"))
    nil = element.get(qname(XSI, "nil"), "").strip().lower() in ("true", "1")
    text = (element.text or "").strip()
    if no_value:
        return NoValue(no_value if no_value in NO_VALUES else "waardeOnbekend")
    if nil or not text:
        return NoValue("geenWaarde")
    return text


def parse_datum(text: str) -> dt.date:
    """``yyyymmdd`` -> date; an incomplete date (``2020`` + zeros) becomes its first day."""
    value = text.strip()
    if len(value) != 8 or not value.isdigit():
        raise FormatError("Een datum heeft de vorm jjjjmmdd.")
    year, month, day = int(value[:4]), int(value[4:6]), int(value[6:8])
    try:
        return dt.date(year, month or 1, day or 1)
    except ValueError:
        raise FormatError("Een datum bestaat niet.") from None


def format_datum(value: dt.date) -> str:
    return value.strftime("%Y%m%d")


def parse_tijdstip(text: str) -> dt.datetime:
    """``yyyymmdd[hh[mm[ss[mmm]]]]`` (8..17 digits) -> aware datetime in Dutch time."""
    value = text.strip()
    if not value.isdigit() or not 8 <= len(value) <= 17:
        raise FormatError("Een tijdstip heeft de vorm jjjjmmdduummssmmm.")
    padded = value.ljust(17, "0")
    try:
        return dt.datetime(
            int(padded[:4]), int(padded[4:6]), int(padded[6:8]), int(padded[8:10]),
            int(padded[10:12]), int(padded[12:14]), int(padded[14:17]) * 1000,
            tzinfo=AMSTERDAM,
        )  # fmt: skip
    except ValueError:
        raise FormatError("Een tijdstip bestaat niet.") from None


def format_tijdstip(value: dt.datetime) -> str:
    """Aware datetime -> ``yyyymmddhhmmssmmm`` in Dutch time."""
    local = value.astimezone(AMSTERDAM)
    return local.strftime("%Y%m%d%H%M%S") + f"{local.microsecond // 1000:03d}"
