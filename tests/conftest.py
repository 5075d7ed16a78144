"""Test-wide settings, and the fixtures tests of several packages share."""

from __future__ import annotations

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

# The PulseAudio null-sink server for the sound-card tests (fixture `pulse`).
pytest_plugins = ["tests.rig.pulse"]


@pytest.fixture
async def room() -> AsyncIterator[Room]:
    """A hub on loopback in this test's loop (floor, en, fr), and the clients it joins."""
    async with open_room() as room:
        yield room
