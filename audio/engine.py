"""The console's audio engine: network, media and meters in one thread with its own asyncio loop.

Who does what::

    port thread (sound card)        engine thread (this module)             delivery thread
    ------------------------        -------------------------------         ---------------
    capture ring  --blocks-->       mic meter, Opus, RTP  --> HubLink --> hub
                                    hub --> per-channel jitter + decoder
    playback ring <--blocks--       inputs -> mixer -> tone (+ test, sidetone) -> protection
                                    commands (submit)  <-- GUI, tests, bots
                                    events, metrics    --> Outbox -------->  subscribers

* **One command path.** :meth:`Engine.submit` takes a command object
  (:mod:`audio.commands`) from any thread and hands it to the engine's loop;
  a command that cannot be carried out comes back as
  :class:`~audio.commands.CommandRejected` with a sentence for the user, a
  refusal by the hub as :class:`~channels.session.HubError`.
* **Events out, never back-pressure.** Events go through an
  :class:`~audio.outbox.Outbox` to subscribers called on a delivery thread
  (one for all subscribers): a frozen subscriber delays events (metrics are
  coalesced meanwhile), never a packet or a block. GUIs must re-queue what
  they receive onto their own thread and return.
* **The port's clock is the master.** The engine never waits on the port: it
  drains the capture ring as blocks arrive and makes each playback block
  *just in time*, ``lead`` before the port will take it, so that each block
  carries the freshest audio from the network (:mod:`audio.clock` learns
  when the port ticks; ``lead`` starts at ``EngineConfig.lead_ms`` and grows
  by a millisecond after each underrun). It wakes only when a capture block
  is due, a playback block must be made, or a packet arrives, instead of
  polling: a loop wake-up costs about 25 us.
* **Receive.** Every listened channel has a receiver (jitter buffer, Opus
  decoder, RFC 6464 meter: :mod:`audio.receive`); the inputs (floor, relay,
  any channel) are mixed with their own volume and ear (:mod:`audio.mixer`),
  then tone (:mod:`audio.tone`), then the test tone and sidetone when on
  (:mod:`audio.selfcheck`, for the headset calibration and the mic check),
  then hearing protection (:mod:`audio.protect`), then the output meter,
  then the playback ring.
* **Send.** While on air and not coughing: capture -> meter -> Opus -> RTP
  with the audio level -> link (:mod:`audio.send`). The mic meter runs
  always, for a mic check. Sending starts optimistically when the user takes
  the air or accepts a handover (the hub drops early packets harmlessly) and
  stops at once on mic off, cough, or a snapshot showing us off air.
* **Report.** Every ``report_interval_s`` the engine sends ``report`` with its
  own measured round-trip time (application ping), the jitter and loss of
  the channels it plays, and its jitter buffer's delay.
* **Auto-relay.** :class:`~audio.commands.SetAutoRelay` makes an input
  (the relay input by default) follow the booth's best source as the floor
  language and the air change (:mod:`audio.autorelay` over
  :mod:`relay.auto`), with :class:`~audio.commands.AutoRelayChanged` saying
  where and why; that source goes first in ``listen``. A manual
  :class:`~audio.commands.SetInput` on that input wins and turns auto off.
* **After a lost connection** the engine connects again by itself, with
  backoff, until :class:`~audio.commands.Disconnect` or a failure retrying
  cannot cure (:mod:`audio.reconnect`: :class:`~audio.commands.Reconnecting`,
  :class:`~audio.commands.Reconnected`, :class:`~audio.commands.ReconnectGaveUp`).
  A connection for the same participant on the same hub presents the last
  ``resume`` value, so the hub gives the listening set back (a restarted hub
  cannot: the engine asks for its channels again); the inputs fade out while
  nothing arrives and back in after. The air is never taken back by itself:
  the user presses the mic.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Final

import numpy as np

from audio.clock import PortClock
from audio.commands import (
    COMMANDS,
    Command,
    CommandRejected,
    Connect,
    ConnectionFailed,
    Disconnected,
    Event,
    InputSwitched,
    Level,
    LinkMetrics,
    Metrics,
    MicMetrics,
    OutputMetrics,
    PortProblem,
    ProtectionAlert,
    SetCalibration,
    SetEar,
    SetTone,
    SetVolume,
    Sidetone,
    TestTone,
    TimingMetrics,
    UsePort,
    Welcomed,
)
from audio.fifo import SampleFifo
from audio.figures import CpuMeter, LinkFigures, channel_metrics, input_metrics
from audio.format import BLOCK, SAMPLE_RATE
from audio.jitter import JitterStats
from audio.meeting import CloseLink, MeetingCore, OpenLink, checked_input
from audio.meters import LevelMeter
from audio.mixer import Ear, Mixer
from audio.opus import Application, FrameMs
from audio.outbox import Outbox, Subscriber
from audio.port import AudioPort
from audio.protect import (
    Calibration,
    EventKind,
    HearingProtection,
    ProtectionSettings,
)
from audio.quality import QualityReport
from audio.receive import ChannelReceiver, InputStrip
from audio.selfcheck import MicSidetone, SteadyTone
from audio.send import MicSender
from audio.tone import RANGE_DB, ToneControl
from audio.volume import NOMINAL_POSITION
from channels.client import HubLink
from channels.session import CommandError, Session, SessionEvent

log = logging.getLogger(__name__)

MAX_INPUTS: Final = 8
GIL_SWITCH_S: Final = 0.001
"""The interpreter's GIL switch interval while an engine runs (Python's default: 5 ms).

Audio here is several threads in one interpreter: the port's callbacks, the
engine, the event delivery, the GUI. A thread that wakes for its block waits
for the GIL until the holder lets go, up to one switch interval each time,
and at 5 ms those waits stacked into underruns: two engines in one process
(bench/pipeline_latency.py) showed 10-15 underruns in 30 s on an idle
machine, a learned jitter target of 21-30 ms and a playback lead of 12 ms,
hence p50 51-56 ms; at 1 ms, no underruns, target 2 ms, lead 2.5 ms, p50
30 ms. The cost is more frequent hand-offs between busy threads, which the
engine's CPU benchmark includes.
"""
_MAX_BLOCKS_PER_WAKE: Final = 4
_LEAD_STEP_S: Final = 0.001
_LEAD_RELAX_S: Final = 10.0
"""After this long without an underrun, the lead shrinks by half a step."""
_PORT_CHECK_S: Final = 1.0
_FIRST_REPORT_S: Final = 1.0
_STOP_TIMEOUT_S: Final = 1.5

_ALERTS: Final = {
    EventKind.SHOCK: "a sudden loud sound ({:.0f} dB SPL) was pulled down",
    EventKind.HOWL_START: "feedback howl at {:.0f} Hz is being suppressed",
    EventKind.HOWL_END: "the feedback howl has stopped",
    EventKind.SUSTAINED_START: "the sound is too loud ({:.0f} dB SPL) and is being limited",
    EventKind.SUSTAINED_END: "the sound is no longer limited",
    EventKind.EXPOSURE_WARNING: (
        "your listening level over the last minute is {:.0f} dB SPL: the volume is lowered "
        "for 30 minutes to protect your hearing"
    ),
    EventKind.BACKOFF_END: "the protective volume reduction has ended",
    EventKind.SAFETY_CLAMP: "the safety clamp cut peaks at {:.0f} dB SPL",
    EventKind.NONFINITE_INPUT: "invalid samples in the output were replaced by silence",
}


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """How the engine codes, buffers and reports. Every field is checked at construction."""

    frame_ms: FrameMs = 10
    """Opus frame (and RTP packet) duration: 10 ms for low delay, 20 ms halves the packet rate."""
    bitrate: int = 64_000
    """Opus bit rate, b/s: at least 48 kb/s so that fullband keeps its 15 kHz."""
    application: Application = Application.RESTRICTED_LOWDELAY
    fec: bool = False
    """In-band FEC: needs ``Application.AUDIO`` or ``VOIP`` (see audio/opus.py)."""
    loss_hint_percent: int = 0
    dtx: bool = False
    inputs: int = 2
    """Inputs of the mix (floor and relay by default)."""
    client: str = "rsi-console/0.1"
    jitter_min_ms: float = 0.0
    """Lower bound of the jitter buffers' target delay; the target is learned above it."""
    jitter_max_ms: float = 400.0
    lead_ms: float = 3.0
    """How long before the port needs it a playback block is made, to start with."""
    min_lead_ms: float = 2.0
    poll_ms: float = 1.0
    """Re-check interval while a capture block is overdue or the port's clock is unknown."""
    metrics_interval_s: float = 0.1
    quality_interval_s: float = 1.0
    report_interval_s: float = 5.0
    """PROTOCOL.md: report "every few seconds, not every packet" (each one is a snapshot)."""
    ping_interval_s: float = 2.0
    silence_timeout_s: float = 6.0
    open_timeout_s: float = 5.0
    calibration: Calibration = field(default_factory=Calibration)
    protection: ProtectionSettings = field(default_factory=ProtectionSettings)
    event_limit: int = 4096

    def __post_init__(self) -> None:
        if self.frame_ms not in (10, 20):
            raise ValueError(f"frame_ms must be 10 or 20, not {self.frame_ms!r}")
        if not 48_000 <= self.bitrate <= 510_000:
            raise ValueError(
                f"bitrate must be 48000..510000 b/s (fullband speech needs 48 kb/s or more), "
                f"not {self.bitrate}"
            )
        if not 1 <= self.inputs <= MAX_INPUTS:
            raise ValueError(f"inputs must be 1..{MAX_INPUTS}, not {self.inputs}")
        if not 0 <= self.jitter_min_ms < self.jitter_max_ms:
            raise ValueError("need 0 <= jitter_min_ms < jitter_max_ms")
        if not 0 < self.min_lead_ms <= self.lead_ms:
            raise ValueError("need 0 < min_lead_ms <= lead_ms")
        for name in (
            "poll_ms",
            "metrics_interval_s",
            "quality_interval_s",
            "report_interval_s",
            "ping_interval_s",
            "open_timeout_s",
        ):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be positive")
        if self.silence_timeout_s <= self.ping_interval_s:
            raise ValueError("silence_timeout_s must be longer than ping_interval_s")


class Engine:
    """The audio engine. ``start()``, ``submit()`` commands, ``subscribe()`` to events, ``stop()``.

    ``port`` is started by :meth:`start` and stopped by :meth:`stop`; its
    ``frames`` may be any size (the engine re-blocks to 10 ms). Use it as a
    context manager to stop it whatever happens.
    """

    def __init__(self, port: AudioPort, config: EngineConfig | None = None) -> None:
        self.config = config if config is not None else EngineConfig()
        self._port = port
        self._outbox = Outbox(limit=self.config.event_limit)
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._core: _Core | None = None
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self.latest_metrics: Metrics | None = None
        """The newest metrics snapshot (also delivered as an event)."""

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and self._core is not None

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Receive every event; called on the delivery thread (re-queue; return quickly)."""
        return self._outbox.subscribe(subscriber)

    def start(self, timeout: float = 5.0) -> None:
        """Start the engine thread and the port; raises what prevented it."""
        if self._thread is not None:
            raise RuntimeError("an engine runs once: make a new Engine")
        if sys.getswitchinterval() > GIL_SWITCH_S:
            sys.setswitchinterval(GIL_SWITCH_S)
        self._outbox.start()
        self._thread = threading.Thread(target=self._run, name="rsi-engine", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise RuntimeError(f"the engine did not start within {timeout} s")
        if self._failure is not None:
            self._thread.join(timeout)
            self._outbox.close()
            raise RuntimeError(f"the engine could not start: {self._failure}") from self._failure

    def submit(self, command: Command) -> None:
        """Carry out ``command`` on the engine thread. Any thread; never blocks."""
        if not isinstance(command, COMMANDS):
            raise TypeError(f"not an engine command: {command!r}")
        loop, core = self._loop, self._core
        if loop is None or core is None or loop.is_closed():
            raise RuntimeError("the engine is not running: start() it first")
        try:
            loop.call_soon_threadsafe(core.handle, command)
        except RuntimeError:
            raise RuntimeError("the engine has stopped") from None

    def stop(self, timeout: float = 5.0) -> None:
        """Leave the meeting, stop the port and the thread, deliver the last events.

        Blocks for up to about 1.5 s (the closing handshake with the hub): call
        it from a thread that the hub does not need (not a subscriber, and not
        the loop of an in-process hub).
        """
        if self._outbox.delivering():
            raise RuntimeError("stop() from an event subscriber would wait for itself")
        thread, loop, core = self._thread, self._loop, self._core
        if thread is None:
            self._outbox.close()
            return
        if loop is not None and core is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(core.request_stop)
        thread.join(timeout)
        if thread.is_alive():
            raise RuntimeError(f"the engine thread did not stop within {timeout} s")
        self._outbox.close(timeout)

    def __enter__(self) -> Engine:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        # One named worker for what must not run on the media thread (filter design).
        loop.set_default_executor(
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="rsi-engine-worker")
        )
        try:
            try:
                core = _Core(self, self._port, self.config, loop)
                loop.run_until_complete(core.open())
            except BaseException as exc:
                self._failure = exc
                self._ready.set()
                return
            self._core = core
            self._loop = loop
            self._ready.set()
            loop.run_until_complete(core.run())
        finally:
            _close_loop(loop)

    @property
    def events_dropped(self) -> int:
        return self._outbox.dropped

    def _emit(self, event: Event) -> None:
        if isinstance(event, Metrics):
            self.latest_metrics = event
        self._outbox.put(event)


def _close_loop(loop: asyncio.AbstractEventLoop) -> None:
    """Cancel what is left, shut the executor down, close: no task or thread outlives it."""
    try:
        pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
        for task in pending:
            task.cancel()
        if pending:
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.run_until_complete(loop.shutdown_default_executor())
    finally:
        loop.close()


class _Core:
    """Everything that runs on the engine thread."""

    def __init__(
        self, engine: Engine, port: AudioPort, config: EngineConfig, loop: asyncio.AbstractEventLoop
    ) -> None:
        self._engine = engine
        self._config = config
        self._loop = loop
        self._emit = engine._emit
        self._stopped = asyncio.Event()
        self._timer: asyncio.TimerHandle | None = None
        self._stopping = False

        # Receive and play.
        self._frame_ms: FrameMs = config.frame_ms
        self._mixer = Mixer(config.inputs, block=BLOCK)
        self._strips = [InputStrip(i, frame_ms=config.frame_ms) for i in range(config.inputs)]
        self._positions = [NOMINAL_POSITION] * config.inputs
        self._heard: list[str | None] = [None] * config.inputs
        self._quality: list[QualityReport | None] = [None] * config.inputs
        self._receivers: dict[str, ChannelReceiver] = {}
        self._tone = ToneControl(2, block=BLOCK)
        self._test_tone = SteadyTone(config.protection, block=BLOCK)
        self._sidetone = MicSidetone(block=BLOCK)
        self._tone_wanted: tuple[float, float] | None = None
        self._tone_busy = False
        self._protection = HearingProtection(
            config.protection, config.calibration, channels=2, block_frames=BLOCK
        )
        self._out_meter = LevelMeter(2)
        self._out = np.zeros((BLOCK, 2), dtype=np.float32)
        self._mic = MicSender(
            frame_ms=config.frame_ms,
            bitrate=config.bitrate,
            application=config.application,
            fec=config.fec,
            loss_hint_percent=config.loss_hint_percent,
            dtx=config.dtx,
        )

        # The meeting.
        self._meeting = MeetingCore(config.inputs, client=config.client)
        self._link: HubLink | None = None
        self._link_task: asyncio.Task[None] | None = None
        self._channel_of_ssrc: dict[int, str] = {}
        """The meeting's, for the packet path."""
        self._link_figures = LinkFigures()

        # Timing.
        self._lead_s = config.lead_ms / 1000
        self._min_lead_s = config.min_lead_ms / 1000
        self._poll_s = config.poll_ms / 1000
        self._wakeups = 0
        self._blocks_played = 0
        self._blocks_captured = 0
        self._cpu = CpuMeter()
        now = time.monotonic()
        self._next_metrics = now + config.metrics_interval_s
        self._next_quality = now + config.quality_interval_s
        self._next_report = math.inf
        self._next_port_check = now + _PORT_CHECK_S
        self._port_problem: str | None = None
        self._attach(port)

    # -- port ------------------------------------------------------------------------------

    def _attach(self, port: AudioPort) -> None:
        self._port = port
        frames = port.frames
        if frames < 1:
            raise ValueError(f"port {port!r} has blocks of {frames} frames")
        self._frames = frames
        self._sidetone.attach(frames)
        period = frames / SAMPLE_RATE
        self._capture = port.capture
        self._playback = port.playback
        self._cap_clock = PortClock(period)
        self._play_clock = PortClock(period)
        self._cap_buf = np.zeros((frames, 1), dtype=np.float32)
        self._cap_col = self._cap_buf[:, 0]
        self._cap_block = np.zeros(BLOCK, dtype=np.float32)
        self._cap_fifo = SampleFifo(frames + BLOCK) if frames != BLOCK else None
        self._play_buf = np.zeros((frames, 2), dtype=np.float32)
        self._play_fifo = SampleFifo(frames + BLOCK, channels=2) if frames != BLOCK else None
        self._cap_taken = 0
        self._cap_ticks = 0
        self._play_given = 0
        self._play_ticks = 0
        self._play_level = 0
        self._cap_overruns0 = port.capture.overruns if port.capture is not None else 0
        self._play_underruns0 = port.playback.underruns if port.playback is not None else 0
        self._underruns_seen = self._play_underruns0
        self._playing = False
        self._underruns_before = 0
        self._last_underrun = time.monotonic()

    async def open(self) -> None:
        self._port.start()

    async def run(self) -> None:
        self._schedule(time.monotonic())
        await self._stopped.wait()
        await self._shutdown()

    def request_stop(self) -> None:
        self._stopping = True
        self._meeting.stop()
        self._stopped.set()

    async def _shutdown(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        link, task = self._link, self._link_task
        if link is not None:
            link.close()
        if task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(task), _STOP_TIMEOUT_S)
            except TimeoutError:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        try:
            self._port.stop()
        except Exception:
            log.exception("stopping the audio port failed")
        self._mic.close()
        for receiver in self._receivers.values():
            receiver.close()
        self._receivers.clear()

    # -- the media clock -----------------------------------------------------------------------

    def _tick(self) -> None:
        self._timer = None
        if self._stopping:
            return
        self._wakeups += 1
        now = time.monotonic()
        try:
            self._take_capture(now)
            self._give_playback(now)
            self._periodic(now)
        except Exception:  # a bug must cost a block, never the engine
            log.exception("engine tick failed")
        self._schedule(time.monotonic())

    def _schedule(self, now: float) -> None:
        wake = min(
            self._next_metrics,
            self._next_quality,
            self._next_port_check,
            self._next_report,
            self._meeting.deadline,
        )
        if self._capture is not None:
            due = self._cap_clock.tick_time(self._cap_ticks)
            wake = min(wake, now + self._poll_s if due is None or due <= now else due + 0.0003)
        if self._playback is not None:
            if self._play_level >= self._max_level():
                due = self._play_clock.tick_time(self._play_ticks)
            else:
                due = self._play_clock.tick_time(self._play_ticks + self._play_level)
                due = None if due is None else due - self._lead_s
            wake = min(wake, now + self._poll_s if due is None or due <= now else due)
        when = max(wake, now + 0.0002)
        self._timer = self._loop.call_at(when, self._tick)

    def _max_level(self) -> int:
        """Playback blocks that may wait in the ring: the lead's worth, plus the one due."""
        return 1 + math.ceil(self._lead_s * SAMPLE_RATE / self._frames)

    def _take_capture(self, now: float) -> None:
        ring = self._capture
        if ring is None:
            return
        mic, send, fifo = self._mic, self._send_media, self._cap_fifo
        while len(ring):
            ring.pop_into(self._cap_buf)
            self._sidetone.feed(self._cap_col)
            self._cap_taken += 1
            if fifo is None:
                mic.process(self._cap_col, send)
                self._blocks_captured += 1
                continue
            fifo.write(self._cap_col)
            while fifo.read_into(self._cap_block):
                mic.process(self._cap_block, send)
                self._blocks_captured += 1
        self._cap_ticks = self._cap_taken + len(ring) + ring.overruns - self._cap_overruns0
        self._cap_clock.observe(now, self._cap_ticks)

    def _give_playback(self, now: float) -> None:
        ring = self._playback
        if ring is None:
            return
        level = len(ring)
        underruns = ring.underruns
        ticks = self._play_given - level + underruns - self._play_underruns0
        self._play_clock.observe(now, ticks)
        if underruns != self._underruns_seen:
            if self._playing:  # the port ran dry: make blocks earlier from now on
                grown = self._lead_s + _LEAD_STEP_S * (underruns - self._underruns_seen)
                self._lead_s = min(grown, self._frames / SAMPLE_RATE + 0.002)
                self._last_underrun = now
            self._underruns_seen = underruns
        elif now - self._last_underrun > _LEAD_RELAX_S and self._lead_s > self._min_lead_s:
            self._lead_s = max(self._min_lead_s, self._lead_s - _LEAD_STEP_S / 2)
            self._last_underrun = now
        made = 0
        while made < _MAX_BLOCKS_PER_WAKE and level < self._max_level():
            due = self._play_clock.tick_time(ticks + level)
            if due is None:
                if level:
                    break  # the port has not ticked yet: one block waiting is enough
            elif now < due - self._lead_s:
                break
            if not self._give_block(now):
                break
            level += 1
            made += 1
        self._play_ticks = ticks
        self._play_level = level

    def _give_block(self, now: float) -> bool:
        ring = self._playback
        assert ring is not None
        fifo = self._play_fifo
        if fifo is None:
            self._render(now)
            pushed = ring.push(self._out)
        else:
            while len(fifo) < self._frames:
                self._render(now)
                fifo.write(self._out)
            fifo.read_into(self._play_buf)
            pushed = ring.push(self._play_buf)
        if pushed:
            self._play_given += 1
            if not self._playing:  # underruns before the first block are not ours
                self._playing = True
                self._underruns_before = ring.underruns
        return pushed

    def _render(self, now: float) -> None:
        """One 10 ms block of what the user hears, into ``self._out``."""
        receivers = self._receivers
        mixer = self._mixer
        for strip in self._strips:
            strip.render(now, mixer.input(strip.index), receivers)
            if strip.current != self._heard[strip.index]:
                self._switched(strip)
        out = self._out
        mixer.process(out)
        self._tone.process(out, out)
        self._test_tone.add_to(out)
        self._sidetone.add_to(out)
        self._protection.process(out)
        self._out_meter.process(out)
        self._blocks_played += 1

    def _switched(self, strip: InputStrip) -> None:
        self._heard[strip.index] = strip.current
        self._quality[strip.index] = None
        self._emit(InputSwitched(strip.index, strip.current))
        self._settle()

    # -- periodic work -------------------------------------------------------------------------

    def _periodic(self, now: float) -> None:
        if now > self._meeting.deadline:
            self._meeting.tick(now)
            self._settle()
        if now >= self._next_report:
            self._report(now)
        if now >= self._next_port_check:
            self._next_port_check = now + _PORT_CHECK_S
            self._check_port()
        if now >= self._next_quality:
            self._next_quality = now + self._config.quality_interval_s
            for strip in self._strips:
                self._quality[strip.index] = strip.quality_report()
        if now >= self._next_metrics:
            self._next_metrics = max(
                self._next_metrics + self._config.metrics_interval_s, now + 0.001
            )
            for alert in self._protection.poll_events():
                sentence = _ALERTS[alert.kind].format(alert.value)
                self._emit(ProtectionAlert(alert.kind.name.lower(), alert.value, sentence))
            self._emit(self._metrics(now))

    def _check_port(self) -> None:
        try:
            status = self._port.status()
        except Exception as exc:  # a port that cannot even say how it is has a problem
            problem: str | None = f"the audio port does not answer ({exc})"
            name = type(self._port).__name__
        else:
            problem, name = status.problem, status.name
        if problem != self._port_problem:
            self._port_problem = problem
            self._emit(PortProblem(name, problem))

    def _heard_stats(self) -> list[JitterStats]:
        """The jitter buffers' figures of the channels heard now."""
        receivers = self._receivers
        return [
            receivers[strip.current].buffer.stats
            for strip in self._strips
            if strip.current is not None and strip.current in receivers
        ]

    def _report(self, now: float) -> None:
        self._next_report = now + self._config.report_interval_s
        figures = self._link_figures
        figures.measure(self._heard_stats())
        if self._meeting.report(figures.jitter_ms, figures.loss, figures.buffer_ms):
            figures.reported()
            self._settle()

    def _metrics(self, now: float) -> Metrics:
        self._cpu.sample()
        meeting, receivers = self._meeting, self._receivers
        inputs = tuple(
            input_metrics(
                strip,
                receivers.get(strip.current) if strip.current else None,
                speakers=meeting.speakers,
                position=self._positions[strip.index],
                ear=str(self._mixer.ear(strip.index)),
                quality=self._quality[strip.index],
            )
            for strip in self._strips
        )
        heard = {strip.current for strip in self._strips}
        channels = tuple(
            channel_metrics(receiver, heard=channel in heard, speakers=meeting.speakers, now=now)
            for channel, receiver in receivers.items()
        )
        session, link, figures = meeting.session, self._link, self._link_figures
        figures.measure(self._heard_stats())
        me = session.me if session is not None and meeting.welcomed else None
        air = meeting.air
        playback, capture = self._playback, self._capture
        return Metrics(
            at=now,
            inputs=inputs,
            channels=channels,
            output=OutputMetrics(
                Level.of(self._out_meter, 0),
                Level.of(self._out_meter, 1),
                self._protection.metrics(),
            ),
            mic=MicMetrics(
                Level.of(self._mic.meter),
                air.channel,
                air.sending,
                air.cough,
                self._mic.packets_sent,
                self._mic.dtx_frames,
            ),
            link=LinkMetrics(
                connected=meeting.welcomed,
                participant=me.id if me is not None else None,
                rtt_ms=session.rtt_ms if session is not None else None,
                jitter_ms=figures.jitter_ms,
                loss=figures.loss,
                buffer_ms=figures.buffer_ms,
                reports_sent=meeting.reports,
                media_in=link.media_in if link is not None else 0,
                media_out=link.media_out if link is not None else 0,
                media_dropped=link.media_dropped if link is not None else 0,
            ),
            timing=TimingMetrics(
                cpu_percent=self._cpu.percent,
                cpu_s=self._cpu.total_s,
                blocks_played=self._blocks_played,
                blocks_captured=self._blocks_captured,
                playback_underruns=playback.underruns - self._underruns_before
                if playback is not None and self._playing
                else 0,
                capture_overruns=capture.overruns - self._cap_overruns0
                if capture is not None
                else 0,
                lead_ms=self._lead_s * 1000,
                wakeups=self._wakeups,
                events_dropped=self._engine.events_dropped,
            ),
        )

    # -- network ---------------------------------------------------------------------------------

    def _send_media(self, data: bytes) -> None:
        link = self._link
        if link is not None:
            link.send_media(data)

    def _on_media(self, data: bytes, arrival: float) -> None:
        if len(data) < 12:
            return
        channel = self._channel_of_ssrc.get(int.from_bytes(data[8:12], "big"))
        receiver = self._receivers.get(channel) if channel is not None else None
        if receiver is not None:
            try:
                receiver.push(data, arrival)
            except Exception:  # a bug must cost a packet, never the connection
                log.exception("packet of channel %s not handled", channel)

    def _on_session_event(self, event: SessionEvent) -> None:
        try:
            self._digest(event)
        except Exception:  # a bug must cost an event, never the connection
            log.exception("session event %r not handled", event)

    def _digest(self, event: SessionEvent) -> None:
        now = time.monotonic()
        match event:
            case Welcomed(me=me):
                if not me.resumed:  # a new hub (or a new session): its streams are numbered anew
                    for receiver in self._receivers.values():
                        receiver.buffer.new_numbering()
                self._next_report = now + _FIRST_REPORT_S
            case ConnectionFailed() | Disconnected():
                self._link = None
                self._link_task = None
                self._next_report = math.inf
        self._meeting.receive_event(event, now)
        self._settle()

    def _settle(self) -> None:
        """Carry out what the meeting core decided: inputs, receivers, microphone, messages."""
        meeting = self._meeting
        for strip, channel in zip(self._strips, meeting.selected, strict=True):
            if strip.selected != channel:
                strip.select(channel, None if channel is None else self._receiver(channel))
        meeting.receive_playing([strip.current for strip in self._strips])
        keep = set(meeting.listening)
        for channel in keep:
            self._receiver(channel)
        for strip in self._strips:
            keep.update(ch for ch in (strip.current, strip.pending) if ch is not None)
        for channel in [ch for ch in self._receivers if ch not in keep]:
            self._receivers.pop(channel).close()
        self._channel_of_ssrc = meeting.channel_of_ssrc
        self._mic.ssrc = meeting.ssrc
        self._mic.set_sending(meeting.air.sending)
        for work in meeting.data_to_send():
            match work:
                case bytes():
                    if self._link is not None:
                        self._link.send(work)
                case OpenLink(session=session, target=target):
                    self._open(session, target)
                case CloseLink():
                    if self._link is not None:
                        self._link.close()
        for event in meeting.events_to_emit():
            self._emit(event)

    def _receiver(self, channel: str) -> ChannelReceiver:
        receiver = self._receivers.get(channel)
        if receiver is None:
            receiver = ChannelReceiver(
                channel,
                frame_ms=self._frame_ms,
                min_delay_ms=self._config.jitter_min_ms,
                max_delay_ms=self._config.jitter_max_ms,
            )
            self._receivers[channel] = receiver
        return receiver

    # -- commands --------------------------------------------------------------------------------

    def handle(self, command: Command) -> None:
        """Carry out one command; anything that cannot be done becomes CommandRejected."""
        if self._stopping:
            return
        try:
            self._dispatch(command)
        except CommandError as exc:
            self._emit(CommandRejected(command, str(exc)))
        except Exception as exc:
            log.exception("command %r failed", command)
            self._emit(CommandRejected(command, f"the engine failed to carry it out ({exc})"))

    def _dispatch(self, command: Command) -> None:
        match command:
            case SetVolume(index=index, position=position):
                strip = self._strip(index)
                if not 0.0 <= position <= 1.0:
                    raise CommandError(
                        f"volume must be between 0 and 1 (0.7 is nominal), not {position}"
                    )
                self._positions[strip.index] = float(position)
                self._mixer.set_volume(strip.index, position)
            case SetEar(index=index, ear=ear):
                strip = self._strip(index)
                try:
                    self._mixer.set_ear(strip.index, Ear(ear))
                except ValueError:
                    raise CommandError(f"ear must be left, right or both, not {ear!r}") from None
            case SetTone(bass_db=bass, treble_db=treble):
                for name, value in (("bass", bass), ("treble", treble)):
                    if not -RANGE_DB <= value <= RANGE_DB:
                        raise CommandError(
                            f"{name} must be between -{RANGE_DB:g} and +{RANGE_DB:g} dB, "
                            f"not {value}"
                        )
                self._tone_wanted = (float(bass), float(treble))
                if not self._tone_busy:
                    self._design_tone()
            case SetCalibration(spl_at_full_scale=spl):
                try:
                    self._protection.set_calibration(Calibration(spl))
                except ValueError as exc:
                    raise CommandError(str(exc)) from None
                stopped = self._test_tone.recheck(self._protection.calibration)
                if stopped is not None:  # it would be turned down: its level would lie
                    tone = self._test_tone
                    self._emit(CommandRejected(TestTone(True, tone.dbfs, tone.hz), stopped))
            case TestTone(on=on, dbfs=dbfs, hz=hz):
                try:
                    self._test_tone.set(on, dbfs, hz, self._protection.calibration)
                except ValueError as exc:
                    raise CommandError(str(exc)) from None
            case Sidetone(on=on, gain_db=gain_db):
                try:
                    self._sidetone.set(on, gain_db)
                except ValueError as exc:
                    raise CommandError(str(exc)) from None
            case UsePort(port=port):
                self._use_port(port)
            case _:  # the meeting's
                self._meeting.command(command, time.monotonic())
                self._settle()

    def _design_tone(self, done: asyncio.Future[None] | None = None) -> None:
        """Design the newest tone setting on a worker thread, one at a time, newest wins.

        A design takes about a millisecond: not on the media thread. A slider
        dragged fast asks for many; those asked for meanwhile collapse into one.
        """
        if done is not None and not done.cancelled() and done.exception() is not None:
            log.error("tone design failed", exc_info=done.exception())
        wanted, self._tone_wanted = self._tone_wanted, None
        self._tone_busy = wanted is not None and not self._stopping
        if wanted is not None and not self._stopping:
            future = self._loop.run_in_executor(None, self._tone.set_tone, *wanted)
            future.add_done_callback(self._design_tone)

    def _strip(self, index: int) -> InputStrip:
        return self._strips[checked_input(index, len(self._strips))]

    def _open(self, session: Session, target: Connect) -> None:
        config = self._config
        link = HubLink(
            session,
            on_event=self._on_session_event,
            on_media=self._on_media,
            ping_interval_s=config.ping_interval_s,
            silence_timeout_s=config.silence_timeout_s,
            open_timeout_s=config.open_timeout_s,
            ca_file=target.ca_file,
            allow_insecure=target.allow_insecure,
        )
        self._link = link
        self._link_task = self._loop.create_task(link.run(target.url))

    def _use_port(self, port: AudioPort) -> None:
        old = self._port
        try:
            old.stop()
        except Exception:
            log.exception("stopping the old audio port failed")
        try:
            self._attach(port)
            port.start()
        except Exception as exc:
            raise CommandError(f"the audio port could not start: {exc}") from None
