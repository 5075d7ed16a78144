"""``rsi-gateway``: a meeting on another platform, bridged to the hub on ``rsi-bot``'s engine.

The gateway joins the platform's meeting through a
:class:`~channels.platforms.link.PlatformSide` and the hub with a
``gateway``-role token. The platform meeting's sound is its microphone,
published as the hub's floor at the platform's level (no gain, no AGC); each
``--channel LANG=PLACE`` is spoken, on its own (no other channel mixed in, no
hearing protection, no ear), into its place on the platform::

    rsi-gateway janus --url HUB_URL --token TOKEN --janus ws://HOST:8188/ --room ROOM \\
        [--channel LANG=ROOM ...] [--room-secret S]

One subcommand per platform kind, each registered in :data:`KINDS` with the
module that provides it: ``add_arguments(parser)`` adds the kind's own
options, and ``opener(args)`` returns the kind's
:data:`~channels.platforms.link.Opener` and each channel's place (hub
channel -> place), or raises ``ValueError`` with a sentence for bad
arguments. The options every kind shares (``--url``, ``--token``,
``--channel``...) are added here; ``args.channel`` is a list of
``(LANG, PLACE)``. Two commands join nothing: ``rsi-gateway devices`` lists
the devices a device gateway can use, and ``rsi-gateway device --setup
--channel LANG=...`` makes them (:mod:`audio.devicegateway`).

:class:`Gateway` is the reusable part (a :class:`~programs.bot.Bot` whose
port is a :class:`~audio.gateway.GatewayPort`): both sides reconnect by
themselves and keep the other running. Exit codes and output are
``rsi-bot``'s: 0 done; 2 bad arguments; 3 could not join a side (platform
unreachable, login refused, hub unreachable or token refused) or lost the
hub for good; 4 refused (no such room or channel, the floor's air refused);
one JSON line of figures on stdout whenever it joined, errors one line each
on stderr. SIGINT and SIGTERM stop it.

Delay the gateway adds (goal: 30 ms at the median each way; bench
``gateway_delay`` measures it): platform to hub, the floor ring's wait for
the port's tick (0-10 ms, and 10 ms more for the second block of a 20 ms
platform packet), the engine's capture (about 1 ms) and its 10 ms Opus
frame; hub to platform, the engine's jitter buffer (learned, as any
listener's), its render (0-10 ms after a packet arrives), up to
:data:`SPEAK_POLL_S` in the tap, then the platform's own packing (Janus: 20 ms
packets). Threads and the path of a block: docs/architecture.md, "The gateway".
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import json
import logging
import signal
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Protocol, cast

import numpy as np

from audio.config import MAX_INPUTS
from audio.devicegateway import list_devices, setup
from audio.format import BLOCK
from audio.gateway import GatewayPort
from channels.identity import printable
from channels.meeting import FLOOR
from channels.platforms.link import Opener, PlatformError, PlatformSide
from programs.bot import EXIT_CONNECTION, EXIT_USAGE, Bot, BotConfig, BotError, Outages

KINDS: Final = {
    "janus": "channels.platforms.janus.gateway",
    "mumble": "channels.platforms.mumble.gateway",
    "device": "audio.devicegateway",
}
"""Platform kind -> the module that provides it (a :class:`PlatformKind`): one line each."""
DEVICES: Final = "devices"
"""The command that lists the devices of ``rsi-gateway device``."""
TAP_BLOCKS: Final = 16
SPEAK_POLL_S: Final = 0.005
"""How often the loop takes the channels' blocks from the engine and speaks them."""
REOPEN_FIRST_S: Final = 0.5
REOPEN_MAX_S: Final = 8.0
"""The platform side is opened again 0.5 s after it ended, then twice as late each time, up
to this."""


class PlatformKind(Protocol):
    """What a platform kind's module provides (see the module docstring)."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def opener(self, args: argparse.Namespace) -> tuple[Opener, dict[str, str]]: ...


@dataclass(frozen=True, slots=True)
class GatewayConfig:
    """What one gateway bridges. ``channels``: hub channel -> its place on the platform."""

    url: str
    token: str
    platform: str
    """The platform kind (``"janus"``), named in hello's ``platform`` (a coordinator sees it)
    and ``client`` (``rsi-gateway/<platform>``)."""
    channels: Mapping[str, str] = field(default_factory=dict)
    ca_file: str | None = None
    allow_insecure: bool = False
    join_timeout_s: float = 10.0
    reopen_first_s: float = REOPEN_FIRST_S
    reopen_max_s: float = REOPEN_MAX_S


class Gateway:
    """A platform meeting and the hub, bridged. On one asyncio loop::

        gateway = Gateway(GatewayConfig(url, token, "janus", {"fr": "1002"}), opener)
        await gateway.start()  # PlatformError or BotError: nothing left running
        await gateway.run(duration)  # or until request_stop(), or the hub lost for good
        figures = await gateway.stop()

    The side is opened on the caller's loop, and :meth:`PlatformSide.speak`
    called there. While the side is away (its ``wait_ended`` returned) the
    opener is called again with a growing backoff, the floor is silence and
    the channels' blocks are dropped, all counted in the figures; the engine
    reconnects to the hub by itself and takes the floor's air back.
    """

    def __init__(
        self,
        config: GatewayConfig,
        opener: Opener,
        notices: Callable[[str], None] | None = None,
    ) -> None:
        self.config = config
        self.port = GatewayPort()
        self.bot = Bot(
            BotConfig(
                config.url,
                config.token,
                listen=tuple(config.channels),
                mic=FLOOR,
                join_timeout_s=config.join_timeout_s,
                ca_file=config.ca_file,
                allow_insecure=config.allow_insecure,
                client=f"rsi-gateway/{config.platform}",
                platform=config.platform,
                tap_blocks=TAP_BLOCKS,
            ),
            notices,
            port=self.port,
        )
        self.notices = self.bot.notices
        self.side: PlatformSide | None = None
        """The platform side while it is open."""
        self._opener = opener
        self._dropped = dict.fromkeys(config.channels, 0)
        self._away = Outages()
        self._side_totals: dict[str, float] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._speak_failed = 0

    @property
    def lost(self) -> str | None:
        """Why the hub was lost for good during :meth:`run`, if it was."""
        return self.bot.lost

    async def start(self) -> None:
        """Join the platform meeting, then the hub. Raises PlatformError or BotError."""
        self.side = await self._opener(self.port.floor_sink)
        loop = asyncio.get_running_loop()
        self._tasks.append(loop.create_task(self._speak(), name="gateway speaker"))
        try:
            await asyncio.to_thread(self.bot.start)
        except BaseException:
            await self._end_tasks()
            await self._close_side()
            raise
        self._tasks.append(loop.create_task(self._keep_side(), name="gateway side keeper"))

    async def run(self, duration: float | None = None) -> None:
        """Bridge until ``duration`` has passed, :meth:`request_stop`, or the hub is lost."""
        await asyncio.to_thread(self.bot.run, duration)

    def request_stop(self) -> None:
        """End :meth:`run` (any thread, a signal handler too)."""
        self.bot.request_stop()

    async def stop(self) -> dict[str, Any]:
        """Leave both meetings; the figures: the bot's, then the platform side's and ours."""
        await self._end_tasks()
        await self._close_side()
        figures = await asyncio.to_thread(self.bot.stop)
        for unplayed in ("seconds_played", "seconds_recorded"):  # a bot's files: none here
            del figures[unplayed]
        taps = self.bot.engine.taps
        return figures | {
            "platform": self.config.platform,
            "platform_outages": self._away.count,
            "seconds_platform_away": round(self._away.total_s(time.monotonic()), 3),
            "floor_missing_blocks": self.port.floor_missing,
            "floor_dropped_blocks": self.port.floor_dropped,
            "channel_blocks_dropped": self._dropped,
            "speak_failed": self._speak_failed,
            "channel_blocks_overrun": {
                channel: tap.overruns
                for channel, tap in zip(self.config.channels, taps, strict=False)
            },
            "side": self._side_totals,
        }

    # -- the loop's tasks ---------------------------------------------------------------------

    async def _speak(self) -> None:
        """Each channel's blocks, as the engine rendered them, to the side (dropped while away)."""
        block = np.zeros(BLOCK, dtype=np.float32)
        pairs = list(zip(self.config.channels, self.bot.engine.taps, strict=False))
        dropped = self._dropped
        while True:
            await asyncio.sleep(SPEAK_POLL_S)
            side = self.side
            for channel, tap in pairs:
                while len(tap):
                    tap.pop_into(block)
                    if side is None:
                        dropped[channel] += 1
                        continue
                    try:
                        side.speak(channel, block)
                    except Exception as exc:  # a side's bug costs its blocks, not the bridge
                        dropped[channel] += 1
                        if not self._speak_failed:
                            self.notices(f"the {side.platform} side failed to speak ({exc!r})")
                        self._speak_failed += 1

    async def _keep_side(self) -> None:
        """Open the side again whenever it ends, with a growing backoff; the hub side runs on."""
        platform = self.config.platform
        while (side := self.side) is not None:
            reason = await side.wait_ended()
            began = time.monotonic()
            self._away.begin(began)
            await self._close_side()
            self.notices(f"lost the {platform} side ({reason}); opening it again")
            delay = self.config.reopen_first_s
            while self.side is None:
                await asyncio.sleep(delay)
                try:
                    self.side = await self._opener(self.port.floor_sink)
                except Exception as exc:  # a PlatformError, or a side's bug: try again
                    delay = min(2 * delay, self.config.reopen_max_s)
                    why = str(exc) if isinstance(exc, PlatformError) else repr(exc)
                    self.notices(f"{why}; trying again in {delay:g} s")
            outage = time.monotonic() - began
            self._away.end(outage)
            self.notices(f"the {platform} side is back after {outage:.2f} s")

    async def _close_side(self) -> None:
        side, self.side = self.side, None
        if side is None:
            return
        totals = self._side_totals
        for name, value in side.figures().items():
            totals[name] = totals.get(name, 0) + value
        with contextlib.suppress(Exception):  # leaving a platform that is gone may fail
            await side.close()

    async def _end_tasks(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()


# --- Command line ------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.kind == DEVICES:
        return _print(list_devices)
    if getattr(args, "setup", False):  # rsi-gateway device --setup: the devices, made
        return _print(lambda: [setup([lang for lang, _ in args.channel])])
    unplaced = [channel for channel, place in args.channel if not place]
    if unplaced:
        parser.exit(
            EXIT_USAGE,
            f"rsi-gateway {args.kind}: --channel {unplaced[0]} needs its place on the platform: "
            f"--channel {unplaced[0]}=PLACE\n",
        )
    missing = [option for option in ("url", "token") if getattr(args, option) is None]
    if missing:
        parser.exit(
            EXIT_USAGE,
            f"rsi-gateway {args.kind}: "
            + " and ".join(f"--{option}" for option in missing)
            + " required (the hub, and the gateway's token)\n",
        )
    if args.duration is not None and not args.duration > 0:
        return _fail(f"--duration must be positive, not {args.duration}", EXIT_USAGE)
    kind: PlatformKind = args.platform_kind
    logging.basicConfig(level=logging.WARNING, handlers=[_SayLogged()])
    try:
        opener, places = kind.opener(args)
    except ValueError as exc:
        return _fail(str(exc), EXIT_USAGE)
    if len(places) > MAX_INPUTS:
        return _fail(
            f"a gateway speaks at most {MAX_INPUTS} channels, not {len(places)}: "
            "run a second gateway for the others",
            EXIT_USAGE,
        )
    config = GatewayConfig(
        url=args.url,
        token=args.token,
        platform=args.kind,
        channels=places,
        ca_file=args.ca,
        allow_insecure=args.allow_insecure,
    )
    return asyncio.run(_run(Gateway(config, opener, notices=_say), args.duration))


async def _run(gateway: Gateway, duration: float | None) -> int:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, gateway.request_stop)
    try:
        await gateway.start()
    except (PlatformError, BotError) as exc:
        return _fail(str(exc), exc.exit_code)
    try:
        await gateway.run(duration)
    finally:
        print(json.dumps(await gateway.stop()), flush=True)
    if gateway.lost is not None:
        return _fail(gateway.lost, EXIT_CONNECTION)
    return 0


def _print(lines: Callable[[], list[str]]) -> int:
    """Print what ``lines`` returns, one line each; or its PlatformError, in one line."""
    try:
        found = lines()
    except PlatformError as exc:
        return _fail(str(exc), exc.exit_code)
    print("\n".join(found), flush=True)
    return 0


def _say(line: str) -> None:
    """One line on stderr; text from the hub or the platform cannot drive the terminal."""
    print(f"rsi-gateway: {printable(line)}", file=sys.stderr)


class _SayLogged(logging.Handler):
    """What a platform side logs (a loop stopped, say) on stderr as the gateway's own lines."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            _say(record.getMessage())
        except Exception:
            self.handleError(record)


def _fail(sentence: str, code: int) -> int:
    _say(sentence)
    return code


def channel_place(text: str) -> tuple[str, str]:
    """``LANG=PLACE`` (argparse's ``type``): the hub channel and its place on the platform.

    ``LANG`` alone gives an empty place: enough for ``device --setup``, which
    names the places itself; :func:`main` refuses it anywhere else.
    """
    channel, sep, place = text.partition("=")
    if not channel or (sep and not place):
        raise argparse.ArgumentTypeError(f"expected LANG=PLACE (fr=1002), not {text!r}")
    return channel, place


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rsi-gateway",
        description="Bridge a meeting on another platform to the hub: its sound is the "
        "floor, and each interpretation channel is spoken into its place on the platform. "
        "Prints its figures as JSON at exit.",
    )
    kinds = parser.add_subparsers(dest="kind", required=True, metavar="COMMAND")
    for name, module in KINDS.items():
        kind = cast(PlatformKind, importlib.import_module(module))
        doc = (importlib.import_module(module).__doc__ or name).strip().splitlines()[0]
        sub = kinds.add_parser(name, help=doc, description=doc)
        sub.add_argument("--url", help="the hub, ws://host:port/v1 (required)")
        sub.add_argument("--token", help="the gateway's token, role gateway (required)")
        sub.add_argument(
            "--channel",
            type=channel_place,
            action="append",
            default=[],
            metavar="LANG=PLACE",
            help="speak the hub's channel LANG into PLACE on the platform (repeat for each)",
        )
        sub.add_argument(
            "--duration", type=float, metavar="S", help="seconds to run (default: until Ctrl-C)"
        )
        sub.add_argument(
            "--ca",
            metavar="FILE",
            help="the hub's certificate authority (PEM) for a wss:// hub with its own certificates",
        )
        sub.add_argument(
            "--allow-insecure",
            action="store_true",
            help="allow plain ws:// to another computer: the token and audio travel unencrypted",
        )
        kind.add_arguments(sub)
        sub.set_defaults(platform_kind=kind)
    kinds.add_parser(
        DEVICES,
        help="list the audio devices a device gateway can use, as its options name them",
    )
    return parser


if __name__ == "__main__":
    sys.exit(main())
