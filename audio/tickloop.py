"""The engine's event loop: it sleeps until its next block is due, not until a packet comes.

Waking a thread is the dearest thing the engine does. On the 2-core virtual
machine the benchmarks run on, an asyncio wake-up that does nothing costs
about 110 us of the thread's CPU time (timer and scheduler work that the
kernel charges to the thread), ten times the cost of measuring a block.
An interpreter on air with two inputs has two media wake-ups per 10 ms block
(a capture block to encode, a playback block to make) and, with a loop that
wakes for every readable socket, two more for the packets of the two inputs,
which arrive at their own times.

Those packet wake-ups buy nothing: a packet is only needed when the next
playback block is made, and the loop wakes for that anyway. So the loop's
selector sleeps only on the file descriptors registered when the loop was
made (the loop's own wake-up pipe, which carries commands from the GUI and
results from worker threads, so commands are still taken at once), and
looks at every other socket, without waiting, each time it wakes. asyncio
runs the I/O callbacks of a wake-up before its due timers, so the hub link
(:mod:`channels.client`, which handles messages in its read callback) has
put every packet that arrived into its jitter buffer before the engine's
tick makes a block from it. A packet is stamped with the time it was read:
the jitter buffer then learns lateness in the playback clock's own steps,
which is what decides whether a packet is there when its block is made.

Sockets are never left longer than :data:`MAX_DEFER_S` unread, so a loop
with no block to make (no port, or a port that stopped) still answers the
hub's pings and reads its messages.
"""

from __future__ import annotations

import asyncio
import selectors
from collections.abc import Mapping
from typing import Any, Final

MAX_DEFER_S: Final = 0.02
"""The longest a readable socket waits for the loop to look (two blocks)."""


class TickSelector(selectors.BaseSelector):
    """A selector that wakes only for the descriptors it had when :meth:`freeze` was called.

    Every registration goes to the full selector, which :meth:`select`
    reads at once after each sleep; descriptors registered before
    :meth:`freeze` are also in the selector it sleeps on.
    """

    def __init__(self) -> None:
        self._all = selectors.DefaultSelector()
        self._prompt = selectors.DefaultSelector()
        self._frozen = False

    def freeze(self) -> None:
        """From now on, new descriptors do not wake the loop: they are read when it wakes."""
        self._frozen = True

    def register(self, fileobj: Any, events: int, data: Any = None) -> selectors.SelectorKey:
        key = self._all.register(fileobj, events, data)
        if not self._frozen:
            self._prompt.register(fileobj, events)
        return key

    def unregister(self, fileobj: Any) -> selectors.SelectorKey:
        key = self._all.unregister(fileobj)
        if key.fd in self._prompt.get_map():
            self._prompt.unregister(fileobj)
        return key

    def modify(self, fileobj: Any, events: int, data: Any = None) -> selectors.SelectorKey:
        key = self._all.modify(fileobj, events, data)
        if key.fd in self._prompt.get_map():
            self._prompt.modify(fileobj, events)
        return key

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        deferred = len(self._all.get_map()) > len(self._prompt.get_map())
        if deferred and (timeout is None or timeout > 0):
            wait = MAX_DEFER_S if timeout is None else min(timeout, MAX_DEFER_S)
            self._prompt.select(wait)
            return self._all.select(0)
        return self._all.select(timeout)

    def get_map(self) -> Mapping[Any, selectors.SelectorKey]:
        return self._all.get_map()

    def close(self) -> None:
        self._prompt.close()
        self._all.close()


def new_tick_loop() -> asyncio.AbstractEventLoop:
    """An event loop whose sockets are read when it wakes for its timers or commands."""
    selector = TickSelector()
    loop = asyncio.SelectorEventLoop(selector)
    selector.freeze()  # the loop's own wake-up pipe is in: it stays prompt
    return loop
