"""Pure decision helpers of the zaakmagazijn processor: no I/O, only values in, problems out.

Each check returns a list of :class:`~schemas.outcome.InvalidParam` (empty when the rule holds),
so a handler can report every broken rule at once, as a ZGW ``invalidParams`` list does.
Codes follow the Zaken API as Open Zaak implements it where it defines one; the others are
this project's choices (kebab-case, Dutch domain nouns).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final
from uuid import UUID
from zoneinfo import ZoneInfo

from catalogi.model import Catalogue, Statustype, Zaaktype
from schemas.outcome import InvalidParam

TIMEZONE: Final = ZoneInfo("Europe/Amsterdam")
"""Dates (einddatum) are calendar dates in this zone; naive datetimes are read in it too."""

CLOCK_SKEW_TOLERANCE: Final = dt.timedelta(minutes=5)
"""How far ``datumStatusGezet`` may lie after the processor's clock (sender clock skew)."""

# Codes taken from Open Zaak / vng-api-common.
DOES_NOT_EXIST: Final = "does_not_exist"  # unknown reference (DRF related field)
UNIQUE: Final = "unique"  # uuid already used (DRF UniqueValidator)
IDENTIFICATIE_NIET_UNIEK: Final = "identificatie-niet-uniek"  # Open Zaak
ZAAKTYPE_MISMATCH: Final = "zaaktype-mismatch"  # Open Zaak CorrectZaaktypeValidator
FUTURE_NOT_ALLOWED: Final = "future_not_allowed"  # vng-api-common UntilNowValidator
WIJZIGEN_NIET_TOEGELATEN: Final = "wijzigen-niet-toegelaten"  # vng-api-common IsImmutableValidator
RESULTAAT_DOES_NOT_EXIST: Final = "resultaat-does-not-exist"  # Open Zaak, eindstatus w/o resultaat
ARCHIEFACTIEDATUM_ERROR: Final = "archiefactiedatum-error"  # Open Zaak BrondatumCalculator
INFORMATIEOBJECT_LOCKED: Final = "informatieobject-locked"  # Open Zaak StatusSerializer
INDICATIEGEBRUIKSRECHT_UNSET: Final = "indicatiegebruiksrecht-unset"  # Zaken API zrc-008
# Codes of this project (the standard defines none).
ZAAK_AFGESLOTEN: Final = "zaak-afgesloten"  # status on a closed zaak without reopening
SUBJECT_MISMATCH: Final = "subject-mismatch"  # payload zaak differs from envelope subject


@dataclass(frozen=True)
class ZaakState:
    """What the status rules need to know about a stored zaak."""

    uuid: UUID
    zaaktype: UUID
    sequence: int
    einddatum: dt.date | None
    archiefnominatie: str | None = None
    archiefactiedatum: dt.date | None = None
    startdatum_bewaartermijn: dt.date | None = None
    status: UUID | None = None
    status_moment: dt.datetime | None = None
    """datumStatusGezet of the current status (``status``); None without statussen."""

    @property
    def is_afgesloten(self) -> bool:
        """A zaak with an einddatum is closed."""
        return self.einddatum is not None


def aware(moment: dt.datetime) -> dt.datetime:
    """``moment`` with a time zone; a naive datetime is read as Europe/Amsterdam time."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=TIMEZONE)


def to_utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` in UTC (naive values read as Europe/Amsterdam time)."""
    return aware(moment).astimezone(dt.UTC)


def local_date(moment: dt.datetime) -> dt.date:
    """The calendar date of ``moment`` in Europe/Amsterdam."""
    return aware(moment).astimezone(TIMEZONE).date()


def check_subject(field: str, value: UUID, subject: UUID) -> list[InvalidParam]:
    """The payload's zaak reference must be the envelope subject (the partition key)."""
    if value == subject:
        return []
    reason = f"{field} {value} is not the event subject {subject}."
    return [InvalidParam(field, SUBJECT_MISMATCH, reason)]


def check_zaaktype(catalogue: Catalogue, zaaktype: UUID) -> list[InvalidParam]:
    """The zaaktype must exist in the catalogue."""
    if catalogue.zaaktype(zaaktype) is not None:
        return []
    return [InvalidParam("zaaktype", DOES_NOT_EXIST, f"Zaaktype {zaaktype} bestaat niet.")]


def check_zaak_exists(zaak: ZaakState | None, reference: UUID) -> list[InvalidParam]:
    """The referenced zaak must exist."""
    if zaak is not None:
        return []
    return [InvalidParam("zaak", DOES_NOT_EXIST, f"Zaak {reference} bestaat niet.")]


def check_statustype(
    catalogue: Catalogue, statustype: UUID, zaak: ZaakState | None
) -> list[InvalidParam]:
    """The statustype must exist and belong to the zaaktype of the zaak."""
    return check_type_of_zaaktype("statustype", catalogue.statustype(statustype), zaak)


def check_type_of_zaaktype(
    field: str, found: tuple[Zaaktype, object] | None, zaak: ZaakState | None
) -> list[InvalidParam]:
    """A catalogue reference (statustype, roltype, resultaattype, eigenschap, ...) must exist
    (``found`` is its zaaktype and itself) and belong to the zaaktype of the zaak."""
    if found is None:
        return [InvalidParam(field, DOES_NOT_EXIST, f"Het {field} bestaat niet.")]
    if zaak is not None and found[0].uuid != zaak.zaaktype:
        return [
            InvalidParam(
                field, ZAAKTYPE_MISMATCH, "De referentie hoort niet bij het zaaktype van de zaak."
            )
        ]
    return []


def check_immutable(field: str, old: object, new: object) -> list[InvalidParam]:
    """``field`` may not change (the zaaktype of a zaak)."""
    if old == new:
        return []
    return [InvalidParam(field, WIJZIGEN_NIET_TOEGELATEN, "Dit veld mag niet gewijzigd worden.")]


def check_not_in_future(
    field: str, moment: dt.datetime, now: dt.datetime, tolerance: dt.timedelta
) -> list[InvalidParam]:
    """``moment`` may lie at most ``tolerance`` after ``now``."""
    if aware(moment) <= now + tolerance:
        return []
    return [InvalidParam(field, FUTURE_NOT_ALLOWED, "Deze datum mag niet in de toekomst liggen.")]


def check_open(zaak: ZaakState | None, *, reopen_allowed: bool) -> list[InvalidParam]:
    """No status on a closed zaak, unless reopening is allowed."""
    if zaak is None or not zaak.is_afgesloten or reopen_allowed:
        return []
    return [
        InvalidParam(
            "zaak",
            ZAAK_AFGESLOTEN,
            f"De zaak is afgesloten (einddatum {zaak.einddatum}); heropenen is niet toegestaan.",
        )
    ]


def unique_uuid(resource: str, uuid: UUID) -> InvalidParam:
    """The problem for a resource uuid that is already in use."""
    return InvalidParam("uuid", UNIQUE, f"Er bestaat al een {resource} met uuid {uuid}.")


def identificatie_niet_uniek(identificatie: str, bronorganisatie: str) -> InvalidParam:
    """The problem for an identificatie already used within the bronorganisatie."""
    return InvalidParam(
        "identificatie",
        IDENTIFICATIE_NIET_UNIEK,
        f"Deze identificatie ({identificatie}) bestaat al voor bronorganisatie {bronorganisatie}.",
    )


@dataclass(frozen=True)
class Afsluiting:
    """The processor-derived fields of a status: is it the eindstatus, and the einddatum."""

    is_eindstatus: bool
    einddatum: dt.date | None


def afsluiting(zaaktype: Zaaktype, statustype: Statustype, gezet: dt.datetime) -> Afsluiting:
    """The eindstatus (highest volgnummer) closes the zaak on the Amsterdam date it was set."""
    if statustype.uuid == zaaktype.eindstatustype.uuid:
        return Afsluiting(is_eindstatus=True, einddatum=local_date(gezet))
    return Afsluiting(is_eindstatus=False, einddatum=None)
