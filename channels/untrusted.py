"""Files named from outside the program: read them without hanging or exhausting memory.

A path in a meeting file or on a command line may name something other than a
file: opening a pipe (FIFO) blocks until someone writes to it, and a device
such as ``/dev/zero`` never ends. :func:`open_regular` opens a path without
ever blocking and refuses anything but a regular file; :func:`read_regular`
also refuses a file over a size limit, and never reads more than that.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import Final

_OPEN_FLAGS: Final = os.O_CLOEXEC | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
"""Never wait to open (a FIFO with no writer), never take a terminal as ours."""


class NotARegularFile(OSError):
    """A path that names a pipe, a device, a socket or a directory, not a file."""


class FileTooLarge(OSError):
    """A file over the size its reader allows."""


def open_regular(path: str | os.PathLike[str], flags: int = os.O_RDONLY, mode: int = 0o666) -> int:
    """A file descriptor for ``path`` if it is a regular file, opened without blocking.

    ``flags`` and ``mode`` are those of :func:`os.open`. Raises
    :class:`NotARegularFile` (its ``strerror`` says what the path is) or any
    other :class:`OSError` the system raises. Close the descriptor when done.
    """
    fd = os.open(path, flags | _OPEN_FLAGS, mode)
    try:
        kind = file_kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise NotARegularFile(errno.EINVAL, f"it is {kind}, not a regular file", str(path))
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file ``path``, if it holds at most ``limit`` of them.

    Raises :class:`NotARegularFile`, :class:`FileTooLarge` (its ``strerror``
    gives the limit) or any other :class:`OSError` the system raises.
    """
    fd = open_regular(path)
    with os.fdopen(fd, "rb") as file:
        if os.fstat(fd).st_size <= limit:
            data = file.read(limit + 1)
            if len(data) <= limit:
                return data
    raise FileTooLarge(errno.EFBIG, f"over {limit} bytes", str(path))


def file_kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words ("a pipe"); None for a regular
    file. ``mode`` is a ``st_mode`` of :func:`os.stat`."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"
