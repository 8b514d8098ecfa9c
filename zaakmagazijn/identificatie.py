"""Generated zaak identificaties: ``ZAAK-<jaar>-<nummer>`` per bronorganisatie and year.

The handler generates a number (:func:`generate`) and writes it into the fact; applying the
fact bumps ``identificatie_teller`` (:func:`bump`). Because the counter is bumped from the fact,
a database rebuilt from the log continues with fresh numbers, and an explicitly supplied
identificatie in the generated form is skipped by later generations too.
"""

from __future__ import annotations

import re
from typing import Final

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from zaakmagazijn.state import identificatie_taken
from zaakmagazijn.tables import identificatie_teller

PREFIX: Final = "ZAAK"
DIGITS: Final = 10
_PATTERN: Final = re.compile(rf"^{PREFIX}-(\d{{4}})-(\d{{{DIGITS}}})$")


_T = identificatie_teller
_LAATSTE: Final = select(_T.c.laatste).where(
    _T.c.bronorganisatie == bindparam("bronorganisatie"), _T.c.jaar == bindparam("jaar")
)
_INSERT: Final = insert(_T)
_RAISE: Final = update(_T).where(
    _T.c.bronorganisatie == bindparam("t_bronorganisatie"), _T.c.jaar == bindparam("t_jaar")
)
"""Built once: every new zaak reads and moves its counter."""


def format_identificatie(jaar: int, nummer: int) -> str:
    """``ZAAK-2026-0000000001`` for jaar 2026, nummer 1."""
    return f"{PREFIX}-{jaar:04d}-{nummer:0{DIGITS}d}"


def parse_identificatie(identificatie: str) -> tuple[int, int] | None:
    """``(jaar, nummer)`` of an identificatie in the generated form, else None."""
    match = _PATTERN.match(identificatie)
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2))


async def laatste(conn: AsyncConnection, bronorganisatie: str, jaar: int) -> int:
    """The highest number handed out for ``bronorganisatie`` in ``jaar`` (0 when none)."""
    value = await conn.scalar(_LAATSTE, {"bronorganisatie": bronorganisatie, "jaar": jaar})
    return int(value or 0)


async def generate(conn: AsyncConnection, bronorganisatie: str, jaar: int) -> str:
    """The next free identificatie of ``bronorganisatie`` in ``jaar``; changes nothing."""
    nummer = await laatste(conn, bronorganisatie, jaar) + 1
    while await identificatie_taken(conn, bronorganisatie, format_identificatie(jaar, nummer)):
        nummer += 1
    return format_identificatie(jaar, nummer)


async def bump(conn: AsyncConnection, bronorganisatie: str, identificatie: str) -> None:
    """Raise the counter to this identificatie's number when it has the generated form."""
    parsed = parse_identificatie(identificatie)
    if parsed is None:
        return
    jaar, nummer = parsed
    current = await conn.scalar(_LAATSTE, {"bronorganisatie": bronorganisatie, "jaar": jaar})
    if current is None:
        values = {"bronorganisatie": bronorganisatie, "jaar": jaar, "laatste": nummer}
        await conn.execute(_INSERT, values)
    elif nummer > current:
        values = {"t_bronorganisatie": bronorganisatie, "t_jaar": jaar, "laatste": nummer}
        await conn.execute(_RAISE, values)
