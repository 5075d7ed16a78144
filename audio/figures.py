"""The engine's figures: what it reports to the hub and shows in its metrics.

Small parts with one job each, fed on the engine thread:
:class:`LinkFigures` (the ``report`` message's jitter, loss and buffer),
:class:`CpuMeter` (the engine thread's CPU), and the parts of a
:class:`~audio.commands.Metrics` snapshot, each made from what it measures.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

from audio.commands import (
    AirChanged,
    ChannelMetrics,
    InputMetrics,
    Level,
    LinkMetrics,
    MicMetrics,
    PlayoutCounts,
)
from audio.jitter import JitterStats
from audio.meeting import MeetingCore
from audio.quality import QualityReport
from audio.receive import ChannelReceiver, InputStrip
from audio.send import MicSender
from channels.client import HubLink


class LinkFigures:
    """Jitter, loss and buffer of the channels heard, for ``report`` and the link's metrics.

    Jitter and buffer are the worst of the heard channels; loss is the share
    of frames lost or late, over all of them, since the last report (as
    RTCP's fraction lost counts since the last receiver report); ``playout``
    counts each kind of playout event, summed over them.
    """

    def __init__(self) -> None:
        self.jitter_ms = 0.0
        self.loss = 0.0
        self.buffer_ms = 0.0
        self.playout = PlayoutCounts()
        self._base = (0, 0)
        self._counts = (0, 0)

    def measure(self, heard: Iterable[JitterStats]) -> None:
        """Measure the figures now, from the jitter buffers of the channels heard."""
        jitter = buffer = 0.0
        lost = total = 0
        heard = list(heard)
        for stats in heard:
            jitter = max(jitter, stats.jitter_ms)
            buffer = max(buffer, stats.delay_ms)
            lost += stats.lost + stats.late
            total += stats.received + stats.lost
        self.playout = playout_counts(heard)
        base_lost, base_total = self._base
        if total < base_total or lost < base_lost:  # a heard channel changed: new baseline
            base_lost = base_total = 0
        span = total - base_total
        loss = (lost - base_lost) / span if span > 0 else 0.0
        self.jitter_ms, self.loss, self.buffer_ms = jitter, min(1.0, max(0.0, loss)), buffer
        self._counts = (lost, total)

    def reported(self) -> None:
        """The figures last measured went out in a report: loss counts from there on."""
        self._base = self._counts


def playout_counts(heard: Iterable[JitterStats]) -> PlayoutCounts:
    """Each kind of playout event, summed over the buffers' figures; underruns after a stream
    stopped and their concealment are left out (:attr:`audio.jitter.JitterStats.stopped`)."""
    counts = [
        (
            s.concealed - s.trailing,
            s.stretched,
            s.shrunk,
            s.dropped_catchup + s.dropped_overflow,
            s.underruns - s.stopped,
        )
        for s in heard
    ]
    return (
        PlayoutCounts(*(sum(kind) for kind in zip(*counts, strict=True)))
        if counts
        else PlayoutCounts()
    )


class CpuMeter:
    """The CPU time of the thread that calls it: per interval (% of one core) and in total."""

    def __init__(self) -> None:
        self._start = time.thread_time()
        self._mark = (self._start, time.monotonic())
        self.percent = 0.0
        """Over the interval between the last two samples."""
        self.total_s = 0.0

    def sample(self) -> None:
        """Close the interval: update :attr:`percent` and :attr:`total_s`."""
        cpu, wall = time.thread_time(), time.monotonic()
        cpu0, wall0 = self._mark
        if wall > wall0:
            self.percent = 100.0 * (cpu - cpu0) / (wall - wall0)
        self._mark = (cpu, wall)
        self.total_s = cpu - self._start


def speaker(receiver: ChannelReceiver | None, speakers: Mapping[int, str]) -> str | None:
    """Who speaks on the receiver's channel now (from its last packet's ``CSRC[0]``)."""
    if receiver is None or receiver.origin is None:
        return None
    return speakers.get(receiver.origin)


def channel_metrics(
    receiver: ChannelReceiver, *, heard: bool, speakers: Mapping[int, str], now: float
) -> ChannelMetrics:
    """A received channel's figures, from its packets alone."""
    stats = receiver.buffer.stats
    return ChannelMetrics(
        channel=receiver.channel,
        heard=heard,
        packets=receiver.packets,
        level_dbov=receiver.level,
        voice=receiver.voice,
        speaker=speaker(receiver, speakers),
        silent_s=None if receiver.last_arrival is None else max(0.0, now - receiver.last_arrival),
        jitter_ms=stats.jitter_ms,
        target_ms=stats.target_ms,
        lost=stats.lost,
        late=stats.late,
        bad_packets=receiver.malformed + receiver.corrupt,
    )


def input_metrics(
    strip: InputStrip,
    receiver: ChannelReceiver | None,
    *,
    speakers: Mapping[int, str],
    position: float,
    ear: str,
    quality: QualityReport | None,
    leveller_db: float | None,
) -> InputMetrics:
    """An input's figures; ``receiver``: the channel it plays, if any."""
    return InputMetrics(
        index=strip.index,
        channel=strip.current,
        pending=strip.pending,
        speaker=speaker(receiver, speakers),
        position=position,
        ear=ear,
        level=Level.of(strip.level),
        momentary_lufs=strip.loudness.momentary_lufs,
        short_term_lufs=strip.loudness.short_term_lufs,
        jitter=receiver.buffer.stats if receiver is not None else None,
        quality=quality,
        leveller_db=leveller_db,
    )


def mic_metrics(mic: MicSender, air: AirChanged) -> MicMetrics:
    return MicMetrics(
        Level.of(mic.meter), air.channel, air.sending, air.cough, mic.packets_sent, mic.dtx_frames
    )


def link_metrics(
    meeting: MeetingCore, link: HubLink | None, figures: LinkFigures, now: float
) -> LinkMetrics:
    """The connection's figures at ``now``; ``figures`` as last measured."""
    session = meeting.session
    me = session.me if session is not None and meeting.welcomed else None
    return LinkMetrics(
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
        silent_s=meeting.silent_s(now),
        playout=figures.playout,
        hub=link.url if link is not None and meeting.welcomed else None,
    )
