"""MijnOverheid Lopende Zaken: zakLk01 (StUF, validated against the ZDS 1.1 XSD) and the
CloudEvents route with OAuth2 client credentials, to a local receiver."""

from __future__ import annotations

import functools
from pathlib import Path

import xmlschema
from lxml import etree
from pydantic import SecretStr

from adapters.pip.zaklk01 import BG, SOAP, STUF, ZKN
from push.settings import MijnOverheidSettings
from tests.integration.push_support import BSN, RSIN, ZAAKTYPE_UUID, eventually, midoffice, receiver

XSD = (
    Path(__file__).resolve().parents[3]
    / "shared/standards/stuf-zkn/zds-1.1.02-resolved/zkn0310/mutatie/zkn0310_msg_mutatie.xsd"
)


@functools.cache
def zak_lk01_schema() -> xmlschema.XMLSchema:
    # "skip": the 1.1.02 set has a restriction (fixed entiteittype) that xmlschema's strict
    # schema check refuses; validating instances against the built components is unaffected.
    return xmlschema.XMLSchema(str(XSD), validation="skip")


async def test_lopende_zaken(tmp_path: Path) -> None:
    async with receiver() as rx:
        settings = MijnOverheidSettings(
            stuf_url=rx.url("/stuf"),
            cloudevents_url=rx.url("/ce"),
            token_url=rx.url("/token"),
            client_id="client",
            client_secret=SecretStr("secret"),
            zaaktypen={RSIN: [ZAAKTYPE_UUID]},
        )
        async with midoffice(tmp_path, mijnoverheid=settings) as mo:
            zaak = await mo.zaak(BSN)
            for index in range(3):  # statustypen 1 and 3 have informeren, 2 has not
                await mo.status(zaak, index, index)
            other = await mo.zaak(None)  # no initiator with a BSN: nothing to MijnOverheid
            await mo.status(other, 0, 1)
            await eventually(lambda: len(rx.at("/stuf")) == 2 and len(rx.at("/ce")) == 2)

        schema = zak_lk01_schema()
        messages = []
        for got in rx.at("/stuf"):
            assert got.headers["content-type"] == "text/xml; charset=utf-8"
            assert got.headers["soapaction"].endswith('actualiseerZaakstatus_Lk01"')
            envelope = etree.fromstring(got.body)
            [lk01] = envelope.find(f"{{{SOAP}}}Body")
            errors = list(schema.iter_errors(lk01))
            assert errors == [], [(e.reason, e.path) for e in errors]
            messages.append(lk01)
        first, second = messages
        assert first.findtext(f".//{{{STUF}}}mutatiesoort") == "T"
        assert second.findtext(f".//{{{STUF}}}mutatiesoort") == "W"
        old, new = second.findall(f"{{{ZKN}}}object")
        assert new.findtext(f"{{{ZKN}}}omschrijving") == "Parkeren"
        assert new.findtext(f".//{{{BG}}}inp.bsn") == BSN
        history = [
            h.findtext(f"{{{ZKN}}}gerelateerde/{{{ZKN}}}omschrijving")
            for h in new.findall(f"{{{ZKN}}}heeft")
        ]
        assert history == ["Ontvangen", "In behandeling", "Besluit genomen"]
        assert len(old.findall(f"{{{ZKN}}}heeft")) == 2
        assert new.findtext(f"{{{ZKN}}}startdatum") == "20260302"

        events = [r.json() for r in rx.at("/ce")]
        assert {e["type"] for e in events} == {"nl.overheid.zaken.zaak-gemuteerd"}
        assert {e["subject"] for e in events} == {zaak.rsplit("/", 1)[1]}
        assert all(r.headers["authorization"] == "Bearer token-1" for r in rx.at("/ce"))


def test_schema_catches_a_broken_message() -> None:
    """The validation above can fail: a malformed BSN and a misplaced element are reported."""
    import datetime as dt

    from adapters.pip.zaklk01 import LopendeZaak, Status, Stuurgegevens, zak_lk01

    moment = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    zaak = LopendeZaak(
        "Z-1",
        "Parkeren",
        dt.date(2026, 3, 2),
        None,
        "ZT",
        "Vergunning",
        "12",
        (Status(1, "Ontvangen", moment),),
    )
    element = zak_lk01(zaak, Stuurgegevens("1", "MO", "2", "MOH", "ref", moment))
    reasons = [e.reason or "" for e in zak_lk01_schema().iter_errors(element)]
    assert any("[0-9]{9}" in reason for reason in reasons)
