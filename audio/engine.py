"""The console's audio engine: network, media and meters in one thread with its own asyncio loop.

:class:`Engine` takes an audio port and an :class:`EngineConfig`; ``start()``
it, ``submit()`` commands, ``subscribe()`` to events, ``stop()`` it (or use it
as a context manager).

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

The meeting's rules are decided without I/O by :mod:`audio.meeting`; the
engine carries them out. Its threads, the path of a block through it and
how it keeps time with the port: docs/architecture.md ("Journey 1",
"Threads", "Design notes").
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import math
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.clock import PortClock
from audio.commands import (
    COMMANDS,
    Chime,
    Command,
    CommandRejected,
    Connect,
    ConnectionFailed,
    Disconnected,
    Event,
    HeadsetCheck,
    InputSwitched,
    Metrics,
    PortProblem,
    Priority,
    Record,
    SetCalibration,
    SetEar,
    SetLeveller,
    SetTone,
    SetVolume,
    Sidetone,
    TestTone,
    TimingMetrics,
    UsePort,
    Welcomed,
)
from audio.config import EngineConfig
from audio.fifo import SampleFifo
from audio.figures import CpuMeter, LinkFigures, link_metrics, mic_metrics
from audio.format import BLOCK, SAMPLE_RATE
from audio.inputs import Inputs
from audio.lead import PlaybackLead
from audio.meeting import CloseLink, MeetingCore, OpenLink
from audio.outbox import Outbox, Subscriber
from audio.output import OutputChain
from audio.port import AudioPort
from audio.receive import InputStrip
from audio.recordtap import RecordTap
from audio.ring import BlockRing
from audio.send import MicSender
from audio.waker import precise_loop
from channels.client import HubLink
from channels.rtp import ssrc_of
from channels.session import CommandError, Session, SessionEvent

__all__ = [
    "GIL_SWITCH_S",
    "REALTIME_PRIORITY",
    "Engine",
    "EngineConfig",
    "freeze_startup_objects",
    "ordinary_priority",
    "raise_priority",
]

log = logging.getLogger(__name__)

GIL_SWITCH_S: Final = 0.001
"""The interpreter's GIL switch interval while an engine runs (Python's default: 5 ms).

The port's callbacks, the engine, the event delivery and the GUI share one
interpreter: at 5 ms, the waits of a thread that wakes for its block stack
into underruns (bench/README.md, pipeline_latency, has the figures).
"""
_MAX_BLOCKS_PER_WAKE: Final = 4
_LEAD_OVER_BLOCK_S: Final = 0.002
"""The lead's ceiling: a block plus this (more would only add delay to a stall it cannot cover)."""
_PORT_CHECK_S: Final = 1.0
_FIRST_REPORT_S: Final = 1.0
_STOP_TIMEOUT_S: Final = 1.5
REALTIME_PRIORITY: Final = 10
"""SCHED_RR priority of the engine thread: above ordinary work, below the kernel's own and
the sound server's (PipeWire's data threads ask for 88)."""
_RAISED_NICE: Final = -10


def raise_priority() -> Priority:
    """Run the calling thread ahead of ordinary work, if the system allows: real-time
    round-robin, else a lower nice value. Returns what it got; never raises.

    Threads it starts afterwards inherit it (the port's clock thread does, as it should);
    start others through :func:`ordinary_priority`."""
    try:
        os.sched_setscheduler(0, os.SCHED_RR, os.sched_param(REALTIME_PRIORITY))
        return Priority.REALTIME
    except (AttributeError, OSError):  # no such call on this system, or not allowed
        pass
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), _RAISED_NICE)
        return Priority.RAISED
    except (AttributeError, OSError):
        return Priority.NORMAL


def freeze_startup_objects() -> None:
    """Collect once, then leave what the program holds now to the collector's permanent
    generation (:func:`gc.freeze`), once per process: its later full collections scan only
    what was made since, instead of holding the interpreter for every object there is.

    A full collection holds the GIL from start to end, whichever thread ran into it: over a
    listener bot's 40,000 objects (most of them its modules) 13-25 ms, two blocks of silence,
    more than any playback lead covers; it comes once enough objects have outlived two
    younger collections (bench/README.md, "Ring underruns"). What the program built before
    its first engine (its modules, its configuration, its windows) lives as long as it does;
    nothing of it is lost by not being looked at again. A process that froze before (a hub
    in the same process) is left as it is.
    """
    if gc.get_freeze_count() == 0:
        gc.collect()
        gc.freeze()


def ordinary_priority() -> None:
    """Undo, for the calling thread, what it inherited from :func:`raise_priority`."""
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setscheduler(0, os.SCHED_OTHER, os.sched_param(0))
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 0)


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
        self.priority = Priority.NORMAL
        """What the system granted the engine thread (:func:`raise_priority`), once started."""
        blocks = self.config.tap_blocks
        self.taps: tuple[BlockRing, ...] = (
            tuple(BlockRing(blocks, BLOCK) for _ in range(self.config.inputs)) if blocks else ()
        )
        """With ``tap_blocks``: input ``i``'s blocks as decoded, one ring each, in the order
        the port clocks them. The engine thread writes them; one other thread may read each."""

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
        freeze_startup_objects()
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
        self.priority = raise_priority()
        if self.priority is not Priority.REALTIME:
            log.warning(
                "the system refused real-time priority: the engine runs at %s", self.priority
            )
        loop = precise_loop()  # timers on time, not rounded up to the millisecond
        # One named worker for what must not run on the media thread (filter design).
        loop.set_default_executor(
            ThreadPoolExecutor(
                max_workers=1,
                thread_name_prefix="rsi-engine-worker",
                initializer=ordinary_priority,
            )
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
    """The engine thread's work: the media clock, the render, and what the meeting core decides."""

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
        self._inputs = Inputs(
            config.inputs,
            frame_ms=config.frame_ms,
            jitter_min_ms=config.jitter_min_ms,
            jitter_max_ms=config.jitter_max_ms,
            on_switch=self._switched,
            taps=engine.taps,
        )
        self._receivers = self._inputs.receivers
        """The packet path's lookup."""
        self._output = OutputChain(config.protection, config.calibration, loop)
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
        self._meeting = MeetingCore(config.inputs, client=config.client, platform=config.platform)
        self._link: HubLink | None = None
        self._link_task: asyncio.Task[None] | None = None
        self._channel_of_ssrc: dict[int, str] = {}
        """The meeting's, for the packet path."""
        self._link_figures = LinkFigures()

        # Timing.
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
        self._tap: RecordTap | None = None
        """A study's recording (:class:`audio.commands.Record`): blocks pushed, nothing else."""
        self._attach(port)

    # -- port ------------------------------------------------------------------------------

    def _attach(self, port: AudioPort) -> None:
        self._port = port
        frames = port.frames
        if frames < 1:
            raise ValueError(f"port {port!r} has blocks of {frames} frames")
        self._frames = frames
        self._output.sidetone.attach(frames)
        self._inputs.attach_mic(frames)
        period = frames / SAMPLE_RATE
        self._capture = port.capture
        self._playback = port.playback
        self._cap_clock = PortClock(period)
        self._play_clock = PortClock(period)
        self._lead = PlaybackLead(
            self._config.lead_ms / 1000,
            self._config.min_lead_ms / 1000,
            max(self._config.lead_ms / 1000, period + _LEAD_OVER_BLOCK_S),
        )
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
        self._play_pops0 = port.playback.pops if port.playback is not None else 0
        self._cap_pushes0 = port.capture.pushes if port.capture is not None else 0
        self._underruns_seen = self._play_underruns0
        self._tap_marks = (self._play_underruns0, self._cap_overruns0)
        self._playing = False
        self._underruns_before = 0
        self._gaps_before = 0

    async def open(self) -> None:
        self._port.start()

    async def run(self) -> None:
        self._schedule(time.monotonic())
        await self._stopped.wait()
        await self._shutdown()

    def request_stop(self) -> None:
        self._stopping = True
        self._meeting.stop()
        self._output.stop()
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
        self._inputs.close()

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
            if self._tap is not None:
                self._tap_gaps(self._tap)
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
                due = None if due is None else due - self._lead.lead_s
            wake = min(wake, now + self._poll_s if due is None or due <= now else due)
        when = max(wake, now + 0.0002)
        self._timer = self._loop.call_at(when, self._tick)

    def _port_marks(self) -> tuple[int, int]:
        play, cap = self._playback, self._capture
        return (play.underruns if play is not None else 0, cap.overruns if cap is not None else 0)

    def _tap_gaps(self, tap: RecordTap) -> None:
        """Port ticks the engine missed (an underrun played silence, an overrun lost a mic
        block) go into the recording as silence: both tracks keep the port's time."""
        marks = self._port_marks()
        under, over = marks[0] - self._tap_marks[0], marks[1] - self._tap_marks[1]
        if under or over:
            tap.missed(under * self._frames, over * self._frames)
            self._tap_marks = marks

    def _record(self, tap: RecordTap | None) -> None:
        """Start recording into ``tap`` at the port's time, or (None) stop the current one."""
        if tap is None:
            if self._tap is not None:
                self._tap.detach()  # its microphone track goes on until it has caught up
                if self._tap.caught_up:
                    self._tap = None
            return
        self._tap = tap
        self._tap_marks = self._port_marks()
        ahead = behind = None
        if self._playback is not None:
            fifo = self._play_fifo
            ahead = self._play_level * self._frames + (0 if fifo is None else len(fifo))
        if self._capture is not None:
            fifo = self._cap_fifo
            behind = len(self._capture) * self._frames + (0 if fifo is None else len(fifo))
        tap.attached(ahead, behind)

    def _say(self, tap: RecordTap, block: npt.NDArray[np.float32]) -> None:
        tap.say(block)
        if tap.caught_up:
            self._tap = None

    def _max_level(self) -> int:
        """Playback blocks that may wait in the ring: the lead's worth, plus the one due."""
        return 1 + math.ceil(self._lead.lead_s * SAMPLE_RATE / self._frames)

    def _take_capture(self, now: float) -> None:
        ring = self._capture
        if ring is None:
            return
        mic, send, fifo = self._mic, self._send_media, self._cap_fifo
        while len(ring):
            ring.pop_into(self._cap_buf)
            self._output.sidetone.feed(self._cap_col)
            self._inputs.feed_mic(self._cap_col)
            self._cap_taken += 1
            if fifo is None:
                mic.process(self._cap_col, send)
                self._blocks_captured += 1
                if self._tap is not None:
                    self._say(self._tap, self._cap_col)
                continue
            fifo.write(self._cap_col)
            while fifo.read_into(self._cap_block):
                mic.process(self._cap_block, send)
                self._blocks_captured += 1
                if self._tap is not None:
                    self._say(self._tap, self._cap_block)
        self._cap_ticks = self._cap_taken + len(ring) + ring.overruns - self._cap_overruns0
        given = ring.given  # the port's own time of its newest tick, as for playback
        if given is not None and given[1] > self._cap_pushes0:
            self._cap_clock.observe(given[0], given[1] - self._cap_pushes0)
        self._cap_clock.observe(now, self._cap_ticks)

    def _give_playback(self, now: float) -> None:
        ring = self._playback
        if ring is None:
            return
        level = len(ring)
        underruns = ring.underruns
        ticks = self._play_given - level + underruns - self._play_underruns0
        clock, lead = self._play_clock, self._lead
        taken = ring.taken  # the port's own time of its newest tick: a bound that does not drift
        if taken is not None and taken[1] > self._play_pops0:
            clock.observe(taken[0], taken[1] - self._play_pops0)
        clock.observe(now, ticks)
        if underruns != self._underruns_seen:
            if self._playing:  # the port ran dry: make blocks earlier from now on
                lead.underrun(now)
            self._underruns_seen = underruns
        made = 0
        while made < _MAX_BLOCKS_PER_WAKE and level < self._max_level():
            due = clock.tick_time(ticks + level)
            if due is None:
                if level:
                    break  # the port has not ticked yet: one block waiting is enough
            elif now < due - lead.lead_s:
                break
            planned = None if due is None else due - lead.lead_s
            if not self._give_block(now):
                break
            if planned is not None and self._playing:
                lead.made(now, time.monotonic() - planned)
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
                self._gaps_before = ring.gaps
        return pushed

    def _render(self, now: float) -> None:
        """One 10 ms block of what the user hears, into ``self._out``."""
        out = self._out
        self._inputs.render(now, out)
        self._output.process(out)
        self._blocks_played += 1
        if self._tap is not None:
            self._tap.hear(out)

    def _switched(self, strip: InputStrip) -> None:
        self._emit(InputSwitched(strip.index, strip.current))
        self._settle()

    # -- periodic work -------------------------------------------------------------------------

    def _periodic(self, now: float) -> None:
        if self._link is not None and self._meeting.heard(self._link.heard):
            self._settle()
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
            self._inputs.refresh_quality()
        if now >= self._next_metrics:
            self._next_metrics = max(
                self._next_metrics + self._config.metrics_interval_s, now + 0.001
            )
            for alert in self._output.alerts():
                self._emit(alert)
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

    def _report(self, now: float) -> None:
        self._next_report = now + self._config.report_interval_s
        figures = self._link_figures
        figures.measure(self._inputs.heard())
        if self._meeting.report(figures.jitter_ms, figures.loss, figures.buffer_ms):
            figures.reported()
            self._settle()

    def _metrics(self, now: float) -> Metrics:
        self._cpu.sample()
        meeting = self._meeting
        inputs, channels = self._inputs.metrics(meeting.speakers, now)
        self._link_figures.measure(self._inputs.heard())
        playback, capture = self._playback, self._capture
        return Metrics(
            at=now,
            inputs=inputs,
            channels=channels,
            output=self._output.metrics(),
            mic=mic_metrics(self._mic, meeting.air),
            link=link_metrics(meeting, self._link, self._link_figures, now),
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
                lead_ms=self._lead.lead_s * 1000,
                wakeups=self._wakeups,
                events_dropped=self._engine.events_dropped,
                priority=self._engine.priority,
                playback_gaps=playback.gaps - self._gaps_before
                if playback is not None and self._playing
                else 0,
            ),
        )

    # -- network ---------------------------------------------------------------------------------

    def _send_media(self, data: bytes) -> None:
        link = self._link
        if link is not None:
            link.send_media(data)

    def _on_media(self, data: bytes, arrival: float) -> None:
        ssrc = ssrc_of(data)
        channel = self._channel_of_ssrc.get(ssrc) if ssrc is not None else None
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

    def _play_own_voice(self) -> None:
        """My booth's output on air plays the microphone, unless the sidetone already does.

        With both, the same voice would be heard twice at once, 6 dB louder.
        """
        meeting = self._meeting
        audible = meeting.air.sending and not self._output.sidetone.on
        self._inputs.play_own_voice(meeting.own_voice, audible)

    def _settle(self) -> None:
        """Carry out what the meeting core decided: inputs, receivers, microphone, messages."""
        meeting, inputs = self._meeting, self._inputs
        inputs.select(meeting.selected)
        meeting.receive_playing(inputs.playing())
        inputs.keep(meeting.listening)
        self._play_own_voice()
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
                self._inputs.set_volume(index, position)
            case SetEar(index=index, ear=ear):
                self._inputs.set_ear(index, ear)
            case SetLeveller(index=index, on=on):
                self._inputs.set_leveller(index, on)
            case SetTone() | SetCalibration() | TestTone() | Sidetone() | HeadsetCheck() | Chime():
                stopped = self._output.command(command)
                if stopped is not None:
                    self._emit(stopped)
                self._play_own_voice()
            case UsePort(port=port):
                self._use_port(port)
            case Record(tap=tap):
                self._record(tap)
            case _:  # the meeting's
                self._meeting.command(command, time.monotonic())
                self._settle()

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
