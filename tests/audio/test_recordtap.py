"""A study's two tracks (audio/recordtap.py) keep the sound card's time.

The engine renders ahead of the card by its lead and takes microphone blocks
behind it; the tap must still write sample ``n`` of ``heard.wav`` as played
when sample ``n`` of ``mic.wav`` was captured, and end both together. The
engine's test plays speech as the microphone of a :class:`~audio.fileport.FilePort`
with sidetone on, so the microphone is heard: the delay from ``mic.wav`` to
``heard.wav`` must be the delay the port itself measured between what it
captured and what it played, with a lead of several blocks.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import soundfile

from audio.commands import Record, Sidetone
from audio.engine import Engine, EngineConfig
from audio.fileport import FilePort
from audio.format import BLOCK, SAMPLE_RATE
from audio.protection import Calibration
from audio.recordtap import RecordTap
from tests.audio.test_engine_tone import mic_file
from tests.rig.engineport import delay_and_gain


def blocks(n: int, value: float, channels: int = 1) -> list[np.ndarray]:
    shape = (BLOCK, channels) if channels > 1 else (BLOCK,)
    return [np.full(shape, value + i, dtype=np.float32) for i in range(n)]


def test_the_microphone_track_starts_when_the_first_block_heard_plays_and_catches_up(
    tmp_path: Path,
) -> None:
    tap = RecordTap(tmp_path / "heard.wav", tmp_path / "mic.wav")
    tap.start()
    tap.attached(ahead_frames=3 * BLOCK, behind_frames=BLOCK)  # 3 rendered, 1 captured
    for block in blocks(4, 0.0):
        tap.say(block)  # captured before the first block heard plays: left out
    for heard in blocks(6, 10.0, 2):
        tap.hear(heard)  # rendered ahead of the microphone
    for said in blocks(3, 100.0):
        tap.say(said)
    tap.missed(heard_frames=BLOCK, mic_frames=BLOCK)  # an underrun and an overrun
    tap.detach()
    tap.hear(blocks(1, 50.0, 2)[0])  # rendered after the detach: not recorded
    assert (tap.heard_blocks, tap.mic_blocks) == (7, 4) and not tap.caught_up
    for said in blocks(4, 103.0):
        tap.say(said)  # the microphone goes on until it has caught up, then stops
    assert tap.caught_up and tap.mic_blocks == 7
    tap.stop()
    heard, _ = soundfile.read(tmp_path / "heard.wav", dtype="float32")
    said, _ = soundfile.read(tmp_path / "mic.wav", dtype="float32")
    assert len(heard) == len(said) == 7 * BLOCK
    assert [heard[i * BLOCK, 0] for i in range(7)] == [10, 11, 12, 13, 14, 15, 0]
    assert [said[i * BLOCK] for i in range(7)] == [100, 101, 102, 0, 103, 104, 105]


def test_an_engine_that_stops_first_leaves_tracks_cut_to_the_same_length(tmp_path: Path) -> None:
    tap = RecordTap(tmp_path / "heard.wav", tmp_path / "mic.wav")
    tap.start()
    tap.attached(ahead_frames=0, behind_frames=0)
    for heard in blocks(5, 1.0, 2):
        tap.hear(heard)
    for said in blocks(3, 1.0):
        tap.say(said)
    tap.stop()  # no detach: the engine stopped with blocks rendered that were never played
    assert soundfile.info(tmp_path / "heard.wav").frames == 3 * BLOCK
    assert soundfile.info(tmp_path / "mic.wav").frames == 3 * BLOCK
    assert tap.error is None


def test_heard_and_said_keep_the_ports_time_with_a_long_lead(tmp_path: Path) -> None:
    path, speech = mic_file(tmp_path)  # tmp_path / "mic.wav"
    port = FilePort(path, tmp_path / "port.wav")
    config = EngineConfig(calibration=Calibration(80.0), lead_ms=35.0, min_lead_ms=35.0)
    engine = Engine(port, config)
    tap = RecordTap(tmp_path / "heard.wav", tmp_path / "said.wav")
    tap.start()
    engine.start()
    try:
        engine.submit(Sidetone(True, -6.0))
        time.sleep(0.5)
        engine.submit(Record(tap))
        time.sleep(2.0)
        engine.submit(Record(None))
        time.sleep(0.3)
    finally:
        engine.stop()
        tap.stop()
    assert port.stats().skipped_ticks == 0 and tap.error is None
    heard, _ = soundfile.read(tmp_path / "heard.wav", dtype="float32")
    said, _ = soundfile.read(tmp_path / "said.wav", dtype="float32")
    played, _ = soundfile.read(port.recording, dtype="float32")
    assert len(heard) == len(said) and len(said) > 1.8 * SAMPLE_RATE
    starts = [
        at
        for at in range(0, len(speech) - BLOCK, BLOCK)
        if (speech[at : at + BLOCK] == said[:BLOCK]).all()
    ]
    assert len(starts) == 1, starts  # where the microphone track begins in the file
    first = starts[0]
    assert (said == speech[first : first + len(said)]).all()  # no block lost or repeated
    window = SAMPLE_RATE // 2
    compared = 0
    for at in range(SAMPLE_RATE // 10, len(said) - window, SAMPLE_RATE // 4):
        if np.sqrt(np.mean(np.square(said[at : at + window]))) < 0.01:
            continue  # a pause in the speech: nothing to find
        in_tracks = delay_and_gain(heard[:, 0], said, at, window)
        at_port = delay_and_gain(played[:, 0], speech, first + at, window)
        if in_tracks[2] > -30.0 or at_port[2] > -30.0:
            continue  # the engine was late here and the delay changed inside the window
        assert in_tracks[0] == at_port[0] > 3 * BLOCK, (at, in_tracks, at_port)
        compared += 1
    assert compared >= 3


def test_a_port_with_no_microphone_keeps_the_heard_track_whole(tmp_path: Path) -> None:
    tap = RecordTap(tmp_path / "heard.wav", tmp_path / "mic.wav")
    tap.start()
    tap.attached(ahead_frames=2 * BLOCK, behind_frames=None)  # a headset with no microphone
    for heard in blocks(5, 1.0, 2):
        tap.hear(heard)
    tap.detach()
    assert tap.caught_up  # nothing to wait for
    tap.stop()
    assert soundfile.info(tmp_path / "heard.wav").frames == 5 * BLOCK
    assert soundfile.info(tmp_path / "mic.wav").frames == 0
