"""What the tests and benchmarks of ``rsi-gateway`` share: an ear on the hub, and burst timing.

:class:`HubEar` is a raw rsi.v1 listener (:class:`~tests.rig.wsclient.WsClient`)
on one hub channel: it decodes each packet as it arrives and keeps it with its
arrival time, so the delay of a burst is measured where the hub delivers it,
before any listener's jitter buffer; :func:`tests.rig.janus.delays_ms` times
the bursts a platform participant gave against it.

Processes: ``rsi-gateway`` itself is started by
:meth:`tests.rig.hubprocess.BotProcess.gateway`, and run to its end by
:func:`tests.rig.hubprocess.rsi_gateway`.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Final

import numpy as np
import numpy.typing as npt

from audio.format import BLOCK
from audio.opus import Decoder
from tests.rig.wsclient import WsClient

F32 = npt.NDArray[np.float32]
SEQUENCE_SPAN: Final = 1 << 16
MAX_FILLED: Final = 50
"""A longer gap in the numbering is a new stream (the speaker came back): not filled."""


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
