"""A client's receive path fed what a hostile speaker on air sends, with real libopus.

:class:`tests.rig.fuzzrig.ReceiveRig` is one listened channel of a client (RTP
header, jitter buffer, Opus decoder, the input strip that plays and meters
it) on a virtual clock; after every 10 ms block it checks that the block is
finite and within +6 dBFS and that the figures are honest (it raises
otherwise). Nothing a sender puts in a packet may cost a listener more than
the frames it spoils: these tests drive the attacks of issue 13 through it,
and the fuzz run (``python -m bench.fuzz --targets receive``; a short run in
tests/channels/test_fuzz.py) drives everything else.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from audio.opus import Decoder
from audio.receive import MAX_SAMPLE
from channels import rtp
from tests.rig import fuzzgen
from tests.rig.fuzzrig import ReceiveRig

SECONDS = 5.0


def speak(rig: ReceiveRig, kind: str, seconds: float = SECONDS, seed: int = 1) -> None:
    """``seconds`` more of a hostile speaker's stream through the rig, then half a second."""
    speech = fuzzgen.hostile_speech(random.Random(seed), kind)
    end = rig.now + seconds
    while rig.now < end:
        spoken = next(speech)
        rig.packet(spoken.rtp(fuzzgen.FORWARDED_SSRC, (fuzzgen.SPEAKER_SSRC,)), spoken.after_s)
    rig.run(0.5)


def test_timestamps_479_apart_with_skipped_packets_play_and_conceal_whole_frames() -> None:
    """The attack of issue 13 that made a recording bot fail every tick: each gap asked
    libopus to conceal 479 samples (OpusError, uncaught)."""
    rig = ReceiveRig()
    speak(rig, "irregular")
    stats = rig.receiver.buffer.stats
    assert rig.receiver.corrupt == rig.receiver.silenced == 0
    assert stats.lost > 0.15 * stats.received  # one packet in five never sent
    assert stats.concealed >= stats.lost
    assert rig.tally.sounding_blocks > 0.9 * SECONDS * 100


def test_random_payloads_are_counted_and_concealed_one_frame_each() -> None:
    rig = ReceiveRig()
    speak(rig, "payloads")
    stats = rig.receiver.buffer.stats
    assert stats.received == rig.tally.packets
    assert 0.1 * stats.received < rig.receiver.corrupt < 0.5 * stats.received
    assert rig.receiver.silenced == 0
    assert rig.tally.sounding_blocks > 0.9 * SECONDS * 100  # the others decode, as noise


@pytest.mark.parametrize("seed", range(3))
def test_chaos_from_a_speaker_never_breaks_the_receive_path(seed: int) -> None:
    """Steps that are no Opus duration, numbers that repeat, go back or jump, markers,
    payloads of every Opus shape: the rig raises on a crash or a broken figure."""
    rig = ReceiveRig()
    speak(rig, "chaos", seconds=20.0, seed=seed)
    stats = rig.receiver.buffer.stats
    assert stats.late <= stats.received
    assert 0 <= (stats.lost + stats.late) / (stats.received + stats.lost) <= 1
    assert rig.tally.sounding_blocks > 0


def test_a_corrupt_packet_after_a_hole_is_concealed_without_its_fec() -> None:
    """The frame before it is concealed with the corrupt packet as its FEC source:
    libopus refused that too (it raised out of the strip)."""
    rig = ReceiveRig()
    corrupt = b"\x03"  # code 3 without its frame count: libopus refuses it
    for k in range(40):
        if k == 20:
            continue  # the hole: concealed with FEC from packet 21, which is corrupt
        payload = corrupt if k == 21 else fuzzgen.celt_frame(random.Random(k))
        rig.packet(rtp.build(sequence=k, timestamp=480 * k, ssrc=1, payload=payload), 0.01)
    rig.run(0.2)
    assert rig.receiver.corrupt == 1  # counted once, when the packet itself is played
    assert rig.receiver.silenced == 0
    assert rig.receiver.buffer.stats.lost == 1


def test_decoded_samples_are_clipped_to_6_dbfs() -> None:
    """Random bytes that libopus takes for CELT decode up to +60 dBFS."""
    packets = [fuzzgen.celt_frame(random.Random(k)) for k in range(300)]
    decoder = Decoder()
    assert max(float(np.max(np.abs(decoder.decode(p)))) for p in packets) > 10 * MAX_SAMPLE
    rig = ReceiveRig()
    for k, payload in enumerate(packets):
        rig.packet(rtp.build(sequence=k, timestamp=480 * k, ssrc=1, payload=payload), 0.01)
    assert rig.tally.peak == MAX_SAMPLE


def test_a_frame_libopus_refuses_even_to_conceal_is_silence_counted() -> None:
    """The last resort: a decoder that refuses everything (closed here) costs silence,
    one frame at a time, and the strip goes on."""
    rig = ReceiveRig()
    speak(rig, "irregular", seconds=1.0)
    rig.receiver.decoder.close()
    sounding = rig.tally.sounding_blocks
    speak(rig, "irregular", seconds=2.0, seed=2)
    assert rig.receiver.silenced > 150  # every frame but those of the fade-out
    assert rig.tally.sounding_blocks - sounding <= 1
