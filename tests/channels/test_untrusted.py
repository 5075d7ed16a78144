"""Files named from outside: read without hanging on a pipe or a device, nor without end."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from channels.untrusted import FileTooLarge, NotARegularFile, open_regular, read_regular


def test_a_regular_file_is_read_up_to_its_limit(tmp_path: Path):
    path = tmp_path / "f"
    path.write_bytes(b"x" * 100)
    assert read_regular(path, 100) == b"x" * 100
    with pytest.raises(FileTooLarge, match="over 99 bytes"):
        read_regular(path, 99)
    link = tmp_path / "link"
    link.symlink_to(path)  # a link to a file is that file
    assert read_regular(link, 100) == b"x" * 100


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        pytest.param(lambda p: os.mkfifo(p), "a pipe", id="fifo"),
        pytest.param(lambda p: p.symlink_to("/dev/zero"), "a device", id="dev-zero"),
        pytest.param(lambda p: p.mkdir(), "a directory", id="directory"),
    ],
)
def test_anything_but_a_regular_file_is_refused_at_once(tmp_path: Path, make, kind: str):
    path = tmp_path / "f"
    make(path)
    started = time.monotonic()
    with pytest.raises(NotARegularFile) as refused:
        read_regular(path, 1 << 20)
    assert time.monotonic() - started < 0.5  # a pipe with no writer held open() for ever
    assert refused.value.strerror == f"it is {kind}, not a regular file"
    assert refused.value.filename == str(path)


def test_a_pipe_opened_for_writing_is_refused_without_waiting_for_a_reader(tmp_path: Path):
    path = tmp_path / "fifo"
    os.mkfifo(path)
    with pytest.raises(OSError):  # no reader: ENXIO, where a plain open() waits
        os.close(open_regular(path, os.O_WRONLY | os.O_CREAT))
