"""Meeting links (console/shell/links.py): every form reads back, each bad one says what to do."""

from __future__ import annotations

import base64
import json
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.shell import links
from console.shell.links import LinkError, MeetingLink
from programs import console

B64 = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
    min_size=1,
    max_size=40,
)
TOKENS = st.builds(lambda a, b, c: f"{a}.{b}.{c}", B64, B64, B64)
LABEL = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)
HOSTS = st.one_of(
    st.builds(lambda labels: ".".join(labels), st.lists(LABEL, min_size=1, max_size=3)),
    st.ip_addresses(v=4).map(str),
    st.ip_addresses(v=6).map(lambda a: f"[{a}]"),
)
PATHS = st.one_of(
    st.just("/v1"),
    st.lists(st.from_regex(r"[a-z0-9_~-]{1,8}", fullmatch=True), min_size=1, max_size=3).map(
        lambda segments: "/" + "/".join(segments)
    ),
)
PORTS = st.one_of(st.none(), st.integers(1, 65535))


@st.composite
def hubs(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(["ws", "wss"]))
    host = draw(HOSTS)
    port = draw(PORTS)
    netloc = host if port is None else f"{host}:{port}"
    return f"{scheme}://{netloc}{draw(PATHS)}"


@given(hub=hubs(), token=TOKENS, style=st.sampled_from(["hub", "rsi", "https"]))
def test_every_style_reads_back_as_the_hub_and_token(hub: str, token: str, style: str) -> None:
    link = links.format_link(hub, token, style)  # type: ignore[arg-type]
    assert links.parse(link) == MeetingLink(hub, token)
    assert links.parse(f"  <{link}>\n") == MeetingLink(hub, token)


@settings(max_examples=40)
@given(
    several=st.lists(hubs(), min_size=2, max_size=4, unique=True),
    token=TOKENS,
    style=st.sampled_from(["hub", "rsi", "https"]),
)
def test_several_addresses_read_back_in_their_order(
    several: list[str], token: str, style: str
) -> None:
    joined = ",".join(several)
    link = links.format_link(joined, token, style)  # type: ignore[arg-type]
    assert links.parse(link) == MeetingLink(joined, token)
    assert links.check_hub(" , ".join(several)) == joined  # typed: commas, blanks around


def test_a_link_with_several_addresses_keeps_the_first_where_one_is_expected() -> None:
    tok = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmci0xIn0.c2ln"
    second = "wss%3A%2F%2Fedge2.example.org%2Fv1"
    link = f"rsi://edge1.example.org/v1?token={tok}&hub={second}"  # docs/protocol.md 4.5
    both = "wss://edge1.example.org/v1,wss://edge2.example.org/v1"
    assert links.parse(link) == MeetingLink(both, tok)
    # What a console that knows one address reads: the link's own, the token, as before.
    assert urlsplit(link).netloc == "edge1.example.org" and f"token={tok}" in link
    page = f"https://example.org/join?hub=wss%3A%2F%2Fedge1.example.org%2Fv1&hub={second}"
    assert links.parse(f"{page}#token={tok}") == MeetingLink(both, tok)
    assert links.hosts(both) == "edge1.example.org, edge2.example.org"


@pytest.mark.parametrize(
    ("text", "bad", "template"),
    [
        ("wss://a.example.org/v1, wss://b.example.org:99999/v1", "wss://b.example.org:99999/v1",
         links.BAD_PORT),
        ("wss://a.example.org/v1,b.example.org", "b.example.org", links.UNKNOWN_SCHEME),
        ("rsi://a.example.org/v1?hub=http%3A%2F%2Fb%2Fv1", "http://b/v1", links.BAD_HUB),
    ],
)  # fmt: skip
def test_the_wrong_one_of_several_addresses_is_named(text: str, bad: str, template: str) -> None:
    with pytest.raises(LinkError) as caught:
        links.check_hub(text)
    assert (caught.value.template, caught.value.address) == (template, bad)
    assert str(caught.value).startswith(f"The address “{bad}” cannot be used. ")


@given(hub=hubs())
def test_a_bare_hub_address_has_no_token(hub: str) -> None:
    assert links.parse(hub) == MeetingLink(hub, None)
    assert links.check_hub(hub) == hub


def test_the_documented_examples() -> None:
    tok = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmci0xIn0.c2ln"
    assert links.parse(f"rsi://hub.example.org:8765/?token={tok}") == MeetingLink(
        "wss://hub.example.org:8765/", tok
    )
    assert links.parse(f"rsi://Hub.Example.org?token={tok}") == MeetingLink(
        "wss://hub.example.org/v1", tok
    )
    assert links.parse(f"wss://hub.example.org/v1#token={tok}") == MeetingLink(
        "wss://hub.example.org/v1", tok
    )
    assert links.parse(
        f"https://example.org/join?hub=wss%3A%2F%2Fhub.example.org%2Fv1&token={tok}"
    ) == MeetingLink("wss://hub.example.org/v1", tok)
    assert links.parse(f"rsi+ws://127.0.0.1:8765/v1#token={tok}") == MeetingLink(
        "ws://127.0.0.1:8765/v1", tok
    )


@pytest.mark.parametrize(
    ("text", "template"),
    [
        ("", links.EMPTY),
        ("   ", links.EMPTY),
        ("wss://hub.example.org/v1 #token=a.b.c", links.SPACES),
        ("eyJh.eyJz.c2ln", links.LOOKS_LIKE_TOKEN),
        ("hub.example.org", links.UNKNOWN_SCHEME),
        ("ftp://hub.example.org/v1", links.UNKNOWN_SCHEME),
        ("wss:///v1", links.NO_HOST),
        ("wss://[::1/v1", links.NO_HOST),
        ("wss://hub.example.org:99999/v1", links.BAD_PORT),
        ("wss://hub.example.org:0/v1", links.BAD_PORT),
        ("https://example.org/join?token=a.b.c", links.NO_HUB),
        ("https://example.org/join?hub=http%3A%2F%2Fx%2Fv1", links.BAD_HUB),
        ("rsi://hub.example.org/?token=not-a-token", links.BAD_TOKEN),
        ("wss://hub.example.org/v1#token=a.b", links.BAD_TOKEN),
    ],
)
def test_each_bad_input_has_its_own_sentence(text: str, template: str) -> None:
    with pytest.raises(LinkError) as caught:
        links.parse(text)
    assert caught.value.template == template
    sentence = str(caught.value)
    assert sentence.endswith(".") and "{" not in sentence


def test_plain_ws_is_refused_off_this_computer() -> None:
    for hub in ("ws://127.0.0.1:8765/v1", "ws://localhost/v1", "ws://[::1]:9/v1", "wss://x/v1"):
        links.check_private(hub)
    with pytest.raises(LinkError) as caught:
        links.check_private("ws://hub.example.org:8765/v1")
    assert caught.value.template == links.PLAIN_TEXT
    assert "hub.example.org" in str(caught.value) and "wss://" in str(caught.value)
    with pytest.raises(LinkError) as caught:  # each of several addresses
        links.check_private("wss://a.example.org/v1,ws://b.example.org/v1")
    assert "b.example.org" in str(caught.value)


def test_claims_are_peeked_without_verifying() -> None:
    claims = {"sub": "fr-1", "mtg": "demo", "exp": 1800028800}
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    assert links.peek_claims(f"eyJhbGciOiJIUzI1NiJ9.{body}.c2ln") == claims
    assert links.peek_claims("a.b.c") == {}
    assert links.peek_claims("nodots") == {}


def test_rsi_console_takes_several_urls_repeated_or_with_commas(
    capsys: pytest.CaptureFixture[str],
) -> None:
    tok = ("--token", "a.b.c")
    one, two = "wss://edge1.example.org/v1", "wss://edge2.example.org/v1"
    assert console.parse_args(["--url", one, "--url", two, *tok]).url == f"{one},{two}"
    assert console.parse_args(["--url", f"{one}, {two}", *tok]).url == f"{one},{two}"
    with pytest.raises(SystemExit):
        console.parse_args(["--url", one, "--url", "edge2.example.org", *tok])
    assert "--url: The address “edge2.example.org” cannot be used." in capsys.readouterr().err
