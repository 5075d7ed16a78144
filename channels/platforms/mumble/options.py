"""The command-line options of a Mumble gateway, and the connection they describe.

``rsi-gateway mumble`` adds them with :func:`add_arguments` and turns the
parsed namespace into :class:`MumbleOptions`; ``--channel LANG=NAME`` is the
gateway's own (every platform has it).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from channels.platforms.mumble.client import DEFAULT_PORT, MumbleClient, parse_fingerprint
from channels.platforms.mumble.core import Connected


def server_address(text: str) -> tuple[str, int]:
    """``HOST``, ``HOST:PORT`` or ``[IPv6]:PORT`` as (host, port); the port defaults to 64738."""
    host, port = text.strip(), str(DEFAULT_PORT)
    if host.startswith("["):
        end = host.find("]")
        if end < 0:
            raise argparse.ArgumentTypeError(f"{text!r}: an IPv6 address needs its closing ']'")
        host, rest = host[1:end], host[end + 1 :]
        if rest:
            if not rest.startswith(":"):
                raise argparse.ArgumentTypeError(f"{text!r}: write [ADDRESS]:PORT")
            port = rest[1:]
    elif host.count(":") == 1:
        host, port = host.split(":")
    if not host:
        raise argparse.ArgumentTypeError(f"{text!r} names no host: write HOST or HOST:PORT")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"{text!r}: the port must be a number from 1 to 65535")
    return host, int(port)


def fingerprint(text: str) -> str:
    """A certificate fingerprint as given, once it is a well-formed SHA-256 one."""
    try:
        parse_fingerprint(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--server``, ``--user``, ``--password``, ``--mumble-channel``, and the certificate check."""
    parser.add_argument(
        "--server",
        required=True,
        type=server_address,
        metavar="HOST[:PORT]",
        help=f"the Mumble server (port {DEFAULT_PORT} unless given)",
    )
    parser.add_argument("--user", default="rsi-gateway", help="the name the gateway has in Mumble")
    parser.add_argument(
        "--password", default="", help="the server's password (or the registered user's)"
    )
    parser.add_argument(
        "--mumble-channel",
        metavar="NAME",
        help="the channel whose sound is the floor (default: where the server puts new users)",
    )
    trust = parser.add_mutually_exclusive_group()
    trust.add_argument(
        "--mumble-fingerprint",
        type=fingerprint,
        metavar="SHA256",
        help="the SHA-256 fingerprint of the server's certificate, for a self-signed one "
        "(murmurd makes one unless given a certificate): ask the server's admin for it",
    )
    trust.add_argument(
        "--mumble-ca",
        metavar="FILE",
        help="the PEM file of the certificate authority that signed the server's certificate "
        "(default: the system's authorities)",
    )


@dataclass(frozen=True, slots=True)
class MumbleOptions:
    host: str
    port: int
    user: str
    password: str
    floor_channel: str | None
    ca_file: str | None
    fingerprint: str | None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> MumbleOptions:
        host, port = args.server
        return cls(
            host,
            port,
            args.user,
            args.password,
            args.mumble_channel,
            args.mumble_ca,
            args.mumble_fingerprint,
        )

    async def connect(self, client: MumbleClient) -> Connected:
        """Connect ``client`` as these options say (:class:`~.client.MumbleError` if not)."""
        return await client.connect(
            self.host,
            self.port,
            self.user,
            self.password,
            ca_file=self.ca_file,
            fingerprint=self.fingerprint,
        )
