"""StUF foutberichten as exceptions: what an operation raises, the gateway answers as a
Fo01/Fo02/Fo03 inside a SOAP 1.1 Fault (StUF 03.01, section 5.4 "Foutberichten").

Codes: StUF055 (berichtbody niet conform) and StUF058 (proces voor afhandelen bericht geeft
fout) are StUF's own; the sector codes below are this MidOffice's, prefixed as StUF asks
(codes defined outside StUF start with the sector's code). ``plek`` is ``client`` when the
sender can fix it, ``server`` otherwise.
"""

from __future__ import annotations

from typing import Final, Literal

NIET_CONFORM: Final = "StUF055"
"""The message is not XML, not SOAP 1.1, or its body breaks the StUF/ZKN structure."""
VERWERKINGSFOUT: Final = "StUF058"
"""Processing failed on our side (the processor did not answer in time, a bug)."""
ONBEKENDE_ZAAK: Final = "ZKN001"
ONBEKEND_ZAAKTYPE: Final = "ZKN002"
AFGEWEZEN: Final = "ZKN003"
"""The zaakmagazijn refused the change (a state rule: duplicate identificatie, closed zaak)."""
NIET_GEAUTORISEERD: Final = "ZKN004"
ONBEKENDE_OPERATIE: Final = "ZKN005"
NIET_ONDERSTEUND: Final = "ZKN006"
MAPPING_ONTBREEKT: Final = "ZKN007"
"""The mapping file has no entry for a code the message uses (statustype, roltype, ...)."""
DUBBELZINNIG: Final = "ZKN008"
"""The message can be read in more than one way; the omschrijving says which."""
OUD_WIJKT_AF: Final = "ZKN009"
"""The oud object of a wijziging does not match the stored state (the sender is out of date)."""

Plek = Literal["client", "server"]
Foutberichtcode = Literal["Fo01", "Fo02", "Fo03"]

OMSCHRIJVING_MAX: Final = 200
DETAILS_MAX: Final = 1000


class StufFout(Exception):
    """A StUF error answer. ``omschrijving`` says what is wrong (at most 200 characters are
    sent; the rest goes into ``details``). Never put message content or secrets in it."""

    def __init__(
        self,
        code: str,
        omschrijving: str,
        *,
        plek: Plek = "client",
        details: str = "",
        berichtcode: Foutberichtcode = "Fo03",
        http_status: int = 500,
    ) -> None:
        super().__init__(omschrijving)
        self.code = code
        self.plek: Plek = plek
        self.berichtcode: Foutberichtcode = berichtcode
        self.http_status = http_status
        if len(omschrijving) > OMSCHRIJVING_MAX:
            details = f"{omschrijving}\n{details}".strip()
            omschrijving = omschrijving[: OMSCHRIJVING_MAX - 3] + "..."
        self.omschrijving = omschrijving
        self.details = details[:DETAILS_MAX]


def niet_conform(omschrijving: str, *, berichtcode: Foutberichtcode = "Fo03") -> StufFout:
    """StUF055 at the client: the message cannot be read as StUF-ZKN."""
    return StufFout(NIET_CONFORM, omschrijving, berichtcode=berichtcode)
