"""Test-wide settings, and the fixtures tests of several packages share."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest

from tests.rig.wsclient import Room, open_room

# Qt must never try to open a display in tests (CI has none).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The PulseAudio null-sink server for the sound-card tests (fixture `pulse`).
pytest_plugins = ["tests.rig.pulse"]


@pytest.fixture
async def room() -> AsyncIterator[Room]:
    """A hub on loopback in this test's loop (floor, en, fr), and the clients it joins."""
    async with open_room() as room:
        yield room
