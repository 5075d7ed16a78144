"""Tokens (channels.tokens): what a hub admits, what it refuses and what it says when it does."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import json
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from channels.identity import check_name, check_participant_id
from channels.meeting import simple_meeting
from channels.tokens import (
    MAX_TTL_S,
    ROLES,
    Claims,
    TokenError,
    generate_ed25519_keypair,
    issue,
    parse_ttl,
    verify,
)

NOW = 1_800_000_000.0
MEETING = simple_meeting(("en", "fr"), meeting_id="council", secret="council-secret")
PRIVATE_PEM, PUBLIC_PEM = generate_ed25519_keypair()
ED_MEETING = dataclasses.replace(MEETING, secret=None, public_key=PUBLIC_PEM)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _hs256(claims: Any, secret: str = "council-secret", header: Any = None) -> str:
    """A token signed by hand, so that tests can make ones `issue` refuses to make."""
    head = _b64(json.dumps(header or {"alg": "HS256", "typ": "JWT"}).encode())
    body = _b64(json.dumps(claims).encode())
    mac = hmac.new(secret.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{_b64(mac)}"


def _claims(**changes: Any) -> dict[str, Any]:
    claims: dict[str, Any] = {
        "sub": "p1",
        "name": "Ana",
        "role": "interpreter",
        "booth": "fr",
        "mtg": "council",
        "exp": int(NOW) + 3600,
    }
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def _refused(token: str, meeting: Any = MEETING, now: float = NOW) -> str:
    with pytest.raises(TokenError) as info:
        verify(token, meeting, now=now)
    return str(info.value)


# --- Round trips ---------------------------------------------------------------------


def test_hs256_round_trip() -> None:
    token = issue(MEETING, sub="p1", name="Ana", role="interpreter", booth="fr", now=NOW)
    assert json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))["alg"] == "HS256"
    claims = verify(token, MEETING, now=NOW + 60)
    assert claims == Claims(
        sub="p1",
        name="Ana",
        role="interpreter",
        booth="fr",
        mtg="council",
        exp=int(NOW) + 8 * 3600,
        jti=claims.jti,
    )
    assert claims.jti  # a random token id, checked for uniqueness elsewhere


def test_eddsa_round_trip() -> None:
    token = issue(
        ED_MEETING, sub="c1", name="Chen", role="coordinator", now=NOW, private_key_pem=PRIVATE_PEM
    )
    assert json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))["alg"] == "EdDSA"
    claims = verify(token, ED_MEETING, now=NOW)
    assert (claims.sub, claims.role, claims.booth, claims.mtg) == (
        "c1",
        "coordinator",
        None,
        "council",
    )


@pytest.mark.parametrize("role", [r for r in ROLES if r != "interpreter"])
def test_every_other_role_round_trips_without_a_booth(role: str) -> None:
    token = issue(MEETING, sub="x", name="X", role=role, now=NOW)
    assert verify(token, MEETING, now=NOW).role == role


def test_a_meeting_with_both_keys_accepts_both_algorithms() -> None:
    both = dataclasses.replace(MEETING, public_key=PUBLIC_PEM)
    hs = issue(both, sub="a", name="A", role="listener", now=NOW)
    ed = issue(both, sub="b", name="B", role="listener", now=NOW, private_key_pem=PRIVATE_PEM)
    assert [verify(t, both, now=NOW).sub for t in (hs, ed)] == ["a", "b"]


def test_a_short_secret_works_without_warnings() -> None:
    # PyJWT warns about secrets under 32 bytes on every call; the project's
    # tests turn warnings into errors, and the meeting file reports it once.
    short = dataclasses.replace(MEETING, secret="s")
    assert (
        verify(issue(short, sub="a", name="A", role="listener", now=NOW), short, now=NOW).sub == "a"
    )


# --- Time ----------------------------------------------------------------------------


def test_expired_token_says_when_it_expired() -> None:
    token = issue(MEETING, sub="p1", name="Ana", role="listener", ttl_s=3600, now=NOW)
    message = _refused(token, now=NOW + 3600 + 600)
    assert "expired at 2027-01-15 09:00:00 UTC (10 min ago)" in message  # NOW + 1 h
    assert "new" in message  # what to do


def test_leeway_forgives_a_slightly_fast_hub_clock() -> None:
    token = issue(MEETING, sub="p1", name="Ana", role="listener", ttl_s=3600, now=NOW)
    assert verify(token, MEETING, now=NOW + 3600 + 29).sub == "p1"
    assert "expired" in _refused(token, now=NOW + 3600 + 30)
    with pytest.raises(TokenError, match="expired"):
        verify(token, MEETING, now=NOW + 3600 + 5, leeway_s=0)


def test_not_yet_valid() -> None:
    token = _hs256(_claims(nbf=int(NOW) + 600))
    message = _refused(token)
    assert "not valid before" in message and "10 min from now" in message
    assert "clock" in message
    assert verify(token, MEETING, now=NOW + 600).sub == "p1"


def test_a_token_without_exp_is_refused() -> None:
    assert "no 'exp' claim" in _refused(_hs256(_claims(exp=None)))


@pytest.mark.parametrize("value", ["tomorrow", True, [1], float("nan"), float("inf")])
def test_a_time_claim_that_is_not_a_time_is_refused(value: Any) -> None:
    # NaN compares false with everything, so unchecked it would never expire.
    assert "'exp' claim is not a time" in _refused(_hs256(_claims(exp=value)))


def test_a_time_too_far_out_to_print_still_gives_a_message() -> None:
    message = _refused(_hs256(_claims(nbf=10**30)))
    assert "not valid before Unix time" in message


@pytest.mark.parametrize(
    "start",
    [{}, {"iat": int(NOW)}, {"nbf": int(NOW)}, {"iat": int(NOW) - 86400, "nbf": int(NOW)}],
)
def test_a_lifetime_over_7_days_is_refused(start: dict[str, int]) -> None:
    # From nbf, else iat, else the hub's clock: an issuer's long token is refused, not trusted.
    week = int(NOW) + MAX_TTL_S
    assert verify(_hs256(_claims(exp=week, **start)), MEETING, now=NOW).sub == "p1"
    message = _refused(_hs256(_claims(exp=week + 3600, **start)))
    assert "valid for 7.04 days" in message and "over the 7 days a hub accepts" in message


def test_a_long_token_issued_long_ago_stays_refused_near_its_end() -> None:
    token = _hs256(_claims(iat=int(NOW), exp=int(NOW) + 30 * 86400))
    assert "valid for 30 days" in _refused(token, now=NOW + 29 * 86400)


def test_an_iat_that_is_not_a_time_is_refused() -> None:
    assert "'iat' claim is not a time" in _refused(_hs256(_claims(iat="today")))


# --- Signatures and algorithms -------------------------------------------------------


def test_wrong_secret() -> None:
    token = issue(MEETING, sub="p1", name="Ana", role="listener", now=NOW)
    other = dataclasses.replace(MEETING, secret="another-secret")
    message = _refused(token, other)
    assert "signature does not match meeting 'council'" in message


def test_altered_claims_break_the_signature() -> None:
    token = issue(MEETING, sub="p1", name="Ana", role="listener", now=NOW)
    head, _, sig = token.split(".")
    forged = f"{head}.{_b64(json.dumps(_claims(role='coordinator')).encode())}.{sig}"
    assert "signature does not match" in _refused(forged)


def test_wrong_key() -> None:
    other_private, _ = generate_ed25519_keypair()
    token = _sign_eddsa(_claims(role="listener"), other_private)
    assert "signature does not match" in _refused(token, ED_MEETING)


def test_other_meeting_names_both_meetings() -> None:
    other = dataclasses.replace(MEETING, id="assembly")
    token = issue(other, sub="p1", name="Ana", role="listener", now=NOW)
    message = _refused(token)
    assert "'assembly'" in message and "'council'" in message


def test_alg_none_is_refused() -> None:
    head = _b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    body = _b64(json.dumps(_claims(role="coordinator")).encode())
    assert "signed with 'none', but meeting 'council' accepts only HS256" in _refused(
        f"{head}.{body}."
    )
    assert "not a valid token" in _refused(f"{head}.{body}")
    both = dataclasses.replace(ED_MEETING, secret="council-secret")
    assert "accepts only HS256 or EdDSA" in _refused(f"{head}.{body}.", both)


@pytest.mark.parametrize("alg", ["HS384", "HS512", "RS256", "ES256", "None", "NONE"])
def test_other_algorithms_are_refused(alg: str) -> None:
    token = _hs256(_claims(), header={"alg": alg, "typ": "JWT"})
    assert "accepts only HS256" in _refused(token)


def test_hs256_is_refused_by_an_eddsa_meeting() -> None:
    # Algorithm confusion: an attacker signs HS256 with the (public) key's PEM text as
    # the secret, hoping the hub feeds its public key to HMAC.
    token = _hs256(_claims(role="coordinator"), secret=PUBLIC_PEM)
    assert "accepts only EdDSA" in _refused(token, ED_MEETING)
    both = dataclasses.replace(ED_MEETING, secret="council-secret")
    assert "signature does not match" in _refused(token, both)


def test_eddsa_is_refused_by_an_hs256_meeting() -> None:
    token = _sign_eddsa(_claims(), PRIVATE_PEM)
    assert "accepts only HS256" in _refused(token)


def test_a_meeting_with_no_key_refuses_everything() -> None:
    keyless = dataclasses.replace(MEETING, secret=None)
    assert "neither a secret nor a public key" in _refused(_hs256(_claims()), keyless)


# --- Claims --------------------------------------------------------------------------


@pytest.mark.parametrize("claim", ["sub", "name", "role", "mtg"])
def test_missing_claim_is_named(claim: str) -> None:
    claims = _claims()
    del claims[claim]
    assert f"no '{claim}' claim" in _refused(_hs256(claims))


@pytest.mark.parametrize("claim", ["sub", "name", "role", "mtg"])
def test_claim_of_the_wrong_type_is_named(claim: str) -> None:
    assert f"'{claim}' claim is not a string" in _refused(_hs256(_claims(**{claim: 7})))


def test_empty_participant_id_is_refused() -> None:
    assert "'sub' claim (participant id) is empty" in _refused(_hs256(_claims(sub="")))


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ({"sub": "x" * 200}, "'sub' claim (participant id) 'xxxx"),
        ({"sub": "x" * 200}, "is 200 characters long; a participant id is 1 to 64 characters"),
        ({"sub": "fr-1 "}, "contains U+0020 (SPACE) at position 5"),
        ({"sub": " fr-1"}, "contains U+0020 (SPACE) at position 1"),
        ({"sub": "fr-1 #"}, "contains U+0020 (SPACE) at position 5"),
        ({"sub": "fr-1\n"}, "contains U+000A (a control character) at position 5"),
        ({"sub": "coordinators"}, "is what chat calls a group"),
        ({"name": "Ana\u202egnp.exe"}, "'name' claim (display name) 'Ana\\u202egnp.exe' contains"),
        ({"name": "a\u2066b"}, "contains U+2066 (LEFT-TO-RIGHT ISOLATE) at position 2"),
        ({"name": "Ana\x1b[31m"}, "contains U+001B (a control character) at position 4"),
        ({"name": "A" * 65}, "is 65 characters long; a name is 1 to 64 characters"),
        ({"name": " "}, "'name' claim (display name) is empty"),
        ({"name": "Ana "}, "starts or ends with a space"),
        ({"jti": "a b"}, "'jti' claim (token id) 'a b' contains U+0020"),
        ({"jti": "j" * 65}, "a token id is 1 to 64 characters"),
        ({"jti": ""}, "'jti' claim (token id) is empty"),
    ],
)
def test_ids_and_names_that_break_the_rule_are_refused(
    claims: dict[str, str], expected: str
) -> None:
    # Whoever signed the token: the hub applies the rule of channels.identity to every one.
    message = _refused(_hs256(_claims(**claims)))
    assert expected in message and message.endswith("ask the organiser for a new token")


def test_unknown_role() -> None:
    message = _refused(_hs256(_claims(role="admin")))
    assert "'admin'" in message and "interpreter, coordinator, listener, floor" in message


@pytest.mark.parametrize("booth", [None, "", 3])
def test_interpreter_without_a_booth(booth: Any) -> None:
    assert "names no booth" in _refused(_hs256(_claims(booth=booth)))


def test_booth_is_dropped_for_other_roles() -> None:
    # The hub compares booths to tell a returning participant from a new one.
    assert verify(_hs256(_claims(role="listener")), MEETING, now=NOW).booth is None


def test_unknown_claims_are_ignored() -> None:
    assert verify(_hs256(_claims(iss="registration", x=[1])), MEETING, now=NOW).sub == "p1"


@pytest.mark.parametrize(
    "token",
    ["", "abc", "a.b.c", "a.b", "....", "eyJhbGciOiJIUzI1NiJ9.!!!.x", "ünïcödé.ä.ö"],
)
def test_malformed_tokens(token: str) -> None:
    message = _refused(token)
    assert "not a valid token" in message or "no token" in message


def test_claims_that_are_not_an_object() -> None:
    assert "not a JSON object" in _refused(_hs256([1, 2, 3]))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_refused_with_a_token_error(text: str) -> None:
    # The hub catches TokenError only: anything else would crash a connection's handler.
    with pytest.raises(TokenError):
        verify(text, MEETING, now=NOW)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(
    st.fixed_dictionaries(
        {}, optional={k: _json for k in ("sub", "name", "role", "booth", "mtg", "exp", "nbf")}
    )
)
def test_any_signed_claims_give_claims_or_a_token_error(claims: dict[str, Any]) -> None:
    try:
        result = verify(_hs256(claims), MEETING, now=NOW)
    except TokenError:
        return
    assert result.mtg == "council" and result.role in ROLES
    assert check_participant_id(result.sub) and check_name(result.name)


# --- issue ---------------------------------------------------------------------------


def test_issue_refuses_an_unknown_role() -> None:
    with pytest.raises(ValueError, match=r"unknown role 'admin'.*interpreter, coordinator"):
        issue(MEETING, sub="a", name="A", role="admin")


def test_issue_needs_a_booth_for_an_interpreter() -> None:
    with pytest.raises(ValueError, match=r"needs a booth \(booths of 'council': en, fr\)"):
        issue(MEETING, sub="a", name="A", role="interpreter")


def test_issue_needs_a_booth_of_this_meeting() -> None:
    with pytest.raises(ValueError, match="booth 'de' is not part of meeting 'council'"):
        issue(MEETING, sub="a", name="A", role="interpreter", booth="de")


def test_issue_refuses_a_booth_for_other_roles() -> None:
    with pytest.raises(ValueError, match="only interpreters belong to a booth"):
        issue(MEETING, sub="a", name="A", role="listener", booth="fr")


def test_issue_refuses_a_lifetime_over_7_days() -> None:
    issue(MEETING, sub="a", name="A", role="listener", ttl_s=MAX_TTL_S)
    with pytest.raises(ValueError, match=r"a lifetime of 7\.01 days is over the limit of 7 days"):
        issue(MEETING, sub="a", name="A", role="listener", ttl_s=MAX_TTL_S + 900)


@pytest.mark.parametrize("ttl", [0, -5, float("inf"), float("nan")])
def test_issue_refuses_a_lifetime_that_is_not_a_positive_number(ttl: float) -> None:
    with pytest.raises(ValueError, match="number of seconds above zero"):
        issue(MEETING, sub="a", name="A", role="listener", ttl_s=ttl)


def test_issue_refuses_an_empty_participant_id() -> None:
    with pytest.raises(ValueError, match="participant id is empty"):
        issue(MEETING, sub="", name="A", role="listener")


def test_issue_without_a_secret_asks_for_the_private_key() -> None:
    with pytest.raises(ValueError, match=r"no secret.*private key"):
        issue(ED_MEETING, sub="a", name="A", role="listener")


def test_issue_refuses_eddsa_for_a_meeting_without_a_public_key() -> None:
    with pytest.raises(ValueError, match="no public_key"):
        issue(MEETING, sub="a", name="A", role="listener", private_key_pem=PRIVATE_PEM)


def test_issue_refuses_a_private_key_that_does_not_match() -> None:
    other_private, _ = generate_ed25519_keypair()
    with pytest.raises(ValueError, match="does not match the public_key"):
        issue(ED_MEETING, sub="a", name="A", role="listener", private_key_pem=other_private)


def test_issue_refuses_a_key_that_is_not_a_private_key() -> None:
    with pytest.raises(ValueError, match="not an unencrypted PEM private key"):
        issue(ED_MEETING, sub="a", name="A", role="listener", private_key_pem=PUBLIC_PEM)


def test_generated_keys_are_an_ed25519_pair() -> None:
    private, public = generate_ed25519_keypair()
    key = serialization.load_pem_private_key(private.encode(), password=None)
    assert isinstance(key, Ed25519PrivateKey)
    assert (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
        == public
    )
    assert generate_ed25519_keypair()[0] != private


# --- parse_ttl -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("45s", 45),
        ("30m", 1800),
        ("8h", 28800),
        ("2d", 172800),
        ("90", 90),
        ("1.5h", 5400),
        (" 8H ", 28800),
        ("10 m", 600),
    ],
)
def test_parse_ttl(text: str, seconds: float) -> None:
    assert parse_ttl(text) == seconds


@pytest.mark.parametrize("text", ["", "h", "8x", "-5m", "8hours", "1e3", "8h30m", "inf"])
def test_parse_ttl_refuses_what_it_cannot_read(text: str) -> None:
    with pytest.raises(ValueError, match="45s, 30m, 8h or 2d"):
        parse_ttl(text)


@pytest.mark.parametrize("text", ["0", "0h", "0.0s"])
def test_parse_ttl_refuses_zero(text: str) -> None:
    with pytest.raises(ValueError, match="longer than zero"):
        parse_ttl(text)


def test_parse_ttl_refuses_a_lifetime_too_long_for_a_float() -> None:
    with pytest.raises(ValueError, match="too long"):
        parse_ttl("9" * 400 + "d")


def _sign_eddsa(claims: dict[str, Any], private_pem: str) -> str:
    key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    assert isinstance(key, Ed25519PrivateKey)
    head = _b64(json.dumps({"alg": "EdDSA", "typ": "JWT"}).encode())
    body = _b64(json.dumps(claims).encode())
    signature = key.sign(f"{head}.{body}".encode())
    return f"{head}.{body}.{_b64(signature)}"
