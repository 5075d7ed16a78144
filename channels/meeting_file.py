"""Reading the meeting file: the TOML an organiser writes to describe one meeting.

Organisers edit this file by hand, often shortly before a meeting, so every
mistake is caught when the hub starts, where it costs nothing, and reported in
the terms of the file: which field, what is wrong, what would be right.
Nothing is silently ignored: a misspelt key would otherwise surface as a booth
that cannot go on air in the middle of a session. The file and the key file it
names must be regular files of a sensible size (a pipe, or ``/dev/zero`` as the
key, would hold or exhaust the hub at start), and the meeting id, which the
hub writes into its log, must hold no control character.
"""

from __future__ import annotations

import difflib
import logging
import os
import re
import tomllib
from pathlib import Path
from typing import Any, Final, NoReturn

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from channels.identity import printable, unsafe_character
from channels.meeting import FLOOR, MAX_CHANNELS, BoothConfig, ChannelConfig, MeetingConfig
from channels.untrusted import FileTooLarge, read_regular

MIN_SECRET_BYTES: Final = 32
"""Below this, an HS256 secret can be guessed offline from any token (RFC 7518, 3.2)."""
MAX_FILE_BYTES: Final = 1024 * 1024
"""A meeting file is a few kilobytes; a bigger one is a mistake."""
MAX_KEY_BYTES: Final = 64 * 1024
"""A public key in PEM is a few hundred bytes."""

_ID: Final = re.compile(r"[a-z0-9_-]+")
_MEETING_KEYS: Final = (
    "id",
    "title",
    "floor_language",
    "secret",
    "public_key",
    "channels",
    "booths",
    "revoked",
)
_CHANNEL_KEYS: Final = ("id", "language")
_BOOTH_KEYS: Final = ("id", "outputs", "languages")

_log = logging.getLogger(__name__)


class MeetingFileError(ValueError):
    """A meeting file the hub cannot use; the message names the file and the field."""


def load(path: str | os.PathLike[str]) -> MeetingConfig:
    """Read and check a meeting file; a ``public_key`` path is relative to its folder."""
    path = Path(path)
    try:
        text = read_regular(path, MAX_FILE_BYTES).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MeetingFileError(
            f"{path}: not UTF-8 text (byte {exc.start}); save the file as UTF-8"
        ) from exc
    except OSError as exc:
        raise MeetingFileError(
            f"{path}: cannot read the meeting file ({exc.strerror or exc})"
        ) from exc
    return parse(text, source=str(path), base_dir=path.parent)


def parse(text: str, *, source: str = "<meeting>", base_dir: Path | None = None) -> MeetingConfig:
    """Check the text of a meeting file; ``source`` names it in error messages.

    ``base_dir`` is where relative ``public_key`` and ``revoked`` paths start;
    without it, the current directory, as for any relative path.
    """
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MeetingFileError(f"{source}: not valid TOML: {exc}") from exc
    except RecursionError:
        raise MeetingFileError(
            f"{source}: not valid TOML: arrays or tables nested too deeply"
        ) from None
    except ValueError as exc:  # tomllib lets int() refuse a number of over 4,300 digits
        raise MeetingFileError(f"{source}: not valid TOML: a number is too long") from exc
    return _Reader(source, base_dir).meeting(document)


class _Reader:
    """Checks one parsed file, knowing its name for the messages."""

    def __init__(self, source: str, base_dir: Path | None) -> None:
        self.source = source
        self.base_dir = base_dir

    def meeting(self, document: dict[str, Any]) -> MeetingConfig:
        self.known_keys(document, _MEETING_KEYS, "")
        meeting_id = self.required_string(document, "id", "", example='"council-2026"')
        unsafe = unsafe_character(meeting_id)
        if unsafe is not None:
            self.fail(
                "id", f'contains {unsafe}; a meeting id is printable text, such as "council-2026"'
            )
        title = self.string(document, "title", "") or meeting_id
        floor_language = self.string(document, "floor_language", "")
        secret, public_key = self.credentials(document)
        channels = self.channels(document)
        return MeetingConfig(
            id=meeting_id,
            title=title,
            channels=channels,
            booths=self.booths(document, channels),
            floor_language=floor_language,
            secret=secret,
            public_key=public_key,
            revoked=self.revoked(document),
        )

    def revoked(self, document: dict[str, Any]) -> str | None:
        """The revocation file's path, relative to the meeting file's folder.

        The file need not exist yet: the hub reads it when it appears.
        """
        path = self.string(document, "revoked", "")
        if path is None:
            return None
        return str(Path(path) if self.base_dir is None else self.base_dir / path)

    def credentials(self, document: dict[str, Any]) -> tuple[str | None, str | None]:
        secret = self.string(document, "secret", "")
        key_path = self.string(document, "public_key", "")
        if secret is not None and key_path is not None:
            self.fail(
                "secret",
                "give either secret (HS256 tokens) or public_key (EdDSA tokens), not both",
            )
        if key_path is not None:
            return None, self.public_key(key_path)
        if secret is None:
            self.fail(
                "secret",
                'missing; tokens need a way to be checked: add secret = "..." (HS256) '
                'or public_key = "issuer.pub" (an Ed25519 public key in PEM)',
            )
        if len(secret.encode()) < MIN_SECRET_BYTES:
            _log.warning(
                "%s: secret: only %d bytes, so tokens can be forged by guessing it; for a "
                "real meeting use at least %d random bytes, such as the output of: "
                "python -c 'import secrets; print(secrets.token_urlsafe(32))'",
                printable(self.source),
                len(secret.encode()),
                MIN_SECRET_BYTES,
            )
        return secret, None

    def public_key(self, key_path: str) -> str:
        """The PEM text of the key, re-serialised so that what the hub keeps is only the key."""
        file = Path(key_path) if self.base_dir is None else self.base_dir / key_path
        try:
            data = read_regular(file, MAX_KEY_BYTES)
        except FileTooLarge:
            self.fail(
                "public_key",
                f"{str(file)!r} is over {MAX_KEY_BYTES} bytes; a public key in PEM is a few "
                "hundred (-----BEGIN PUBLIC KEY-----, base64, -----END PUBLIC KEY-----)",
            )
        except OSError as exc:
            self.fail(
                "public_key",
                f"cannot read {str(file)!r} ({exc.strerror or exc}); "
                "a relative path starts at the meeting file's folder",
            )
        if b"PRIVATE KEY" in data:
            self.fail(
                "public_key",
                f"{str(file)!r} holds a private key; the hub needs only the public key "
                "(keep the private key with whoever issues tokens)",
            )
        try:
            key = serialization.load_pem_public_key(data)
        except (ValueError, UnsupportedAlgorithm):
            self.fail(
                "public_key",
                f"{str(file)!r} is not a PEM public key "
                "(it should start with -----BEGIN PUBLIC KEY-----)",
            )
        if not isinstance(key, Ed25519PublicKey):
            kind = type(key).__name__.removesuffix("PublicKey")
            self.fail(
                "public_key",
                f"{str(file)!r} holds a key of type {kind}, "
                "but tokens are checked with Ed25519 (EdDSA); give an Ed25519 public key",
            )
        return key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode()

    def channels(self, document: dict[str, Any]) -> tuple[ChannelConfig, ...]:
        channels = [ChannelConfig(FLOOR, None)]
        first_use: dict[str, str] = {}
        tables = self.tables(document, "channels")
        if len(tables) >= MAX_CHANNELS:
            self.fail(
                "channels",
                f"{len(tables)} entries, over the limit: a meeting has at most {MAX_CHANNELS} "
                "channels with the floor (as many as one listen message may name), so at most "
                f"{MAX_CHANNELS - 1} [[channels]] entries",
            )
        for index, table in enumerate(tables):
            where = f"channels[{index}]"
            self.known_keys(table, _CHANNEL_KEYS, where)
            channel_id = self.identifier(table, where, first_use)
            if channel_id == FLOOR:
                self.fail(
                    f"{where}.id", '"floor" always exists and needs no entry; remove this one'
                )
            language = self.string(table, "language", where) or channel_id
            channels.append(ChannelConfig(channel_id, language))
        return tuple(channels)

    def booths(
        self, document: dict[str, Any], channels: tuple[ChannelConfig, ...]
    ) -> tuple[BoothConfig, ...]:
        channel_ids = [ch.id for ch in channels if ch.id != FLOOR]
        booths = []
        first_use: dict[str, str] = {}
        for index, table in enumerate(self.tables(document, "booths")):
            where = f"booths[{index}]"
            self.known_keys(table, _BOOTH_KEYS, where)
            booth_id = self.identifier(table, where, first_use)
            outputs = self.strings(table, "outputs", where)
            if outputs is None:
                self.fail(
                    f"{where}.outputs",
                    'missing; list the channels this booth speaks on, A first: outputs = ["fr"]',
                )
            if not outputs:
                self.fail(f"{where}.outputs", "must name at least one channel")
            for position, output in enumerate(outputs):
                self.check_output(output, outputs[:position], channel_ids, f"{where}.outputs")
            languages = self.strings(table, "languages", where) or []
            booths.append(BoothConfig(booth_id, tuple(outputs), tuple(languages)))
        return tuple(booths)

    def check_output(
        self, output: str, earlier: list[str], channel_ids: list[str], where: str
    ) -> None:
        at = f"{where}[{len(earlier)}]"
        if output == FLOOR:
            self.fail(at, '"floor" carries the speakers; a booth speaks on a language channel')
        if output not in channel_ids:
            known = ", ".join(channel_ids) or "none yet; add [[channels]] entries"
            self.fail(at, f'"{output}" is not a channel of this meeting (channels: {known})')
        if output in earlier:
            self.fail(at, f'"{output}" is listed twice')

    def identifier(self, table: dict[str, Any], where: str, first_use: dict[str, str]) -> str:
        """The entry's ``id``, checked to be well formed and not taken by an earlier entry."""
        value = self.required_string(table, "id", where, example='"fr"')
        if not _ID.fullmatch(value):
            self.fail(
                f"{where}.id",
                f'"{value}" is not a valid id: use lower-case letters, digits, "-" and "_"',
            )
        if value in first_use:
            self.fail(f"{where}.id", f'"{value}" is already the id of {first_use[value]}')
        first_use[value] = where
        return value

    def tables(self, document: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = document.get(key, [])
        hint = f"write [[{key}]] above each entry"
        if not isinstance(value, list):
            self.fail(key, f"must be an array of tables, not {value_kind(value)}; {hint}")
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                self.fail(f"{key}[{index}]", f"must be a table, not {value_kind(item)}; {hint}")
        return value

    def known_keys(self, table: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
        for key in table:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                guess = f'did you mean "{close[0]}"? ' if close else ""
                self.fail(
                    _join(where, key),
                    f"unknown key; {guess}(allowed here: {', '.join(allowed)})",
                )

    def required_string(self, table: dict[str, Any], key: str, where: str, *, example: str) -> str:
        value = self.string(table, key, where)
        if value is None:
            self.fail(_join(where, key), f"missing; add {key} = {example}")
        return value

    def string(self, table: dict[str, Any], key: str, where: str) -> str | None:
        """A non-empty string, or None when the key is absent."""
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, str):
            self.fail(
                _join(where, key), f"must be a string, not {value_kind(value)}; put it in quotes"
            )
        if not value.strip():
            self.fail(_join(where, key), "must not be empty")
        return value

    def strings(self, table: dict[str, Any], key: str, where: str) -> list[str] | None:
        """A list of non-empty strings, or None when the key is absent."""
        if key not in table:
            return None
        value = table[key]
        path = _join(where, key)
        if not isinstance(value, list):
            self.fail(
                path, f'must be a list of strings, such as ["en", "fr"], not {value_kind(value)}'
            )
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{path}[{index}]", f"must be a non-empty string, not {value_kind(item)}")
        return value

    def fail(self, where: str, problem: str) -> NoReturn:
        raise MeetingFileError(f"{self.source}: {where}: {problem}")


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def value_kind(value: object) -> str:
    """A TOML value's type as the person who wrote the file would name it."""
    if isinstance(value, str):
        return "an empty string" if not value.strip() else "a string"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"
