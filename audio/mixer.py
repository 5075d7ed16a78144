"""Mix mono inputs (floor, relay, booth partner...) into the interpreter's stereo headphones.

Each input of :class:`Mixer` has its own volume (the console's volume law,
:mod:`audio.volume`; :meth:`Mixer.set_volume` or :meth:`Mixer.set_gain`) and
its own ear (:meth:`Mixer.set_ear`: left, right or both; "both" is full gain
in each ear, not a pan law). Whoever produces an input writes its block
straight into :meth:`Mixer.input` (that input's row of the mixer's buffer);
then :meth:`Mixer.process` mixes, ramping any change of gain or ear over the
block. How, and why no pan law: docs/architecture.md, "Design notes".

Threads: the setters are for the UI thread; :meth:`Mixer.process` for the
audio thread. A change made while a block is mixed is picked up at the next
block rather than lost. Allocation-free per block.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.format import BLOCK
from audio.volume import block_ramp, position_to_gain


class Ear(StrEnum):
    """Where an input plays."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


_EAR_MASK: Final = {Ear.LEFT: (1.0, 0.0), Ear.RIGHT: (0.0, 1.0), Ear.BOTH: (1.0, 1.0)}


class Mixer:
    """``inputs`` mono blocks in, one ``(block, 2)`` stereo block out.

    Every input starts at unity gain (the nominal knob position) in both ears.
    """

    def __init__(self, inputs: int, *, block: int = BLOCK) -> None:
        if inputs < 1:
            raise ValueError("a mixer needs at least one input")
        self.inputs: Final = inputs
        self.block: Final = block
        self._x: Final = np.zeros((inputs, block), dtype=np.float32)
        self._xt: Final = self._x.T  # (block, inputs) view: BLAS takes it transposed, no copy
        self._rows: Final[tuple[npt.NDArray[np.float32], ...]] = tuple(self._x)
        self._out: Final = np.zeros((block, 2), dtype=np.float32)
        self._delta_out: Final = np.zeros((block, 2), dtype=np.float32)
        # (block, 2), not (block, 1): broadcasting a column makes numpy allocate iterator buffers
        self._ramp: Final = np.repeat(block_ramp(block)[:, None], 2, axis=1)
        self._gain = [1.0] * inputs
        self._ear = [Ear.BOTH] * inputs
        self._target: Final = np.ones((inputs, 2), dtype=np.float32)
        self._g0: Final = np.ones((inputs, 2), dtype=np.float32)
        self._g1: Final = np.ones((inputs, 2), dtype=np.float32)
        self._dg: Final = np.zeros((inputs, 2), dtype=np.float32)
        self._changed = False

    def input(self, index: int) -> npt.NDArray[np.float32]:
        """Input ``index``'s ``(block,)`` buffer: write its samples here before :meth:`process`.

        It keeps its content until overwritten: zero it (``buf.fill(0)``) when
        a source has nothing to play, or mute the input.
        """
        return self._rows[index]

    def gain(self, index: int) -> float:
        """The linear gain requested for input ``index``."""
        return self._gain[index]

    def ear(self, index: int) -> Ear:
        """Where input ``index`` plays."""
        return self._ear[index]

    def set_gain(self, index: int, gain: float) -> None:
        """Set input ``index``'s linear gain (>= 0). Any thread."""
        if not gain >= 0.0:
            raise ValueError("gain must be >= 0")
        self._gain[index] = float(gain)
        self._publish(index)

    def set_volume(self, index: int, position: float) -> None:
        """Set input ``index``'s volume from a control position in [0, 1] (0.7 = nominal)."""
        self.set_gain(index, position_to_gain(position))

    def set_ear(self, index: int, ear: Ear | str) -> None:
        """Route input ``index`` to the left ear, the right ear or both. Any thread."""
        self._ear[index] = Ear(ear)
        self._publish(index)

    def _publish(self, index: int) -> None:
        left, right = _EAR_MASK[self._ear[index]]
        g = self._gain[index]
        self._target[index] = (g * left, g * right)
        self._changed = True

    @property
    def output(self) -> npt.NDArray[np.float32]:
        """The last mixed block, ``(block, 2)`` (overwritten by the next :meth:`process`)."""
        return self._out

    def process(self, out: npt.NDArray[np.float32] | None = None) -> npt.NDArray[np.float32]:
        """Mix the input buffers into ``out`` (or :attr:`output`). Audio thread; no allocation."""
        if self._changed:
            self._changed = False  # before the copy: a change made after it is seen next block
            np.copyto(self._g1, self._target)
            np.subtract(self._g1, self._g0, out=self._dg)
            np.matmul(self._xt, self._g0, out=self._out)
            np.matmul(self._xt, self._dg, out=self._delta_out)
            np.multiply(self._delta_out, self._ramp, out=self._delta_out)
            np.add(self._out, self._delta_out, out=self._out)
            np.copyto(self._g0, self._g1)
        else:
            np.matmul(self._xt, self._g0, out=self._out)
        if out is None:
            return self._out
        np.copyto(out, self._out)
        return out
