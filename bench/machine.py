"""What this machine is busy with, from /proc: a process's CPU time, all cores', and quiet.

A benchmark's figures are only meaningful on an idle machine: each one waits for
quiet first (:func:`wait_until_quiet`) and says how busy the rest of the machine was
during its window, from :func:`machine_ticks` and :func:`cpu_seconds`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Final

CLK_TCK: Final = os.sysconf("SC_CLK_TCK")
"""Clock ticks per second, the unit of /proc's CPU times."""


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process, from /proc/<pid>/stat (fields 14 and 15)."""
    with open(f"/proc/{pid}/stat", "rb") as f:
        text = f.read()
    # The command name (field 2) may hold spaces and parentheses: split after it.
    fields = text[text.rindex(b")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def machine_ticks() -> tuple[int, int]:
    """(busy, softirq) clock ticks of all cores together, from /proc/stat."""
    with open("/proc/stat", "rb") as f:
        fields = [int(x) for x in f.readline().split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return user + nice + system + irq + softirq + steal, softirq


def wait_until_quiet(max_wait_s: float, busy_percent: float, log: Callable[[str], None]) -> float:
    """Wait until the machine is idle (other work would skew the figures); return its load.

    Samples /proc/stat once a second until all cores together are busy less than
    ``busy_percent`` of one core, or ``max_wait_s`` has passed; says what it waits for
    through ``log``.
    """
    deadline = time.monotonic() + max_wait_s
    while True:
        before = machine_ticks()[0]
        time.sleep(1.0)
        busy = 100 * (machine_ticks()[0] - before) / CLK_TCK
        if busy < busy_percent:
            return busy
        if time.monotonic() >= deadline:
            log(f"the machine stays busy ({busy:.0f} % of a core besides this run): figures skewed")
            return busy
        log(f"waiting for the machine to be idle ({busy:.0f} % of a core busy)")
