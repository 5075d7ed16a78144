"""The revocation list: tokens and participants a running hub refuses from now on.

A token cannot be taken back once issued, and a lifetime of hours is too long
when a laptop is lost or a link is posted where it should not be. The
organiser adds a line to a text file that the meeting file names
(``revoked = "revoked.txt"``) or ``rsi-hub serve --revoked FILE`` gives::

    # council-2026: revoked tokens and participants
    jti 6rO0s0x8Jq2mRk1v   # laptop lost in room 3
    sub l-17               # removed by the chair

``jti`` revokes one token (its token id, which ``rsi-hub token`` prints);
``sub`` revokes every token of one participant id, present and future. The
hub refuses revoked tokens at ``hello`` and closes live connections that a
new list revokes. Taking a line out admits that token or participant again.

The file is read by the I/O layer (:class:`RevocationFile`, polled from the
server's ticker, or re-read on SIGHUP); the sans-I/O hub only receives the
parsed :class:`Revocations`. A file that cannot be read or parsed while the
hub runs is reported in the log and the previous list stays in force: a
typo must neither take the hub down nor silently admit everyone again.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from channels import identity

MAX_FILE_BYTES: Final = 1024 * 1024
"""Far more than any meeting needs; a bigger file is a mistake, and reading it would
hold up the hub's event loop."""
KINDS: Final = ("jti", "sub")

_COMMENT: Final = re.compile(r"(?:^|\s)#.*$")

log = logging.getLogger(__name__)


class RevocationFileError(ValueError):
    """A revocation file that cannot be used; the message names the file and the line."""


@dataclass(frozen=True, slots=True)
class Revocations:
    """Revoked token ids (``jti``) and participant ids (``sub``)."""

    token_ids: frozenset[str] = frozenset()
    participants: frozenset[str] = frozenset()

    def __len__(self) -> int:
        return len(self.token_ids) + len(self.participants)

    def refuses(self, sub: str, jti: str | None) -> str | None:
        """Why a token with these claims is revoked (for its holder), or None if it is not."""
        if sub in self.participants:
            return (
                f"participant {sub!r} has been removed from this meeting by its organiser; "
                "ask them if this is a mistake"
            )
        if jti is not None and jti in self.token_ids:
            return "this token has been revoked by the meeting's organiser; ask them for a new one"
        return None

    def describe(self) -> str:
        return f"{len(self.token_ids)} token id(s), {len(self.participants)} participant id(s)"


def parse(text: str, *, source: str = "<revoked>") -> Revocations:
    """Read the text of a revocation file; ``source`` names it in error messages.

    One entry a line, ``jti <token id>`` or ``sub <participant id>``; ``#``
    starts a comment (at the start of a line, or after a space); blank lines
    are ignored. Ids follow the rule of :mod:`channels.identity`, so that every
    id a token can carry can be written here, and a line no token could match
    is reported rather than silently revoking nobody.
    """
    token_ids: set[str] = set()
    participants: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _COMMENT.sub("", raw).strip()
        if not line:
            continue
        kind, *rest = line.split(maxsplit=1)
        value = rest[0] if rest else ""
        where = f"{source}:{number}"
        if kind not in KINDS:
            raise RevocationFileError(
                f"{where}: {kind!r} is not an entry kind; write "
                '"jti <token id>" to revoke one token or "sub <participant id>" '
                "to revoke a participant"
            )
        if not value:
            raise RevocationFileError(f"{where}: {kind} needs an id after it")
        if value.count(".") == 2 and len(value) > 100:
            raise RevocationFileError(
                f"{where}: this looks like a whole token; give its token id "
                "(rsi-hub token prints it), not the token"
            )
        try:
            if kind == "jti":
                identity.check_token_id(value)
            else:
                identity.check_participant_id(value)
        except identity.IdentityError as exc:
            raise RevocationFileError(f"{where}: {exc}") from exc
        (token_ids if kind == "jti" else participants).add(value)
    return Revocations(frozenset(token_ids), frozenset(participants))


def read(path: Path) -> Revocations:
    """Read and parse one revocation file; RevocationFileError says what is wrong."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise RevocationFileError(
            f"{path}: cannot read the revocation file ({exc.strerror or exc})"
        ) from exc
    if len(data) > MAX_FILE_BYTES:
        raise RevocationFileError(
            f"{path}: over {MAX_FILE_BYTES} bytes; a revocation list is one short line per "
            "token or participant"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RevocationFileError(
            f"{path}: not UTF-8 text (byte {exc.start}); save the file as UTF-8"
        ) from exc
    return parse(text, source=str(path))


_Signature = tuple[int, int, int, int]


class RevocationFile:
    """A revocation file and the list last read from it, re-read when it changes.

    `poll` is cheap (one ``stat``) and meant to be called a few times a
    second. A change is read once the file has stood still for one poll, so
    that a file being written is not read half-way. `current` is always the
    last list that was read successfully.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.current = Revocations()
        self._applied: _Signature | None = None
        """Status of the file when it was last read (successfully or not)."""
        self._seen: _Signature | None = None
        """Status at the previous poll, to tell a settled change from one in progress."""
        self._missing_reported = False

    def load(self) -> Revocations:
        """Read the file at start; a bad file raises, a missing one is an empty list.

        A missing file is allowed so that a meeting file can name it before
        anyone is revoked; it is read as soon as it appears.
        """
        signature = self._signature()
        if signature is None:
            log.warning(
                "revocation file %s does not exist (yet): no token is revoked; "
                "create it to revoke tokens or participants while the hub runs",
                self.path,
            )
            self._missing_reported = True
            return self.current
        self.current = read(self.path)
        self._applied = self._seen = signature
        log.info("revocation list %s: %s", self.path, self.current.describe())
        return self.current

    def poll(self) -> Revocations | None:
        """The new list if the file changed and reads well; None otherwise."""
        signature = self._signature()
        if signature is None:
            self._report_missing()
            self._seen = None
            return None
        self._missing_reported = False
        if signature == self._applied:
            self._seen = signature
            return None
        if signature != self._seen:  # still changing, or just changed: wait one poll
            self._seen = signature
            return None
        return self._reread(signature)

    def reload(self) -> Revocations | None:
        """Read the file now, whether or not it seems changed (SIGHUP)."""
        signature = self._signature()
        if signature is None:
            self._report_missing()
            return None
        self._seen = signature
        return self._reread(signature)

    def _reread(self, signature: _Signature) -> Revocations | None:
        self._applied = signature
        try:
            revocations = read(self.path)
        except RevocationFileError as exc:
            log.error(
                "%s; the previous revocation list (%s) stays in force until the file is fixed",
                exc,
                self.current.describe(),
            )
            return None
        log.info(
            "revocation list %s reloaded: %s (was %s)",
            self.path,
            revocations.describe(),
            self.current.describe(),
        )
        self.current = revocations
        return revocations

    def _report_missing(self) -> None:
        if not self._missing_reported:
            self._missing_reported = True
            log.warning(
                "revocation file %s is missing; the previous list (%s) stays in force "
                "(to revoke nothing, leave the file empty)",
                self.path,
                self.current.describe(),
            )
        self._applied = None

    def _signature(self) -> _Signature | None:
        try:
            status = self.path.stat()
        except OSError:
            return None
        return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)
