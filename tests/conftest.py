"""Test-wide settings, and the fixtures tests of several packages share."""

from __future__ import annotations

import faulthandler
import os
import sys
from collections.abc import AsyncIterator

import pytest

from tests.rig.wsclient import Room, open_room

# Qt must never try to open a display in tests (CI has none).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Bytecode is written and reused, whatever PYTHONDONTWRITEBYTECODE says: the suite starts
# Python a few hundred times (hubs, bots, consoles), and with it set each of them compiled
# the project's modules anew, and pytest rewrote (compiled) every test module on every run
# (collection alone took 30-60 s instead of 4-8 on a loaded machine).
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# Every test has a time bound: pytest-timeout's `timeout` (pyproject.toml; a longer one with
# @pytest.mark.timeout(seconds)). Past it, pytest-timeout's SIGALRM dumps every thread's stack
# and fails that test, and the suite goes on. A main thread stuck in a C call (a sound driver,
# Qt) never runs that signal's handler: HANG_GRACE_S later, faulthandler, which needs no
# Python, writes every thread's stack to the terminal and ends the run, so CI fails instead
# of hanging.
HANG_GRACE_S = 30.0
_terminal_fd: int | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _terminal_fd
    _terminal_fd = os.dup(sys.stderr.fileno())  # the terminal: output capture is off here


def pytest_unconfigure(config: pytest.Config) -> None:
    if _terminal_fd is not None:
        os.close(_terminal_fd)


def pytest_timeout_set_timer(item: pytest.Item, settings: object) -> None:
    timeout = getattr(settings, "timeout", None)
    if timeout and _terminal_fd is not None:
        faulthandler.dump_traceback_later(timeout + HANG_GRACE_S, exit=True, file=_terminal_fd)
    # None: pytest-timeout's own implementation sets its timer next.


def pytest_timeout_cancel_timer(item: pytest.Item) -> None:
    faulthandler.cancel_dump_traceback_later()


# The PulseAudio null-sink server for the sound-card tests (fixture `pulse`).
pytest_plugins = ["tests.rig.pulse"]


@pytest.fixture
async def room() -> AsyncIterator[Room]:
    """A hub on loopback in this test's loop (floor, en, fr), and the clients it joins."""
    async with open_room() as room:
        yield room
