"""The whole chain, microphone path -> real hub on loopback -> receive path: what comes out.

Each test speaks a signal on the floor of a fresh hub (``tests.rig.chain.relay``:
the console's :class:`~audio.send.MicSender`, Opus at the project's defaults,
real WebSockets), takes what a floor listener received, and plays it through
the console's receive path (jitter buffer, decoder, input strip) on a
virtual clock, each packet arriving 20 ms after it was sent. The timing is
virtual so that the figures are the signal path's, not this machine's
scheduling; the network's weather is measured in ``bench/speech_quality.py``.

Opus is perceptual, so the band is measured two ways: a steady multitone
(every third-octave at once, the codec sharing its bits across bands) and a
log sweep (one tone moving through the band, measured by band energy). Both
must be flat within +-3 dB from 125 Hz to 15 kHz (FIELD.md). The recording
must also match the source sample by sample after alignment, to an SNR that
a 64 kb/s CELT stream reaches with a margin: with libopus 1.3/1.4 a multitone
comes out at about 16 dB, speech at 22 dB, a sweep at 28 dB.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
import soundfile

from audio.format import BLOCK, SAMPLE_RATE
from audio.opus import Encoder
from resources import SPEECH
from tests.rig import ROOT
from tests.rig.chain import (
    FRAME_S,
    Playback,
    Relayed,
    aligned,
    lag,
    play_out,
    relay,
)

ONE_WAY_S = 0.02
START_S = 0.005
"""The playout clock ticks half a frame after the send times: no ties with arrivals."""
THIRD_OCTAVES = [125, 160, 200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600, 2000]
THIRD_OCTAVES += [2500, 3150, 4000, 5000, 6300, 8000, 10000, 12500, 15000]

F32 = npt.NDArray[np.float32]


def clean_path(relayed: Relayed, tail_s: float = 0.5) -> Playback:
    """Play what the listener received, each packet arriving ONE_WAY_S after it was sent,
    at one delay throughout: from the first packet's, as a buffer that knows the link."""
    arrivals = np.arange(len(relayed.received)) * FRAME_S + ONE_WAY_S
    return play_out(
        relayed.received,
        arrivals,
        start=START_S,
        limit_s=len(relayed.received) * FRAME_S + tail_s,
        start_target_ms=0.0,
    )


def multitone(seconds: float, amplitude: float = 0.03) -> F32:
    """Every third-octave centre at once, random phases (crest factor of a real signal)."""
    phases = np.random.default_rng(1).uniform(0, 2 * np.pi, len(THIRD_OCTAVES))
    t = np.arange(round(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    x = sum(
        amplitude * np.sin(2 * np.pi * f * t + p)
        for f, p in zip(THIRD_OCTAVES, phases, strict=True)
    )
    return np.asarray(x, dtype=np.float32)


def log_sweep(
    seconds: float, amplitude: float = 0.1, f1: float = 60.0, f2: float = 20_000.0
) -> F32:
    """An exponential sine sweep with 50 ms raised-cosine fades at both ends."""
    n = round(seconds * SAMPLE_RATE)
    t = np.arange(n) / SAMPLE_RATE
    k = seconds / np.log(f2 / f1)
    x = amplitude * np.sin(2 * np.pi * f1 * k * np.expm1(t / k))
    fade = np.sin(np.linspace(0, np.pi / 2, SAMPLE_RATE // 20)) ** 2
    x[: fade.size] *= fade
    x[-fade.size :] *= fade[::-1]
    return x.astype(np.float32)


def band_gains_db(x: F32, y: F32, centres: list[int]) -> npt.NDArray[np.float64]:
    """Energy of y over energy of x in each third-octave band, in dB."""
    freqs = np.fft.rfftfreq(x.size, 1 / SAMPLE_RATE)
    px = np.abs(np.fft.rfft(x)) ** 2
    py = np.abs(np.fft.rfft(y)) ** 2
    gains = []
    for centre in centres:
        band = (freqs >= centre * 2 ** (-1 / 6)) & (freqs < centre * 2 ** (1 / 6))
        gains.append(10 * np.log10(py[band].sum() / px[band].sum()))
    return np.array(gains)


def snr_db(x: F32, y: F32) -> float:
    return float(10 * np.log10(np.sum(x**2) / np.sum((x - y) ** 2)))


def report(centres: list[int], gains: npt.NDArray[np.float64]) -> dict[int, float]:
    return {c: round(float(g), 1) for c, g in zip(centres, gains, strict=True)}


# --- The band -----------------------------------------------------------------------------


async def test_a_multitone_comes_out_flat_from_125_hz_to_15_khz():
    x = multitone(2.0)
    played = clean_path(await relay(x))
    y = aligned(x, played.pcm)
    # Integer frequencies over a 1 s window fall on FFT bins: each bin's
    # ratio is the chain's gain for that tone alone.
    window = slice(SAMPLE_RATE // 2, SAMPLE_RATE // 2 + SAMPLE_RATE)
    gains = 20 * np.log10(
        np.abs(np.fft.rfft(y[window])[THIRD_OCTAVES])
        / np.abs(np.fft.rfft(x[window])[THIRD_OCTAVES])
    )
    assert np.all(np.abs(gains) <= 3.0), report(THIRD_OCTAVES, gains)
    assert snr_db(x[window], y[window]) >= 12.0


async def test_a_log_sweep_comes_out_flat_from_125_hz_to_15_khz():
    x = log_sweep(3.0)
    played = clean_path(await relay(x))
    y = aligned(x, played.pcm)
    gains = band_gains_db(x, y, THIRD_OCTAVES)
    assert np.all(np.abs(gains) <= 3.0), report(THIRD_OCTAVES, gains)
    assert snr_db(x, y) >= 20.0


async def test_speech_comes_out_as_it_went_in():
    """A clip of the demo material: its long-term spectrum and its waveform survive."""
    x, _ = soundfile.read(SPEECH / "en.ogg", dtype="float32")
    played = clean_path(await relay(x))
    y = aligned(x, played.pcm)
    speech_band = THIRD_OCTAVES[: THIRD_OCTAVES.index(10000) + 1]  # espeak-ng stops at 11 kHz
    gains = band_gains_db(x, y, speech_band)
    assert np.all(np.abs(gains) <= 1.0), report(speech_band, gains)
    assert snr_db(x, y) >= 15.0


# --- The chain itself -----------------------------------------------------------------------


async def test_on_a_clean_path_every_packet_plays_at_once_and_in_order():
    x = multitone(1.0)
    relayed = await relay(x)
    played = clean_path(relayed)
    stats = played.stats
    assert len(relayed.sent) == len(relayed.received) == x.size // BLOCK
    assert stats.played == len(relayed.sent)
    assert (stats.concealed, stats.lost, stats.late, stats.dropped_catchup) == (0, 0, 0, 0)
    # The delay is the path's, the wait for the next playout tick, and the
    # codec's lookahead: the jitter buffer adds nothing on a clean path.
    first_tick = int(np.ceil((ONE_WAY_S - START_S) / FRAME_S))
    assert lag(x, played.pcm) == first_tick * BLOCK + Encoder().lookahead
    _, delays_ms = played.since(0)
    wait_ms = 1000 * (START_S + first_tick * FRAME_S - ONE_WAY_S)
    np.testing.assert_allclose(delays_ms, wait_ms)


async def test_the_relay_refuses_what_it_cannot_send():
    with pytest.raises(ValueError, match="float32"):
        await relay(np.zeros(480))
    with pytest.raises(ValueError, match="window"):
        await relay(np.zeros(480, dtype=np.float32), window=0)


def test_play_out_refuses_inconsistent_input():
    with pytest.raises(ValueError, match="2 packets"):
        play_out([b"a", b"b"], [0.0], start=0.0, limit_s=1.0)
    with pytest.raises(ValueError, match="decrease"):
        play_out([b"a", b"b"], [0.1, 0.0], start=0.0, limit_s=1.0)
    with pytest.raises(ValueError, match="limit_s"):
        play_out([], [], start=0.0, limit_s=0.0)


@pytest.mark.parametrize("shift", [-700, 0, 1234])
def test_lag_and_aligned_undo_a_shift(shift: int):
    x = log_sweep(0.5)
    moved = np.roll(np.concatenate([x, np.zeros(2000, dtype=np.float32)]), shift)
    if shift < 0:
        moved[shift:] = 0.0
    assert lag(x, moved) == shift
    back = aligned(x, moved)
    kept = slice(max(0, -shift), x.size)
    np.testing.assert_array_equal(back[kept], x[kept])


# --- The speech material ------------------------------------------------------------------


def languages() -> list[str]:
    """The languages scripts/make_speech.sh makes, from its table."""
    script = (ROOT / "scripts" / "make_speech.sh").read_text()
    table = script.split("<<'EOF'\n", 1)[1].split("\nEOF", 1)[0]
    return [line.split()[0] for line in table.splitlines() if line.strip()]


def test_every_language_of_the_script_has_its_clip_and_text():
    langs = languages()
    assert {"en", "fr", "es", "ar", "ru", "zh", "de"} <= set(langs)
    for lang in langs:
        info = soundfile.info(SPEECH / f"{lang}.ogg")
        assert (info.samplerate, info.channels, info.subtype) == (SAMPLE_RATE, 1, "VORBIS"), lang
        assert 8.0 <= info.duration <= 12.0, (lang, info.duration)
        assert (SPEECH / "texts" / f"{lang}.txt").read_text(encoding="utf-8").strip()
    assert sorted(p.stem for p in SPEECH.glob("*.ogg")) == sorted(langs)


def test_the_speech_folder_stays_small_and_says_its_licence():
    size = sum(p.stat().st_size for p in SPEECH.rglob("*") if p.is_file())
    assert size < 1_500_000
    readme = (SPEECH / "README.md").read_text(encoding="utf-8")
    assert "CC0" in readme
    assert re.search(r"scripts/make_speech\.sh", readme)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_clip_is_speech_at_a_talker_level(lang: str):
    x, _ = soundfile.read(SPEECH / f"{lang}.ogg", dtype="float32")
    peak_db = 20 * np.log10(np.abs(x).max())
    rms_db = 10 * np.log10(np.mean(x.astype(np.float64) ** 2))
    assert -4.0 <= peak_db <= -2.0
    assert -28.0 <= rms_db <= -18.0
    # Band-limited by espeak-ng's 22.05 kHz: next to nothing above 11.5 kHz.
    spectrum = np.abs(np.fft.rfft(x)) ** 2
    freqs = np.fft.rfftfreq(x.size, 1 / SAMPLE_RATE)
    assert spectrum[freqs > 11_500].sum() < 1e-4 * spectrum.sum()


def test_the_script_checks_its_tools_before_it_starts(tmp_path: Path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "dirname").symlink_to(shutil.which("dirname") or "/usr/bin/dirname")
    result = subprocess.run(
        ["/bin/bash", str(ROOT / "scripts" / "make_speech.sh"), str(tmp_path / "out")],
        env={"PATH": str(bin_dir)},  # no espeak-ng, no sox
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "espeak-ng is not installed" in result.stderr
    assert not (tmp_path / "out").exists()
