"""Bass and treble controls for what the interpreter hears (ISO 20109 asks for both).

:class:`ToneControl` is a low shelf at 250 Hz (bass) and a high shelf at
4 kHz (treble), each adjustable over +/-12 dB; 0 dB is an exact bypass.
Call :meth:`ToneControl.set_tone` from the UI thread: it designs the filter
there and publishes it by assigning one reference, which the audio thread
picks up at its next block (no lock; the audio thread never waits and never
designs; only the latest setting is taken). Call :meth:`ToneControl.process`
on the audio thread once per block; a change is cross-faded over one block,
without a click. Why these filters and how the change stays click-free:
docs/architecture.md, "Design notes".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.biquad import Biquad, high_shelf, low_shelf
from audio.blockfilter import BlockFilter
from audio.format import BLOCK, SAMPLE_RATE

BASS_HZ: Final = 250.0
TREBLE_HZ: Final = 4000.0
RANGE_DB: Final = 12.0


@dataclass(frozen=True, slots=True, eq=False)
class ToneSetting:
    """One published design; compared by identity (each :meth:`ToneControl.set_tone` makes one)."""

    bass_db: float
    treble_db: float
    filter: BlockFilter | None
    """None when both gains are 0 dB: the bypass."""


class ToneControl:
    """Bass/treble shelves over blocks of ``(block,)`` or ``(block, channels)`` samples."""

    def __init__(
        self,
        channels: int = 1,
        *,
        block: int = BLOCK,
        rate: int = SAMPLE_RATE,
        bass_hz: float = BASS_HZ,
        treble_hz: float = TREBLE_HZ,
        bass_db: float = 0.0,
        treble_db: float = 0.0,
    ) -> None:
        self.channels: Final = channels
        self.block: Final = block
        self.rate: Final = rate
        self.bass_hz: Final = bass_hz
        self.treble_hz: Final = treble_hz
        shape = (block,) if channels == 1 else (block, channels)
        self._prev: npt.NDArray[np.float32] = np.zeros(shape, dtype=np.float32)
        self._cur: npt.NDArray[np.float32] = np.zeros(shape, dtype=np.float32)
        self._old: Final = np.zeros(shape, dtype=np.float32)
        self._new: Final = np.zeros(shape, dtype=np.float32)
        n = np.arange(1, block + 1, dtype=np.float64)
        fade = 0.5 - 0.5 * np.cos(np.pi * n / block)  # reaches exactly 1 at the last sample
        fade32 = fade.astype(np.float32)
        # full (block, channels) shape: broadcasting a (block, 1) column allocates in numpy
        self._fade_in: Final = fade32 if channels == 1 else np.repeat(fade32[:, None], channels, 1)
        self._wanted = self._design(bass_db, treble_db)
        self._active = self._wanted

    def sections(self, bass_db: float, treble_db: float) -> list[Biquad]:
        """The shelves for a setting (none for a flat one); gains clamped to +/-12 dB."""
        bass_db = _clamp(bass_db)
        treble_db = _clamp(treble_db)
        out = []
        if bass_db != 0.0:
            out.append(low_shelf(self.bass_hz, bass_db, self.rate))
        if treble_db != 0.0:
            out.append(high_shelf(self.treble_hz, treble_db, self.rate))
        return out

    def _design(self, bass_db: float, treble_db: float) -> ToneSetting:
        sections = self.sections(bass_db, treble_db)
        filt = BlockFilter(sections, block=self.block, channels=self.channels) if sections else None
        return ToneSetting(_clamp(bass_db), _clamp(treble_db), filt)

    @property
    def setting(self) -> ToneSetting:
        """The latest published setting (what the audio thread is playing or about to)."""
        return self._wanted

    def set_tone(self, bass_db: float, treble_db: float) -> None:
        """Publish a new setting. Any thread but the audio thread: this designs filters."""
        self._wanted = self._design(bass_db, treble_db)

    def process(self, x: npt.NDArray[np.floating], out: npt.NDArray[np.float32]) -> None:
        """Filter one block into ``out`` (which may be ``x``). Audio thread; no allocation."""
        wanted = self._wanted  # read once: the UI thread may publish again meanwhile
        active = self._active
        if wanted is not active and wanted.filter is not None:
            wanted.filter.process(self._prev)  # warm-up on the previous block; output unused
        cur = self._cur
        np.copyto(cur, x)  # x may be out: keep the input for the next block's warm-up
        if wanted is active:
            _run(active, cur, out)
        else:
            _run(active, cur, self._old)
            _run(wanted, cur, self._new)
            np.subtract(self._new, self._old, out=self._new)
            np.multiply(self._new, self._fade_in, out=self._new)
            np.add(self._old, self._new, out=out)
            self._active = wanted
        self._cur, self._prev = self._prev, cur


def _run(setting: ToneSetting, x: npt.NDArray[np.float32], out: npt.NDArray[np.float32]) -> None:
    if setting.filter is None:
        np.copyto(out, x)
    else:
        setting.filter.process(x, out)


def _clamp(gain_db: float) -> float:
    return float(min(max(gain_db, -RANGE_DB), RANGE_DB))
