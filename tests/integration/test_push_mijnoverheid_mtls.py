"""mTLS to MijnOverheid, through the real push path: the StUF zakLk01 route configured with
``MIDOFFICE_MIJNOVERHEID_*`` (endpoint, client certificate and key, CA bundle) as in
production, delivered to a real HTTPS receiver on loopback that demands a client certificate
of a CA made at test time (:mod:`tests.integration.tls_support`).

(a) with the client certificate the zakLk01 arrives and the receiver saw its subject;
(b) without one, or with one of another CA, the receiver refuses the handshake: the delivery
    stays pending with a transient error and is retried, never marked delivered;
(c) a receiver whose certificate the configured CA bundle does not vouch for is refused.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from push.plans import MIJNOVERHEID_STUF
from tests.integration.push_support import (
    BSN,
    RSIN,
    ZAAKTYPE_UUID,
    Deployment,
    eventually,
    midoffice,
)
from tests.integration.tls_support import Issued, Pki, TlsReceiver


@pytest.fixture
def pki(tmp_path: Path) -> Pki:
    (tmp_path / "pki").mkdir()
    return Pki(tmp_path / "pki", "gemeente")


def _configure(monkeypatch: pytest.MonkeyPatch, url: str, ca_bundle: Path,
               client: Issued | None) -> None:  # fmt: skip
    """The MijnOverheid StUF route as an operator configures it: environment variables."""
    monkeypatch.setenv("MIDOFFICE_MIJNOVERHEID_STUF_URL", url)
    monkeypatch.setenv("MIDOFFICE_MIJNOVERHEID_ZAAKTYPEN", json.dumps({RSIN: [ZAAKTYPE_UUID]}))
    monkeypatch.setenv("MIDOFFICE_MIJNOVERHEID_CA_BUNDLE", str(ca_bundle))
    if client is not None:
        monkeypatch.setenv("MIDOFFICE_MIJNOVERHEID_CLIENT_CERT", str(client.cert))
        monkeypatch.setenv("MIDOFFICE_MIJNOVERHEID_CLIENT_KEY", str(client.key))


async def _entry(mo: Deployment, zaak: str) -> dict[str, Any]:
    """The zaak's one MijnOverheid StUF delivery in the ledger ({} while not yet queued)."""
    response = await mo.http.get("/push/api/v1/afleveringen", headers=mo.as_("beheer"),
                                 params={"zaak": zaak, "doel": MIJNOVERHEID_STUF})  # fmt: skip
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    assert len(results) <= 1, results
    return results[0] if results else {}


async def _deliver_one(mo: Deployment) -> str:
    """A citizen's zaak and a status with ``informeren``: one zakLk01 to MijnOverheid (and an
    operator who may read the ledger)."""
    await mo.applicatie("beheer", {"component": "nrc", "scopes": ["notificaties.beheren"]})
    zaak = await mo.zaak(BSN)
    await mo.status(zaak, 0)
    return zaak


async def _retried(mo: Deployment, zaak: str) -> dict[str, Any]:
    """The delivery once it failed twice (so it was retried), still undelivered."""
    found: dict[str, Any] = {}

    async def twice() -> bool:
        found.update(await _entry(mo, zaak))
        return int(found.get("pogingen", 0)) >= 2

    await eventually(twice, timeout=15)
    assert found["status"] == "pending" and found["afgeleverd"] is None, found
    assert found["laatsteHttpStatus"] is None and found["laatsteFout"], found
    return found


@pytest.mark.parametrize("key", ["own file", "in the certificate file"])
async def test_with_the_client_certificate_the_zaklk01_arrives(
    tmp_path: Path, pki: Pki, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    client = pki.issue("midoffice-push", server=False)
    if key == "in the certificate file":  # one PEM with both: no MIDOFFICE_..._CLIENT_KEY
        client.cert.write_bytes(client.cert.read_bytes() + client.key.read_bytes())
    async with TlsReceiver(pki.issue("localhost", server=True), pki.ca_bundle) as rx:
        _configure(monkeypatch, rx.url("/stuf"), pki.ca_bundle, client)
        if key == "in the certificate file":
            monkeypatch.delenv("MIDOFFICE_MIJNOVERHEID_CLIENT_KEY")
        async with midoffice(tmp_path) as mo:
            assert mo.settings.mijnoverheid.client_cert == client.cert  # read from the env
            zaak = await _deliver_one(mo)

            async def delivered() -> bool:
                return (await _entry(mo, zaak)).get("status") == "delivered"

            await eventually(delivered, timeout=15)
            entry = await _entry(mo, zaak)
    assert entry["pogingen"] == 1 and entry["laatsteHttpStatus"] == 204
    [got] = rx.received
    assert rx.refused == []
    assert got.client_subject == {"organizationName": "MidOffice test",
                                  "commonName": "midoffice-push"}  # fmt: skip
    assert got.path == "/stuf" and got.headers["soapaction"].endswith('actualiseerZaakstatus_Lk01"')
    assert BSN.encode() in got.body and b"zakLk01" in got.body


@pytest.mark.parametrize("certificate", ["none", "other CA"])
async def test_a_refused_client_certificate_is_a_transient_failure(
    tmp_path: Path, pki: Pki, monkeypatch: pytest.MonkeyPatch, certificate: str
) -> None:
    client = None if certificate == "none" else (
        Pki(tmp_path / "pki", "elders").issue("midoffice-push", server=False))  # fmt: skip
    async with TlsReceiver(pki.issue("localhost", server=True), pki.ca_bundle) as rx:
        _configure(monkeypatch, rx.url("/stuf"), pki.ca_bundle, client)
        async with midoffice(tmp_path) as mo:
            zaak = await _deliver_one(mo)
            await _retried(mo, zaak)
    assert rx.received == []
    assert len(rx.refused) >= 2 and all("CERTIFICATE" in reason for reason in rx.refused), (
        rx.refused
    )


async def test_a_server_the_ca_bundle_does_not_vouch_for_is_refused(
    tmp_path: Path, pki: Pki, monkeypatch: pytest.MonkeyPatch
) -> None:
    rogue = Pki(tmp_path / "pki", "rogue").issue("localhost", server=True)
    client = pki.issue("midoffice-push", server=False)
    async with TlsReceiver(rogue, pki.ca_bundle) as rx:
        _configure(monkeypatch, rx.url("/stuf"), pki.ca_bundle, client)
        async with midoffice(tmp_path) as mo:
            zaak = await _deliver_one(mo)
            entry = await _retried(mo, zaak)
    assert "CERTIFICATE_VERIFY_FAILED" in entry["laatsteFout"], entry
    assert rx.received == []


@pytest.mark.parametrize("setting", ["CLIENT_CERT", "CLIENT_KEY", "CA_BUNDLE"])
async def test_a_certificate_file_that_cannot_be_loaded_fails_the_start(
    tmp_path: Path, pki: Pki, monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    _configure(monkeypatch, "https://127.0.0.1:9/stuf", pki.ca_bundle,
               pki.issue("midoffice-push", server=False))  # fmt: skip
    monkeypatch.setenv(f"MIDOFFICE_MIJNOVERHEID_{setting}", str(tmp_path / "pki" / "missing.pem"))
    with pytest.raises(ValueError, match="MIDOFFICE_MIJNOVERHEID_CA_BUNDLE / _CLIENT_CERT"):
        async with midoffice(tmp_path):
            pass


async def test_a_client_key_without_its_certificate_fails_the_start(
    tmp_path: Path, pki: Pki, monkeypatch: pytest.MonkeyPatch
) -> None:
    _configure(monkeypatch, "https://127.0.0.1:9/stuf", pki.ca_bundle, None)
    monkeypatch.setenv("MIDOFFICE_MIJNOVERHEID_CLIENT_KEY",
                       str(pki.issue("midoffice-push", server=False).key))  # fmt: skip
    with pytest.raises(ValueError, match="CLIENT_KEY is set without"):
        async with midoffice(tmp_path):
            pass
