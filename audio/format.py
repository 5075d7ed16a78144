"""The one audio format of the whole project: 48 kHz, 10 ms blocks.

Every port, codec, filter and meter runs at :data:`SAMPLE_RATE` and moves
audio in blocks of :data:`BLOCK` frames. Import these names; never write the
numbers again.
"""

from __future__ import annotations

from typing import Final

SAMPLE_RATE: Final = 48_000
"""Frames per second everywhere: the rate Opus and the hub assume (RFC 7587)."""

BLOCK: Final = 480
"""Frames in one engine block: 10 ms at :data:`SAMPLE_RATE`."""

CAPTURE_CHANNELS: Final = 1
"""A port captures one microphone channel."""

PLAYBACK_CHANNELS: Final = 2
"""A port plays two channels: left and right ear."""
