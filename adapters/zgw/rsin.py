"""RSIN validation: nine digits that pass the elfproef (eleven test).

The weights are 9..2 for the first eight digits and -1 for the last one, as vng-api-common
(``validate_rsin``) applies them; the error codes are the ones it reports.
"""

from __future__ import annotations

from typing import Final

RSIN_LENGTH: Final = 9

ONLY_DIGITS: Final = "only-digits"
INVALID_LENGTH: Final = "invalid-length"
INVALID: Final = "invalid"


def passes_elfproef(value: str) -> bool:
    """True when ``value`` is nine ASCII digits with sum(d[i]*(9-i), i<8) - d[8] ≡ 0 (mod 11)."""
    if len(value) != RSIN_LENGTH or not (value.isascii() and value.isdigit()):
        return False
    digits = [int(char) for char in value]
    total = sum(digit * (9 - index) for index, digit in enumerate(digits[:8])) - digits[8]
    return total % 11 == 0


def rsin_problem(value: str) -> tuple[str, str] | None:
    """``(code, reason)`` of the first rule ``value`` breaks, or None for a valid RSIN."""
    if not (value.isascii() and value.isdigit()):
        return ONLY_DIGITS, "Waarde moet numeriek zijn."
    if len(value) != RSIN_LENGTH:
        return INVALID_LENGTH, f"RSIN moet {RSIN_LENGTH} tekens lang zijn."
    if not passes_elfproef(value):
        return INVALID, "Onjuist RSIN nummer."
    return None
