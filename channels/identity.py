"""What a participant id and a display name may be, and how text from the wire is cleaned.

A participant id (a token's ``sub``) must be nameable wherever a person or a
program names a participant: ``force_off``, ``chat`` and ``handover`` (their
``to``), a line of the revocation file, the log. A token id (``jti``) must be
nameable in the revocation file. So both follow one rule, :data:`ID_RULE`,
checked where tokens are made (``rsi-hub token``) and where they are used (the
hub, for every token, whoever issued it). A display name is shown to others:
it follows :data:`NAME_RULE`, which keeps out control and text-direction
characters, so that no name can break a line or reverse what is shown after it
("…gnp.exe" shown as "exe.png"). Chat text from the wire is not refused but
cleaned of the same characters (:func:`clean_text`) before anyone sees it; a
log line or a terminal line that carries text from the wire or from a file
shows them as escapes (:func:`printable`), so that such text can neither cut
nor forge the line, nor drive the terminal.

Call :func:`check_participant_id`, :func:`check_token_id` and
:func:`check_name`; each raises :class:`IdentityError` with a sentence saying
what is wrong and what is allowed.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

MAX_ID_CHARS: Final = 64
"""The longest participant or token id; every message and file that names one allows it."""
MAX_NAME_CHARS: Final = 64
"""The longest display name."""
ID_PATTERN: Final = r"^[A-Za-z0-9._@+-]+\Z"
"""The characters an id may hold (Python ``re``; ``msgspec.Meta(pattern=...)`` takes it too)."""
ID_RULE: Final = (
    f"1 to {MAX_ID_CHARS} characters among the letters A-Z and a-z, the digits 0-9 and . _ - @ +"
)
NAME_RULE: Final = (
    f"1 to {MAX_NAME_CHARS} characters, with no space at either end and no control or "
    "text-direction characters"
)
CHAT_GROUPS: Final = frozenset({"all", "booth", "coordinators"})
"""What ``chat.to`` means by a group (rsi.v1): a participant with such an id could not be
written to alone, so it is not a participant id."""

_ID: Final = re.compile(ID_PATTERN)
_UNSAFE: Final = re.compile(
    "[\x00-\x1f\x7f-\x9f"  # C0 and C1 controls (line breaks, tabs, escapes)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks and overrides
    "\u2028\u2029"  # line and paragraph separators
    "\ud800-\udfff]"  # halves of UTF-16 pairs, which UTF-8 cannot carry
)
_SHOWN_CHARS: Final = 32


class IdentityError(ValueError):
    """An id or a name that breaks the rule; the message says what is wrong and what is allowed."""


def check_participant_id(value: str, label: str = "participant id") -> str:
    """Return ``value`` if it may be a participant id (a token's ``sub``); else raise.

    ``label`` names the value in the message ("the token's 'sub' claim ...").
    """
    if value in CHAT_GROUPS:
        raise IdentityError(
            f"the {label} {value!r} is what chat calls a group "
            f"({', '.join(sorted(CHAT_GROUPS))}); choose another id"
        )
    return _check_id(value, label, "a participant id")


def check_token_id(value: str, label: str = "token id") -> str:
    """Return ``value`` if it may be a token id (a token's ``jti``); else raise."""
    return _check_id(value, label, "a token id")


def check_name(value: str, label: str = "name") -> str:
    """Return ``value`` if it may be a display name; else raise."""
    problem = None
    if not value.strip():
        problem = "is empty"
    elif len(value) > MAX_NAME_CHARS:
        problem = f"is {len(value)} characters long"
    elif (unsafe := unsafe_character(value)) is not None:
        problem = f"contains {unsafe}"
    elif value != value.strip():
        problem = "starts or ends with a space"
    if problem is not None:
        raise IdentityError(f"the {label} {_shown(value)}{problem}; a name is {NAME_RULE}")
    return value


def clean_text(text: str) -> str:
    """``text`` without control and text-direction characters; line breaks and tabs become spaces.

    For text from the wire that others will see (chat): it then shows as one
    line, in the order it was typed, whatever the sender put in it.
    """
    return _UNSAFE.sub(lambda found: " " if found[0].isspace() else "", text)


def printable(text: object) -> str:
    """``str(text)`` with the characters :func:`clean_text` takes out written as Python
    writes them (``\\x1b``, ``\\n``, ``\\u202e``): for one log line or terminal line."""
    return _UNSAFE.sub(lambda found: found[0].encode("unicode_escape").decode("ascii"), str(text))


def unsafe_character(text: str) -> str | None:
    """The first control or text-direction character of ``text``, described with its
    position (``U+001B (ESCAPE) at position 8``); None when there is none."""
    found = _UNSAFE.search(text)
    return None if found is None else f"{_describe(found[0])} at position {found.start() + 1}"


def _check_id(value: str, label: str, kind: str) -> str:
    problem = None
    if not value:
        problem = "is empty"
    elif len(value) > MAX_ID_CHARS:
        problem = f"is {len(value)} characters long"
    elif _ID.match(value) is None:
        position, char = next((i, c) for i, c in enumerate(value) if not _ID.match(c))
        problem = f"contains {_describe(char)} at position {position + 1}"
    if problem is not None:
        raise IdentityError(f"the {label} {_shown(value)}{problem}; {kind} is {ID_RULE}")
    return value


def _shown(value: str) -> str:
    """The value as a message quotes it: escaped, cut short, nothing when it is empty."""
    if not value.strip():
        return ""
    cut = "..." if len(value) > _SHOWN_CHARS else ""
    return f"{value[:_SHOWN_CHARS]!r}{cut} "


def _describe(char: str) -> str:
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "a control character")
    if char.isprintable() and not char.isspace():
        return f"{char!r} ({code}, {name})"
    return f"{code} ({name})"
