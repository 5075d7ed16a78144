"""Meeting links: one pasted string that carries the hub's address and the token.

An invitation is easier to use as one link than as an address and a long
token copied separately. The accepted forms (docs/protocol.md section 4.5):

- ``wss://HOST[:PORT]/v1#token=TOKEN``: the hub's own address, the token in
  the fragment (a fragment never leaves the computer: not in proxy logs);
- ``rsi://HOST[:PORT][/PATH]?token=TOKEN`` (or ``#token=``): the console's
  own scheme, meaning ``wss://``; ``rsi+ws://`` means plain ``ws://`` and is
  only for a hub on the same computer;
- ``https://ANY/PAGE?hub=HUB_URL#token=TOKEN`` (or ``&token=``): a web page
  that can also explain the meeting to someone without the console.

A link may carry several addresses of one meeting (a cluster's edges, tried
in turn): each ``hub=HUB_URL`` parameter, in the query or the fragment, adds
one after the link's own (a console that knows only one address takes the
first). A bare hub address without a token is accepted too (the token is
then typed in its own field), and so are several separated by commas.
Qt-free, so that it can be tested by properties and used by a command line.
Every refusal is a :class:`LinkError` whose sentence says what to do; its
template is marked for Qt's translation tools, so the console shows it
translated (``QCoreApplication.translate("links", ...)``).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from typing import Any, Final, Literal
from urllib.parse import SplitResult, parse_qs, quote, urlsplit, urlunsplit

from channels.client import addresses, plain_ws_problem

CONTEXT: Final = "links"
"""The translation context of every sentence of this module."""

HUB_PATH: Final = "/v1"
"""What an address without a path means: the rsi.v1 endpoint (PROTOCOL.md section 3.1)."""

Style = Literal["hub", "rsi", "https"]

_TOKEN: Final = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
"""A JWS in compact form: three base64url parts (every rsi.v1 token is one)."""

_SCHEMES: Final = {"wss": "wss", "ws": "ws", "rsi": "wss", "rsi+ws": "ws"}
"""Scheme of a link -> scheme of the hub address it means."""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Mark ``text`` for Qt's translation tools without importing Qt."""
    del context
    return text


class LinkError(ValueError):
    """A link, address or token that cannot be used; ``str()`` is the English sentence.

    ``template`` (with ``{name}`` fields filled from ``values``) is what a
    translation looks up, in the context :data:`CONTEXT`. ``address``: of several
    addresses, the one that is wrong; say :data:`WHICH` with it before the sentence.
    """

    def __init__(self, template: str, address: str | None = None, **values: str) -> None:
        self.template = template
        self.values = values
        self.address = address
        english = template.format(**values)
        if address is not None:
            english = f"{WHICH.format(address=address)} {english}"
        super().__init__(english)


EMPTY: Final = QT_TRANSLATE_NOOP(
    "links", "The link is empty: paste the meeting link from your invitation."
)
SPACES: Final = QT_TRANSLATE_NOOP(
    "links", "A meeting link has no spaces in it: copy the whole link again, in one piece."
)
LOOKS_LIKE_TOKEN: Final = QT_TRANSLATE_NOOP(
    "links", "This is a token, not a link: paste it into the Token field and type the hub address."
)
UNKNOWN_SCHEME: Final = QT_TRANSLATE_NOOP(
    "links",
    "“{text}” is not a meeting link: a link starts with wss://, rsi:// or https://. "
    "Copy the link from your invitation again.",
)
NO_HOST: Final = QT_TRANSLATE_NOOP(
    "links", "The link names no computer to connect to: copy the whole link again."
)
BAD_PORT: Final = QT_TRANSLATE_NOOP(
    "links", "The port in the link is not a number from 1 to 65535: copy the link again."
)
NO_HUB: Final = QT_TRANSLATE_NOOP(
    "links",
    "This web address is not a meeting link: it has no hub=… part. Open it in a browser, or "
    "ask the organiser for the console link.",
)
BAD_HUB: Final = QT_TRANSLATE_NOOP(
    "links",
    "The hub address in the link must start with wss:// (or ws:// on this computer): "
    "ask the organiser for a new link.",
)
BAD_TOKEN: Final = QT_TRANSLATE_NOOP(
    "links",
    "The token is damaged: a token is three parts of letters and digits separated by dots. "
    "Copy it again from your invitation.",
)
WHICH: Final = QT_TRANSLATE_NOOP("links", "The address “{address}” cannot be used.")
PLAIN_TEXT: Final = QT_TRANSLATE_NOOP(
    "links",
    "{host} is another computer, and ws:// would send your token to it unencrypted. "
    "Use the wss:// address from your invitation (ws:// is only for a hub on this computer).",
)


@dataclass(frozen=True, slots=True)
class MeetingLink:
    """Where to connect and, when the link carries one, with which token."""

    hub: str
    """A normalised hub address (``ws``/``wss`` scheme, lower-case host, a path), or several
    joined by commas (a cluster's edges, tried in turn: what ``Connect.url`` takes)."""
    token: str | None


def parse(text: str) -> MeetingLink:
    """The hub address and token of a pasted link (or a bare hub address); raises LinkError."""
    text = text.strip().strip("<>\"'").strip()
    if not text:
        raise LinkError(EMPTY)
    if any(c.isspace() for c in text):
        raise LinkError(SPACES)
    if text.startswith("eyJ") and _TOKEN.fullmatch(text):  # a JSON header: '{"' in base64
        raise LinkError(LOOKS_LIKE_TOKEN)
    parts = _split(text)
    scheme = parts.scheme.lower()
    hubs = [_inner_hub(one) for value in _params(parts, "hub") for one in addresses(value)]
    if scheme in ("http", "https"):
        if not hubs:
            raise LinkError(NO_HUB)
    elif scheme in _SCHEMES:
        hubs.insert(0, _hub(parts, _SCHEMES[scheme]))
    else:
        raise LinkError(UNKNOWN_SCHEME, text=_shorten(text))
    return MeetingLink(",".join(dict.fromkeys(hubs)), _token_of(parts))


def check_hub(url: str) -> str:
    """A typed hub address, or several separated by commas (a cluster's edges, tried in
    turn), normalised and joined by commas; raises LinkError, naming the wrong one of
    several (:attr:`LinkError.address`). A token in them is ignored."""
    several = addresses(url)
    if len(several) <= 1:
        return parse(url).hub
    checked: list[str] = []
    for one in several:
        try:
            checked.append(parse(one).hub)
        except LinkError as err:
            raise LinkError(err.template, one, **err.values) from err
    return ",".join(dict.fromkeys(checked))


def hosts(hub: str) -> str:
    """The hosts (and ports) of a hub address, or of several, for a sentence."""
    return ", ".join(urlsplit(one).netloc for one in addresses(hub))


def check_token(token: str) -> str:
    """The token without surrounding blanks; raises LinkError when it cannot be one."""
    token = token.strip()
    if not _TOKEN.fullmatch(token):
        raise LinkError(BAD_TOKEN)
    return token


def check_private(hub: str) -> None:
    """Refuse (LinkError) a plain ``ws://`` address on another computer: the token would leak.

    ``hub``: one address or several (:func:`check_hub`); each is checked."""
    for one in addresses(hub):
        if plain_ws_problem(one) is not None:  # the engine's rule, said in the user's language
            raise LinkError(PLAIN_TEXT, host=urlsplit(one).hostname or "")


def format_link(
    hub: str, token: str, style: Style = "rsi", *, page: str = "https://example.org/join"
) -> str:
    """The link of ``style`` that :func:`parse` reads back as (``hub``, ``token``).

    ``hub``: one address or several (:func:`check_hub`); the first is the link's own,
    the others follow as ``hub=`` parameters."""
    first, *others = check_hub(hub).split(",")
    token = check_token(token)
    more = "".join(f"&hub={quote(one, safe='')}" for one in others)
    parts = urlsplit(first)
    if style == "hub":
        return f"{first}#token={token}{more}"
    if style == "rsi":
        scheme = "rsi" if parts.scheme == "wss" else "rsi+ws"
        return urlunsplit((scheme, parts.netloc, parts.path, f"token={token}{more}", ""))
    return f"{page}?hub={quote(first, safe='')}{more}#token={token}"


def peek_claims(token: str) -> dict[str, Any]:
    """The token's claims, read WITHOUT checking its signature: only to explain and pre-check.

    Empty when the token's payload is unreadable (the hub will then say why).
    """
    parts = token.split(".")
    if len(parts) != 3:
        return {}
    payload = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims: Any = json.loads(base64.urlsafe_b64decode(payload))
    except (binascii.Error, ValueError):
        return {}
    return claims if isinstance(claims, dict) else {}


def _split(text: str) -> SplitResult:
    try:
        parts = urlsplit(text)
    except ValueError as err:  # an unbalanced [ in the host, for instance
        raise LinkError(NO_HOST) from err
    if not parts.scheme:
        raise LinkError(UNKNOWN_SCHEME, text=_shorten(text))
    return parts


def _hub(parts: SplitResult, scheme: str) -> str:
    try:
        host = parts.hostname
        port = parts.port
    except ValueError as err:
        raise LinkError(BAD_PORT) from err
    if not host:
        raise LinkError(NO_HOST)
    if port == 0:
        raise LinkError(BAD_PORT)
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc = f"{netloc}:{port}"
    return urlunsplit((scheme, netloc, parts.path or HUB_PATH, "", ""))


def _params(parts: SplitResult, name: str) -> list[str]:
    """The values of parameter ``name``: the query's, then the fragment's."""
    return parse_qs(parts.query).get(name, []) + parse_qs(parts.fragment).get(name, [])


def _inner_hub(url: str) -> str:
    """A ``hub=`` parameter's address, normalised; raises LinkError naming it."""
    try:
        inner = _split(url)
        if inner.scheme.lower() not in ("ws", "wss"):
            raise LinkError(BAD_HUB)
        return _hub(inner, inner.scheme.lower())
    except LinkError as err:
        raise LinkError(err.template, url, **err.values) from err


def _token_of(parts: SplitResult) -> str | None:
    found = _params(parts, "token")
    if not found:
        return None
    return check_token(found[0])


def _shorten(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"
