"""What a gateway needs of a platform: the contract every platform's side keeps.

A gateway (``rsi-gateway``) joins another platform's meeting through one
:class:`PlatformSide`: it hears that meeting's sound (the hub's floor) and
speaks each interpretation channel into the place the platform gives it (a
Janus room, a Mumble channel, a virtual audio device). Each platform kind
provides an :data:`Opener`; the gateway calls it again to reconnect whenever
:meth:`PlatformSide.wait_ended` returns, while its hub side keeps running.

Sound crosses the boundary in 10 ms blocks: ``(BLOCK,)`` float32 at
:data:`audio.format.SAMPLE_RATE`, mono.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

FloorSink = Callable[[npt.NDArray[np.float32], float], None]
"""Takes one 10 ms block of the platform meeting's sound and its arrival (``time.monotonic()``).

A side may call it from any thread (a sound card's callback among them): it
must return at once, allocate nothing and keep nothing of the block, which is
valid during the call only.
"""

FloorSource = Callable[[npt.NDArray[np.float32], float], None]
"""Writes the platform meeting's sound for the 10 ms block taken at the given time
(``time.monotonic()``) into the ``(BLOCK,)`` array, on the thread of the sink's clock: it must
return at once."""


@runtime_checkable
class PullingSink(Protocol):
    """A :data:`FloorSink` with a clock of its own, which may ask for each block instead.

    A side that keeps a playout buffer of its own (Mumble's per-speaker
    mixer) gives it a source rather than pushing on a second clock: one wait
    for a tick, not two.
    """

    def __call__(self, block: npt.NDArray[np.float32], arrival: float) -> None: ...

    def pull(self, source: FloorSource | None) -> None:
        """Take each block from ``source`` from now on; None: back to pushed blocks.

        The side that gave a source gives None when it closes.
        """
        ...


class PlatformError(Exception):
    """The platform side could not be opened; ``str()`` is one line for the user.

    The line says what failed and what to do next. :attr:`exit_code` is the
    program's exit status for it, as ``rsi-bot``'s: 3 could not join, 4 the
    meeting refused what was asked.
    """

    exit_code: int = 3


class PlatformUnreachable(PlatformError):
    """No answer from the platform's address (or the device is missing): check it and retry."""


class LoginRefused(PlatformError):
    """The platform refused our credentials (password, secret, certificate)."""


class NoSuchPlace(PlatformError):
    """A room, channel or device named in the arguments does not exist on the platform."""

    exit_code = 4


class PlatformSide(Protocol):
    """One platform meeting, joined; made by an :data:`Opener`."""

    @property
    def platform(self) -> str:
        """The platform kind (``"janus"``, ``"mumble"``, ``"device"``): what a coordinator sees."""
        ...

    def speak(self, channel: str, block: npt.NDArray[np.float32]) -> None:
        """Speak one 10 ms block of the hub's ``channel`` into its place on the platform.

        Called every 10 ms per channel, on the thread whose event loop opened
        the side; it never blocks. A channel with no place on the platform is
        a programming error (the opener was told every channel).
        """
        ...

    def figures(self) -> Mapping[str, int | float]:
        """Counters for the one-line health figures at exit (packets in and out, lost...)."""
        ...

    async def wait_ended(self) -> str:
        """Wait until the side ends by itself (link lost, room gone); why, in a sentence."""
        ...

    async def close(self) -> None:
        """Leave the platform meeting; idempotent."""
        ...


Opener = Callable[[FloorSink], Awaitable[PlatformSide]]
"""Joins the platform meeting, its sound to the sink; a :class:`PlatformError` if it cannot."""
