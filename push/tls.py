"""The TLS context of a push target: the CA bundle that vouches for the endpoint and the
client certificate (mTLS), both from configuration (``MIDOFFICE_MIJNOVERHEID_CA_BUNDLE``,
``..._CLIENT_CERT``, ``..._CLIENT_KEY``).

The context is built here and handed to httpx as ``verify``: httpx 0.28 ignores ``cert=``
whenever ``verify`` is a path, so a CA bundle used to drop the client certificate silently
(the receiver then refuses the handshake).
"""

from __future__ import annotations

import ssl
from pathlib import Path

import httpx


def ssl_context(
    ca_bundle: str | None = None, client_cert: tuple[str, str | None] | None = None
) -> ssl.SSLContext:
    """A client context that verifies the server against ``ca_bundle`` (a PEM file or a
    hashed directory; without one: httpx's default trust store) and presents ``client_cert``
    (certificate PEM and key PEM; key None: the certificate file holds the key too).

    Raises OSError or ssl.SSLError when a file is missing or unreadable, or the key does not
    belong to the certificate."""
    if ca_bundle is None:
        context = httpx.create_ssl_context()
    elif Path(ca_bundle).is_dir():
        context = ssl.create_default_context(capath=ca_bundle)
    else:
        context = ssl.create_default_context(cafile=ca_bundle)
    if client_cert is not None:
        certfile, keyfile = client_cert
        context.load_cert_chain(certfile, keyfile)
    return context
