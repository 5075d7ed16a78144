"""Floor-quality analysis (audio.quality) on synthetic floors.

"Speech" here is noise gated on and off (300 ms on, 200 ms off) over a
background: what matters to the analyser is a broadband signal with pauses.
Levels are chosen so that only the issue under test is present.
"""

from __future__ import annotations

import numpy as np
import pytest

from audio.biquad import lowpass
from audio.opus import Decoder
from audio.quality import FloorQuality, QualityLimits, QualityReport, blackman_harris
from audio.receive import ChannelReceiver, InputStrip
from channels.meeting import FLOOR
from channels.rtp import parse
from tests.rig.chain import FRAME_S, mic_packets
from tests.rig.dspkit import (
    ALLOC_HELD_LIMIT,
    ALLOC_PEAK_LIMIT,
    BLOCK,
    alloc_probe,
    apply_filter,
    blocks,
    brickwall,
    bursts,
    butterworth_lowpass,
    noise,
    sine,
)
from tests.rig.engineport import Speech

SECONDS = 12.0
SPEECH_RMS = 0.05  # -26 dB RMS: about -25 LUFS for white noise, near the -23 target
QUIET_ROOM = noise(SECONDS, 10 ** (-80 / 20), seed=99)  # -77 dBFS (AES17) background


def fed(x: np.ndarray, limits: QualityLimits | None = None) -> FloorQuality:
    quality = FloorQuality(limits=limits)
    for b in blocks(x.astype(np.float32)):
        quality.process(b)
    return quality


def analyse(x: np.ndarray, limits: QualityLimits | None = None) -> QualityReport:
    return fed(x, limits).report()


def speech(seconds: float = SECONDS, rms: float = SPEECH_RMS, seed: int = 0) -> np.ndarray:
    return bursts(noise(seconds, rms, seed=seed))


def test_a_clean_full_band_floor_has_no_issues() -> None:
    report = analyse(speech() + QUIET_ROOM)
    assert report.issues == ()
    assert report.bandwidth_hz is not None and report.bandwidth_hz >= 15_000
    assert report.clipped_fraction == 0.0
    assert report.loudness_lufs == pytest.approx(-25.0, abs=1.5)
    assert report.speech_present
    assert report.snr_db is not None and report.snr_db > 40
    assert report.seconds == pytest.approx(10.0)  # the window


def test_a_falling_spectrum_is_still_full_band() -> None:
    # -12 dB/octave above 2 kHz, 35 dB down at 15 kHz: a voice's high frequencies are
    # weak, but a full-band microphone still carries them well inside the 60 dB range
    tilted = bursts(apply_filter([lowpass(2000.0)], noise(SECONDS, 0.08)))
    report = analyse(tilted + QUIET_ROOM)
    assert report.bandwidth_hz is not None and report.bandwidth_hz >= 15_000
    assert "band_limited" not in report.codes


@pytest.mark.parametrize("background_db", [-80.0, -60.0])
def test_telephone_floor_is_band_limited(background_db: float) -> None:
    """A phone line resampled to 48 kHz: nothing above 3.4 kHz. With -60 dB of room hiss
    added after the phone line, the edge is found against the pauses' spectrum."""
    line = bursts(brickwall(noise(SECONDS, 0.09), 3400.0))
    report = analyse(line + noise(SECONDS, 10 ** (background_db / 20), seed=7))
    assert report.bandwidth_hz is not None
    assert 3300.0 <= report.bandwidth_hz <= 4000.0
    assert report.codes == {"band_limited"}
    reason = report.issues[0].reason
    assert "telephone" in reason and f"{report.bandwidth_hz / 1000:.1f} kHz" in reason


def test_wideband_codec_floor_is_band_limited_but_not_telephone() -> None:
    report = analyse(bursts(brickwall(noise(SECONDS, 0.07), 6000.0)) + QUIET_ROOM)
    assert report.bandwidth_hz is not None and 5900.0 <= report.bandwidth_hz <= 6600.0
    assert report.codes == {"band_limited"}
    assert "telephone" not in report.issues[0].reason


def test_7_khz_wideband_is_not_flagged() -> None:
    report = analyse(bursts(brickwall(noise(SECONDS, 0.06), 7000.0)) + QUIET_ROOM)
    assert report.bandwidth_hz is not None and 7000.0 <= report.bandwidth_hz <= 7600.0
    assert "band_limited" not in report.codes


def test_band_limit_made_with_our_own_butterworth_filter() -> None:
    """A 16th-order Butterworth at 3 kHz (96 dB/octave): the edge is where the filter's
    attenuation passes the 60 dB range, 3 kHz * 2^(60/96) = 4.6 kHz at most."""
    limited = bursts(apply_filter(butterworth_lowpass(16, 3000.0), noise(SECONDS, 0.09)))
    report = analyse(limited + QUIET_ROOM)
    assert report.bandwidth_hz is not None and 3000.0 <= report.bandwidth_hz <= 4700.0
    assert "band_limited" in report.codes


def test_clipped_floor() -> None:
    overdriven = np.clip(bursts(sine(440.0, SECONDS, 3.0)), -1.0, 1.0)
    report = analyse(overdriven * 0.5 + QUIET_ROOM, QualityLimits(clip_level=0.49))
    assert "clipped" in report.codes
    # |3 sin| >= 1 for 78 % of the time, during 60 % of it (the bursts)
    assert 0.40 <= report.clipped_fraction <= 0.48
    assert "% of the floor's samples are clipped" in report.issues[0].reason


def test_clip_runs_are_counted_exactly_across_block_boundaries() -> None:
    x = np.zeros(BLOCK * 200, dtype=np.float32)
    x[1000:1010] = 1.0  # 10 samples: 8 triples
    x[BLOCK * 3 - 4 : BLOCK * 3 + 6] = -1.0  # 10 samples straddling a block boundary
    x[5000:5002] = 1.0  # 2 samples: a peak, not a flat top
    x[7000] = 1.0
    quality = FloorQuality()
    for b in blocks(x):
        quality.process(b)
    assert quality._clip_total == 16
    assert quality.report().clipped_fraction == pytest.approx(16 / x.size)


def test_loud_clean_peaks_are_not_clipping() -> None:
    # single samples at 0.995 of full scale, no flat tops
    x = bursts(noise(SECONDS, 0.05)) + QUIET_ROOM
    x[::4800] = 0.995
    report = analyse(x)
    assert "clipped" not in report.codes
    assert report.clipped_fraction == 0.0


def test_too_quiet_floor() -> None:
    report = analyse(speech(rms=10 ** (-50 / 20)) + QUIET_ROOM)
    assert report.loudness_lufs is not None and report.loudness_lufs < -45
    assert report.codes == {"too_quiet"}
    assert "volume reserve" in report.issues[0].reason


def test_a_quiet_floor_that_the_leveller_makes_up_is_no_issue() -> None:
    quality = fed(speech(rms=10 ** (-37 / 20)) + QUIET_ROOM)  # about -36 LUFS
    assert quality.report().codes == {"too_quiet"}  # more than the volume reserve makes up
    assert quality.report(boost_db=15.0).issues == ()  # the leveller's +15 dB makes it up
    (issue,) = fed(speech(rms=10 ** (-50 / 20)) + QUIET_ROOM).report(boost_db=15.0).issues
    assert issue.code == "too_quiet"
    assert "even levels (+15 dB)" in issue.reason and "technician" in issue.reason


def test_a_silent_floor_is_not_a_quiet_speaker() -> None:
    report = analyse(QUIET_ROOM * 10)  # -57 dBFS of steady room noise, nobody speaking
    assert not report.speech_present
    assert "too_quiet" not in report.codes


def test_too_loud_floor() -> None:
    report = analyse(speech(rms=10 ** (-9 / 20)))
    assert report.loudness_lufs is not None and report.loudness_lufs > -12
    assert report.codes == {"too_loud"}


@pytest.mark.parametrize(("noise_db", "noisy"), [(-40.0, True), (-50.0, False), (-65.0, False)])
def test_noise_floor_and_snr_estimates(noise_db: float, noisy: bool) -> None:
    background = noise(SECONDS, 10 ** (noise_db / 20), seed=5)
    report = analyse(speech() + background)
    aes17 = 3.01
    assert report.noise_floor_dbfs == pytest.approx(noise_db + aes17, abs=1.0)
    assert report.speech_level_dbfs is not None
    true_snr = 10 * np.log10((SPEECH_RMS**2 + 10 ** (noise_db / 10)) / 10 ** (noise_db / 10))
    assert report.snr_db == pytest.approx(true_snr, abs=2.0)
    assert ("noisy" in report.codes) is noisy
    if noisy:
        reason = next(i.reason for i in report.issues if i.code == "noisy")
        assert "background noise" in reason


def test_silence_and_too_little_audio() -> None:
    report = analyse(np.zeros(BLOCK * 1200, np.float32))
    assert report.issues == ()
    assert report.bandwidth_hz is None
    assert report.loudness_lufs is None
    short = analyse(speech(0.5))
    assert short.issues == ()
    assert short.bandwidth_hz is None and short.snr_db is None and short.loudness_lufs is None


def test_reset_starts_afresh() -> None:
    quality = FloorQuality()
    for b in blocks(bursts(brickwall(noise(SECONDS, 0.09), 3400.0))):
        quality.process(b)
    assert "band_limited" in quality.report().codes
    quality.request_reset()
    for b in blocks(speech() + QUIET_ROOM):
        quality.process(b)
    report = quality.report()
    assert report.issues == ()
    assert report.bandwidth_hz is not None and report.bandwidth_hz >= 15_000


def test_decoded_frames_of_any_length_are_analysed_as_whole_blocks() -> None:
    """feed() re-blocks: 20 ms frames and odd concealment lengths give the very same figures."""
    signal = (bursts(brickwall(noise(4.0, 0.09), 3400.0)) + QUIET_ROOM[: 4 * 48_000]).astype(
        np.float32
    )
    whole = fed(signal)
    pieces = FloorQuality()
    lengths = np.random.default_rng(3).choice([960, 480, 120, 2880, 7, 333], size=signal.size)
    at = 0
    for n in lengths:
        pieces.feed(signal[at : at + n])
        at += n
        if at >= signal.size:
            break
    assert pieces.report() == whole.report()
    assert pieces.loudness.short_term_lufs == whole.loudness.short_term_lufs
    pieces.request_reset()  # what was short of a block goes with the rest
    pieces.feed(signal[: BLOCK - 1])
    assert pieces.report().seconds == 0.0


def test_a_telephone_floor_is_judged_as_decoded_while_its_playout_is_scaled() -> None:
    """Real libopus, virtual time: the speaker's clock 3 % fast, so the listener's buffer
    shrinks the sound all along. The verdict comes as soon as offline, within 2 s of speech,
    from the sound as decoded (the time-scaler changes only what is played)."""
    speech_pcm = Speech(telephone=True)(2 * 48_000)
    packets = mic_packets(speech_pcm, 0x7E1)
    receiver = ChannelReceiver(FLOOR)
    strip = InputStrip(0)
    strip.select(FLOOR, receiver)
    out = np.zeros(BLOCK, np.float32)
    offline = FloorQuality()
    decoder: Decoder[np.float32] = Decoder(frame_ms=10)
    for tick, packet in enumerate(packets):
        now = tick * FRAME_S
        receiver.push(packet, now / 1.03)
        strip.render(now, out, {FLOOR: receiver})
        offline.process(decoder.decode(parse(packet).payload))
    decoder.close()
    receiver.close()
    assert receiver.buffer.stats.shrunk > 10  # the playout was scaled throughout
    report = strip.quality_report()
    assert report is not None and "band_limited" in report.codes
    assert report.bandwidth_hz == offline.bandwidth_hz() and report.bandwidth_hz <= 4500


def test_the_factorised_dft_matches_numpy_fft() -> None:
    quality = FloorQuality()
    x = noise(0.01, 0.3, seed=11)
    np.copyto(quality._buf, x)
    quality._accumulate_spectrum(quality._speech_avg)
    expected = np.fft.fft(x.astype(np.float64) * blackman_harris(BLOCK))
    got = quality._spectrum.reshape(-1)  # (k2, k1) in C order is k = k1 + 16 k2
    np.testing.assert_allclose(got, expected, rtol=0, atol=2e-6 * np.abs(expected).max())


def test_quality_allocates_nothing_per_block() -> None:
    quality = FloorQuality()
    signal = speech(12.0) + QUIET_ROOM
    starts = iter(range(0, signal.size - BLOCK, BLOCK))

    def step() -> None:
        start = next(starts)
        quality.process(signal[start : start + BLOCK])

    # warm-up past one window (10 s): ring entries are then replaced, not added
    held, peak = alloc_probe(step, blocks_=100, warmup=1050)
    assert held <= ALLOC_HELD_LIMIT
    assert peak < ALLOC_PEAK_LIMIT


def test_feeding_decoded_frames_allocates_nothing() -> None:
    quality = FloorQuality()
    signal = speech(12.0) + QUIET_ROOM
    lengths = iter([960, 333, 627, 2880] * 1000)
    at = [0]

    def step() -> None:
        n = next(lengths)
        start = at[0] % (signal.size - n)
        quality.feed(signal[start : start + n])
        at[0] += n

    # warm-up past one window (10 s), as above
    held, peak = alloc_probe(step, blocks_=100, warmup=1000)
    assert held <= ALLOC_HELD_LIMIT
    assert peak < ALLOC_PEAK_LIMIT


def test_quality_allocates_nothing_with_clipping_either() -> None:
    quality = FloorQuality()
    clipped = np.clip(sine(440.0, 0.01, 3.0), -1, 1)
    held, peak = alloc_probe(lambda: quality.process(clipped), blocks_=1000, warmup=1050)
    assert held <= ALLOC_HELD_LIMIT
    assert peak < ALLOC_PEAK_LIMIT
