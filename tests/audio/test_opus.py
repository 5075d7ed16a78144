"""audio.opus against the real libopus: band, level, delay, loss handling, allocation.

The thresholds come from docs/FIELD.md: 125 Hz to 15 kHz end to end, and the
Opus algorithmic delay of frame + 2.5 ms (RESTRICTED_LOWDELAY) or + 6.5 ms.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
import tracemalloc
from collections.abc import Iterator
from typing import TypedDict

import numpy as np
import numpy.typing as npt
import pytest

from audio import opus
from audio.opus import (
    MAX_FRAME_SAMPLES,
    Application,
    Bandwidth,
    Decoder,
    Encoder,
    FrameMs,
    OpusError,
    OpusUnavailableError,
    Signal,
    packet_bandwidth,
)

FS = 48_000


class Settings(TypedDict, total=False):
    """Encoder keyword arguments, typed so tests can pass them around."""

    frame_ms: FrameMs
    application: Application
    bitrate: int
    fec: bool
    packet_loss_perc: int
    dtx: bool


LOSSY: Settings = {"application": Application.AUDIO, "fec": True, "packet_loss_perc": 20}
"""An encoder that puts FEC in its packets: SILK/hybrid mode and a loss hint."""

Samples = npt.NDArray[np.float32]


def tone(freq: float, amplitude: float, seconds: float, phase: float = 0.0) -> Samples:
    t = np.arange(int(FS * seconds)) / FS
    y: Samples = (amplitude * np.sin(2 * np.pi * freq * t + phase)).astype(np.float32)
    return y


def speech_like(seconds: float, seed: int = 0) -> npt.NDArray[np.float32]:
    """Voiced speech stand-in: gliding pitch, moving formants, syllable envelope, fricatives."""
    rng = np.random.default_rng(seed)
    n = int(FS * seconds)
    t = np.arange(n) / FS
    f0 = 140 + 40 * np.sin(2 * np.pi * 0.7 * t) + 20 * np.sin(2 * np.pi * 2.3 * t + 1)
    phase = 2 * np.pi * np.cumsum(f0) / FS
    knots = np.arange(0, seconds + 0.3, 0.2)
    formants = [
        np.interp(t, knots, rng.uniform(lo, hi, len(knots)))
        for lo, hi in ((300, 800), (900, 2200), (2300, 3200))
    ]
    x = np.zeros(n)
    for k in range(1, 60):
        fk = k * f0
        gain = 0.02 + sum(
            g * np.exp(-0.5 * ((fk - f) / 120) ** 2)
            for f, g in zip(formants, (1.0, 0.5, 0.25), strict=True)
        )
        x += gain * (fk < 0.45 * FS) * np.sin(k * phase) / np.sqrt(k)
    x *= 0.5 * (1 - np.cos(2 * np.pi * 4 * t))
    x = 0.5 * x / np.abs(x).max()
    x += 0.05 * rng.standard_normal(n) * np.clip(np.sin(2 * np.pi * 1.3 * t), 0, None)
    y: Samples = x.astype(np.float32)
    return y


def packets(
    encoder: Encoder, signal: npt.NDArray[np.float32] | npt.NDArray[np.int16]
) -> list[bytes]:
    f = encoder.frame_samples
    return [encoder.encode(signal[i * f : (i + 1) * f]) for i in range(len(signal) // f)]


def decode_all(decoder: Decoder[np.float32], stream: list[bytes]) -> npt.NDArray[np.float32]:
    return np.concatenate([decoder.decode(p).copy() for p in stream])


def round_trip(signal: Samples, settings: Settings) -> Samples:
    """Encode and decode, then drop the codec delay so output lines up with input."""
    encoder = Encoder(**settings)
    decoder = Decoder(frame_ms=settings.get("frame_ms", 10))
    out = decode_all(decoder, packets(encoder, signal))
    return out[encoder.lookahead :]


def tone_level_db(y: npt.NDArray[np.floating], freq: float) -> float:
    """Amplitude of the component coherent with a sine at freq (least squares), in dBFS."""
    t = np.arange(len(y)) / FS
    basis = np.stack([np.sin(2 * np.pi * freq * t), np.cos(2 * np.pi * freq * t)], axis=1)
    coef, *_ = np.linalg.lstsq(basis, y.astype(np.float64), rcond=None)
    return float(20 * np.log10(np.hypot(*coef)))


def peak_frequency(y: npt.NDArray[np.floating]) -> float:
    """Frequency of the spectral peak, parabolically interpolated between bins."""
    spectrum = np.abs(np.fft.rfft(y * np.hanning(len(y))))
    k = int(np.argmax(spectrum))
    a, b, c = np.log(spectrum[k - 1 : k + 2])
    return float((k + 0.5 * (a - c) / (a - 2 * b + c)) * FS / len(y))


def snr_db(reference: npt.NDArray[np.floating], y: npt.NDArray[np.floating]) -> float:
    return float(10 * np.log10(np.sum(reference**2) / max(np.sum((reference - y) ** 2), 1e-20)))


def raw_encoder_get(encoder: Encoder, request: int) -> int:
    """Read a setting straight from libopus, bypassing audio.opus's own ctl wrapper."""
    import opuslib.api  # type: ignore[import-untyped]

    ctl = opuslib.api.libopus["opus_encoder_ctl"]
    ctl.argtypes = (ctypes.c_void_p, ctypes.c_int)
    ctl.restype = ctypes.c_int
    value = ctypes.c_int32()
    assert ctl(encoder._state, request, ctypes.byref(value)) == 0
    return value.value


# -- sound: level, pitch, band -------------------------------------------------


@pytest.mark.parametrize("frame_ms", [10, 20])
@pytest.mark.parametrize("application", [Application.RESTRICTED_LOWDELAY, Application.AUDIO])
@pytest.mark.parametrize("freq", [440.0, 1000.0, 6000.0])
def test_tone_keeps_frequency_and_level(
    frame_ms: FrameMs, application: Application, freq: float
) -> None:
    x = tone(freq, 0.25, 1.0)
    y = round_trip(x, {"frame_ms": frame_ms, "application": application})
    steady = y[FS // 5 : FS // 5 + FS // 2]
    assert peak_frequency(steady) == pytest.approx(freq, abs=1.0)
    assert tone_level_db(steady, freq) == pytest.approx(20 * np.log10(0.25), abs=1.0)


def test_int16_round_trip_keeps_level() -> None:
    x = (tone(1000.0, 0.25, 0.5) * 32767).astype(np.int16)
    encoder = Encoder()
    decoder = Decoder(dtype=np.int16)
    out = np.concatenate([decoder.decode(p).copy() for p in packets(encoder, x)])
    assert decoder.dtype == np.int16
    assert out.dtype == np.int16
    steady = out[encoder.lookahead + FS // 10 :].astype(np.float64) / 32767
    assert tone_level_db(steady, 1000.0) == pytest.approx(20 * np.log10(0.25), abs=1.0)


THIRD_OCTAVES = [125, 160, 200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600, 2000]
THIRD_OCTAVES += [2500, 3150, 4000, 5000, 6300, 8000, 10000, 12500, 15000]


@pytest.mark.parametrize(("frame_ms", "bitrate"), [(10, 64_000), (20, 64_000), (10, 48_000)])
def test_frequency_response_is_flat_from_125_hz_to_15_khz(frame_ms: FrameMs, bitrate: int) -> None:
    """All tones at once, as in speech, so the codec has to share its bits across bands.

    Integer frequencies over a 1 s window fall exactly on FFT bins, so each bin
    ratio output/input is the codec's gain at that frequency.
    """
    phases = np.random.default_rng(1).uniform(0, 2 * np.pi, len(THIRD_OCTAVES))
    x = sum(
        (tone(f, 0.03, 2.0, p) for f, p in zip(THIRD_OCTAVES, phases, strict=True)),
        np.zeros(2 * FS, dtype=np.float32),
    )
    y = round_trip(x, {"frame_ms": frame_ms, "bitrate": bitrate})
    window = slice(FS // 2, FS // 2 + FS)
    gain = np.abs(np.fft.rfft(y[window])[THIRD_OCTAVES]) / np.abs(
        np.fft.rfft(x[window])[THIRD_OCTAVES]
    )
    gain_db = 20 * np.log10(gain)
    worst = dict(zip(THIRD_OCTAVES, np.round(gain_db, 1), strict=True))
    assert np.all(np.abs(gain_db) <= 3.0), worst


@pytest.mark.parametrize("settings", [{}, {"frame_ms": 20}, LOSSY])
def test_every_packet_is_fullband(settings: Settings) -> None:
    encoder = Encoder(**settings)
    stream = packets(encoder, speech_like(1.0))
    assert {packet_bandwidth(p) for p in stream} == {Bandwidth.FULLBAND}
    assert encoder.max_bandwidth == Bandwidth.FULLBAND


def test_defaults_read_back_from_libopus() -> None:
    encoder = Encoder()
    assert encoder.application == Application.RESTRICTED_LOWDELAY
    assert encoder.sample_rate == FS
    assert encoder.frame_samples == 480
    assert encoder.bitrate == 64_000
    assert encoder.complexity == 9
    assert encoder.signal == Signal.VOICE
    assert encoder.max_bandwidth == Bandwidth.FULLBAND
    assert (encoder.fec, encoder.dtx, encoder.packet_loss_perc) == (False, False, 0)


# -- FEC, DTX and the loss hint --------------------------------------------------


def test_fec_dtx_and_loss_hint_read_back_as_set() -> None:
    encoder = Encoder(application=Application.AUDIO, fec=True, dtx=True, packet_loss_perc=15)
    assert (encoder.fec, encoder.dtx, encoder.packet_loss_perc) == (True, True, 15)
    # The same, asked of libopus directly with the GET request codes.
    assert raw_encoder_get(encoder, 4013) == 1  # OPUS_GET_INBAND_FEC
    assert raw_encoder_get(encoder, 4017) == 1  # OPUS_GET_DTX
    assert raw_encoder_get(encoder, 4015) == 15  # OPUS_GET_PACKET_LOSS_PERC

    encoder.fec, encoder.dtx, encoder.packet_loss_perc = False, False, 0
    assert raw_encoder_get(encoder, 4013) == 0
    assert raw_encoder_get(encoder, 4017) == 0
    assert raw_encoder_get(encoder, 4015) == 0


def test_constant_bitrate_makes_every_packet_the_same_length() -> None:
    assert Encoder().vbr is True  # libopus's default, unchanged
    encoder = Encoder(frame_ms=20, bitrate=56_400, vbr=False)
    assert encoder.vbr is False and raw_encoder_get(encoder, 4007) == 0  # OPUS_GET_VBR
    noise = np.random.default_rng(7).standard_normal(960 * 20).astype(np.float32) * 0.1
    sizes = {len(encoder.encode(noise[i : i + 960])) for i in range(0, len(noise), 960)}
    assert sizes == {56_400 * 20 // 1000 // 8}  # 141 bytes, the first packets too


def test_runtime_changes_read_back() -> None:
    encoder = Encoder()
    encoder.bitrate = 96_000
    encoder.complexity = 5
    assert raw_encoder_get(encoder, 4003) == 96_000  # OPUS_GET_BITRATE
    assert raw_encoder_get(encoder, 4011) == 5  # OPUS_GET_COMPLEXITY


def test_opuslib_setters_are_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """opuslib 3.0.1's inband_fec setter raises and its dtx setter never reaches libopus."""
    import opuslib
    import opuslib.api.ctl  # type: ignore[import-untyped]
    import opuslib.api.encoder  # type: ignore[import-untyped]

    def forbidden(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("audio.opus must not go through opuslib's ctl helpers")

    for name in ("set_inband_fec", "set_dtx", "get_dtx", "set_packet_loss_perc"):
        monkeypatch.setattr(opuslib.api.ctl, name, forbidden)
    monkeypatch.setattr(opuslib.api.encoder, "encoder_ctl", forbidden)
    monkeypatch.setattr(opuslib, "Encoder", forbidden)

    encoder = Encoder(application=Application.VOIP, fec=True, dtx=True, packet_loss_perc=5)
    assert (encoder.fec, encoder.dtx, encoder.packet_loss_perc) == (True, True, 5)


def test_a_setting_libopus_does_not_take_is_an_error() -> None:
    encoder = Encoder()
    # libopus clamps a bitrate of 400 to 500 b/s and reports success: the read-back catches it.
    with pytest.raises(OpusError, match=r"did not take OPUS_SET_BITRATE\(400\).*500"):
        encoder._ctl.set_verified(opus._SET_BITRATE, 400)
    # libopus refuses a loss of 101 %.
    with pytest.raises(OpusError, match="OPUS_SET_PACKET_LOSS_PERC") as refused:
        encoder._ctl.set_verified(opus._SET_PACKET_LOSS_PERC, 101)
    assert refused.value.code == -1  # OPUS_BAD_ARG


def test_fec_is_refused_in_restricted_lowdelay() -> None:
    """CELT-only mode never carries FEC: refuse it rather than pretend."""
    with pytest.raises(ValueError, match="FEC needs SILK"):
        Encoder(fec=True)
    encoder = Encoder()
    with pytest.raises(ValueError, match="FEC needs SILK"):
        encoder.fec = True
    assert encoder.fec is False


@pytest.mark.parametrize("application", list(Application))
def test_dtx_stops_sending_audio_in_silence(application: Application) -> None:
    silence = np.zeros(FS, dtype=np.float32)
    with_dtx = packets(Encoder(application=application, dtx=True), silence)
    without = packets(Encoder(application=application), silence)
    # After 100 ms of silence, TOC-only packets (nothing to send) but for a
    # comfort-noise refresh about every 200 ms.
    dtx_share = np.mean([len(p) == 1 for p in with_dtx[20:]])
    assert dtx_share >= 0.9
    assert min(len(p) for p in without) > 1
    decoder = Decoder()
    assert len(decoder.decode(with_dtx[-1])) == 480


# -- loss: concealment and FEC -----------------------------------------------------


@pytest.mark.parametrize("frame_ms", [10, 20])
@pytest.mark.parametrize("application", [Application.RESTRICTED_LOWDELAY, Application.AUDIO])
@pytest.mark.parametrize("freq", [220.0, 440.0, 1000.0])
def test_conceal_continues_a_tone_without_a_click(
    frame_ms: FrameMs, application: Application, freq: float
) -> None:
    amplitude = 0.3
    encoder = Encoder(frame_ms=frame_ms, application=application)
    decoder = Decoder(frame_ms=frame_ms)
    f = encoder.frame_samples
    lost = 30
    out = []
    for i, packet in enumerate(packets(encoder, tone(freq, amplitude, 0.8))):
        frame = decoder.conceal() if i == lost else decoder.decode(packet)
        assert len(frame) == f
        out.append(frame.copy())
    y = np.concatenate(out)
    assert decoder.last_packet_duration == f

    # A sine never moves more than A*2*pi*f/fs between samples; a click does.
    max_step = amplitude * 2 * np.pi * freq / FS
    steps = np.abs(np.diff(y))
    for boundary in (lost * f, (lost + 1) * f):
        assert steps[boundary - 3 : boundary + 2].max() <= 1.5 * max_step
    concealed = y[lost * f : (lost + 1) * f]
    assert 20 * np.log10(np.sqrt(np.mean(concealed**2)) / (amplitude / np.sqrt(2))) == (
        pytest.approx(0.0, abs=3.0)
    )


def test_conceal_follows_the_last_packet_duration() -> None:
    encoder = Encoder(frame_ms=20)
    decoder = Decoder(frame_ms=10)
    decoder.decode(encoder.encode(tone(440.0, 0.3, 0.02)))
    assert decoder.last_packet_duration == 960
    assert len(decoder.conceal()) == 960
    assert len(decoder.conceal(240)) == 240


@pytest.mark.parametrize("frame_ms", [10, 20])
def test_decode_fec_recovers_a_lost_frame_of_speech(frame_ms: FrameMs) -> None:
    """FEC from packet k+1 rebuilds packet k much better than concealment does.

    The reference is what the decoder would have produced had packet k arrived.
    """
    x = speech_like(3.0)

    def recovered_snr(settings: Settings) -> tuple[float, float]:
        settings = settings.copy()
        settings["frame_ms"] = frame_ms
        stream = packets(Encoder(**settings), x)
        reference = Decoder(frame_ms=frame_ms)
        clean = [reference.decode(p).copy() for p in stream]
        fec: list[float] = []
        plc: list[float] = []
        for k in range(20, len(stream) - 1, 7):
            if np.mean(clean[k] ** 2) < 1e-4:
                continue  # a pause between syllables: SNR means nothing there
            for method, scores in (("fec", fec), ("plc", plc)):
                decoder = Decoder(frame_ms=frame_ms)
                for p in stream[:k]:
                    decoder.decode(p)
                lost = stream[k + 1]
                frame = decoder.decode_fec(lost) if method == "fec" else decoder.conceal()
                assert len(frame) == len(clean[k])
                scores.append(snr_db(clean[k], frame))
                decoder.decode(stream[k + 1])
        return float(np.median(fec)), float(np.median(plc))

    fec, plc = recovered_snr(LOSSY)
    assert fec >= 10.0
    assert fec >= plc + 6.0
    # Without FEC in the packets, decode_fec can only conceal.
    no_fec, no_fec_plc = recovered_snr({**LOSSY, "fec": False})
    assert no_fec == pytest.approx(no_fec_plc, abs=1.0)


# -- delay -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("application", "lookahead"),
    [(Application.RESTRICTED_LOWDELAY, 120), (Application.AUDIO, 312), (Application.VOIP, 312)],
)
@pytest.mark.parametrize("frame_ms", [10, 20])
def test_lookahead_matches_field_notes_and_the_measured_delay(
    application: Application, lookahead: int, frame_ms: FrameMs
) -> None:
    encoder = Encoder(application=application, frame_ms=frame_ms)
    assert encoder.lookahead == lookahead  # 2.5 ms or 6.5 ms at 48 kHz
    assert encoder.algorithmic_delay_ms == pytest.approx(frame_ms + lookahead / 48)

    # The decoded signal really is late by exactly the lookahead.
    x = (np.random.default_rng(0).standard_normal(FS // 2) * 0.1).astype(np.float32)
    y = decode_all(Decoder(frame_ms=frame_ms), packets(encoder, x))
    a = x[4800 : 4800 + 12_000]
    lags = [float(np.dot(a, y[4800 + lag : 4800 + lag + 12_000])) for lag in range(600)]
    assert int(np.argmax(lags)) == lookahead


def test_default_interpreter_path_delay_is_12_5_ms() -> None:
    assert Encoder().algorithmic_delay_ms == 12.5


# -- buffers and allocation ----------------------------------------------------------


def test_decode_returns_views_of_one_preallocated_buffer() -> None:
    encoder = Encoder()
    decoder = Decoder()
    stream = packets(encoder, tone(440.0, 0.3, 0.1))
    first = decoder.decode(stream[0])
    for p in stream[1:]:
        frame = decoder.decode(p)
        assert frame is first  # the cached frame-length view, not a new array
    assert np.shares_memory(decoder.conceal(), first)
    assert np.shares_memory(decoder.decode_fec(stream[0]), first)
    assert np.shares_memory(decoder.conceal(240), first)


def test_decode_accepts_bytearray_and_memoryview() -> None:
    stream = packets(Encoder(), tone(440.0, 0.3, 0.1))
    as_bytes = decode_all(Decoder(), stream)
    as_bytearray = np.concatenate([Decoder().decode(bytearray(p)).copy() for p in stream[:1]])
    decoder = Decoder()
    as_views = np.concatenate([decoder.decode(memoryview(b"xx" + p)[2:]).copy() for p in stream])
    assert np.array_equal(as_views, as_bytes)
    assert np.array_equal(as_bytearray, as_bytes[:480])


def test_decoder_takes_any_legal_packet_duration() -> None:
    """A sender on 20 ms frames still decodes on a decoder set up for 10 ms."""
    stream = packets(Encoder(frame_ms=20), tone(440.0, 0.3, 0.1))
    decoder = Decoder(frame_ms=10)
    assert all(len(decoder.decode(p)) == 960 for p in stream)


def test_encode_accepts_a_sounddevice_block() -> None:
    block = tone(440.0, 0.3, 0.01).reshape(480, 1)
    a, b = Encoder(), Encoder()
    assert a.encode(block) == b.encode(block[:, 0])


@pytest.mark.parametrize("settings", [{}, LOSSY])
def test_a_thousand_frames_allocate_no_sample_buffers(settings: Settings) -> None:
    """Neither a leak (growth) nor a transient frame-sized array (peak) per frame.

    tracemalloc sees numpy's data buffers; a single 480-sample float32 array
    alive at any moment would lift the peak above 1920 bytes.
    """
    encoder = Encoder(**settings)
    decoder = Decoder()
    x = speech_like(10.0)
    frames = [x[i * 480 : (i + 1) * 480] for i in range(1000)]
    for frame in frames[:50]:  # warm up lazily created state and caches
        decoder.decode(encoder.encode(frame))
    decoder.conceal()
    gc.collect()
    tracemalloc.start()
    try:
        base, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        for frame in frames:
            decoder.decode(encoder.encode(frame))
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert current - base < 1024
    assert peak - base < 480 * 4


# -- errors ----------------------------------------------------------------------


def test_wrong_input_is_refused_clearly() -> None:
    encoder = Encoder()
    with pytest.raises(ValueError, match=r"shape \(480,\)"):
        encoder.encode(np.zeros(960, dtype=np.float32))
    with pytest.raises(TypeError, match="float32 or int16"):
        encoder.encode(np.zeros(480, dtype=np.float64))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="frame_ms"):
        Encoder(frame_ms=5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="bitrate"):
        Encoder(bitrate=1_000_000)
    with pytest.raises(ValueError, match="packet_loss_perc"):
        Encoder(packet_loss_perc=-1)
    with pytest.raises(ValueError, match="complexity"):
        Encoder(complexity=11)
    with pytest.raises(TypeError, match="float32 or int16"):
        Decoder(dtype=np.float64)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="samples"):
        Decoder().conceal(MAX_FRAME_SAMPLES + 1)


def test_a_corrupt_packet_raises_opus_error() -> None:
    decoder = Decoder()
    with pytest.raises(OpusError, match="opus_decode") as corrupt:
        decoder.decode(b"\xff")  # code 3 packet without its frame count byte
    assert corrupt.value.code is not None and corrupt.value.code < 0


def test_closed_codecs_refuse_work_and_close_twice() -> None:
    encoder, decoder = Encoder(), Decoder()
    packet = encoder.encode(np.zeros(480, dtype=np.float32))
    encoder.close()
    decoder.close()
    encoder.close()
    decoder.close()
    with pytest.raises(OpusError, match="closed"):
        encoder.encode(np.zeros(480, dtype=np.float32))
    with pytest.raises(OpusError, match="closed"):
        decoder.decode(packet)


def test_reset_forgets_the_stream() -> None:
    encoder, decoder = Encoder(), Decoder()
    x = tone(440.0, 0.3, 0.1)
    first = packets(encoder, x)
    decode_all(decoder, first)
    encoder.reset()
    decoder.reset()
    assert packets(encoder, x) == first
    assert np.array_equal(decode_all(decoder, first), decode_all(Decoder(), first))


def _opuslib_modules() -> list[str]:
    return [k for k in sys.modules if k == "opuslib" or k.startswith("opuslib.")]


@pytest.fixture
def opuslib_unloaded() -> Iterator[None]:
    """Make the next `import opuslib` run afresh, and put the real one back afterwards."""
    saved = {name: sys.modules.pop(name) for name in _opuslib_modules()}
    opus._lib.cache_clear()
    yield
    for name in _opuslib_modules():
        del sys.modules[name]
    sys.modules.update(saved)
    opus._lib.cache_clear()


def test_missing_libopus_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, opuslib_unloaded: None
) -> None:
    monkeypatch.setattr(ctypes.util, "find_library", lambda _name: None)
    with pytest.raises(OpusUnavailableError, match="apt-get install libopus0"):
        Encoder()
    with pytest.raises(OpusUnavailableError, match="apt-get install libopus0"):
        Decoder()


def test_missing_opuslib_says_how_to_install_it(opuslib_unloaded: None) -> None:
    sys.modules["opuslib"] = None  # type: ignore[assignment]  # import now fails
    with pytest.raises(OpusUnavailableError, match=r"opuslib is not installed.*libopus0"):
        Encoder()


def test_libopus_is_loaded_again_after_the_failure_tests() -> None:
    assert opus.libopus_version().startswith("libopus ")
    assert len(Encoder().encode(np.zeros(480, dtype=np.float32))) > 0
