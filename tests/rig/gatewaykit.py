"""What the tests and benchmarks of ``rsi-gateway`` share: an ear on the hub, a bridge, errors.

:class:`HubEar` is a raw rsi.v1 listener (:class:`~tests.rig.wsclient.WsClient`)
on one hub channel: it decodes each packet as it arrives and keeps it with its
arrival time, so the delay of a burst is measured where the hub delivers it,
before any listener's jitter buffer; :func:`tests.rig.janus.delays_ms` times
the bursts a platform participant gave against it.

Processes: ``rsi-gateway`` itself is started by
:meth:`tests.rig.hubprocess.BotProcess.gateway`, and run to its end by
:func:`tests.rig.hubprocess.rsi_gateway`; :class:`Bridge` holds a hub and the
gateway of one platform kind between it and the platform's server, and
:func:`assert_one_line_errors` runs the error cases of a kind.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt
import soundfile

from audio.format import BLOCK, SAMPLE_RATE
from audio.opus import Decoder
from channels import tokens
from channels.meeting import MeetingConfig
from tests.rig.dspkit import rms_db, sine
from tests.rig.hubprocess import BotProcess, HubProcess, rsi_gateway
from tests.rig.janus import TONE_AMPLITUDE, onset_after
from tests.rig.wsclient import WsClient

F32 = npt.NDArray[np.float32]
SEQUENCE_SPAN: Final = 1 << 16
MAX_FILLED: Final = 50
"""A longer gap in the numbering is a new stream (the speaker came back): not filled."""
BACK_WITHIN_S: Final = 10.0
"""Sound flows again within this long of a side being back (a new gateway ready, Janus
answering again): the gateway reopens a side at most 8 s apart (REOPEN_MAX_S), and joining
takes a fraction of a second (a Janus test saw the floor back 0.2 s after either)."""
AUDIBLE_DB: Final = -40.0
"""The participants' tones are about -13 to -15 dBFS RMS: a window above -40 dBFS carries
one (silence and concealment after a gap read far below)."""


class HubEar:
    """One hub channel, heard by a raw listener: ``got`` holds (arrival, decoded frame)."""

    def __init__(self, client: WsClient) -> None:
        self.client = client
        self.got: list[tuple[float, F32]] = []
        self._decoder: Decoder[np.float32] = Decoder(frame_ms=10)
        self._task = asyncio.get_running_loop().create_task(self._read())

    @classmethod
    async def join(cls, url: str, token: str, channel: str) -> HubEar:
        return cls(await WsClient.join(url, token, listen=[channel], timeout=5.0))

    def signal(self, since: float = -np.inf) -> F32:
        """What arrived at or after ``since`` (monotonic), end to end."""
        frames = [pcm for at, pcm in self.got if at >= since]
        return np.concatenate(frames) if frames else np.zeros(0, np.float32)

    async def close(self) -> None:
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        await self.client.ws.close()
        self._decoder.close()

    async def _read(self) -> None:
        last: int | None = None
        while True:
            received = await self.client.media.get()
            sequence = received.packet.sequence
            gap = 0 if last is None else (sequence - last - 1) % SEQUENCE_SPAN
            if 0 < gap <= MAX_FILLED:  # lost on the way: concealed, so the timeline holds
                for _ in range(gap):
                    self.got.append((received.at, self._decoder.conceal(BLOCK).copy()))
            last = sequence
            self.got.append((received.at, self._decoder.decode(received.packet.payload).copy()))


async def floor_level(ear: HubEar, seconds: float = 0.5) -> float:
    """The level (dBFS RMS) of what ``ear`` hears over the next ``seconds``."""
    since = time.monotonic()
    await asyncio.sleep(seconds)
    heard = ear.signal(since)
    return rms_db(heard) if heard.size else -np.inf


async def until_audible(ear: HubEar, within_s: float) -> float:
    """Seconds until ``ear`` hears a tone again; fails after ``within_s``."""
    began = time.monotonic()
    while (level := await floor_level(ear, 0.2)) < AUDIBLE_DB:
        assert time.monotonic() - began < within_s, f"the floor is still silent ({level:.1f} dB)"
    return time.monotonic() - began


def level_db(x: npt.NDArray[np.float32]) -> float:
    """The median of the 10 ms levels of ``x`` (dBFS RMS): a dropout does not move it."""
    blocks = x[: len(x) // BLOCK * BLOCK].astype(np.float64).reshape(-1, BLOCK)
    return float(np.median(10 * np.log10(np.mean(blocks**2, axis=1) + 1e-20)))


def assert_bursts_at_level(recording: Path, starts: Sequence[int]) -> None:
    """The middle of each burst of :func:`~tests.rig.janus.tone_bursts` (onsets ``starts``), as
    a bot recorded it (``--record``), within 1 dB of what was played, by :func:`level_db`."""
    recorded, _ = soundfile.read(recording, dtype="float32")
    floor = recorded[:, 0]
    first = onset_after(floor, 0)
    assert first is not None, "the bursts are missing from the recording"
    middles = [floor[first + s - starts[0] :][SAMPLE_RATE // 10 : SAMPLE_RATE // 5] for s in starts]
    expected = rms_db(sine(1000, 0.1, TONE_AMPLITUDE))
    assert abs(level_db(np.concatenate(middles)) - expected) < 1.0, [level_db(m) for m in middles]


@dataclass(kw_only=True)
class Bridge:
    """A hub, and an ``rsi-gateway KIND`` process bridging a platform's server to it."""

    hub: HubProcess
    meeting: MeetingConfig
    kind: str
    args: tuple[str, ...]
    """The kind's own options and ``--channel``s (the hub's come from here)."""
    gateway: BotProcess | None = None

    def token(self, sub: str, role: str, booth: str | None = None) -> str:
        return tokens.issue(self.meeting, sub=sub, name=sub.title(), role=role, booth=booth)

    async def start_gateway(self) -> BotProcess:
        self.gateway = await BotProcess.gateway(
            self.kind, self.hub.url, self.token("gw", "gateway"), *self.args
        )
        return self.gateway

    async def hear_floor(self, recording: Path) -> tuple[HubEar, BotProcess]:
        """The hub's floor heard twice: raw, with arrival times, and by an ``rsi-bot`` recording."""
        ear = await HubEar.join(self.hub.url, self.token("ear", "listener"), "floor")
        recorder = await BotProcess.start(
            self.hub.url, self.token("rec", "listener"), "--listen", "floor",
            "--record", str(recording),
        )  # fmt: skip
        return ear, recorder

    async def stop(self) -> None:
        """The gateway killed, the hub stopped (the platform's server is the caller's)."""
        if self.gateway is not None:
            self.gateway.kill()
            await self.gateway.process.wait()
        self.hub.stop()


async def assert_one_line_errors(
    common: Sequence[str], cases: Sequence[tuple[Sequence[str], int, str]]
) -> None:
    """``rsi-gateway *common *args`` for each case, at once: its exit code, one line saying it."""
    runs = [asyncio.to_thread(rsi_gateway, *common, *args) for args, _, _ in cases]
    for (args, code, sentence), ran in zip(cases, await asyncio.gather(*runs), strict=True):
        assert ran.returncode == code, (args, ran.stderr)
        assert ran.stderr.count("\n") == 1 and sentence in ran.stderr, ran.stderr
        assert ran.stderr.startswith("rsi-gateway: ") and ran.stdout == "", ran
