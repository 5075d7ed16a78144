"""An asyncio event loop whose timers fire when they are due, not up to 1 ms after.

On Linux asyncio waits in ``epoll_wait``, whose timeout is in whole
milliseconds, rounded up (:class:`selectors.EpollSelector`): a timer due in
3.2 ms fires after 4 ms. The engine wakes at each tick of its port's clock
to take a capture block and make a playback block (:mod:`audio.clock`), so
that rounding made each wake-up 0-1 ms late: the microphone's packets left
as much later, and unevenly (the listener's jitter target learned it), and
the playback lead (:mod:`audio.lead`) had to cover it.

:func:`precise_loop` gives the engine a loop whose selector waits in
``select()`` (microseconds) on the epoll object's own descriptor, then reads
what epoll has without waiting: one more system call a wake-up. Where epoll's
descriptor is past ``select()``'s limit (a process with over 1,024 files
open), it waits as asyncio does. Figures: bench/README.md, "pipeline_latency".
"""

from __future__ import annotations

import asyncio
import select
import selectors
import sys


class PreciseSelector(selectors.EpollSelector):
    """An epoll selector that waits with microsecond timeouts (see the module documentation)."""

    def __init__(self) -> None:
        super().__init__()
        self.precise = True
        """False once ``select()`` refused epoll's descriptor: then as precise as epoll."""

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        if self.precise and timeout is not None and timeout > 0:
            try:
                select.select([self.fileno()], [], [], timeout)
            except ValueError:  # a descriptor number past FD_SETSIZE
                self.precise = False
            else:
                timeout = 0  # something is ready, or the time has come: take what is there
        return super().select(timeout)


def precise_loop() -> asyncio.AbstractEventLoop:
    """A new event loop for the engine's thread: with :class:`PreciseSelector` on Linux,
    the default one elsewhere (kqueue's waits are not rounded to milliseconds)."""
    if sys.platform == "linux":
        return asyncio.SelectorEventLoop(PreciseSelector())
    return asyncio.new_event_loop()
