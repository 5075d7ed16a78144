"""The hub's TLS: what ``rsi-hub serve --cert --key`` offers the clients of a ``wss://`` hub."""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Final

TLS12_CIPHERS: Final = "ECDHE+AESGCM:ECDHE+CHACHA20"
"""TLS 1.2 suites the hub accepts: forward secrecy and authenticated encryption (AEAD) only.

CBC suites (MAC-then-encrypt) are left out: they are what padding-oracle and
timing attacks such as Lucky Thirteen feed on. Every TLS 1.3 suite is AEAD
already. Clients that offer nothing else fail the handshake.
"""


def hub_tls(cert: str | Path, key: str | Path) -> ssl.SSLContext:
    """The server context for a hub with this certificate chain and private key (PEM files).

    TLS 1.2 or later, TLS 1.2 with :data:`TLS12_CIPHERS` only. Raises
    ``OSError`` or ``ssl.SSLError`` when the files cannot be read or do not match.
    """
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.set_ciphers(TLS12_CIPHERS)
    context.load_cert_chain(cert, key)
    return context
