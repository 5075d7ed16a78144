"""`rsi-hub`: serve a meeting, issue tokens and issuer keys, or start the demo meeting."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from pathlib import Path
from types import ModuleType

from channels import identity, meeting_file, tokens
from channels.client import is_loopback
from channels.hub import Hub
from channels.meeting import MeetingConfig
from channels.revocation import RevocationFile
from channels.server import MAX_PENDING, MAX_PENDING_PER_ADDRESS, HubServer, run
from channels.tls import hub_tls
from resources import MEETINGS

DEMO_MEETING = MEETINGS / "demo.toml"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        return int(args.run(args))
    except (meeting_file.MeetingFileError, tokens.TokenError, ValueError, OSError) as exc:
        print(f"rsi-hub: {identity.printable(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rsi-hub", description=__doc__)
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="serve a meeting over rsi.v1")
    serve.add_argument("--meeting", required=True, type=Path, help="the meeting file (TOML)")
    _add_listen_options(serve)
    serve.add_argument("--cert", type=Path, help="TLS certificate chain (PEM): serve wss://")
    serve.add_argument("--key", type=Path, help="TLS private key (PEM) for --cert")
    serve.add_argument(
        "--revoked",
        type=Path,
        help="revocation file (lines 'jti TOKEN-ID' or 'sub PARTICIPANT-ID'), re-read when it "
        "changes or on SIGHUP; overrides the meeting file's 'revoked'",
    )
    serve.add_argument(
        "--max-pending",
        type=int,
        default=MAX_PENDING,
        help="connections that have not said hello yet, in total; more are refused "
        f"(default {MAX_PENDING})",
    )
    serve.add_argument(
        "--max-pending-per-address",
        type=int,
        default=MAX_PENDING_PER_ADDRESS,
        help="connections from one address that have not said hello yet "
        f"(default {MAX_PENDING_PER_ADDRESS}; welcomed ones do not count)",
    )
    serve.add_argument(
        "--nats",
        metavar="URL",
        help="serve the meeting as part of a cluster over this NATS server, "
        "e.g. nats://hub@127.0.0.1:4222 (the password in RSI_NATS_PASSWORD); needs --role",
    )
    serve.add_argument(
        "--role",
        choices=("core", "edge"),
        help="with --nats: core runs the meeting's rules (one serves per meeting, another "
        "started stands by to take over; no port); "
        "edge serves clients on --host/--port (as many as needed)",
    )
    serve.set_defaults(run=_serve)

    token = sub.add_parser("token", help="print a token for one participant")
    token.add_argument("--meeting", required=True, type=Path)
    token.add_argument(
        "--id", required=True, help=f"participant id (the token's sub): {identity.ID_RULE}"
    )
    token.add_argument("--name", required=True, help=f"name shown to others: {identity.NAME_RULE}")
    token.add_argument("--role", required=True, choices=tokens.ROLES)
    token.add_argument("--booth", help="the interpreter's booth")
    token.add_argument(
        "--ttl", default="8h", help="lifetime: 45s, 30m, 8h, 2d (default 8h, at most 7d)"
    )
    token.add_argument(
        "--signing-key", type=Path, help="Ed25519 private key (PEM): sign EdDSA instead of HS256"
    )
    token.set_defaults(run=_token)

    keygen = sub.add_parser("keygen", help="make an Ed25519 key pair for an issuer of EdDSA tokens")
    keygen.add_argument(
        "name", type=Path, help="writes NAME.key (private, for the issuer) and NAME.pub (public)"
    )
    keygen.set_defaults(run=_keygen)

    demo = sub.add_parser("demo", help="serve the demo meeting and print tokens to join it")
    _add_listen_options(demo)
    demo.set_defaults(run=_demo)
    return parser


def _add_listen_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="port (0: any free port)")


def _serve(args: argparse.Namespace) -> int:
    meeting = meeting_file.load(args.meeting)
    context = None
    if args.cert or args.key:
        if not (args.cert and args.key):
            raise ValueError("--cert and --key go together")
        context = hub_tls(args.cert, args.key)
    elif not is_loopback(args.host):
        logging.warning(
            "serving plain ws:// on %s: tokens and audio cross the network unencrypted; "
            "use --cert/--key, or a TLS proxy in front of the hub",
            args.host,
        )
    if args.max_pending < 1 or args.max_pending_per_address < 1:
        raise ValueError("--max-pending and --max-pending-per-address must be at least 1")
    if (args.nats is None) != (args.role is None):
        raise ValueError(
            "--nats and --role go together: both for a cluster, neither for one process"
        )
    revoked = args.revoked or meeting.revoked
    revocations = RevocationFile(revoked) if revoked else None
    if revocations is not None:
        revocations.load()  # a bad file stops the hub here, before anyone is admitted
    if args.role == "core":
        core, _ = _cluster()
        asyncio.run(core.run_core(meeting, args.nats, revocations))
        return 0
    raise_open_files_limit()
    if args.role == "edge":
        if revocations is not None:
            logging.info("the core reads the revocation file; this edge does not")
        _, edge = _cluster()
        asyncio.run(
            edge.run_edge(
                meeting,
                args.nats,
                host=args.host,
                port=args.port,
                ssl_context=context,
                max_pending=args.max_pending,
                max_pending_per_address=args.max_pending_per_address,
            )
        )
        return 0
    asyncio.run(
        run(
            Hub(meeting),
            host=args.host,
            port=args.port,
            ssl_context=context,
            revocations=revocations,
            max_pending=args.max_pending,
            max_pending_per_address=args.max_pending_per_address,
        )
    )
    return 0


def _cluster() -> tuple[ModuleType, ModuleType]:
    """The cluster's core and edge modules; they need nats-py, an optional extra."""
    try:
        from channels.cluster import core, edge
    except ImportError as exc:
        raise ValueError(
            f"serving with --nats needs nats-py ({exc}): pip install 'rsi-console[cluster]'"
        ) from exc
    return core, edge


def raise_open_files_limit() -> None:
    """Raise the soft limit of open files to the hard one: every connection is one."""
    try:
        import resource
    except ImportError:  # Windows: no such limit to raise
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 1 << 20
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError) as exc:
            logging.warning("open files: could not raise the limit to %d (%s)", wanted, exc)
    logging.info(
        "open files: at most %d (raise the hard limit, ulimit -Hn, to serve more connections)",
        soft,
    )


def _token(args: argparse.Namespace) -> int:
    meeting = meeting_file.load(args.meeting)
    key = args.signing_key.read_text() if args.signing_key else None
    token = tokens.issue(
        meeting,
        sub=args.id,
        name=args.name,
        role=args.role,
        booth=args.booth,
        ttl_s=tokens.parse_ttl(args.ttl),
        private_key_pem=key,
    )
    print(token)
    # On stderr, so that `$(rsi-hub token ...)` is the token alone.
    token_id = tokens.verify(token, meeting).jti
    print(
        f"token id: {token_id} (to revoke this token: a line 'jti {token_id}' "
        "in the revocation file)",
        file=sys.stderr,
    )
    return 0


def _keygen(args: argparse.Namespace) -> int:
    private_path = args.name.with_name(args.name.name + ".key")
    public_path = args.name.with_name(args.name.name + ".pub")
    for path in (private_path, public_path):
        if path.exists():
            raise ValueError(f"{path} exists already; choose another name or move it away")
    private_pem, public_pem = tokens.generate_ed25519_keypair()
    # Readable by its owner only, from the moment it exists.
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as file:
        file.write(private_pem)
    public_path.write_text(public_pem)
    print(
        f"{private_path}: the private key; whoever issues tokens keeps it, the hub never needs it"
    )
    print(
        f"{public_path}: the public key; in the meeting file: "
        f'public_key = "{public_path.name}" (relative to the meeting file)'
    )
    print(f"issue tokens with: rsi-hub token --meeting FILE --signing-key {private_path} ...")
    return 0


def _demo(args: argparse.Namespace) -> int:
    meeting = meeting_file.load(DEMO_MEETING)
    asyncio.run(_serve_demo(meeting, args.host, args.port))
    return 0


async def _serve_demo(meeting: MeetingConfig, host: str, port: int) -> None:
    server = HubServer(Hub(meeting), host=host, port=port)
    async with server:
        print(f"Demo meeting {meeting.id!r} served at {server.url}\n")
        print("Tokens (valid 8 hours):")
        people: list[tuple[str, str, str, str | None]] = [
            ("chair", "Chair", "floor", None),
            ("coord", "Coordinator", "coordinator", None),
        ]
        people += [
            (f"{b.id}-1", f"{b.id.upper()} interpreter", "interpreter", b.id)
            for b in meeting.booths
        ]
        people.append(("listener", "Listener", "listener", None))
        for pid, name, role, booth in people:
            token = tokens.issue(meeting, sub=pid, name=name, role=role, booth=booth)
            print(f"  {pid:<12} {role:<12} {token}")
        print("\nConnect with any WebSocket client, subprotocol rsi.v1 (docs/protocol.md).")
        print("Press Ctrl-C to stop.", flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    sys.exit(main())
