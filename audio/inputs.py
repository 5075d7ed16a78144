"""The inputs of the engine's mix: the channel each plays, and a receiver per channel listened to.

:class:`Inputs` holds one :class:`~audio.receive.InputStrip` per input of
the mix (floor, relay...), one :class:`~audio.receive.ChannelReceiver` per
channel received, and the :class:`~audio.mixer.Mixer` that sums the inputs
with their volume and ear. The engine switches the inputs to the channels
the meeting core chose (:meth:`Inputs.select`), keeps the receivers of the
channels it listens to (:meth:`Inputs.keep`), and renders one block at a
time; an input whose switch completes is reported to ``on_switch`` from
inside :meth:`Inputs.render`. With ``taps``, each input's block is also
copied into its own ring as decoded, before the mixer's volume and ear.

Each input is brought to the -23 LUFS target by its own
:class:`~audio.leveller.Leveller` (on by default, :meth:`Inputs.set_leveller`)
after its meters, its floor-quality analysis and its tap: they all show the
input as it arrived.

While we are on air, the input that plays our own channel plays the
microphone instead (:meth:`Inputs.play_own_voice`, as the meeting core's
``own_voice`` says): :meth:`Inputs.feed_mic` it every capture block.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from audio.commands import ChannelMetrics, InputMetrics
from audio.figures import channel_metrics, input_metrics
from audio.format import BLOCK
from audio.jitter import JitterStats
from audio.leveller import RANGE_DB, Leveller
from audio.loudness import SILENCE_LUFS
from audio.meeting import checked_input
from audio.mixer import Ear, Mixer
from audio.opus import FrameMs
from audio.quality import QualityReport
from audio.receive import ChannelReceiver, InputStrip
from audio.ring import BlockRing
from audio.selfcheck import MicSidetone
from audio.volume import NOMINAL_POSITION, Gain
from channels.session import CommandError


class Inputs:
    """``count`` inputs and the receivers they play from; one thread (the engine's) uses it."""

    def __init__(
        self,
        count: int,
        *,
        frame_ms: FrameMs,
        jitter_min_ms: float,
        jitter_max_ms: float,
        on_switch: Callable[[InputStrip], None],
        taps: Sequence[BlockRing] = (),
    ) -> None:
        if taps and len(taps) != count:
            raise ValueError(f"{len(taps)} taps for {count} inputs")
        self.mixer = Mixer(count, block=BLOCK)
        self.strips = [InputStrip(i, frame_ms=frame_ms) for i in range(count)]
        self.receivers: dict[str, ChannelReceiver] = {}
        """Channel id -> its receiver: push each packet of a listened channel there."""
        self._frame_ms: FrameMs = frame_ms
        self._jitter_ms = (jitter_min_ms, jitter_max_ms)
        self._on_switch = on_switch
        self._positions = [NOMINAL_POSITION] * count
        self._heard: list[str | None] = [None] * count
        self._quality: list[QualityReport | None] = [None] * count
        self._taps = tuple(taps)
        self._mic = MicSidetone(block=BLOCK)
        """The microphone, re-blocked with the sidetone's delay, at unity gain while heard."""
        self._voice = np.zeros((BLOCK, 1), dtype=np.float32)
        self._voice_col = self._voice[:, 0]
        self._scratch = np.zeros(BLOCK, dtype=np.float32)
        self._hub_gain = [Gain(block=BLOCK, gain=1.0) for _ in range(count)]
        self._mic_gain = [Gain(block=BLOCK, gain=0.0) for _ in range(count)]
        self._mic_mixed = [False] * count
        """The microphone is mixed into this input (or fading out of it)."""
        self._own: tuple[int | None, bool] = (None, False)
        self.levellers = [Leveller(block=BLOCK) for _ in range(count)]

    def select(self, channels: Sequence[str | None]) -> None:
        """Switch each input to its channel (None: nothing), without a gap."""
        for strip, channel in zip(self.strips, channels, strict=True):
            if strip.selected != channel:
                strip.select(channel, None if channel is None else self._receiver(channel))

    def playing(self) -> list[str | None]:
        """The channel each input plays now (a switch completes when its buffer is ready)."""
        return [strip.current for strip in self.strips]

    def keep(self, listening: Iterable[str]) -> None:
        """Receive ``listening`` and what the inputs play or switch to; close the rest."""
        keep = set(listening)
        for channel in keep:
            self._receiver(channel)
        for strip in self.strips:
            keep.update(ch for ch in (strip.current, strip.pending) if ch is not None)
        for channel in [ch for ch in self.receivers if ch not in keep]:
            self.receivers.pop(channel).close()

    def attach_mic(self, frames: int) -> None:
        """A capture port with blocks of ``frames`` is attached (see :meth:`feed_mic`)."""
        self._mic.attach(frames)

    def feed_mic(self, block: npt.NDArray[np.float32]) -> None:
        """Every capture block, as captured (kept only while the own voice plays or fades)."""
        self._mic.feed(block)

    def play_own_voice(self, index: int | None, audible: bool) -> None:
        """Play the microphone on input ``index`` (None: on none) in place of its channel.

        The channel's stream goes on underneath, muted: it plays again at once
        when ``index`` moves away. The microphone is silent there while not
        ``audible`` (a cough, or the sidetone playing it already). Both change
        over one block, without a click.
        """
        if (index, audible) == self._own:
            return
        self._own = (index, audible)
        self._mic.set(index is not None, 0.0)
        for i in range(len(self.strips)):
            mine = i == index
            self._hub_gain[i].set_gain(0.0 if mine else 1.0)
            self._mic_gain[i].set_gain(1.0 if mine and audible else 0.0)
            self._mic_mixed[i] = self._mic_mixed[i] or mine

    def render(self, now: float, out: npt.NDArray[np.float32]) -> None:
        """Mix the inputs' next block into ``out`` (``(480, 2)``)."""
        receivers, mixer, taps = self.receivers, self.mixer, self._taps
        voice, scratch = self._voice_col, self._scratch
        voice.fill(0.0)
        self._mic.add_to(self._voice)  # nothing unless the own voice plays or fades
        for strip in self.strips:
            index = strip.index
            block = mixer.input(index)
            strip.render(now, block, receivers)
            if taps:
                taps[index].push(block)
            self.levellers[index].process(
                block, strip.loudness.momentary_lufs if strip.selected is not None else SILENCE_LUFS
            )
            self._hub_gain[index].process(block, block)
            if self._mic_mixed[index]:
                gain = self._mic_gain[index]
                gain.process(voice, scratch)
                np.add(block, scratch, out=block)
                self._mic_mixed[index] = gain.gain > 0.0 or self._own[0] == index
            if strip.current != self._heard[strip.index]:
                self._heard[strip.index] = strip.current
                self._quality[strip.index] = None
                self.levellers[strip.index].restart()
                self._on_switch(strip)
        mixer.process(out)

    def set_volume(self, index: int, position: float) -> None:
        """Input ``index``'s volume knob, 0..1; CommandError says what is wrong."""
        index = checked_input(index, len(self.strips))
        if not 0.0 <= position <= 1.0:
            raise CommandError(f"volume must be between 0 and 1 (0.7 is nominal), not {position}")
        self._positions[index] = float(position)
        self.mixer.set_volume(index, position)

    def set_ear(self, index: int, ear: str) -> None:
        """Route input ``index`` to ``left``, ``right`` or ``both``; CommandError if not."""
        index = checked_input(index, len(self.strips))
        try:
            self.mixer.set_ear(index, Ear(ear))
        except ValueError:
            raise CommandError(f"ear must be left, right or both, not {ear!r}") from None

    def set_leveller(self, index: int, on: bool) -> None:
        """Level input ``index`` to the target (on), or leave it as it arrives; CommandError if
        there is no such input."""
        self.levellers[checked_input(index, len(self.strips))].on = on

    def refresh_quality(self) -> None:
        """Take the floor-quality reports now (a UI cadence, not every block)."""
        for strip in self.strips:
            on = self.levellers[strip.index].on
            self._quality[strip.index] = strip.quality_report(boost_db=RANGE_DB if on else None)

    def heard(self) -> list[JitterStats]:
        """The jitter buffers' figures of the channels heard now."""
        receivers = self.receivers
        return [
            receivers[strip.current].buffer.stats
            for strip in self.strips
            if strip.current is not None and strip.current in receivers
        ]

    def metrics(
        self, speakers: Mapping[int, str], now: float
    ) -> tuple[tuple[InputMetrics, ...], tuple[ChannelMetrics, ...]]:
        """Each input's figures, and each received channel's."""
        receivers = self.receivers
        inputs = tuple(
            input_metrics(
                strip,
                receivers.get(strip.current) if strip.current else None,
                speakers=speakers,
                position=self._positions[strip.index],
                ear=str(self.mixer.ear(strip.index)),
                quality=self._quality[strip.index],
                leveller_db=leveller.gain_db if leveller.on else None,
            )
            for strip, leveller in zip(self.strips, self.levellers, strict=True)
        )
        heard = {strip.current for strip in self.strips}
        channels = tuple(
            channel_metrics(receiver, heard=channel in heard, speakers=speakers, now=now)
            for channel, receiver in receivers.items()
        )
        return inputs, channels

    def close(self) -> None:
        for receiver in self.receivers.values():
            receiver.close()
        self.receivers.clear()

    def _receiver(self, channel: str) -> ChannelReceiver:
        receiver = self.receivers.get(channel)
        if receiver is None:
            low, high = self._jitter_ms
            receiver = ChannelReceiver(
                channel, frame_ms=self._frame_ms, min_delay_ms=low, max_delay_ms=high
            )
            self.receivers[channel] = receiver
        return receiver
