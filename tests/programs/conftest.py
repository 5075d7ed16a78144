"""Fixtures the tests of the programs share."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rig.meetings import COUNCIL


@pytest.fixture
def meeting_path(tmp_path: Path) -> Path:
    """The council meeting (:data:`tests.rig.meetings.COUNCIL`) as a meeting file."""
    path = tmp_path / "council.toml"
    path.write_text(COUNCIL, encoding="utf-8")
    return path
