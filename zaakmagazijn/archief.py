"""Archive fields of a zaak derived from its resultaattype when the zaak closes.

As Open Zaak's BrondatumCalculator does it: an empty ``archiefnominatie`` takes the
resultaattype's; an empty ``archiefactiedatum`` becomes brondatum + archiefactietermijn, and
``startdatumBewaartermijn`` the brondatum. The brondatum follows the afleidingswijze of
``brondatumArchiefprocedure``: ``afgehandeld`` (the einddatum), ``termijn`` (einddatum +
procestermijn) and ``eigenschap`` (the zaakeigenschap named in datumkenmerk, a date).
The other afleidingswijzen need data the MidOffice does not hold (besluiten, external
objects); they leave the archiefactiedatum empty for the archivist to fill in.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from typing import Final

from catalogi.model import Resultaattype
from schemas.payloads import ArchiefgegevensV1

_DURATION: Final = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T.*)?$")


class ArchiefError(ValueError):
    """The brondatum cannot be determined (e.g. the eigenschap holds no date)."""


def add_duration(start: dt.date, duration: str) -> dt.date:
    """``start`` plus an ISO 8601 duration in years, months, weeks and days (time ignored);
    a day beyond the end of the month is clamped (31 Jan + P1M = 28/29 Feb)."""
    match = _DURATION.match(duration)
    if match is None:
        raise ArchiefError(f"geen geldige duur: {duration}")
    years, months, weeks, days = (int(part or 0) for part in match.groups())
    month_index = start.month - 1 + months
    year = start.year + years + month_index // 12
    month = month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day) + dt.timedelta(weeks=weeks, days=days)


def brondatum(
    resultaattype: Resultaattype, einddatum: dt.date, eigenschappen: Mapping[str, str]
) -> dt.date | None:
    """The brondatum of the archiefprocedure, or None when it cannot be derived here."""
    procedure = resultaattype.brondatumArchiefprocedure
    if procedure is None:
        return None
    wijze = str(procedure.afleidingswijze)
    if wijze == "afgehandeld":
        return einddatum
    if wijze == "termijn" and procedure.procestermijn:
        return add_duration(einddatum, procedure.procestermijn)
    if wijze == "eigenschap":
        waarde = eigenschappen.get(procedure.datumkenmerk)
        if not waarde:
            raise ArchiefError(f"de zaak heeft geen eigenschap {procedure.datumkenmerk}")
        try:
            return dt.date.fromisoformat(waarde[:10])
        except ValueError:
            raise ArchiefError(f"eigenschap {procedure.datumkenmerk} is geen datum") from None
    return None


def afgeleid(
    resultaattype: Resultaattype,
    einddatum: dt.date,
    huidig: ArchiefgegevensV1,
    eigenschappen: Mapping[str, str],
) -> ArchiefgegevensV1:
    """The zaak's archive fields after closing on ``einddatum``: set fields stay as they are."""
    nominatie = huidig.archiefnominatie or (
        str(resultaattype.archiefnominatie) if resultaattype.archiefnominatie else None
    )
    actiedatum, bewaartermijn = huidig.archiefactiedatum, huidig.startdatumBewaartermijn
    if actiedatum is None and resultaattype.archiefactietermijn:
        start = brondatum(resultaattype, einddatum, eigenschappen)
        if start is not None:
            actiedatum = add_duration(start, resultaattype.archiefactietermijn)
            bewaartermijn = start
    return ArchiefgegevensV1(
        archiefnominatie=nominatie,
        archiefactiedatum=actiedatum,
        startdatumBewaartermijn=bewaartermijn,
    )
