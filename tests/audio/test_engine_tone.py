"""The test tone, sidetone (audio/selfcheck.py) and the chime (audio/chime.py) through a real
engine and its protection.

The tone is checked in the recording of a clocked test port
(:class:`engineport.ClockedPort`): level and frequency by FFT, fades by the
largest step between samples. Sidetone plays a speech file as the
microphone through a :class:`audio.fileport.FilePort` and finds it in the
recorded output, delayed, at the set gain. Blocks the engine did not
deliver in time (a loaded machine) are left out of every measurement.
"""

from __future__ import annotations

import math
import time
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
import soundfile

import resources
from audio.chime import CHIME_MAX_DBFS, ChimePlayer, chime_dbfs
from audio.commands import (
    Chime,
    CommandRejected,
    HeadsetCheck,
    ProtectionAlert,
    SetCalibration,
    Sidetone,
    TestTone,
)
from audio.engine import Engine, EngineConfig
from audio.fileport import FilePort
from audio.format import BLOCK, SAMPLE_RATE
from audio.protection import LOOKAHEAD_FRAMES, Calibration, HearingProtection, ProtectionSettings
from audio.selfcheck import (
    MicSidetone,
    SpeechLoop,
    SteadyTone,
    loudest_tone_dbfs,
    reference_speech,
)
from tests.rig.dspkit import ALLOC_HELD_LIMIT, ALLOC_PEAK_LIMIT, alloc_probe
from tests.rig.engineport import ClockedPort, EventTap, Tone, delay_and_gain

SPEECH = resources.SPEECH / "en.ogg"
QUIET_HEADSET = Calibration(80.0)
"""Every protection threshold sits at 0 dBFS or above: protection is transparent."""
Samples = npt.NDArray[np.float32]


def settle(seconds: float) -> None:
    time.sleep(seconds)


def started(port: ClockedPort | FilePort, calibration: Calibration) -> tuple[Engine, EventTap]:
    engine = Engine(port, EngineConfig(calibration=calibration))
    tap = EventTap()
    engine.subscribe(tap)
    engine.start()
    return engine, tap


def span(port: ClockedPort, settle_s: float, record_s: float) -> tuple[int, int]:
    """Let a change settle for ``settle_s``, then the frames recorded in the next ``record_s``."""
    settle(settle_s)
    start = port.position
    settle(record_s)
    return start, port.position


def rejected(tap: EventTap, timeout: float = 5.0) -> CommandRejected:
    return tap.queue.wait_for(CommandRejected, timeout=timeout)


def overlaps_gap(port: ClockedPort, start: int, end: int) -> bool:
    return any(g < end and g + port.frames > start for g in port.gaps)


def gap_free(port: ClockedPort, start: int, end: int, length: int) -> Samples:
    """A stretch of ``length`` recorded frames in [start, end) that the engine delivered in time."""
    candidates = [start, *(g + port.frames for g in sorted(port.gaps) if start <= g < end)]
    for at in candidates:
        if at + length <= end and not overlaps_gap(port, at, at + length):
            return port.recording(at, at + length)
    raise AssertionError(f"no {length} frames without a late block in {start}..{end}")


def largest_step(port: ClockedPort, start: int, end: int) -> float:
    """The largest sample-to-sample change in [start, end), across blocks delivered in time."""
    x = port.recording(start, end).astype(np.float64)
    steps = np.abs(np.diff(x, axis=0)).max(axis=1)
    late = np.zeros(len(steps), dtype=bool)
    for g in port.gaps:
        late[max(0, g - start - 1) : max(0, g - start + port.frames)] = True
    return float(steps[~late].max())


def level_and_frequency(x: npt.NDArray[np.floating]) -> tuple[float, float]:
    """A sine's AES17 level (flat-top window: exact amplitude off the bins) and frequency (Hann,
    interpolated between bins)."""
    n = len(x)
    k = np.arange(n) / n
    flattop = (
        0.21557895
        - 0.41663158 * np.cos(2 * np.pi * k)
        + 0.277263158 * np.cos(4 * np.pi * k)
        - 0.083578947 * np.cos(6 * np.pi * k)
        + 0.006947368 * np.cos(8 * np.pi * k)
    )
    amplitude = 2.0 * np.abs(np.fft.rfft(x * flattop)).max() / flattop.sum()
    hann = np.abs(np.fft.rfft(x * np.hanning(n)))
    peak = int(np.argmax(hann))
    a, b, c = np.log(hann[peak - 1 : peak + 2])
    offset = 0.5 * (a - c) / (a - 2 * b + c)  # a Hann lobe is nearly Gaussian: exact-ish
    return 20.0 * math.log10(amplitude), (peak + offset) * SAMPLE_RATE / n


# --- the tone ---------------------------------------------------------------------------------


def test_the_tone_plays_at_its_level_and_frequency_in_both_ears() -> None:
    port = ClockedPort()
    engine, _ = started(port, QUIET_HEADSET)
    try:
        engine.submit(TestTone(True, -20.0, 1000.0))
        first = span(port, 0.3, 1.5)
        engine.submit(TestTone(True, -35.0, 440.0))  # retuned while on
        second = span(port, 0.3, 1.5)
    finally:
        engine.stop()
    for (start, end), (dbfs, hz) in ((first, (-20.0, 1000.0)), (second, (-35.0, 440.0))):
        stretch = gap_free(port, start, end, SAMPLE_RATE // 5)  # 0.2 s: 5 Hz bins, interpolated
        for ear in (0, 1):
            level, frequency = level_and_frequency(stretch[:, ear])
            assert level == pytest.approx(dbfs, abs=0.5), (ear, level)
            assert frequency == pytest.approx(hz, abs=0.5), (ear, frequency)


def test_the_tone_fades_in_and_out_and_glides_without_a_click() -> None:
    port = ClockedPort()
    engine, _ = started(port, QUIET_HEADSET)
    try:
        settle(0.3)
        start = port.position
        engine.submit(TestTone(True, -20.0, 1000.0))
        settle(0.4)
        engine.submit(TestTone(True, -14.0, 1300.0))  # louder and higher, while on
        settle(0.4)
        engine.submit(TestTone(False))
        settle(0.4)
        end = port.position
    finally:
        engine.stop()
    loudest = 10 ** (-14.0 / 20.0)
    steady_step = 2 * math.pi * 1300.0 / SAMPLE_RATE * loudest  # a sine's own largest step
    assert largest_step(port, start, end) <= steady_step * 1.02
    recorded = port.recording(start, end)[:, 0]
    sounding = np.flatnonzero(recorded)
    assert len(sounding) > SAMPLE_RATE // 2
    first, last = sounding[0], sounding[-1]
    onset = np.abs(recorded[first : first + 2 * BLOCK])
    assert onset[: BLOCK // 4].max() < 0.3 * 10 ** (-20.0 / 20.0)  # still fading in after 2.5 ms
    assert onset[BLOCK : 2 * BLOCK].max() == pytest.approx(10 ** (-20.0 / 20.0), rel=0.02)
    assert np.abs(recorded[last - BLOCK // 4 : last]).max() < 0.3 * loudest  # faded out
    assert end - last > SAMPLE_RATE // 5  # silence again, exactly, well before the end


def test_bad_tone_and_sidetone_settings_are_refused_with_a_reason() -> None:
    engine, tap = started(ClockedPort(), Calibration())  # the safe default: 110 dB SPL
    try:
        for command, words in (
            (TestTone(True, 5.0), "the test tone's level must be between -80 and 0 dBFS, not 5.0"),
            (TestTone(True, math.nan), "level must be between -80 and 0 dBFS, not nan"),
            (TestTone(True, -40.0, 30_000.0), "frequency must be between 20 and 20000 Hz"),
            (TestTone("yes", -40.0), "on must be True or False, not 'yes'"),  # type: ignore[arg-type]
            (Sidetone(True, 20.0), "the sidetone gain must be between -40 and 12 dB, not 20.0"),
            (Sidetone(1), "on must be True or False, not 1"),  # type: ignore[arg-type]
            (
                TestTone(True, -20.0),
                "a test tone at -20 dBFS would play at 90 dB SPL with this headset calibration "
                "(110 dB SPL at full scale), and hearing protection would turn it down, so a "
                "measurement of it would be wrong: use -31 dBFS or less",
            ),
        ):
            engine.submit(command)
            refusal = rejected(tap)
            assert refusal.command == command and words in refusal.sentence, refusal.sentence
        engine.submit(TestTone(True, -31.0))  # the loudest allowed plays
        engine.submit(SetCalibration(125.0))  # ...and is stopped once it would be turned down
        refusal = rejected(tap)
        assert refusal.command == TestTone(True, -31.0, 1000.0)
        assert refusal.sentence.startswith("the test tone was stopped: a test tone at -31 dBFS")
        assert "use -46 dBFS or less" in refusal.sentence
    finally:
        engine.stop()


def test_the_loudest_tone_stays_under_every_threshold_a_steady_sine_meets() -> None:
    assert loudest_tone_dbfs(Calibration(), ProtectionSettings()) == -31.0  # howl gate 80
    lowered = ProtectionSettings(sustained_limit_spl=75.0)
    assert loudest_tone_dbfs(Calibration(100.0), lowered) == -26.0
    assert loudest_tone_dbfs(Calibration(60.0), ProtectionSettings()) == 0.0  # full scale at most
    # ...and protection indeed leaves that tone alone for a minute and more (no howl, no back-off)
    protection = HearingProtection(ProtectionSettings(), Calibration(), channels=2)
    tone = SteadyTone(ProtectionSettings())
    tone.set(True, -31.0, 1000.0, Calibration())
    block = np.zeros((BLOCK, 2), dtype=np.float32)
    for _ in range(int(65 * SAMPLE_RATE / BLOCK)):
        block.fill(0.0)
        tone.add_to(block)
        protection.process(block)
    assert protection.gain_reduction_db == 0.0 and protection.metrics().backoff_db == 0.0


def test_the_tone_the_voice_and_sidetone_allocate_nothing_per_block() -> None:
    tone, sidetone = SteadyTone(ProtectionSettings()), MicSidetone()
    voice = SpeechLoop()
    voice.load(reference_speech())
    mic = np.full(BLOCK, 0.1, dtype=np.float32)
    out = np.zeros((BLOCK, 2), dtype=np.float32)
    blocks = iter(range(10_000))

    def step() -> None:
        i = next(blocks)
        if i % 100 == 0:  # on and off, so fades and priming are measured too
            tone.set(i % 200 == 0, -20.0, 997.0, QUIET_HEADSET)
            sidetone.set(i % 200 != 0, -6.0)
            voice.set(i % 200 != 0, -3.0)
        sidetone.feed(mic)
        tone.add_to(out)
        voice.add_to(out)
        sidetone.add_to(out)

    held, peak = alloc_probe(step, blocks_=1000, warmup=200)
    assert held <= ALLOC_HELD_LIMIT
    assert peak < ALLOC_PEAK_LIMIT


# --- sidetone -----------------------------------------------------------------------------------


def mic_file(tmp_path: Path) -> tuple[Path, Samples]:
    """Speech as a WAV (decoded ahead in no time), a whole number of blocks long."""
    speech, rate = soundfile.read(SPEECH, dtype="float32")
    assert rate == SAMPLE_RATE
    speech = speech[: len(speech) // BLOCK * BLOCK]
    path = tmp_path / "mic.wav"
    soundfile.write(path, speech, SAMPLE_RATE, subtype="FLOAT")
    return path, speech


def test_sidetone_plays_the_microphone_at_its_gain_and_stops_to_silence(tmp_path: Path) -> None:
    path, speech = mic_file(tmp_path)
    port = FilePort(path, tmp_path / "heard.wav")
    engine, _ = started(port, QUIET_HEADSET)

    def mark() -> int:
        return port.stats().ticks * BLOCK

    try:
        settle(0.5)
        quiet = (BLOCK * 10, mark())  # the microphone plays, but is not heard yet
        engine.submit(Sidetone(True, -6.0))
        settle(0.5)
        start = mark()
        settle(3.0)
        heard_span = (start, mark())
        engine.submit(Sidetone(True, -16.0))
        settle(0.5)
        start = mark()
        settle(1.5)
        lowered_span = (start, mark())
        engine.submit(Sidetone(False))
        settle(0.3)
        start = mark()
        settle(0.7)
        off_span = (start, mark())
    finally:
        engine.stop()
    stats = port.stats()
    assert stats.record_dropped == 0  # else the marks would not be positions in the recording
    heard, _ = soundfile.read(port.recording, dtype="float32")
    assert heard.shape[1] == 2 and len(heard) >= off_span[1]
    assert np.count_nonzero(heard[quiet[0] : quiet[1]]) == 0
    assert np.count_nonzero(heard[off_span[0] : off_span[1]]) == 0
    for (start, end), gain_db in ((heard_span, -6.0), (lowered_span, -16.0)):
        fits = []
        for at in range(start, end - SAMPLE_RATE // 2, SAMPLE_RATE // 4):
            if np.sqrt(np.mean(np.square(speech[at : at + SAMPLE_RATE // 2]))) < 0.01:
                continue  # a pause in the speech: nothing to find
            for ear in (0, 1):
                fits.append(delay_and_gain(heard[:, ear], speech, at, SAMPLE_RATE // 2))
        clean = [fit for fit in fits if fit[2] < -30.0]  # a change of delay spoils a window
        assert len(clean) >= 4, fits
        for delay, gain, _ in clean:
            assert gain == pytest.approx(gain_db, abs=0.5)
            # whole blocks (11 ms on an idle machine; more after the engine was late) + lookahead
            assert delay % BLOCK == LOOKAHEAD_FRAMES and 0 < delay < 5 * BLOCK, delay


def test_sidetone_through_a_port_of_another_block_size() -> None:
    port = ClockedPort(Tone(500.0, -20.0), frames=256)  # the "microphone" hums at 500 Hz
    engine, _ = started(port, QUIET_HEADSET)
    try:
        engine.submit(Sidetone(True, -6.0))
        settle(0.5)
        start = port.position
        settle(1.5)
        end = port.position
    finally:
        engine.stop()
    stretch = gap_free(port, start, end, SAMPLE_RATE // 5)
    for ear in (0, 1):
        level, frequency = level_and_frequency(stretch[:, ear])
        assert level == pytest.approx(-26.0, abs=0.5) and frequency == pytest.approx(500.0, abs=0.5)


# --- the headset check's voice --------------------------------------------------------------------


def test_the_headset_checks_voice_plays_at_its_gain_and_stops() -> None:
    speech = reference_speech()
    port = ClockedPort()
    engine, tap = started(port, QUIET_HEADSET)
    try:
        engine.submit(HeadsetCheck(True, 10.0))  # over +3 dB: its peaks would clip
        refusal = rejected(tap)
        assert "the reference voice's gain must be between -30 and 3 dB" in refusal.sentence
        engine.submit(HeadsetCheck(True, -6.0))
        playing = span(port, 0.8, 1.0)
        engine.submit(HeadsetCheck(False))
        stopped = span(port, 0.3, 0.5)
    finally:
        engine.stop()
    heard = gap_free(port, *playing, SAMPLE_RATE // 2).astype(np.float64)
    assert np.array_equal(heard[:, 0], heard[:, 1])  # the same voice in both ears
    clip = speech.samples.astype(np.float64)
    # where in the looped clip this stretch starts: the peak of the circular cross-correlation
    n = len(clip)
    corr = np.fft.irfft(np.fft.rfft(clip) * np.conj(np.fft.rfft(heard[:, 0], n)), n)
    at = int(np.argmax(corr))
    expected = np.take(clip, np.arange(at, at + len(heard)), mode="wrap") * 10 ** (-6.0 / 20)
    assert np.max(np.abs(heard[:, 0] - expected)) < 1e-5
    assert not port.recording(*stopped).any()


# --- the chime ----------------------------------------------------------------------------------


def chime_peak_dbfs(port: ClockedPort, start: int, end: int) -> tuple[float, float]:
    """The loudest sample of each ear in [start, end), in dBFS (a sine's peak: AES17 dBFS)."""
    x = np.abs(port.recording(start, end).astype(np.float64)).max(axis=0)
    return 20.0 * math.log10(x[0]), 20.0 * math.log10(x[1])


def test_the_chime_plays_softly_under_protection_and_follows_the_calibration() -> None:
    """At the default (loud) calibration the chime's tones peak at -31 dBFS: 8 dB under a
    meeting's loudness, under -30 dBFS and under every protection threshold, which then
    leaves it alone; a hotter headset turns it down with the calibration."""
    port = ClockedPort()
    engine, tap = started(port, Calibration())
    length = ChimePlayer(ProtectionSettings(), Calibration()).duration_s
    try:
        settle(0.2)
        start = port.position
        engine.submit(Chime())
        engine.submit(Chime())  # while ringing: not restarted, not doubled
        first = span(port, 0.0, 0.8)
        engine.submit(SetCalibration(125.0))
        engine.submit(Chime())
        second = span(port, 0.0, 0.8)
        protection = tap.queue.metrics.output.protection if tap.queue.metrics else None
    finally:
        engine.stop()
    assert chime_dbfs(Calibration(), ProtectionSettings()) == -31.0 <= CHIME_MAX_DBFS
    assert chime_dbfs(Calibration(125.0), ProtectionSettings()) == -46.0
    for (begin, end), dbfs in (((start, first[1]), -31.0), (second, -46.0)):
        left, right = chime_peak_dbfs(port, begin, end)
        assert left == right <= dbfs + 0.01
        if not overlaps_gap(port, begin, end):  # a late block would be silence, not the chime
            assert left == pytest.approx(dbfs, abs=0.1)
            sounding = np.flatnonzero(port.recording(begin, end)[:, 0])
            assert (sounding[-1] - sounding[0]) / SAMPLE_RATE == pytest.approx(length, abs=0.02)
    assert not [e for e in tap.history if isinstance(e, ProtectionAlert | CommandRejected)]
    assert protection is not None and not any(protection.event_counts.values())


def test_the_chime_allocates_nothing_per_block() -> None:
    chime = ChimePlayer(ProtectionSettings(), Calibration())
    out = np.zeros((BLOCK, 2), dtype=np.float32)
    blocks = iter(range(10_000))

    def step() -> None:
        if next(blocks) % 60 == 0:
            chime.ring()
        chime.add_to(out)

    held, peak = alloc_probe(step, blocks_=1000, warmup=200)
    assert held <= ALLOC_HELD_LIMIT
    assert peak < ALLOC_PEAK_LIMIT
