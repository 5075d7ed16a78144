"""Tokens that admit a participant to one meeting in one role (rsi.v1, "Token").

A token is the only thing a hub trusts about who is connecting, so verification
is strict: the algorithm is chosen by the meeting, never by the token, and
every claim the hub relies on is checked for presence and type here, once,
so that the hub can use :class:`Claims` without second-guessing it.

Messages are written for the person holding the token: an interpreter
refused at the door needs to know whether to ask for a new token, fix a
clock, or use the link for the right meeting.
"""

from __future__ import annotations

import functools
import json
import math
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

import jwt
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from jwt.algorithms import HMACAlgorithm

from channels import identity, protocol
from channels.meeting import MeetingConfig

ROLES: Final = tuple(protocol.ROLES)
"""The roles a token may carry (their rights: :data:`channels.protocol.ROLES`)."""
MAX_TTL_S: Final = 7 * 86400
"""The longest lifetime a hub accepts (from ``nbf``, else ``iat``, else now, to ``exp``):
a lost token must not open the meeting for longer than a week."""

_TTL: Final = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)")
_TTL_UNITS: Final = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True, slots=True)
class Claims:
    """What a verified token says about its holder."""

    sub: str
    name: str
    role: str
    booth: str | None
    """The interpreter's booth; None for every other role."""
    mtg: str
    exp: int
    """Expiry (Unix time); every token must have one."""
    jti: str | None = None
    """The token's id, by which it can be revoked; None for a token issued without one."""


_Keys = dict[str, str | Ed25519PublicKey]
"""The keys a meeting checks tokens with, by the only algorithm each may be used with."""


class TokenError(Exception):
    """A token the hub refuses; the message tells its holder what to do about it."""


class _QuietHS256(HMACAlgorithm):
    """HMAC-SHA256 that leaves judging the secret's length to the meeting file.

    PyJWT warns about a short secret on every token it signs or checks; a hub
    checks one per connection, so one choice made by the organiser would be
    reported thousands of times (and fail every test, where warnings are
    errors). The meeting file loader reports it once instead.
    """

    def __init__(self) -> None:
        super().__init__(HMACAlgorithm.SHA256)

    def check_key_length(self, key: bytes) -> str | None:
        return None


def _jws() -> jwt.PyJWS:
    """A signer that knows HS256 and EdDSA only.

    No other algorithm, 'none' included, can then be reached, whatever a
    token's header says.
    """
    signer = jwt.PyJWS(algorithms=["EdDSA"])
    signer.register_algorithm("HS256", _QuietHS256())
    return signer


_JWS: Final = _jws()


def issue(
    meeting: MeetingConfig,
    *,
    sub: str,
    name: str,
    role: str,
    booth: str | None = None,
    ttl_s: float = 8 * 3600,
    private_key_pem: str | None = None,
    now: float | None = None,
) -> str:
    """Sign a token for one participant of ``meeting``.

    Refuses (ValueError) to make a token that the meeting's hub would turn
    away, because such a token would only surface as a failure at the door,
    minutes before the meeting, far from whoever issued it. Every token gets
    a random id (``jti``), so that it can be revoked alone
    (:mod:`channels.revocation`).
    """
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}: choose one of {', '.join(ROLES)}")
    identity.check_participant_id(sub)
    identity.check_name(name)
    if role == "interpreter":
        booth_ids = ", ".join(b.id for b in meeting.booths) or "none"
        if not booth:
            raise ValueError(
                f"an interpreter needs a booth (booths of {meeting.id!r}: {booth_ids})"
            )
        if meeting.booth(booth) is None:
            raise ValueError(
                f"booth {booth!r} is not part of meeting {meeting.id!r} (booths: {booth_ids})"
            )
    elif booth is not None:
        raise ValueError(f"only interpreters belong to a booth, not a {role}")
    if not (ttl_s > 0 and math.isfinite(ttl_s)):
        raise ValueError(f"the token lifetime must be a number of seconds above zero, not {ttl_s}")
    if ttl_s > MAX_TTL_S:
        raise ValueError(
            f"a lifetime of {_days(ttl_s)} is over the limit of {_days(MAX_TTL_S)} that hubs "
            f"accept; issue the token for {_days(MAX_TTL_S)} or less (such as 7d or 8h)"
        )

    issued = time.time() if now is None else now
    claims: dict[str, Any] = {"sub": sub, "name": name, "role": role, "mtg": meeting.id}
    if booth is not None:
        claims["booth"] = booth
    claims["iat"] = int(issued)
    claims["exp"] = int(issued + ttl_s)
    claims["jti"] = secrets.token_urlsafe(12)
    payload = json.dumps(claims, separators=(",", ":")).encode()

    if private_key_pem is not None:
        return _JWS.encode(payload, _signing_key(meeting, private_key_pem), "EdDSA")
    if not meeting.secret:
        raise ValueError(
            f"meeting {meeting.id!r} has no secret: its tokens are EdDSA, "
            "signed with the Ed25519 private key that matches its public_key"
        )
    return _JWS.encode(payload, meeting.secret, "HS256")


def verify(
    token: str, meeting: MeetingConfig, *, now: float | None = None, leeway_s: float = 30
) -> Claims:
    """Check a token presented to ``meeting``'s hub and say who holds it.

    ``now`` (Unix time) is the hub's clock, so tests and replays control
    expiry; ``leeway_s`` forgives small differences between the issuer's
    clock and the hub's. Raises :class:`TokenError` for anything short of a
    valid token, and nothing else, whatever ``token`` contains.
    """
    if not isinstance(token, str) or not token:
        raise TokenError("no token was given: paste the whole token you received")
    keys = _verification_keys(meeting)
    alg = _algorithm(token, keys, meeting)
    try:
        # The key and the one algorithm allowed come from the meeting as a pair,
        # so a token cannot have a public key used as an HMAC secret.
        payload = _JWS.decode(token, keys[alg], algorithms=[alg])
    except jwt.InvalidSignatureError as exc:
        raise TokenError(
            f"the token's signature does not match meeting {meeting.id!r}: it was signed "
            "with another key or altered; ask the organiser for a new token"
        ) from exc
    except jwt.InvalidAlgorithmError as exc:
        raise _wrong_algorithm(_claimed_algorithm(token), meeting, keys) from exc
    except jwt.PyJWTError as exc:
        raise _malformed(exc) from exc
    try:
        claims = json.loads(payload)
    except (ValueError, RecursionError) as exc:
        raise TokenError("the token's claims are not valid JSON; ask for a new token") from exc
    if not isinstance(claims, dict):
        raise TokenError("the token's claims are not a JSON object; ask for a new token")
    return _claims(claims, meeting, time.time() if now is None else now, leeway_s)


def parse_ttl(text: str) -> float:
    """Read a token lifetime as people write it on a command line: 45s, 30m, 8h, 2d or seconds."""
    match = _TTL.fullmatch(text.strip().lower())
    if match is None:
        raise ValueError(
            f"cannot read the lifetime {text!r}: write a number and a unit, "
            "such as 45s, 30m, 8h or 2d (a bare number is seconds)"
        )
    seconds = float(match[1]) * _TTL_UNITS[match[2]]
    if seconds <= 0:
        raise ValueError(f"the lifetime {text!r} must be longer than zero")
    if not math.isfinite(seconds):
        raise ValueError(f"the lifetime {text!r} is too long to be a time")
    return seconds


def generate_ed25519_keypair() -> tuple[str, str]:
    """A fresh (private PEM, public PEM) pair, for an issuer that hubs trust by public key."""
    private = Ed25519PrivateKey.generate()
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return private_pem.decode(), _public_pem(private.public_key())


def _claims(claims: dict[str, Any], meeting: MeetingConfig, now: float, leeway_s: float) -> Claims:
    mtg = _string_claim(claims, "mtg")
    if mtg != meeting.id:
        raise TokenError(
            f"the token is for meeting {mtg!r}, but this hub serves meeting {meeting.id!r}: "
            f"use your token for {meeting.id!r}"
        )
    exp = _time_claim(claims, "exp")
    if exp is None:
        # A token that never expires is a key to the meeting for ever.
        raise TokenError("the token has no 'exp' claim (expiry); ask for a token with a lifetime")
    if now - leeway_s >= exp:
        raise TokenError(f"the token expired at {_when(exp, now)}; ask the organiser for a new one")
    nbf = _time_claim(claims, "nbf")
    if nbf is not None and now + leeway_s < nbf:
        raise TokenError(
            f"the token is not valid before {_when(nbf, now)}; wait until then, "
            "or check that this computer's clock is right"
        )
    start = nbf if nbf is not None else _time_claim(claims, "iat")
    lifetime = exp - (now if start is None else start)
    if lifetime > MAX_TTL_S + leeway_s:
        raise TokenError(
            f"the token is valid for {_days(lifetime)} (until {_when(exp, now)}), over the "
            f"{_days(MAX_TTL_S)} a hub accepts; ask the organiser for a token with a shorter "
            "lifetime"
        )
    sub = _checked(identity.check_participant_id, claims, "sub", "'sub' claim (participant id)")
    name = _checked(identity.check_name, claims, "name", "'name' claim (display name)")
    role = _string_claim(claims, "role")
    if role not in ROLES:
        raise TokenError(
            f"the token's role {role!r} is not one of {', '.join(ROLES)}; ask for a new token"
        )
    jti = None
    if claims.get("jti") is not None:
        jti = _checked(identity.check_token_id, claims, "jti", "'jti' claim (token id)")
    booth = None
    if role == "interpreter":
        booth = claims.get("booth")
        if not isinstance(booth, str) or not booth or not _unicode(booth):
            raise TokenError(
                "the token is for an interpreter but names no booth ('booth' claim); "
                "ask for a token with your booth"
            )
    return Claims(
        sub=sub,
        name=name,
        role=role,
        booth=booth,
        mtg=mtg,
        exp=int(exp),
        jti=jti,
    )


def _string_claim(claims: dict[str, Any], key: str) -> str:
    if key not in claims:
        raise TokenError(f"the token has no {key!r} claim; ask for a new token")
    value = claims[key]
    if not isinstance(value, str):
        raise TokenError(f"the token's {key!r} claim is not a string; ask for a new token")
    if not _unicode(value):
        raise TokenError(f"the token's {key!r} claim is not valid Unicode; ask for a new token")
    return value


def _checked(check: Callable[[str, str], str], claims: dict[str, Any], key: str, label: str) -> str:
    """A string claim that ``check`` (a rule of :mod:`channels.identity`) accepts."""
    try:
        return check(_string_claim(claims, key), f"token's {label}")
    except identity.IdentityError as exc:
        raise TokenError(f"{exc}; ask the organiser for a new token") from exc


def _days(seconds: float) -> str:
    return f"{seconds / 86400:.2f}".rstrip("0").rstrip(".") + " days"


def _unicode(value: str) -> bool:
    """Whether a string can be sent on as UTF-8.

    JSON lets a string hold half of a UTF-16 surrogate pair ("\\ud800"), which
    UTF-8 cannot encode: such a name would break every snapshot that shows it.
    """
    try:
        value.encode()
    except UnicodeEncodeError:
        return False
    return True


def _time_claim(claims: dict[str, Any], key: str) -> float | None:
    value = claims.get(key)
    if value is None:
        return None
    # JSON allows NaN, and NaN compares false with every time: it would never expire.
    if isinstance(value, bool) or not isinstance(value, int | float) or not _finite(value):
        raise TokenError(f"the token's {key!r} claim is not a time; ask for a new token")
    return value


def _finite(value: float) -> bool:
    return isinstance(value, int) or math.isfinite(value)


def _when(timestamp: float, now: float) -> str:
    """A moment as a person checks it against a clock: absolute, and how far from now."""
    try:
        moment = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    except (OverflowError, ValueError, OSError):
        return f"Unix time {timestamp}"
    delta = abs(now - timestamp)
    if delta < 120:
        span = f"{delta:.0f} s"
    elif delta < 7200:
        span = f"{delta / 60:.0f} min"
    else:
        span = f"{delta / 3600:.1f} h"
    return f"{moment} ({span} {'ago' if timestamp <= now else 'from now'})"


def _algorithm(token: str, keys: _Keys, meeting: MeetingConfig) -> str:
    """The one algorithm to check ``token`` with.

    A meeting with a single way of checking tokens (every meeting file gives
    one) does not read the header for this, which halves the parsing per
    connection: PyJWT refuses a token whose header names another algorithm.
    """
    if len(keys) == 1:
        return next(iter(keys))
    alg = _claimed_algorithm(token)
    if not isinstance(alg, str) or alg not in keys:
        raise _wrong_algorithm(alg, meeting, keys)
    return alg


def _claimed_algorithm(token: str) -> object:
    try:
        return _JWS.get_unverified_header(token).get("alg")
    except jwt.PyJWTError as exc:
        raise _malformed(exc) from exc


def _wrong_algorithm(alg: object, meeting: MeetingConfig, keys: _Keys) -> TokenError:
    return TokenError(
        f"the token is signed with {alg!r}, but meeting {meeting.id!r} accepts only "
        f"{' or '.join(keys)} tokens: ask its organiser for a token"
    )


def _malformed(exc: Exception) -> TokenError:
    return TokenError(
        f"this is not a valid token ({exc}); copy the whole token, "
        "three parts separated by dots, without spaces or line breaks"
    )


def _verification_keys(meeting: MeetingConfig) -> _Keys:
    keys: _Keys = {}
    if meeting.secret:
        keys["HS256"] = meeting.secret
    if meeting.public_key:
        try:
            keys["EdDSA"] = _public_key(meeting.public_key)
        except ValueError as exc:
            raise TokenError(
                f"meeting {meeting.id!r} has an unusable public key ({exc}); "
                "its organiser must fix the meeting file"
            ) from exc
    if not keys:
        raise TokenError(
            f"meeting {meeting.id!r} has neither a secret nor a public key, so it can accept "
            "no token; its organiser must fix the meeting file"
        )
    return keys


@functools.lru_cache(maxsize=16)
def _public_key(pem: str) -> Ed25519PublicKey:
    """Parse a meeting's public key once, not once per connection."""
    try:
        key = serialization.load_pem_public_key(pem.encode())
    except UnsupportedAlgorithm as exc:
        raise ValueError(f"unsupported key type ({exc})") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return key


def _signing_key(meeting: MeetingConfig, private_key_pem: str) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(private_key_pem.encode(), password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise ValueError(f"the signing key is not an unencrypted PEM private key ({exc})") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the signing key is not an Ed25519 private key, which EdDSA tokens need")
    if meeting.public_key is None:
        raise ValueError(
            f"meeting {meeting.id!r} has no public_key, so it would refuse EdDSA tokens: "
            "sign with its secret instead (leave out the signing key)"
        )
    if _public_pem(key.public_key()) != _public_pem(_public_key(meeting.public_key)):
        raise ValueError(
            f"the signing key does not match the public_key of meeting {meeting.id!r}: "
            "its hub would refuse these tokens"
        )
    return key


def _public_pem(key: Ed25519PublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
