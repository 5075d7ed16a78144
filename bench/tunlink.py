"""A network link in user space between the root namespace and another one: ``tc netem``'s job.

Where the kernel has no ``sch_netem`` (``tc qdisc add ... netem`` answers
"Specified qdisc kind is unknown", as in some VM kernels), this process
stands in for it: it opens two TUN devices, keeps one in the root
namespace (the clients' side, ``PREFIX.2``) and moves the other into the
namespace ``--netns`` (the hub's side, ``PREFIX.1``), and carries every IP
packet between them itself. The packets are the kernels' own (TCP with its
real retransmissions, ACKs and windows); only the wire is emulated, as
netem does, in each direction on its own:

- a delay of ``delay_ms`` plus a uniform random ``[-jitter_ms, +jitter_ms]``
  per packet (packets may overtake each other, as with netem's jitter);
- independent random loss with probability ``loss``;
- a rate cap (``rate_bps``): packets leave one after the other at that rate
  (netem's ``rate``), so a burst queues;
- ``down`` on standard input drops everything in both directions until
  ``up`` (a link outage; netem's ``loss 100%``).

It prints one JSON line ``{"ready": true, ...}`` once the link carries
packets, then one line per command it carried out, with the
``time.monotonic()`` at which it did. End of input: it exits, and the
devices vanish with their file descriptors (TUN devices are not
persistent), so nothing is left behind even if the benchmark dies.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import heapq
import json
import os
import random
import select
import struct
import subprocess
import sys
import time
from dataclasses import dataclass, field

_TUNSETIFF = 0x400454CA
_IFF_TUN = 0x0001
_IFF_NO_PI = 0x1000
_MTU_READ = 65536


def open_tun(name: str) -> int:
    """A new (non-persistent) TUN device ``name``; its file descriptor, non-blocking."""
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    try:
        fcntl.ioctl(fd, _TUNSETIFF, struct.pack("16sH", name.encode(), _IFF_TUN | _IFF_NO_PI))
    except OSError:
        os.close(fd)
        raise
    return fd


def ip(*args: str, netns: str | None = None) -> None:
    """Run ``ip ARGS`` (in ``netns``); raise with its message if it fails."""
    command = ["ip", "netns", "exec", netns, "ip", *args] if netns else ["ip", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.strip()}")


@dataclass(slots=True)
class Direction:
    """One direction of the wire: its own random draws and its rate-cap queue."""

    out_fd: int
    rng: random.Random
    free_at: float = 0.0
    """When the (rate-capped) wire is free for the next packet."""
    sent: int = 0
    dropped: int = 0


@dataclass(slots=True)
class Wire:
    delay_s: float
    jitter_s: float
    loss: float
    rate_bps: float
    down: bool = False
    queue: list[tuple[float, int, int, bytes]] = field(default_factory=list)
    _order: int = 0

    def take(self, direction: Direction, packet: bytes, now: float) -> None:
        """A packet entered the wire at ``now``: lose it, or schedule its delivery."""
        if self.down or direction.rng.random() < self.loss:
            direction.dropped += 1
            return
        leave = now
        if self.rate_bps:
            leave = max(now, direction.free_at) + 8 * len(packet) / self.rate_bps
            direction.free_at = leave
        spread = direction.rng.uniform(-self.jitter_s, self.jitter_s) if self.jitter_s else 0.0
        due = leave + max(0.0, self.delay_s + spread)
        self._order += 1
        heapq.heappush(self.queue, (due, self._order, direction.out_fd, packet))
        direction.sent += 1

    def deliver(self, now: float) -> float | None:
        """Write every packet that is due; return the seconds until the next one, if any."""
        queue = self.queue
        while queue and queue[0][0] <= now:
            _, _, fd, packet = heapq.heappop(queue)
            with contextlib.suppress(OSError):  # the device is gone or full: the packet is lost
                os.write(fd, packet)
        return queue[0][0] - now if queue else None


def run(args: argparse.Namespace) -> None:
    near, far = args.names
    near_fd, far_fd = open_tun(near), open_tun(far)
    ip("link", "set", far, "netns", args.netns)
    ip("addr", "add", f"{args.prefix}.2", "peer", f"{args.prefix}.1", "dev", near)
    ip("link", "set", near, "up")
    ip("addr", "add", f"{args.prefix}.1", "peer", f"{args.prefix}.2", "dev", far, netns=args.netns)
    ip("link", "set", far, "up", netns=args.netns)
    ip("link", "set", "lo", "up", netns=args.netns)
    wire = Wire(args.delay_ms / 1000, args.jitter_ms / 1000, args.loss, args.rate_bps)
    seeds = random.Random(args.seed)
    # Packets read from the near device go out of the far one, and back.
    directions = {
        near_fd: Direction(far_fd, random.Random(seeds.random())),
        far_fd: Direction(near_fd, random.Random(seeds.random())),
    }
    stdin = sys.stdin.fileno()
    print(json.dumps({"ready": True, "near": near, "far": far}), flush=True)
    pending = b""
    timeout: float | None = None
    while True:
        readable, _, _ = select.select([near_fd, far_fd, stdin], [], [], timeout)
        now = time.monotonic()
        for fd in readable:
            if fd == stdin:
                chunk = os.read(stdin, 4096)
                if not chunk:
                    return
                pending += chunk
                while b"\n" in pending:
                    line, _, pending = pending.partition(b"\n")
                    command = line.strip().decode()
                    if command in ("down", "up"):
                        wire.down = command == "down"
                        print(json.dumps({command: time.monotonic()}), flush=True)
                    elif command == "stats":
                        counts = {
                            "to_hub": [directions[near_fd].sent, directions[near_fd].dropped],
                            "to_clients": [directions[far_fd].sent, directions[far_fd].dropped],
                        }
                        print(json.dumps(counts), flush=True)
                continue
            direction = directions[fd]
            while True:
                try:
                    packet = os.read(fd, _MTU_READ)
                except BlockingIOError:
                    break
                wire.take(direction, packet, now)
        timeout = wire.deliver(time.monotonic())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.tunlink", description=__doc__)
    parser.add_argument("--netns", required=True, help="namespace of the far side (the hub)")
    parser.add_argument("--prefix", required=True, help="first three bytes of the addresses")
    parser.add_argument(
        "--names", nargs=2, required=True, metavar=("NEAR", "FAR"), help="the two devices' names"
    )
    parser.add_argument("--delay-ms", type=float, default=0.0)
    parser.add_argument("--jitter-ms", type=float, default=0.0)
    parser.add_argument("--loss", type=float, default=0.0, help="probability, 0..1")
    parser.add_argument("--rate-bps", type=float, default=0.0, help="0: no cap")
    parser.add_argument("--seed", type=int, default=1)
    run(parser.parse_args(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
