"""Validation of the numbers a citizen or company is found by: BSN (11-proef) and KvK number."""

from __future__ import annotations

import re
from typing import Final

_BSN: Final = re.compile(r"^\d{9}$")
_KVK: Final = re.compile(r"^\d{8}$")


def bsn_error(value: object) -> str | None:
    """Why ``value`` is not a valid BSN, or None when it is.

    A BSN has 9 digits and passes the 11-proef: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a
    multiple of 11 (and, as BRP issues them, not 000000000).
    """
    if not isinstance(value, str) or not _BSN.match(value):
        return "Een BSN bestaat uit 9 cijfers."
    digits = [int(c) for c in value]
    total = sum(weight * digit for weight, digit in zip(range(9, 1, -1), digits[:8], strict=True))
    if (total - digits[8]) % 11 != 0 or value == "000000000":
        return "Dit BSN voldoet niet aan de 11-proef."
    return None


def kvk_error(value: object) -> str | None:
    """Why ``value`` is not a KvK number (8 digits), or None when it is."""
    if not isinstance(value, str) or not _KVK.match(value):
        return "Een KvK-nummer bestaat uit 8 cijfers."
    return None
