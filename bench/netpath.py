"""An impaired network path between the hub's namespace and the clients, with real packets.

:class:`NetnsLink` makes a network namespace for the hub and joins it to the
root namespace (where the clients run) by a link whose two directions each
get the same :class:`Condition`, applied to the kernels' real IP packets:

- ``"netem"``: a veth pair with ``tc qdisc ... netem`` on both ends, when
  the kernel has ``sch_netem``;
- ``"tun"``: otherwise, two TUN devices joined by :mod:`bench.tunlink`, a
  process that does netem's job in user space (same model: delay with
  uniform jitter, independent loss, rate, outage).

:func:`why_no_namespaces` says why namespaces cannot be used here (not
root, no ``ip``, ``ip netns add`` refused), or None: then the caller falls
back to the in-process model (:mod:`channels.linkmodel`) and says so. Every
namespace, device and process is removed on exit, failure included; the
TUN devices also vanish if this process is killed, and namespaces left by a
killed run are removed by the next one (:func:`remove_stale`).
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Literal

from tests.rig.child import JsonChild

LinkMode = Literal["netem", "tun"]
_PREFIX = "rsn"
"""Namespaces made here are named rsn<pid>-<n>: the pid tells a stale one."""
_counter = itertools.count(1)


@dataclass(frozen=True, slots=True)
class Condition:
    """What the path does to each packet, in each direction."""

    name: str
    delay_ms: float = 0.0
    jitter_ms: float = 0.0
    """Uniform in [-jitter, +jitter] around the delay (netem's ``delay D J``)."""
    loss: float = 0.0
    """Independent loss probability, 0..1."""
    rate_bps: float = 0.0
    """Rate cap in bit/s; 0 for none."""
    outage_s: float = 0.0
    """A total outage of this length (both directions); 0 for none."""
    outage_at_s: float = 4.0
    """When the outage starts, from the start of the stream."""

    def netem_args(self, *, down: bool = False) -> list[str]:
        args: list[str] = []
        if self.delay_ms or self.jitter_ms:
            args += ["delay", f"{self.delay_ms:g}ms", f"{self.jitter_ms:g}ms"]
        loss = 1.0 if down else self.loss
        if loss:
            args += ["loss", f"{100 * loss:g}%"]
        if self.rate_bps:
            args += ["rate", f"{self.rate_bps:.0f}bit"]
        return args


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


def _must(*command: str) -> None:
    done = _run(*command)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.strip()}")


def why_no_namespaces() -> str | None:
    """Why network namespaces cannot be used here, or None if they can."""
    if os.geteuid() != 0:
        return "not root: network namespaces need CAP_NET_ADMIN"
    if shutil.which("ip") is None:
        return "`ip` (iproute2) is not installed"
    name = f"{_PREFIX}{os.getpid()}-probe"
    done = _run("ip", "netns", "add", name)
    if done.returncode:
        return f"`ip netns add` failed: {done.stderr.strip()}"
    _run("ip", "netns", "del", name)
    return None


def netem_works(netns: str) -> bool:
    """Does this kernel have sch_netem? (Tried on the namespace's loopback.)"""
    if shutil.which("tc") is None:
        return False
    done = _run("ip", "netns", "exec", netns, "tc", "qdisc", "add", "dev", "lo", "root", "netem")
    if done.returncode:
        return False
    _run("ip", "netns", "exec", netns, "tc", "qdisc", "del", "dev", "lo", "root")
    return True


def remove_stale() -> None:
    """Delete namespaces that a killed run of this module left behind."""
    done = _run("ip", "netns", "list")
    for line in done.stdout.splitlines():
        name = line.split()[0] if line.split() else ""
        pid = name[len(_PREFIX) :].partition("-")[0]
        if name.startswith(_PREFIX) and pid.isdigit() and not Path(f"/proc/{pid}").exists():
            _run("ip", "netns", "del", name)


class NetnsLink:
    """The hub's namespace and the impaired link to it; a context manager."""

    def __init__(self, condition: Condition, *, seed: int = 1) -> None:
        self.condition = condition
        self.seed = seed
        n = next(_counter)
        pid = os.getpid()
        self.netns = f"{_PREFIX}{pid}-{n}"
        self.prefix = f"10.213.{(pid * 7 + n) % 250 + 1}"
        self._devices = (f"rv{pid % 1_000_000}{n}n", f"rv{pid % 1_000_000}{n}f")
        self.mode: LinkMode = "tun"
        self._tunlink: JsonChild | None = None

    @property
    def hub_host(self) -> str:
        return f"{self.prefix}.1"

    @property
    def hub_prefix(self) -> tuple[str, ...]:
        """What runs a command in the hub's namespace."""
        return ("ip", "netns", "exec", self.netns)

    def __enter__(self) -> NetnsLink:
        remove_stale()
        _must("ip", "netns", "add", self.netns)
        try:
            if netem_works(self.netns):
                self.mode = "netem"
                self._veth()
            else:
                self.mode = "tun"
                self._start_tunlink()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _veth(self) -> None:
        near, far = self._devices
        _must("ip", "link", "add", near, "type", "veth", "peer", "name", far)
        _must("ip", "link", "set", far, "netns", self.netns)
        _must("ip", "addr", "add", f"{self.prefix}.2/30", "dev", near)
        _must("ip", "link", "set", near, "up")
        inside = self.hub_prefix
        _must(*inside, "ip", "addr", "add", f"{self.prefix}.1/30", "dev", far)
        _must(*inside, "ip", "link", "set", far, "up")
        _must(*inside, "ip", "link", "set", "lo", "up")
        self._qdisc("add", down=False)

    def _qdisc(self, verb: str, *, down: bool) -> None:
        near, far = self._devices
        args = ["qdisc", verb, "dev"]
        netem = ["root", "netem", *self.condition.netem_args(down=down)]
        _must("tc", *args, near, *netem)
        _must(*self.hub_prefix, "tc", *args, far, *netem)

    def _start_tunlink(self) -> None:
        c = self.condition
        self._tunlink = JsonChild(
            [
                sys.executable, "-m", "bench.tunlink", "--netns", self.netns,
                "--prefix", self.prefix, "--names", *self._devices,
                "--delay-ms", str(c.delay_ms), "--jitter-ms", str(c.jitter_ms),
                "--loss", str(c.loss), "--rate-bps", str(c.rate_bps), "--seed", str(self.seed),
            ],
            what="the user-space link (bench.tunlink)",
        )  # fmt: skip
        self._tunlink.line(10.0)

    def set_down(self, down: bool) -> float:
        """Cut the link (both directions) or restore it; the ``time.monotonic()`` it took effect."""
        if self.mode == "netem":
            self._qdisc("change", down=down)
            return time.monotonic()
        assert self._tunlink is not None
        command = "down" if down else "up"
        return float(self._tunlink.command(command)[command])

    def close(self) -> None:
        if self._tunlink is not None:
            self._tunlink.stop()
            self._tunlink = None
        if self.mode == "netem":
            _run("ip", "link", "del", self._devices[0])
        _run("ip", "netns", "del", self.netns)
