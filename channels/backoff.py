"""When to try the hub again after a lost connection: exponential backoff with jitter, sans-I/O.

A hub that restarts comes back to every client at once; if they all retried
on the same beat they would knock together, so each delay is drawn at random
within its step (``jitter``: the share of the step that is random, "equal
jitter" at 0.5). The first retry comes quickly (``initial_s``), because most
outages are short; the steps double up to ``maximum_s``, 2 s: a console left
alone during a long outage knocks once every one to two seconds (a hub with
a thousand of them takes that easily), and is back within about 2 s of the
hub's return however long it was away (issue 6 asks for 3 s). No clock and no sleeping here: the
caller asks for the next delay and waits itself, and passes the random source
(``random``: a function returning a float in [0, 1)) so tests are exact.
"""

from __future__ import annotations

import random as _random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

INITIAL_S: Final = 0.25
MAXIMUM_S: Final = 2.0
JITTER: Final = 0.5


@dataclass(slots=True)
class Backoff:
    """Delays before attempts 1, 2, 3...: ``initial_s`` doubling up to ``maximum_s``, jittered."""

    initial_s: float = INITIAL_S
    maximum_s: float = MAXIMUM_S
    jitter: float = JITTER
    random: Callable[[], float] = field(default=_random.random, repr=False)
    attempts: int = 0
    """Delays handed out since the last :meth:`reset` (the attempt the next delay leads to, -1)."""

    def __post_init__(self) -> None:
        if not 0 < self.initial_s <= self.maximum_s:
            raise ValueError("need 0 < initial_s <= maximum_s")
        if not 0 <= self.jitter <= 1:
            raise ValueError("jitter must be between 0 and 1")

    def step_s(self, attempt: int) -> float:
        """The un-jittered delay before attempt ``attempt`` (1 first)."""
        return min(self.maximum_s, self.initial_s * 2.0 ** min(attempt - 1, 64))

    def next_delay(self) -> float:
        """The delay before the next attempt; counts the attempt."""
        self.attempts += 1
        step = self.step_s(self.attempts)
        return step * (1.0 - self.jitter * self.random())

    def reset(self) -> None:
        """The connection is back: the next outage starts from ``initial_s`` again."""
        self.attempts = 0
