"""Fixtures the console's tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.rig.consolekit import HubThread
from tests.rig.meetings import console_meeting


@pytest.fixture
def hub() -> Iterator[HubThread]:
    """A hub on loopback in a thread of its own, serving :func:`console_meeting`."""
    hub = HubThread(console_meeting())
    hub.start()
    yield hub
    hub.stop()
