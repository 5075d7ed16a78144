"""The demo meeting, headless: a hub and bots on loopback, for ``rsi-console demo``.

Everything runs in this process, with no sound card:

* the hub, serving ``resources/meetings/demo.toml`` on a free loopback port,
  on a thread of its own with its own asyncio loop;
* a floor source (a :class:`~programs.bot.Bot` with a floor token) playing the
  demo speech of ``resources/speech/`` in every language of the meeting, one
  clip after the other, over and over, and setting ``floor_language`` to
  each clip's language as it starts (so auto-relay has something to do);
* two other booths on air on their A channels, each playing speech in its
  own language;
* a booth partner in the console user's booth (participant ``<booth>-2``),
  off air, that answers handovers: whatever is pending for it, an offer of
  the air or a request for it back, it accepts after ``partner_delay_s``.

The API, for the console and for tests::

    with DemoMeeting(booth="en") as demo:          # start() ... stop()
        demo.url                                   # ws://127.0.0.1:PORT/v1
        demo.token("interpreter")                  # the console user: "<booth>-1"
        demo.token("coordinator"), demo.token("listener")
        demo.partner                               # the partner bot's participant id

:meth:`DemoMeeting.start` returns once every bot is in and on air; it
raises (and leaves nothing running) if any part cannot start. Stopping
takes a second or two: each bot leaves the meeting properly.
"""

from __future__ import annotations

import asyncio
import shutil
import ssl
import tempfile
import threading
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, Final, TypeVar

import numpy as np
import soundfile

from audio.commands import FloorLanguage, Handover
from audio.format import SAMPLE_RATE
from channels import meeting_file, tokens
from channels.hub import Hub
from channels.meeting import MeetingConfig
from channels.server import HubServer
from programs.bot import Bot, BotConfig
from programs.hub import DEMO_MEETING
from resources import SPEECH

GAP_S: Final = 0.75
"""Silence between two clips of the floor, as between two speakers."""
_SLICE_S: Final = 0.1
"""How often a bot's thread looks at the meeting (the partner, the floor's clip)."""
_START_TIMEOUT_S: Final = 10.0
ROLES: Final = ("interpreter", "coordinator", "listener")
T = TypeVar("T")

FLOOR_GAIN_DB: Final = -12.0
"""The speech clips are mastered hot (about -21 dBFS RMS, peaks at -3 dBFS).
A meeting platform's floor sits lower; at -33 dBFS RMS it reaches an
uncalibrated headset (audio/protect.py assumes 110 dB SPL at full scale) at
about 77 dB SPL at nominal volume, under the 80 dB SPL exposure limit,
instead of 89 dB SPL, which set off the one-minute exposure back-off within
the first minute of every demo."""


class DemoMeeting:
    """The demo meeting around the console user's ``booth`` (module docstring)."""

    def __init__(
        self,
        booth: str = "en",
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        partner_delay_s: float = 1.5,
        meeting: Path = DEMO_MEETING,
    ) -> None:
        self.meeting: MeetingConfig = meeting_file.load(meeting)
        mine = self.meeting.booth(booth)
        if mine is None:
            names = ", ".join(b.id for b in self.meeting.booths)
            raise ValueError(f"the demo meeting has no booth {booth!r} (it has {names})")
        self.booth = booth
        self._outputs = mine.outputs
        self.partner = f"{booth}-2"
        self._partner_delay_s = partner_delay_s
        self._hub = HubThread(self.meeting, host, port)
        self._runners: list[BotRunner] = []
        self._folder: Path | None = None

    @property
    def url(self) -> str:
        return self._hub.url

    def token(self, role: str) -> str:
        """A token for the console: ``interpreter`` (in :attr:`booth`), ``coordinator``..."""
        people = {
            "interpreter": (f"{self.booth}-1", "You", self.booth),
            "coordinator": ("coord", "Coordinator", None),
            "listener": ("listener", "Listener", None),
        }
        if role not in people:
            raise ValueError(f"no demo token for {role!r}: ask for one of {', '.join(ROLES)}")
        sub, name, booth = people[role]
        return self._issue(sub, name, role, booth)

    def start(self) -> None:
        """Serve the meeting and start the bots; returns when they are on air."""
        try:
            self._hub.start()
            self._folder = Path(tempfile.mkdtemp(prefix="rsi-demo-"))
            self._start_floor(self._folder)
            for booth, channel in self._other_booths():
                self._start_booth(booth, channel)
            self._start_partner()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Bots leave, the hub stops, the temporary speech file goes."""
        for runner in reversed(self._runners):
            runner.stop()
        self._runners.clear()
        self._hub.stop()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def __enter__(self) -> DemoMeeting:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- The bots --------------------------------------------------------------------------

    def _issue(self, sub: str, name: str, role: str, booth: str | None = None) -> str:
        return tokens.issue(self.meeting, sub=sub, name=name, role=role, booth=booth)

    def _run(self, config: BotConfig, hook: Callable[[Bot], None] | None = None) -> Bot:
        bot = Bot(config)
        bot.start()
        self._runners.append(BotRunner(bot, hook))
        return bot

    def _start_floor(self, folder: Path) -> None:
        languages = [
            ch.language
            for ch in self.meeting.channels
            if ch.language is not None and (SPEECH / f"{ch.language}.ogg").exists()
        ]
        path, starts = _speech_loop(languages, folder / "floor.wav")
        clip = _ClipLanguage(languages, starts)
        self._run(
            BotConfig(
                self.url,
                self._issue("chair", "Chair", "floor"),
                play=path,
                loop=True,
                gain_db=FLOOR_GAIN_DB,
            ),
            clip.follow,
        )

    def _other_booths(self) -> list[tuple[str, str]]:
        """Two (booth, A channel) besides the user's, on channels the user's booth cannot take."""
        found = []
        for booth in self.meeting.booths:
            channel = booth.outputs[0]
            spoken = (SPEECH / f"{channel}.ogg").exists()
            if booth.id != self.booth and channel not in self._outputs and spoken:
                found.append((booth.id, channel))
        return found[:2]

    def _start_booth(self, booth: str, channel: str) -> None:
        token = self._issue(
            f"{booth}-1", f"{booth.upper()} interpreter (bot)", "interpreter", booth
        )
        self._run(
            BotConfig(
                self.url,
                token,
                listen=("floor",),  # interpreting the floor: the relay graph shows it
                play=SPEECH / f"{channel}.ogg",
                mic=channel,
                loop=True,
            )
        )

    def _start_partner(self) -> None:
        channel = self._outputs[0]
        token = self._issue(self.partner, "Partner (bot)", "interpreter", self.booth)
        speech = SPEECH / f"{channel}.ogg"
        partner = _Partner(self.booth, self.partner, self._partner_delay_s)
        self._run(
            BotConfig(
                self.url,
                token,
                listen=("floor",),
                play=speech if speech.exists() else None,
                mic=channel,
                loop=True,
                take_air=False,
            ),
            partner.answer,
        )


class _Partner:
    """Accepts whatever handover is pending for it, once it has waited ``delay_s``."""

    def __init__(self, booth: str, me: str, delay_s: float) -> None:
        self.booth = booth
        self.me = me
        self.delay_s = delay_s
        self._pending: tuple[str, str, float] | None = None
        self._seen_at = 0.0

    def answer(self, bot: Bot) -> None:
        meeting = bot.meeting
        booth = meeting.booth(self.booth) if meeting is not None else None
        pending = booth.handover if booth is not None else None
        if pending is None or pending.to != self.me:
            self._pending = None
            return
        key = (pending.sender, pending.action, pending.since)
        now = time.monotonic()
        if key != self._pending:
            self._pending, self._seen_at = key, now
        elif now - self._seen_at >= self.delay_s:
            bot.engine.submit(Handover("accept"))
            self._seen_at = float("inf")  # once; the next snapshot shows it done


class _ClipLanguage:
    """Sets the floor language to the language of the clip the floor bot is playing."""

    def __init__(self, languages: list[str], starts: list[int]) -> None:
        self.languages = languages
        self.starts = starts
        """Where each clip starts, in samples; the last entry is the loop's length."""
        self._said: str | None = None

    def follow(self, bot: Bot) -> None:
        position = (bot.port.stats().blocks_played * bot.port.frames) % self.starts[-1]
        index = int(np.searchsorted(self.starts, position, side="right")) - 1
        language = self.languages[min(index, len(self.languages) - 1)]
        if language != self._said:
            bot.engine.submit(FloorLanguage(language))
            self._said = language


def _speech_loop(languages: list[str], path: Path) -> tuple[Path, list[int]]:
    """One WAV of every language's clip with a gap after each; where each one starts."""
    gap = np.zeros(int(GAP_S * SAMPLE_RATE), dtype=np.float32)
    parts, starts, at = [], [], 0
    for language in languages:
        audio, rate = soundfile.read(SPEECH / f"{language}.ogg", dtype="float32")
        if rate != SAMPLE_RATE:
            raise ValueError(
                f"{language}.ogg is at {rate} Hz; the demo clips are at {SAMPLE_RATE} Hz"
            )
        starts.append(at)
        parts += [audio, gap]
        at += len(audio) + len(gap)
    starts.append(at)
    soundfile.write(path, np.concatenate(parts), SAMPLE_RATE, subtype="FLOAT")
    return path, starts


class BotRunner:
    """A started bot on a thread of its own, ``hook`` called between slices of its run."""

    def __init__(
        self, bot: Bot, hook: Callable[[Bot], None] | None, *, slice_s: float = _SLICE_S
    ) -> None:
        self.bot = bot
        self._hook = hook
        self._slice_s = slice_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="rsi-demo-bot", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set() and self.bot.lost is None:
            self.bot.run(self._slice_s)
            if self._hook is not None:
                self._hook(self.bot)

    def stop(self) -> None:
        self._stop.set()
        self.bot.request_stop()
        self._thread.join()
        self.bot.stop()


class HubThread:
    """A hub's server (:class:`HubServer`) run by an asyncio loop on a thread of its own.

    :meth:`start` returns once it serves (:attr:`url`; ``port`` 0 takes a free one) and
    raises if it cannot; :meth:`call` runs a coroutine on the hub's loop (a client of its
    own, a look at :attr:`server`) and waits for its result; :meth:`stop` stops the server,
    the loop and the thread. ``ssl_context``: serve ``wss://``.
    """

    def __init__(
        self,
        meeting: MeetingConfig,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.meeting = meeting
        self.host = host
        self.ssl_context = ssl_context
        self.server = HubServer(Hub(meeting), host=host, port=port, ssl_context=ssl_context)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        if self._loop is None:
            raise RuntimeError("the hub is not running: start() it first")
        return self.server.url

    def start(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="rsi-hub", daemon=True)
        self._thread.start()
        try:
            self.call(self.server.start())
        except TimeoutError:
            self._end()
            raise RuntimeError(f"the hub did not start within {_START_TIMEOUT_S:g} s") from None
        except Exception as exc:
            self._end()
            raise RuntimeError(f"the hub could not start: {exc}") from exc

    def call(self, coro: Coroutine[Any, Any, T], timeout: float = _START_TIMEOUT_S) -> T:
        """Run ``coro`` on the hub's loop; its result (or exception) within ``timeout`` s."""
        if self._loop is None:
            coro.close()
            raise RuntimeError("the hub is not running: start() it first")
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    def stop(self) -> None:
        """Stop serving (clients are closed) and end the thread; nothing if not started."""
        if self._loop is None:
            return
        try:
            self.call(self.server.stop())
        finally:
            self._end()

    def _end(self) -> None:
        loop, thread = self._loop, self._thread
        self._loop = self._thread = None
        if loop is None or thread is None:
            return
        loop.call_soon_threadsafe(loop.stop)
        thread.join(_START_TIMEOUT_S)
        if not thread.is_alive():
            loop.close()
