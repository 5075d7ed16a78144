"""``rsi-bot``: a participant with no window, on the real engine, clocked by files.

A bot is an :class:`~audio.engine.Engine` whose "sound card" is a
:class:`~audio.fileport.FilePort`: the file it plays is its microphone, and
what it hears is recorded to a WAV file, both in real time. So a bot is a
floor source that plays a file (a floor-role token), a simulated
interpreter on air on ``--mic CH``, or a listener that records what it
hears; and the figures it prints at exit are the engine's own.

:class:`Bot` is the reusable part: tests and the demo meeting
(:mod:`programs.demo`) run bots in-process with it::

    with Bot(BotConfig(url, token, listen=("floor",), record=Path("out.wav"))) as bot:
        bot.run(duration=5.0)
    print(bot.figures)

:meth:`Bot.run` returns after ``duration`` seconds; else when the file played
(not looping) has ended, half a second later so that its last packets
arrive; else when :meth:`Bot.request_stop` is called (``rsi-bot``: SIGINT or
SIGTERM); and when the connection is lost for good (the engine reconnects by
itself meanwhile; the figures count the outages). A bad file is refused
before connecting. How a bot joins, and when it takes the air back after a
reconnection: docs/architecture.md, "Design notes".

``rsi-bot`` exit codes: 0 done; 2 bad arguments or an unreadable file; 3 the
bot could not join or lost the connection for good (hub unreachable, token
refused, reconnecting gave up); 4 the meeting refused what it asked for (no
such channel, the air refused). The figures are printed as one JSON line on
stdout in every case where the bot joined, errors as one line on stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, Final

from audio.commands import (
    AutoRelayChanged,
    CommandRejected,
    Connect,
    ConnectionFailed,
    Disconnected,
    DisconnectKind,
    Event,
    ForcedOff,
    HubError,
    Meeting,
    MeetingChanged,
    Metrics,
    Mic,
    Reconnected,
    ReconnectGaveUp,
    Reconnecting,
    SetAutoRelay,
    SetInput,
    SetLeveller,
    UsePort,
    Welcomed,
)
from audio.engine import Engine, EngineConfig
from audio.fileio import AudioFileError
from audio.fileport import FilePort, NullPort
from audio.format import SAMPLE_RATE
from audio.opus import FrameMs
from audio.outbox import EventQueue
from audio.protection import Calibration
from channels import protocol
from channels.identity import printable
from channels.meeting import FLOOR

AUTO: Final = "auto"
"""In ``listen``: this input follows the best source (auto-relay, :mod:`relay.auto`)."""
BOT_SPL_AT_FULL_SCALE: Final = 80.0
"""A bot has no ears: calibrated as if full scale were this quiet, hearing protection
leaves alone what it records (its ceiling, 100 dB SPL, is then above full scale)."""
EXIT_USAGE: Final = 2
EXIT_CONNECTION: Final = 3
EXIT_REFUSED: Final = 4
_TAIL_S: Final = 0.5
"""After the file ends: time for its last packets to reach the listeners."""
_POLL_S: Final = 0.05


class BotError(Exception):
    """What stopped the bot, in one sentence for the user, and the exit code that goes with it."""

    def __init__(self, sentence: str, exit_code: int) -> None:
        super().__init__(sentence)
        self.exit_code = exit_code


@dataclass(frozen=True, slots=True)
class BotConfig:
    """What one bot does. ``listen`` holds channel ids, or :data:`AUTO` for auto-relay."""

    url: str
    """The hub's address; a cluster's edges: several, separated by commas, tried in turn."""
    token: str
    listen: tuple[str, ...] = ()
    play: Path | None = None
    mic: str | None = None
    """The channel to speak on; a floor-role bot that plays a file speaks on ``floor``."""
    record: Path | None = None
    loop: bool = False
    """Play the file over and over (the demo's floor), instead of once."""
    take_air: bool = True
    """False: join without the air (a booth partner that speaks once handed the air)."""
    gain_db: float = 0.0
    min_buffer_ms: float = 0.0
    """Least jitter-buffer delay: a recorder that prefers completeness to latency raises it."""
    join_timeout_s: float = 10.0
    frame_ms: FrameMs = 10
    ca_file: str | None = None
    """The hub's certificate authority (PEM) for ``wss://``, when not a system one."""
    allow_insecure: bool = False
    """Allow plain ``ws://`` to another computer (the token travels unencrypted)."""
    client: str = "rsi-bot/0.1"
    """How the bot names itself in ``hello``."""
    platform: str | None = None
    """:attr:`EngineConfig.platform`: a gateway's, named in ``hello``."""
    tap_blocks: int = 0
    """:attr:`EngineConfig.tap_blocks`: a gateway speaks each listened channel elsewhere."""


@dataclass(slots=True)
class Outages:
    """Connection losses the engine reconnected from (or is still trying to)."""

    count: int = 0
    seconds: float = 0.0
    since: float | None = None
    """When the current outage began (monotonic), while the bot is disconnected."""

    def begin(self, now: float) -> None:
        if self.since is None:
            self.since = now
            self.count += 1

    def end(self, outage_s: float) -> None:
        if self.since is not None:
            self.seconds += outage_s
            self.since = None

    def total_s(self, now: float) -> float:
        return self.seconds + (now - self.since if self.since is not None else 0.0)


@dataclass(slots=True)
class _Running:
    """Figures that need the whole run, not the last snapshot."""

    buffer_sum: float = 0.0
    buffer_n: int = 0
    jitter_max: float = 0.0
    at: float = -math.inf

    def add(self, metrics: Metrics) -> None:
        if metrics.at <= self.at:
            return
        self.at = metrics.at
        heard = [i.jitter for i in metrics.inputs if i.jitter is not None and i.jitter.played]
        heard = [j for j in heard if j.delay_ms > 0]  # 0: idle, nothing flows
        if heard:
            self.buffer_sum += max(j.delay_ms for j in heard)
            self.buffer_n += 1
            self.jitter_max = max(self.jitter_max, *(j.jitter_ms for j in heard))


class Bot:
    """One participant with files for a sound card. ``start()``, ``run()``, ``stop()``.

    :meth:`start` raises :class:`BotError` (nothing left running) when the
    bot cannot join or the meeting refuses what it asks for.
    :attr:`notices` receives one line per thing worth telling (the air taken
    away, an auto-relay decision, a hub refusal); :attr:`figures` is set by
    :meth:`stop`.
    """

    def __init__(
        self,
        config: BotConfig,
        notices: Callable[[str], None] | None = None,
        *,
        port: FilePort | None = None,
    ) -> None:
        """``port``: the caller's (a gateway's), instead of one made of the config's files."""
        self.config = config
        self.notices: Callable[[str], None] = notices if notices is not None else _quiet
        try:
            self.port = (
                port
                if port is not None
                else FilePort(config.play, config.record, loop=config.loop, gain_db=config.gain_db)
            )
        except AudioFileError as exc:
            raise BotError(str(exc), EXIT_USAGE) from None
        inputs = max(1, len(config.listen))
        engine_config = EngineConfig(
            inputs=inputs,
            client=config.client,
            platform=config.platform,
            frame_ms=config.frame_ms,
            jitter_min_ms=config.min_buffer_ms,
            calibration=Calibration(BOT_SPL_AT_FULL_SCALE),
            tap_blocks=config.tap_blocks,
        )
        self.engine = Engine(NullPort(), engine_config)
        self.events = EventQueue()
        self.engine.subscribe(self.events)
        self.me: Welcomed | None = None
        self.meeting: Meeting | None = None
        self.air: str | None = None
        self.figures: dict[str, Any] | None = None
        self.lost: str | None = None
        """Why the connection was lost during :meth:`run`, if it was."""
        self._stop = threading.Event()
        self._running = _Running()
        self._outages = Outages()
        self._retaking: str | None = None
        """The channel whose air the bot asked for again after a reconnection, until confirmed."""
        self._ended_at: float | None = None
        self._leaving = False
        self.observers: list[Callable[[Event], None]] = []
        """Called with every engine event (but metrics) on the thread that runs the bot."""

    # --- Life cycle ------------------------------------------------------------------------

    def start(self) -> None:
        """Join, listen, take the air, then start the files. Raises :class:`BotError`."""
        self.engine.start()
        try:
            self._join()
            self._listen()
            self._take_air()
            self.engine.submit(UsePort(self.port))
            self._expect_port()
        except BaseException:
            self.stop()
            raise
        self.notices(self._ready())

    def run(self, duration: float | None = None) -> None:
        """Play, listen and record until the end (module docstring); report notices meanwhile."""
        end = math.inf if duration is None else time.monotonic() + duration
        while not self._stop.is_set():
            now = time.monotonic()
            if now >= end or (duration is None and self._file_done(now)):
                return
            self._drain()
            if self.lost is not None:
                return
            self._stop.wait(min(_POLL_S, max(0.0, end - now)))

    def request_stop(self) -> None:
        """End :meth:`run` (any thread, a signal handler too)."""
        self._stop.set()

    def stop(self) -> dict[str, Any]:
        """Leave the meeting, close the files, and return the figures (also :attr:`figures`)."""
        self._leaving = True
        if self.engine.running:
            self.engine.stop()
        self._drain()
        self.figures = self._figures()
        return self.figures

    def __enter__(self) -> Bot:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- Joining ---------------------------------------------------------------------------

    def _join(self) -> None:
        cfg = self.config
        self.engine.submit(
            Connect(cfg.url, cfg.token, ca_file=cfg.ca_file, allow_insecure=cfg.allow_insecure)
        )
        try:
            event = self.events.wait_for(
                object,
                lambda e: isinstance(e, Welcomed | ConnectionFailed),
                timeout=cfg.join_timeout_s,
            )
        except TimeoutError:
            raise BotError(
                f"the hub at {cfg.url} did not admit the bot within {cfg.join_timeout_s:g} s",
                EXIT_CONNECTION,
            ) from None
        if isinstance(event, ConnectionFailed):
            raise BotError(event.sentence, EXIT_CONNECTION)
        assert isinstance(event, Welcomed)
        self.me = event
        self.meeting = event.meeting
        role = event.me.role
        wanted = [ch for ch in (*cfg.listen, cfg.mic) if ch is not None and ch != AUTO]
        for channel in wanted:
            if event.meeting.channel(channel) is None:
                names = ", ".join(ch.id for ch in event.meeting.channels)
                raise BotError(
                    f"meeting {event.meeting.id!r} has no channel {channel!r} (it has {names})",
                    EXIT_REFUSED,
                )
        if cfg.play is not None and self._air_channel() is None and cfg.take_air:
            raise BotError(
                f"a bot with the role {role} cannot play a file: only the floor and "
                "interpreters speak (an interpreter also needs --mic CHANNEL)",
                EXIT_USAGE,
            )
        if AUTO in cfg.listen and event.me.booth is None:
            raise BotError(
                "--listen auto follows the best source for a booth: it needs an "
                "interpreter's token",
                EXIT_USAGE,
            )

    def _air_channel(self) -> str | None:
        me = self.me.me if self.me is not None else None
        if me is None:
            return None
        if protocol.role(me.role).floor_source:
            return self.config.mic or (FLOOR if self.config.play is not None else None)
        if me.role == "interpreter":
            return self.config.mic
        return None

    def _listen(self) -> None:
        for index, channel in enumerate(self.config.listen):
            self.engine.submit(SetLeveller(index, False))  # it records what arrives, as it is
            if channel == AUTO:
                self.engine.submit(SetAutoRelay(True, index))
            else:
                self.engine.submit(SetInput(index, channel))
        # The engine checks each in order: a refusal comes back before the next command's reply.
        self._refused(lambda e: isinstance(e.command, SetInput | SetAutoRelay), wait_s=0.3)

    def _take_air(self) -> None:
        channel = self._air_channel()
        if channel is None or not self.config.take_air:
            return
        me = self.me.me.id if self.me is not None else ""
        self.engine.submit(Mic(True, channel))
        try:
            event = self.events.wait_for(
                object,
                lambda e: (
                    (isinstance(e, MeetingChanged) and e.meeting.air_of(me) == channel)
                    or (isinstance(e, HubError) and e.ref == "mic")
                    or isinstance(e, CommandRejected | Disconnected)
                ),
                timeout=self.config.join_timeout_s,
            )
        except TimeoutError:
            raise BotError(
                f"the hub did not confirm the air on {channel} within "
                f"{self.config.join_timeout_s:g} s",
                EXIT_REFUSED,
            ) from None
        match event:
            case HubError(sentence=sentence) | CommandRejected(sentence=sentence):
                raise BotError(f"could not take the air on {channel}: {sentence}", EXIT_REFUSED)
            case Disconnected(sentence=sentence):
                raise BotError(sentence, EXIT_CONNECTION)
        self.air = channel

    def _ready(self) -> str:
        """The line that says the bot is in (tests wait for it on stderr)."""
        assert self.me is not None
        cfg = self.config
        doing = [f"on air on {self.air}"] if self.air else []
        if cfg.listen:
            doing.append(f"listening to {', '.join(cfg.listen)}")
        if cfg.record is not None:
            doing.append(f"recording to {cfg.record}")
        what = "; ".join(doing) or "idle"
        return f"ready: in meeting {self.me.meeting.id!r} as {self.me.me.id} ({what})"

    def _expect_port(self) -> None:
        self._refused(lambda e: isinstance(e.command, UsePort), wait_s=0.2, code=EXIT_USAGE)

    def _refused(self, which: Any, *, wait_s: float, code: int = EXIT_REFUSED) -> None:
        """Raise the first matching :class:`CommandRejected` that arrives within ``wait_s``."""
        with contextlib.suppress(TimeoutError):
            event = self.events.wait_for(CommandRejected, which, timeout=wait_s)
            raise BotError(event.sentence, code)

    # --- Running ---------------------------------------------------------------------------

    def _file_done(self, now: float) -> bool:
        if self.config.play is None or self.config.loop or not self.port.finished.is_set():
            return False
        if self._ended_at is None:
            self._ended_at = now
        return now - self._ended_at >= _TAIL_S

    def _drain(self) -> None:
        metrics = self.events.metrics
        if metrics is not None:
            self._running.add(metrics)
        while (event := self.events.take(object)) is not None:
            self._notice(event)  # type: ignore[arg-type]  # the queue holds engine events
            for observe in self.observers:
                observe(event)  # type: ignore[arg-type]

    def _notice(self, event: Event) -> None:
        match event:
            case MeetingChanged(meeting=meeting):
                self.meeting = meeting
                me = self.me.me.id if self.me is not None else ""
                if self._retaking is not None and meeting.air_of(me) == self._retaking:
                    self.air, self._retaking = self._retaking, None
                    self.notices(f"on air on {self.air} again")
            case AutoRelayChanged(sentence=sentence, channel=channel, index=index):
                self.notices(f"input {index} follows {channel or 'nothing'}: {sentence}")
            case HubError(sentence=sentence) | CommandRejected(sentence=sentence):
                if isinstance(event, HubError) and event.ref == "mic":
                    self._retaking = None
                if not self._leaving:  # a failed start raises the same sentence
                    self.notices(sentence)
            case ForcedOff(by=by):
                self.air = None
                self.notices(f"{by} took the air from this bot")
            case Disconnected(resumable=True, kind=kind) if kind is not DisconnectKind.CLOSED_BY_US:
                self._outages.begin(time.monotonic())  # the engine reconnects (Reconnecting)
                self.air = None  # the hub released it
                self.notices(f"{event.sentence}; waiting for the engine to reconnect")
            case Reconnecting(attempt=attempt, delay_s=delay_s, reason=reason):
                self._outages.begin(time.monotonic())
                self.notices(f"reconnecting: attempt {attempt} in {delay_s:.2f} s ({reason})")
            case Reconnected():
                self._back(event)
            case (
                Disconnected(sentence=sentence)
                | ConnectionFailed(sentence=sentence)
                | ReconnectGaveUp(sentence=sentence)
            ):
                if self.lost is None and not self._leaving:
                    self.lost = sentence
                    self.air = None
                    self.notices(sentence)

    def _back(self, event: Reconnected) -> None:
        """Back in the meeting: count the outage, and take the air again if told to speak."""
        self._outages.end(event.outage_s)
        listening = ", ".join(event.listening) or "nothing"
        self.notices(
            f"reconnected after {event.outage_s:.2f} s and {event.attempts} attempt(s); "
            f"listening to {listening}"
        )
        if event.air_lost is None:
            return
        channel = self._air_channel()
        if self.config.take_air and channel == event.air_lost:
            self.notices(f"taking the air on {channel} again: this bot was told to speak")
            self._retaking = channel
            self.engine.submit(Mic(True, channel))
        else:
            self.notices(f"the air on {event.air_lost} was lost with the connection")

    def _figures(self) -> dict[str, Any]:
        metrics = self.engine.latest_metrics
        stats = self.port.stats()
        seconds = self.port.frames / SAMPLE_RATE
        out: dict[str, Any] = {
            "participant": self.me.me.id if self.me is not None else None,
            "air": self.air,
            "seconds_played": round(stats.blocks_played * seconds, 3),
            "seconds_recorded": round(stats.blocks_recorded * seconds, 3),
        }
        received = concealed = late = lost = 0
        channels: dict[str, Any] = {}
        if metrics is not None:
            for i in metrics.inputs:
                if i.channel is None or i.jitter is None:
                    continue
                j = i.jitter
                received += j.received
                concealed += j.concealed
                late += j.late
                lost += j.lost
                channels[i.channel] = {
                    "received": j.received,
                    "concealed": j.concealed,
                    "late": j.late,
                    "lost": j.lost,
                    "dropped_catchup": j.dropped_catchup,
                    "dropped_overflow": j.dropped_overflow,
                    "underruns": j.underruns,
                    "stretched": j.stretched,
                    "shrunk": j.shrunk,
                    "stopped": j.stopped,
                    "trailing": j.trailing,
                    "gaps": j.gaps,
                    "target_ms": round(j.target_ms, 1),
                }
        running = self._running
        out |= {
            "packets_received": received,
            "packets_concealed": concealed,
            "packets_late": late,
            "loss": round((lost + late) / (received + lost), 4) if received + lost else 0.0,
            "jitter_ms": round(running.jitter_max, 2),
            "buffer_ms": round(running.buffer_sum / running.buffer_n, 1)
            if running.buffer_n
            else None,
            "rtt_ms": round(metrics.link.rtt_ms, 2)
            if metrics is not None and metrics.link.rtt_ms is not None
            else None,
            "packets_sent": metrics.mic.packets_sent if metrics is not None else 0,
            "outages": self._outages.count,
            "priority": str(self.engine.priority),
            # The port's ring underruns since the engine gave its first block: the ones before
            # it (the port's clock starts first) are no gap in what is heard.
            "playback_underruns": metrics.timing.playback_underruns if metrics is not None else 0,
            # The same as gaps in the sound: underruns in a row (a stall) are one gap heard.
            "playback_gaps": metrics.timing.playback_gaps if metrics is not None else 0,
            "seconds_disconnected": round(self._outages.total_s(time.monotonic()), 3),
            "channels": channels,
            # The file port's clock: a skipped tick or an underrun breaks the timeline of what
            # was played or recorded, and no packet counter shows it.
            "port": {
                "late_ticks": stats.late_ticks,
                "skipped_ticks": stats.skipped_ticks,
                "read_underruns": stats.read_underruns,
                "nonfinite_samples": stats.nonfinite_samples,
                "record_dropped": stats.record_dropped,
                "playback_ring_underruns": stats.playback_ring_underruns,
            },
        }
        return out


# --- Command line ------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    config = BotConfig(
        url=",".join(args.url),
        token=args.token,
        listen=tuple(args.listen),
        play=args.play,
        mic=args.mic,
        record=args.record,
        loop=args.loop,
        min_buffer_ms=args.min_buffer_ms,
        ca_file=args.ca,
        allow_insecure=args.allow_insecure,
    )
    if args.duration is not None and not args.duration > 0:
        return _fail(f"--duration must be positive, not {args.duration}", EXIT_USAGE)
    try:
        bot = Bot(config, notices=_say)
    except BotError as exc:
        return _fail(str(exc), exc.exit_code)
    previous = {sig: signal.signal(sig, _stopper(bot)) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        bot.start()
    except BotError as exc:
        return _fail(str(exc), exc.exit_code)
    try:
        bot.run(args.duration)
    finally:
        figures = bot.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        print(json.dumps(figures), flush=True)
    if bot.lost is not None:
        return _fail(bot.lost, EXIT_CONNECTION)
    return 0


def _stopper(bot: Bot) -> Any:
    def handler(signum: int, frame: FrameType | None) -> None:
        bot.request_stop()

    return handler


def _quiet(line: str) -> None:
    """Notices nobody asked for."""


def _say(line: str) -> None:
    """One line on stderr; text from the hub or a file in it cannot drive the terminal."""
    print(f"rsi-bot: {printable(line)}", file=sys.stderr)


def _fail(sentence: str, code: int) -> int:
    _say(sentence)
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rsi-bot",
        description="A meeting participant with no window: plays a file on air, listens, "
        "records what it hears, and prints its figures as JSON at exit.",
    )
    parser.add_argument(
        "--url",
        required=True,
        action="append",
        help="the hub, ws://host:port/v1; a cluster's edges: repeat it, or separate the "
        "addresses with commas (tried in turn, also when reconnecting)",
    )
    parser.add_argument("--token", required=True, help="the participant's token")
    parser.add_argument(
        "--listen",
        nargs="+",
        default=[],
        metavar="CH",
        help="channels to hear, one input each ('auto': follow the best source, "
        "for an interpreter)",
    )
    parser.add_argument("--play", type=Path, help="WAV, Ogg, FLAC... to speak on air")
    parser.add_argument(
        "--mic", metavar="CH", help="the channel to speak on (a floor token: floor by default)"
    )
    parser.add_argument("--record", type=Path, help="WAV file to record what the bot hears")
    parser.add_argument(
        "--duration",
        type=float,
        metavar="S",
        help="seconds to run (default: until the file ends, or until Ctrl-C)",
    )
    parser.add_argument("--loop", action="store_true", help="play the file over and over")
    parser.add_argument(
        "--min-buffer-ms",
        type=float,
        default=0.0,
        metavar="MS",
        help="least jitter-buffer delay (default 0: learned from the arrivals, as the console)",
    )
    parser.add_argument(
        "--ca",
        metavar="FILE",
        help="the hub's certificate authority (PEM) for a wss:// hub with its own certificates",
    )
    parser.add_argument(
        "--allow-insecure",
        action="store_true",
        help="allow plain ws:// to another computer: the token and audio travel unencrypted",
    )
    return parser


if __name__ == "__main__":
    sys.exit(main())
