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
hub runs is reported in the log, once, and the previous list stays in force:
a typo must neither take the hub down nor silently admit everyone again.
Only a regular file of at most :data:`MAX_FILE_BYTES` is read (a pipe in its
place would hold the read until someone writes to it), and while the hub
runs it is read on a thread of its own, never on the event loop.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from channels import identity
from channels.identity import printable
from channels.untrusted import FileTooLarge, read_regular

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
    """Read and parse one revocation file; RevocationFileError says what is wrong.

    Only a regular file is read, and only up to :data:`MAX_FILE_BYTES`: this
    never blocks on a pipe or a device, and never reads one without end.
    """
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except FileTooLarge:
        raise RevocationFileError(
            f"{path}: over {MAX_FILE_BYTES} bytes; a revocation list is one short line per "
            "token or participant"
        ) from None
    except OSError as exc:
        raise RevocationFileError(
            f"{path}: cannot read the revocation file ({exc.strerror or exc})"
        ) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RevocationFileError(
            f"{path}: not UTF-8 text (byte {exc.start}); save the file as UTF-8"
        ) from exc
    return parse(text, source=str(path))


_Signature = tuple[int, int, int, int]


class _Read:
    """One read of the file, on a thread of its own: the event loop never waits for it."""

    def __init__(self, path: Path, signature: _Signature) -> None:
        self.signature = signature
        """The file's status when the read started: its list is taken only if it still is."""
        self.result: Revocations | RevocationFileError = RevocationFileError(
            f"{path}: the read of the revocation file did not finish"
        )
        self.done = threading.Event()
        thread = threading.Thread(target=self._run, args=(path,), name="revocation read")
        thread.daemon = True
        thread.start()

    def _run(self, path: Path) -> None:
        try:
            self.result = read(path)
        except RevocationFileError as exc:
            self.result = exc
        finally:
            self.done.set()


class RevocationFile:
    """A revocation file and the list last read from it, re-read when it changes.

    `poll` is cheap (one ``stat``, no read) and meant to be called a few times
    a second. A change starts a read on a thread of its own; the next poll
    takes its list if the file has not changed since (so that a file being
    written is not taken half-way), or starts another read. `current` is
    always the last list that was read successfully.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.current = Revocations()
        self._applied: _Signature | None = None
        """Status of the file when it was last read (successfully or not)."""
        self._reading: _Read | None = None
        self._refusal: str | None = None
        """The last refusal logged: the same one is not logged again at every change."""
        self._forced = False
        """A reload asked for a read that has not started yet."""
        self._missing_reported = False

    @property
    def reading(self) -> bool:
        """A read of the file is under way (its list comes out of a later `poll`)."""
        return self._reading is not None and not self._reading.done.is_set()

    def load(self) -> Revocations:
        """Read the file at start; a bad file raises, a missing one is an empty list.

        A missing file is allowed so that a meeting file can name it before
        anyone is revoked; it is read as soon as it appears. This reads on the
        caller's thread: call it before serving.
        """
        signature = self._signature()
        if signature is None:
            log.warning(
                "revocation file %s does not exist (yet): no token is revoked; "
                "create it to revoke tokens or participants while the hub runs",
                printable(self.path),
            )
            self._missing_reported = True
            return self.current
        self.current = read(self.path)
        self._applied = signature
        log.info("revocation list %s: %s", printable(self.path), self.current.describe())
        return self.current

    def poll(self) -> Revocations | None:
        """The new list if a read of a change has finished and stands; None otherwise.

        Never blocks: the read runs on a thread of its own.
        """
        signature = self._signature()
        if signature is None:
            self._report_missing()
            return None
        self._missing_reported = False
        read = self._reading
        if read is not None and read.done.is_set():
            self._reading = None
            if read.signature == signature:
                self._applied = signature
                return self._take(read.result)
        if (signature != self._applied or self._forced) and self._reading is None:
            self._reading = _Read(self.path, signature)
            self._forced = False
        return None

    def reload(self) -> Revocations | None:
        """Read the file again, whether or not it seems changed (SIGHUP).

        The read starts now, on a thread of its own; its list comes out of the
        next `poll`, so this returns None. A refusal is logged again.
        """
        signature = self._signature()
        if signature is None:
            self._report_missing()
            return None
        self._refusal = None
        if self._reading is None:
            self._reading = _Read(self.path, signature)
        else:
            self._forced = True  # the read under way may be older: read again after it
        return None

    def _take(self, result: Revocations | RevocationFileError) -> Revocations | None:
        if isinstance(result, RevocationFileError):
            if str(result) != self._refusal:
                self._refusal = str(result)
                log.error(
                    "%s; the previous revocation list (%s) stays in force until the file is fixed",
                    printable(result),
                    self.current.describe(),
                )
            return None
        self._refusal = None
        log.info(
            "revocation list %s reloaded: %s (was %s)",
            printable(self.path),
            result.describe(),
            self.current.describe(),
        )
        self.current = result
        return result

    def _report_missing(self) -> None:
        if not self._missing_reported:
            self._missing_reported = True
            log.warning(
                "revocation file %s is missing; the previous list (%s) stays in force "
                "(to revoke nothing, leave the file empty)",
                printable(self.path),
                self.current.describe(),
            )
        self._applied = None

    def _signature(self) -> _Signature | None:
        try:
            status = self.path.stat()
        except OSError:
            return None
        return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)
