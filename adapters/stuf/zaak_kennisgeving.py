"""The structure of a ZAK kennisgeving (StUF 03.01 section 5.3 "Kennisgevingsberichten",
StUF-ZKN 3.10 zakLk01; ZDS 1.2 creeerZaak_ZakLk01, updateZaak_ZakLk01,
actualiseerZaakstatus_ZakLk01): ``parameters/mutatiesoort`` and one or two ``object``s.

- ``T`` (toevoeging): one object, the new zaak.
- ``W`` (wijziging), and the corrections ``C``/``F``: two objects, ``oud`` then ``nieuw``
  (StUF 03.01 section 5.3.3); a single object (as Sigmax sends) is read as ``nieuw``.
- ``V`` (verwijdering): one object, the zaak to delete.
- ``E`` (beëindiging) has no meaning for a zaak as a whole (a zaak ends with its eindstatus),
  and is refused with that explanation.

Without ``mutatiesoort`` the object's ``StUF:verwerkingssoort`` is used (tolerant reader).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from lxml import etree

from adapters.stuf.elements import child, children, stuf_attribute, text
from adapters.stuf.errors import NIET_ONDERSTEUND, StufFout, niet_conform

WIJZIGINGEN: Final = ("W", "C", "F")


@dataclass(frozen=True)
class ZaakKennisgeving:
    """The objects of a ZAK Lk01. ``nieuw`` is None for V; ``oud`` is None for T."""

    mutatiesoort: str
    oud: etree._Element | None
    nieuw: etree._Element | None
    identificatie: str | None

    @property
    def subject(self) -> etree._Element:
        found = self.nieuw if self.nieuw is not None else self.oud
        assert found is not None
        return found


def read(bericht: etree._Element) -> ZaakKennisgeving:
    """The kennisgeving in ``bericht``; StufFout (StUF055/ZKN006/ZKN008) when it cannot be
    read unambiguously."""
    objects = list(children(bericht, "object"))
    if not objects or len(objects) > 2:
        raise niet_conform("Een ZAK-kennisgeving bevat één object, of twee (oud en nieuw).")
    soort = (text(child(bericht, "parameters"), "mutatiesoort") or "").upper()
    if not soort:
        soort = (stuf_attribute(objects[-1], "verwerkingssoort") or "").upper()
        soort = "W" if soort == "I" else soort
    if soort == "E":
        raise StufFout(NIET_ONDERSTEUND, "Mutatiesoort E (beëindiging) bestaat niet voor een "
                       "zaak; beëindig de zaak met een eindstatus (en resultaat).")  # fmt: skip
    if soort not in ("T", "V", *WIJZIGINGEN):
        raise niet_conform(f"Onbekende mutatiesoort {soort[:5]!r}; verwacht T, W, V of E.")
    if soort == "T" or soort == "V":
        if len(objects) != 1:
            raise niet_conform(f"Mutatiesoort {soort} hoort één object te bevatten.")
        oud, nieuw = (None, objects[0]) if soort == "T" else (objects[0], None)
    else:
        oud, nieuw = (objects[0], objects[1]) if len(objects) == 2 else (None, objects[0])
    ids = {i for o in (oud, nieuw) if o is not None and (i := text(o, "identificatie"))}
    if len(ids) > 1:
        raise niet_conform("De identificatie van oud en nieuw verschilt; een zaakidentificatie "
                           "kan niet worden gewijzigd.")  # fmt: skip
    return ZaakKennisgeving(soort, oud, nieuw, next(iter(ids), None))
