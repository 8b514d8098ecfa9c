"""A throwaway PKI and a real HTTPS receiver on loopback that demands a client certificate.

:class:`Pki` makes a CA at test time (``cryptography``, P-256 keys) and issues server
certificates (``localhost`` and ``127.0.0.1``) and client certificates; everything is written
under the test's temporary directory, nothing is committed. :class:`TlsReceiver` is an asyncio
HTTP/1.1 server whose TLS context has ``verify_mode=CERT_REQUIRED`` against the CA it is given:
it records every request with the subject of the client certificate it saw, and every refused
handshake with OpenSSL's reason.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import ipaddress
import ssl
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass(frozen=True)
class Issued:
    """A certificate and its key as PEM files."""

    cert: Path
    key: Path
    common_name: str


def _write_key(key: ec.EllipticCurvePrivateKey, path: Path) -> None:
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                       serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))  # fmt: skip
    path.chmod(0o600)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "MidOffice test"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])  # fmt: skip


def _valid_for_a_day(builder: x509.CertificateBuilder) -> x509.CertificateBuilder:
    now = dt.datetime.now(dt.UTC)
    return (builder.serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1)))  # fmt: skip


class Pki:
    """A CA called ``name`` in ``directory`` (``<name>-ca.pem``) that issues certificates."""

    def __init__(self, directory: Path, name: str) -> None:
        self.directory = directory
        self.name = name
        self._key = ec.generate_private_key(ec.SECP256R1())
        public = self._key.public_key()
        ca_name = _name(f"{name} CA")
        signing = x509.KeyUsage(
            digital_signature=False, content_commitment=False, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
            encipher_only=False, decipher_only=False,
        )  # fmt: skip
        self._cert = (
            _valid_for_a_day(x509.CertificateBuilder()).subject_name(ca_name).issuer_name(ca_name)
            .public_key(public)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(signing, critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
            .sign(self._key, hashes.SHA256())
        )  # fmt: skip
        self.ca_bundle = directory / f"{name}-ca.pem"
        self.ca_bundle.write_bytes(self._cert.public_bytes(serialization.Encoding.PEM))

    def issue(self, common_name: str, *, server: bool) -> Issued:
        """A leaf certificate: for a server (SAN localhost, 127.0.0.1) or for a client."""
        key = ec.generate_private_key(ec.SECP256R1())
        usage = ExtendedKeyUsageOID.SERVER_AUTH if server else ExtendedKeyUsageOID.CLIENT_AUTH
        builder = (
            _valid_for_a_day(x509.CertificateBuilder()).subject_name(_name(common_name))
            .issuer_name(self._cert.subject).public_key(key.public_key())
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                self._key.public_key()), critical=False)
        )  # fmt: skip
        if server:
            names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
        cert = builder.sign(self._key, hashes.SHA256())
        stem = self.directory / f"{self.name}-{common_name}"
        issued = Issued(stem.with_suffix(".crt"), stem.with_suffix(".key"), common_name)
        issued.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        _write_key(key, issued.key)
        return issued


@dataclass
class Request:
    """One request the receiver answered, with the client certificate's subject."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    client_subject: dict[str, str]


@dataclass
class TlsReceiver:
    """HTTPS on 127.0.0.1 with ``server``'s certificate, requiring a client certificate
    issued by ``client_ca``; answers every request with ``status``."""

    server: Issued
    client_ca: Path
    status: int = 204
    received: list[Request] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    port: int = 0
    _server: asyncio.Server | None = None

    def url(self, path: str) -> str:
        return f"https://127.0.0.1:{self.port}{path}"

    def context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH, cafile=str(self.client_ca))
        context.load_cert_chain(str(self.server.cert), str(self.server.key))
        context.verify_mode = ssl.CERT_REQUIRED
        return context

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await writer.start_tls(self.context())
        except (ssl.SSLError, ConnectionError, OSError) as exc:
            self.refused.append(getattr(exc, "reason", None) or type(exc).__name__)
            writer.close()
            return
        peer = writer.get_extra_info("peercert") or {}
        subject = {key: value for rdn in peer.get("subject", ()) for key, value in rdn}
        try:
            while await self._request(reader, writer, subject):
                pass
        except (ssl.SSLError, ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    async def _request(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                       subject: dict[str, str]) -> bool:  # fmt: skip
        line = await reader.readline()
        if not line:
            return False
        method, path, _ = line.decode("latin-1").split(" ", 2)
        headers = {}
        while (header := await reader.readline()) not in (b"\r\n", b"\n", b""):
            name, _, value = header.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        body = await reader.readexactly(int(headers.get("content-length", "0")))
        self.received.append(Request(method, path, headers, body, subject))
        writer.write(f"HTTP/1.1 {self.status} Answer\r\nContent-Length: 0\r\n\r\n".encode())
        await writer.drain()
        return True

    async def __aenter__(self) -> TlsReceiver:
        self._server = await asyncio.start_server(self._connection, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *_: object) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._server.wait_closed(), 2)
