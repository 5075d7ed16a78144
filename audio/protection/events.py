"""What the protection tells the GUI: event kinds, and the ring that carries them across threads."""

from __future__ import annotations

from enum import IntEnum
from typing import Final, NamedTuple

import numpy as np

EVENT_CAPACITY: Final = 256
"""Events kept between two polls; older ones are dropped (and counted)."""


class EventKind(IntEnum):
    """What the GUI is told about. Values index :meth:`EventRing.count`."""

    SHOCK = 1
    """A sudden onset was pulled down (value: its level, dB SPL)."""
    HOWL_START = 2
    """Feedback howl detected (value: its frequency in Hz)."""
    HOWL_END = 3
    """The howl stopped; the gain recovers over ``howl_release_s`` (value: Hz)."""
    SUSTAINED_START = 4
    """The sustained limit engaged (value: short-term input level, dB SPL)."""
    SUSTAINED_END = 5
    """The sustained limit released fully (value: short-term input level, dB SPL)."""
    EXPOSURE_WARNING = 6
    """The exposure Leq passed the warning level: play the two beeps (value: Leq, dB SPL)."""
    BACKOFF_END = 7
    """The exposure back-off period is over (value: Leq, dB SPL)."""
    SAFETY_CLAMP = 8
    """The last-resort clamp changed samples: the gain stage missed (value: peak, dB SPL)."""
    NONFINITE_INPUT = 9
    """NaN or infinity in the input; those samples were replaced by silence."""


class ProtectionEvent(NamedTuple):
    """One event: what, how much, and when.

    ``frame`` is the index (since construction or reset) of the first input
    sample of the block in which it was decided; the decision used that whole
    block, so it was taken ``block_frames`` later.
    """

    kind: EventKind
    frame: int
    value: float


class EventRing:
    """Single-producer single-consumer event queue, allocation-free on the producer side.

    The audio thread sets :attr:`frame` and calls :meth:`emit`; one other
    thread calls :meth:`poll`. The write index is published after the entry,
    so the reader never sees half an event.
    """

    __slots__ = (
        "_counts",
        "_frame",
        "_kind",
        "_read",
        "_value",
        "_write",
        "dropped",
        "frame",
    )

    def __init__(self) -> None:
        self.frame = 0
        """First input frame of the block being processed (stamped on each event)."""
        self._kind = np.zeros(EVENT_CAPACITY, dtype=np.int16)
        self._frame = np.zeros(EVENT_CAPACITY, dtype=np.int64)
        self._value = np.zeros(EVENT_CAPACITY, dtype=np.float64)
        self._write = 0
        self._read = 0
        self.dropped = 0
        """Events lost because more than :data:`EVENT_CAPACITY` piled up between polls."""
        self._counts = np.zeros(max(EventKind) + 1, dtype=np.int64)

    def emit(self, kind: EventKind, value: float) -> None:
        """Record an event (audio thread)."""
        i = self._write % EVENT_CAPACITY
        self._kind[i] = kind
        self._frame[i] = self.frame
        self._value[i] = value
        self._counts[kind] += 1
        self._write += 1

    def poll(self) -> list[ProtectionEvent]:
        """Events since the last poll, oldest first (one consumer thread)."""
        write = self._write
        read = self._read
        if write - read > EVENT_CAPACITY:
            self.dropped += write - read - EVENT_CAPACITY
            read = write - EVENT_CAPACITY
        events = []
        for j in range(read, write):
            i = j % EVENT_CAPACITY
            events.append(
                ProtectionEvent(
                    EventKind(int(self._kind[i])), int(self._frame[i]), float(self._value[i])
                )
            )
        self._read = write
        return events

    def count(self, kind: EventKind) -> int:
        """How many events of ``kind`` were emitted since construction (exact, none dropped)."""
        return int(self._counts[kind])
