"""Test-wide settings, and the fixtures tests of several packages share."""

from __future__ import annotations

import faulthandler
import os
import sys
import time
from collections.abc import AsyncIterator, Iterator

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
# and fails that test, and the suite goes on. Two cases escape it: a main thread stuck in a C
# call (a sound driver, Qt) never runs that signal's handler, and once a test has failed,
# pytest-timeout (and pytest's own faulthandler plugin) cancel their timers, leaving its
# teardown unbounded. So HANG_GRACE_S after the bound, whatever happened, faulthandler (which
# needs no Python) writes every thread's stack to the terminal and ends the run: CI fails
# instead of hanging.
HANG_GRACE_S = 30.0
_terminal_fd: int | None = None
_deadline: float | None = None
"""When the running test's run is ended (time.monotonic())."""


def pytest_configure(config: pytest.Config) -> None:
    global _terminal_fd
    _terminal_fd = os.dup(sys.stderr.fileno())  # the terminal: output capture is off here


def pytest_unconfigure(config: pytest.Config) -> None:
    if _terminal_fd is not None:
        os.close(_terminal_fd)


def _time_bound(item: pytest.Item) -> float:
    marker = item.get_closest_marker("timeout")
    if marker is not None and marker.args:
        return float(marker.args[0])
    return float(item.config.getini("timeout") or 0)


def _arm_backstop() -> None:
    if _deadline is not None and _terminal_fd is not None:
        left = max(1.0, _deadline - time.monotonic())
        faulthandler.dump_traceback_later(left, exit=True, file=_terminal_fd)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[object]:
    global _deadline
    bound = _time_bound(item)
    _deadline = time.monotonic() + bound + HANG_GRACE_S if bound > 0 else None
    _arm_backstop()
    try:
        return (yield)
    finally:
        _deadline = None
        faulthandler.cancel_dump_traceback_later()


@pytest.hookimpl(trylast=True)
def pytest_exception_interact() -> None:
    _arm_backstop()  # after pytest's faulthandler plugin cancelled it for a failed test


# The PulseAudio null-sink server for the sound-card tests (fixture `pulse`).
pytest_plugins = ["tests.rig.pulse"]


@pytest.fixture
async def room() -> AsyncIterator[Room]:
    """A hub on loopback in this test's loop (floor, en, fr), and the clients it joins."""
    async with open_room() as room:
        yield room
