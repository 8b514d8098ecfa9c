"""The subjects of a StUF zaakdetails read's processing-log record are exactly the BSNs its
antwoord shows: ``getoonde_bsns`` is checked against the La01 that ``la01`` builds."""

from __future__ import annotations

import datetime as dt

import pytest

from adapters.stuf.dispatch import operation
from adapters.stuf.geef_zaakdetails import Zaakdetails, getoonde_bsns, la01
from adapters.stuf.namespaces import ZDS, ZKN
from adapters.stuf.stuurgegevens import Stuurgegevens, Systeem
from tests.stuf_support import bericht, texts

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
ZAAK = {"identificatie": "Z-1", "omschrijving": "Parkeren", "startdatum": dt.date(2026, 3, 2)}
ROLLEN = (
    ("initiator", "natuurlijk_persoon", {"inpBsn": "111222333", "geslachtsnaam": "Mug"}),
    ("belanghebbende", "natuurlijk_persoon", {"anpIdentificatie": "A-1"}),  # no BSN
    ("belanghebbende", "niet_natuurlijk_persoon", {"innNnpId": "002220647"}),
    ("behandelaar", "medewerker", {"identificatie": "mw-1"}),
    ("belanghebbende", "natuurlijk_persoon", {"inpBsn": "999993653"}),
)
VRAAG = Stuurgegevens(berichtcode="Lv01", zender=Systeem("0392", "TST"),
                      ontvanger=Systeem("0392", "ZSH"), referentienummer="r-1")  # fmt: skip


@pytest.mark.parametrize(
    ("name", "namespace", "shown"),
    [
        ("geefZaakdetails_ZakLv01", ZDS, ["111222333", "999993653"]),
        ("geefZaakstatus_ZakLv01", ZDS, []),  # ZDS 1.2 geefZaakstatus: no rollen
        ("geefZaakdetails_Lv01", ZKN, ["111222333", "999993653"]),
        ("geefZaakstatus_Lv01", ZKN, ["111222333", "999993653"]),  # ZDS 1.1: a full zakLa01
    ],
)
def test_the_subjects_are_the_bsns_the_antwoord_shows(
    name: str, namespace: str, shown: list[str]
) -> None:
    op = operation(name, namespace)
    details = Zaakdetails(zaak=ZAAK, zaaktype_code="1", zaaktype_omschrijving="Vergunning",
                          rollen=ROLLEN)  # fmt: skip
    antwoord = bericht(la01(op, VRAAG, details, NOW))
    assert sorted(texts(antwoord, "inp.bsn")) == shown
    assert sorted(getoonde_bsns(op, details)) == shown
    assert getoonde_bsns(op, Zaakdetails(zaak=ZAAK, zaaktype_code="1",
                                         zaaktype_omschrijving="")) == []  # fmt: skip
