"""Ports clocked by a thread: the pacer, the null port, and files played and recorded."""

from __future__ import annotations

import os
import resource
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
import soundfile
import soxr

from audio.fileio import AudioFileError, FileReader
from audio.fileport import FilePort, NullPort
from audio.format import SAMPLE_RATE
from audio.pacer import Pacer
from audio.ring import FADE_FRAMES

FRAMES = 480


def sine(
    freq: float, seconds: float, rate: int = SAMPLE_RATE, amplitude: float = 0.5
) -> np.ndarray:
    t = np.arange(round(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def tone_amplitude(x: np.ndarray, freq: float) -> float:
    t = np.arange(len(x)) / SAMPLE_RATE
    basis = np.stack([np.sin(2 * np.pi * freq * t), np.cos(2 * np.pi * freq * t)], axis=1)
    coefficients, *_ = np.linalg.lstsq(basis, x.astype(np.float64), rcond=None)
    return float(np.hypot(*coefficients))


def strongest_hz(x: np.ndarray) -> float:
    """The frequency of the largest spectral peak, interpolated between bins."""
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    k = int(np.argmax(spectrum[1:-1])) + 1
    a, b, c = np.log(spectrum[k - 1 : k + 2])
    offset = 0.5 * (a - c) / (a - 2 * b + c)
    return (k + offset) * SAMPLE_RATE / len(x)


def write(path: Path, samples: np.ndarray, rate: int = SAMPLE_RATE, **kw: object) -> Path:
    soundfile.write(path, samples, rate, **kw)
    return path


def drain(port: FilePort, until: Callable[[], bool], timeout: float = 5.0) -> np.ndarray:
    """Take capture blocks as the engine would, until ``until()``; return them joined."""
    assert port.capture is not None
    got: list[np.ndarray] = []
    block = np.empty((port.frames, 1), np.float32)
    deadline = time.monotonic() + timeout
    while not until():
        assert time.monotonic() < deadline, f"timed out: {port.status()} {port.stats()}"
        while port.capture.pop_into(block):
            got.append(block[:, 0].copy())
        time.sleep(0.005)
    while port.capture.pop_into(block):
        got.append(block[:, 0].copy())
    return np.concatenate(got) if got else np.zeros(0, np.float32)


@pytest.fixture
def started() -> Iterator[Callable[[FilePort], FilePort]]:
    ports: list[FilePort] = []

    def start(port: FilePort) -> FilePort:
        ports.append(port)
        port.start()
        return port

    yield start
    for port in ports:
        port.stop()


# -- the pacer ----------------------------------------------------------------


def run_pacer(seconds: float, tick: Callable[[int], None] = lambda n: None) -> tuple[Pacer, list]:
    times: list[float] = []

    def on_tick() -> None:
        times.append(time.monotonic())
        tick(len(times))

    pacer = Pacer(0.01, on_tick, name="test pacer")
    pacer.start()
    time.sleep(seconds)
    pacer.stop()
    return pacer, times


def test_the_pacer_ticks_in_real_time_without_drift():
    pacer, times = run_pacer(1.0)
    assert pacer.ticks == len(times)
    assert 95 <= len(times) <= 102
    # Absolute deadlines: tick k is never early and not late on average.
    lateness = np.array(times) - (times[0] + 0.01 * np.arange(len(times)))
    assert lateness.min() > -0.002
    assert np.median(lateness) < 0.003
    assert pacer.late_ticks <= 5 and pacer.skipped_ticks == 0


def test_a_late_tick_is_caught_up_and_counted():
    pacer, times = run_pacer(0.6, lambda n: time.sleep(0.035) if n == 10 else None)
    assert pacer.late_ticks >= 2  # the ticks right after the slow one ran late...
    assert pacer.skipped_ticks == 0
    assert 56 <= len(times) <= 62  # ...and were all made up for


def test_a_pacer_far_behind_skips_ticks_instead_of_bursting():
    pacer, times = run_pacer(0.6, lambda n: time.sleep(0.2) if n == 10 else None)
    assert 18 <= pacer.skipped_ticks <= 21
    assert 56 <= len(times) + pacer.skipped_ticks <= 62
    gaps = np.diff(times[10:])
    assert np.sum(gaps < 0.005) <= 1  # no burst after the stall


def test_a_tick_that_raises_stops_the_pacer_and_is_kept():
    def fail() -> None:
        raise ZeroDivisionError("bad tick")

    pacer = Pacer(0.01, fail, name="failing")
    pacer.start()
    deadline = time.monotonic() + 2
    while pacer.running and time.monotonic() < deadline:
        time.sleep(0.01)
    pacer.stop()
    assert isinstance(pacer.error, ZeroDivisionError) and pacer.ticks == 0


@pytest.mark.parametrize(("period", "behind"), [(0.0, 5), (0.01, 0)])
def test_bad_pacer_settings_are_refused(period, behind):
    with pytest.raises(ValueError, match="must be"):
        Pacer(period, lambda: None, name="bad", max_behind=behind)


# -- the null port ------------------------------------------------------------


def test_the_null_port_captures_silence_and_consumes_playback_in_real_time(started):
    port = NullPort()
    assert port.playback is not None
    for _ in range(20):
        port.playback.push(np.ones((FRAMES, 2), np.float32))
    begin = time.monotonic()
    started(port)
    assert port.status().running and port.status().problem is None
    assert port.status().name == "no sound card (null port)"
    x = drain(port, lambda: time.monotonic() - begin > 0.4)
    elapsed = time.monotonic() - begin
    assert not x.any()
    assert len(x) / SAMPLE_RATE == pytest.approx(elapsed, abs=0.05)
    stats = port.stats()
    assert len(port.playback) == 0
    assert stats.playback_ring_underruns == stats.ticks - 20  # taken at one block per tick
    assert not port.finished.is_set()


# -- playing files --------------------------------------------------------------


def test_a_file_plays_in_real_time_unchanged_then_finishes(tmp_path, started):
    samples = (
        np.random.default_rng(1).uniform(-0.5, 0.5, round(0.305 * SAMPLE_RATE)).astype(np.float32)
    )
    path = write(tmp_path / "speech.wav", samples, subtype="FLOAT")
    port = FilePort(path)
    begin = time.monotonic()
    started(port)
    x = drain(port, port.finished.is_set)
    took = time.monotonic() - begin
    assert 0.29 < took < 0.6
    stats = port.stats()
    assert stats.blocks_played == 31  # 14,640 samples: 30.5 blocks, the last one padded
    assert np.array_equal(x[: len(samples)], samples)
    assert not x[len(samples) :].any()
    assert stats.read_underruns == 0 and stats.late_ticks <= 2
    quiet = drain(port, lambda: port.stats().ticks > stats.ticks + 5)
    assert not quiet.any()  # silence after the end


def test_a_looping_file_goes_round_without_a_seam(tmp_path, started):
    samples = np.arange(5040, dtype=np.float32) / 5040  # 10.5 blocks: the seam is mid-block
    path = write(tmp_path / "ramp.wav", samples, subtype="FLOAT")
    port = started(FilePort(path, loop=True))
    x = drain(port, lambda: port.stats().blocks_played >= 35)
    assert not port.finished.is_set()
    assert np.array_equal(x, np.tile(samples, 4)[: len(x)])


def test_a_gain_scales_the_file(tmp_path, started):
    path = write(tmp_path / "tone.wav", sine(1000, 0.2), subtype="FLOAT")
    port = started(FilePort(path, gain_db=-6.0))
    x = drain(port, port.finished.is_set)
    assert tone_amplitude(x[: round(0.2 * SAMPLE_RATE)], 1000) == pytest.approx(
        0.5 * 10 ** (-6 / 20)
    )


def test_a_44_1_khz_stereo_file_is_resampled_and_mixed_down(tmp_path, started):
    left = sine(1000, 0.5, rate=44100)
    path = write(tmp_path / "cd.wav", np.stack([left, 0.5 * left], axis=1), 44100)
    port = started(FilePort(path))
    x = drain(port, port.finished.is_set)
    assert port.stats().blocks_played == 50  # 22,050 samples at 44.1 kHz: 24,000 at 48 kHz
    middle = x[2400:21600]
    assert strongest_hz(middle) == pytest.approx(1000.0, abs=0.5)
    assert tone_amplitude(middle, 1000) == pytest.approx(0.75 * 0.5, rel=0.01)  # (L + R) / 2


def test_resampling_removes_what_48_khz_cannot_hold(tmp_path, started):
    rate = 96000
    mix = sine(1000, 0.3, rate=rate) + sine(30000, 0.3, rate=rate)  # 30 kHz would alias to 18 kHz
    path = write(tmp_path / "hires.wav", mix, rate, subtype="FLOAT")
    port = started(FilePort(path))
    x = drain(port, port.finished.is_set)[2400:12000]
    assert tone_amplitude(x, 1000) == pytest.approx(0.5, rel=0.01)
    assert tone_amplitude(x, 18000) < 0.5e-3  # more than 60 dB down


def test_streamed_decoding_matches_resampling_the_whole_file(tmp_path):
    """Chunked reading and resampling, over many refills of the read-ahead ring."""
    rate = 22050
    samples = np.random.default_rng(2).uniform(-0.5, 0.5, rate * 6).astype(np.float32)
    path = write(tmp_path / "long.wav", samples, rate, subtype="FLOAT")
    reader = FileReader(path, frames=FRAMES, ahead_blocks=50)
    assert (reader.source_rate, reader.source_channels, reader.duration_s) == (rate, 1, 6.0)
    reader.start()
    got: list[np.ndarray] = []
    block = np.empty(FRAMES, np.float32)
    deadline = time.monotonic() + 10
    try:
        while not (reader.eof and len(reader.blocks) == 0):
            assert time.monotonic() < deadline
            if reader.blocks.pop_into(block):
                got.append(block.copy())
            else:
                time.sleep(0.001)
    finally:
        reader.stop()
    streamed = np.concatenate(got)
    whole = soxr.resample(samples, rate, SAMPLE_RATE, quality="HQ")
    assert abs(len(streamed) - len(whole)) < FRAMES
    n = len(whole) - 200
    assert np.max(np.abs(streamed[:n] - whole[:n])) < 1e-4


@pytest.mark.parametrize("rate", [SAMPLE_RATE, 44100])
def test_nan_and_infinity_in_a_float_file_play_as_silence_and_are_counted(tmp_path, started, rate):
    """They made rsi-bot's meters raise on every tick (issue 13); through the resampler one
    NaN spreads over the filter's length."""
    tone = sine(1000, 0.5, rate=rate)
    broken = tone.copy()
    broken[[100, 5000, 5001]] = [np.nan, np.inf, -np.inf]
    broken[9000:9100] = np.nan
    path = write(tmp_path / "broken.wav", broken, rate, subtype="FLOAT")
    port = started(FilePort(path, gain_db=-6.0))
    x = drain(port, port.finished.is_set)
    assert np.isfinite(x).all()
    assert port.stats().nonfinite_samples == 103
    silenced = np.where(np.isfinite(broken), broken, 0)
    clean = write(tmp_path / "clean.wav", silenced, rate, subtype="FLOAT")
    port = started(FilePort(clean, gain_db=-6.0))
    assert np.array_equal(x, drain(port, port.finished.is_set))  # silence, there and only there


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        pytest.param(lambda p: os.mkfifo(p), "a pipe", id="fifo"),
        pytest.param(lambda p: p.symlink_to("/dev/zero"), "a device", id="dev-zero"),
    ],
)
def test_a_pipe_or_a_device_is_refused_at_once_to_play_and_to_record(tmp_path, make, kind):
    """A pipe given to --play hung the bot (opening it waits for a writer); to --record, the
    engine thread waited for a reader and the bot exited 1."""
    path = tmp_path / "stream.wav"
    make(path)
    started_at = time.monotonic()
    with pytest.raises(AudioFileError, match=f"cannot play '.*stream.wav': it is {kind}, not a"):
        FilePort(path)
    with pytest.raises(AudioFileError, match=f"cannot record to '.*stream.wav': it is {kind}"):
        FilePort(record=path)
    assert time.monotonic() - started_at < 1.0


def test_a_pipe_that_appears_in_place_of_the_recording_is_refused_at_start(tmp_path):
    path = tmp_path / "out.wav"
    port = FilePort(record=path)
    os.mkfifo(path)
    started_at = time.monotonic()
    with pytest.raises(AudioFileError, match="cannot record to"):
        port.start()
    assert time.monotonic() - started_at < 1.0
    assert not port.status().running


@pytest.mark.parametrize("subtype", ["VORBIS", "OPUS"])
def test_ogg_files_are_played(tmp_path, started, subtype):
    path = write(tmp_path / f"tone-{subtype}.ogg", sine(440, 0.5), format="OGG", subtype=subtype)
    port = started(FilePort(path))
    x = drain(port, port.finished.is_set)[4800:19200]
    assert strongest_hz(x) == pytest.approx(440.0, abs=1.0)
    assert tone_amplitude(x, 440) == pytest.approx(0.5, rel=0.05)


# -- recording ------------------------------------------------------------------


def test_what_is_played_is_recorded_in_order(tmp_path, started):
    path = tmp_path / "heard.wav"
    port = started(FilePort(record=path))
    assert port.playback is not None
    sent = [np.stack([np.full(FRAMES, i), np.full(FRAMES, -i)], axis=1) / 100 for i in range(1, 21)]
    for block in sent:
        port.playback.push(block.astype(np.float32))
    drain(port, lambda: port.stats().ticks >= 30)
    port.stop()
    recorded, rate = soundfile.read(path, dtype="float32")
    stats = port.stats()
    assert rate == SAMPLE_RATE and recorded.shape == (stats.ticks * FRAMES, 2)
    assert stats.blocks_recorded == stats.ticks and stats.record_dropped == 0
    # Silence for the ticks before the first push landed, then the blocks in order, faded in
    # and out over FADE_FRAMES at the underruns before and after them (audio.ring.play_into).
    loud = np.flatnonzero(recorded[:, 0])
    first = loud[0]
    assert first % FRAMES == 0 and not recorded[:first].any()
    played = np.concatenate(sent).astype(np.float32)
    end = first + len(played)
    assert np.array_equal(recorded[first + FADE_FRAMES : end], played[FADE_FRAMES:])
    assert np.all(np.abs(recorded[first : first + FADE_FRAMES]) <= np.abs(played[:FADE_FRAMES]))
    assert np.all(np.abs(recorded[end : end + FADE_FRAMES]) <= np.abs(played[-1]))
    assert not recorded[end + FADE_FRAMES :].any()


def test_a_file_can_be_played_and_the_answer_recorded_at_once(tmp_path, started):
    speech = write(tmp_path / "in.wav", sine(500, 0.3), subtype="FLOAT")
    answer = tmp_path / "out.wav"
    port = started(FilePort(speech, answer, record_subtype="PCM_16"))
    assert port.name == f"file port: '{speech}' -> '{answer}'"
    assert port.capture is not None and port.playback is not None
    echo = np.empty((FRAMES, 2), np.float32)
    block = np.empty((FRAMES, 1), np.float32)
    deadline = time.monotonic() + 5
    while not port.finished.is_set():  # the "engine": send every captured block back
        assert time.monotonic() < deadline
        while port.capture.pop_into(block):
            echo[:] = block
            port.playback.push(echo)
        time.sleep(0.002)
    time.sleep(0.05)
    port.stop()
    assert soundfile.info(answer).subtype == "PCM_16"
    recorded, _ = soundfile.read(answer, dtype="float32")
    assert len(recorded) == port.stats().ticks * FRAMES
    loud = np.flatnonzero(np.abs(recorded[:, 0]) > 0.1)
    middle = recorded[loud[0] + 2400 : loud[0] + 12000, 1]
    assert strongest_hz(middle) == pytest.approx(500.0, abs=0.5)
    assert tone_amplitude(middle, 500) == pytest.approx(0.5, rel=0.01)


def test_a_recording_that_cannot_be_written_is_reported(tmp_path, started):
    """The file may grow to 100 kB (RLIMIT_FSIZE): about a quarter of a second."""
    target = tmp_path / "big.wav"
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    limits = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, limits[1]))
    try:
        port = started(FilePort(record=target))
        deadline = time.monotonic() + 3
        while port.status().problem is None:
            assert time.monotonic() < deadline, "the write error was not reported"
            time.sleep(0.02)
        port.stop()
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, limits)
        signal.signal(signal.SIGXFSZ, previous)
    assert port.status().problem == (
        f"Recording to '{target}' failed: the system refused to write "
        "(disk full, file too large or not allowed)."
    )
    assert 0.2 < soundfile.info(target).duration < 0.3


# -- bad files --------------------------------------------------------------------


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(
        AudioFileError, match=r"cannot play '.*nothing\.wav': there is no such file"
    ):
        FilePort(tmp_path / "nothing.wav")


def test_a_directory_is_not_a_file(tmp_path):
    with pytest.raises(AudioFileError, match="it is a directory"):
        FilePort(tmp_path)


def test_a_file_that_is_not_audio_says_why(tmp_path):
    text = tmp_path / "notes.wav"
    text.write_text("these are not samples\n" * 10)
    with pytest.raises(AudioFileError, match=r"cannot play '.*notes\.wav': .+"):
        FilePort(text)


def test_an_empty_file_holds_no_audio(tmp_path):
    path = write(tmp_path / "empty.wav", np.zeros(0, np.float32))
    with pytest.raises(AudioFileError, match="it holds no audio"):
        FilePort(path)


@pytest.mark.parametrize(
    ("name", "kw", "message"),
    [
        ("out.mp3", {}, "recordings are WAV files"),
        ("missing/out.wav", {}, "there is no directory"),
        ("out.wav", {"record_subtype": "MP3"}, "WAV has no sample format 'MP3'"),
    ],
)
def test_a_bad_recording_is_refused_with_the_reason(tmp_path, name, kw, message):
    with pytest.raises(AudioFileError, match=f"cannot record to '.*{name}': {message}"):
        FilePort(record=tmp_path / name, **kw)


def test_a_recording_whose_directory_went_away_fails_at_start(tmp_path):
    speech = write(tmp_path / "in.wav", sine(500, 0.1))
    (tmp_path / "gone").mkdir()
    port = FilePort(speech, tmp_path / "gone" / "out.wav")
    (tmp_path / "gone").rmdir()
    with pytest.raises(AudioFileError, match="there is no directory"):
        port.start()
    assert not port.status().running


def test_a_port_starts_once(started):
    port = started(NullPort())
    with pytest.raises(RuntimeError, match="already started"):
        port.start()
