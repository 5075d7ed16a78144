"""Test-wide settings. Fixtures live in their own modules, not here."""

from __future__ import annotations

import os

# Qt must never try to open a display in tests (CI has none).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The PulseAudio null-sink server for the sound-card tests (fixture `pulse`).
pytest_plugins = ["tests.rig.pulse"]
