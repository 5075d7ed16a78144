"""``rsi-bot`` as real processes: a hub (``rsi-hub serve``), bots speaking, bots recording.

One scenario runs once for the module: a floor bot plays English speech, an
interpreter bot on air on ``en`` plays French speech, and two listener bots
record the floor and the ``en`` channel until they are sent SIGINT. Each
recording must match what was played on its channel (aligned by
cross-correlation: waveform correlation, level and spectrum) and not the
other one. The error paths each run a bot that must fail with its sentence
and exit code.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
import soundfile

from audio.engine import EngineConfig
from audio.format import SAMPLE_RATE
from audio.opus import Decoder, Encoder
from channels import meeting_file, tokens
from channels.meeting import MeetingConfig
from programs.bot import Bot, BotConfig, BotError, main
from programs.hub import DEMO_MEETING
from resources import SPEECH
from tests.rig.hubprocess import HubProcess

BIN = Path(sys.executable).parent
CLIP_S = 4.0
TIMEOUT_S = 30.0
RECORD_BUFFER_MS = 150
"""The recorders' least jitter-buffer delay: this checks the chain's fidelity, and five
processes share two loaded cores (the jitter buffer's own adaptation is tested elsewhere)."""

Audio = npt.NDArray[np.float64]


@dataclass
class Hub:
    """``rsi-hub serve`` on the demo meeting, and tokens for it."""

    process: HubProcess
    meeting: MeetingConfig

    @property
    def url(self) -> str:
        return self.process.url

    def token(self, sub: str, role: str, booth: str | None = None) -> str:
        return tokens.issue(self.meeting, sub=sub, name=sub.title(), role=role, booth=booth)


@dataclass
class Ran:
    code: int
    stdout: str
    stderr: str

    @property
    def figures(self) -> dict[str, Any]:
        lines = self.stdout.strip().splitlines()
        assert lines, f"no figures on stdout; stderr: {self.stderr}"
        figures: dict[str, Any] = json.loads(lines[-1])
        return figures


@pytest.fixture(scope="module")
def hub() -> Iterator[Hub]:
    with HubProcess.serve(DEMO_MEETING) as process:
        yield Hub(process, meeting_file.load(DEMO_MEETING))


def bot(hub: Hub, token: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(BIN / "rsi-bot"), "--url", hub.url, "--token", token, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_ready(process: subprocess.Popen[str]) -> str:
    """Read stderr up to the bot's ``ready`` line (it is in the meeting, recording)."""
    assert process.stderr is not None
    seen: list[str] = []
    while True:
        line = process.stderr.readline()
        assert line, f"the bot ended before it was ready: {''.join(seen)}"
        seen.append(line)
        if "ready:" in line:
            return line


def finish(process: subprocess.Popen[str], *, interrupt: bool = False) -> Ran:
    if interrupt:
        process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=TIMEOUT_S)
    return Ran(process.returncode, stdout, stderr)


def clip(language: str, folder: Path) -> tuple[Path, Audio]:
    """The first CLIP_S seconds of a speech clip, as a WAV file and as samples."""
    audio, rate = soundfile.read(SPEECH / f"{language}.ogg", dtype="float64")
    assert rate == SAMPLE_RATE
    audio = audio[: int(CLIP_S * SAMPLE_RATE)]
    path = folder / f"{language}.wav"
    soundfile.write(path, audio, SAMPLE_RATE, subtype="FLOAT")
    return path, audio


def align(source: Audio, recording: Audio) -> Audio:
    """The part of ``recording`` that lines up with ``source`` (FFT cross-correlation)."""
    n = 1 << int(np.ceil(np.log2(len(source) + len(recording))))
    xc = np.fft.irfft(np.fft.rfft(recording, n) * np.conj(np.fft.rfft(source, n)), n)
    lag = int(np.argmax(xc[: len(recording)]))
    # Zeros for what is missing at the end: the windows there then count as not heard.
    return np.concatenate([recording, np.zeros(len(source))])[lag : lag + len(source)]


def correlation(a: Audio, b: Audio) -> float:
    return float(np.dot(a, b) / np.sqrt(np.dot(a, a) * np.dot(b, b) + 1e-30))


def window_correlations(source: Audio, heard: Audio, window_s: float = 0.25) -> Audio:
    """Correlation of each voiced window, each re-aligned within 50 ms.

    The adaptive jitter buffer may shift the timeline by a few milliseconds
    when it catches up or conceals, and a listener's engine on a loaded
    machine may miss a tick (its file port then records a block of silence),
    so one global alignment would blame the rest of the clip for one shift.
    """
    w, slack = int(window_s * SAMPLE_RATE), int(0.05 * SAMPLE_RATE)
    out = []
    for start in range(slack, len(source) - w - slack, w):
        seg = source[start : start + w]
        if rms_db(seg) < -40:
            continue
        near = heard[start - slack : start + w + slack]
        xc = np.correlate(near, seg, mode="valid")
        shift = int(np.argmax(xc))
        out.append(correlation(seg, near[shift : shift + w]))
    return np.array(out)


def rms_db(x: Audio) -> float:
    return float(10 * np.log10(np.mean(x**2) + 1e-20))


def band_db(x: Audio) -> Audio:
    """Energy in octave bands from 125 Hz to 8 kHz, dB."""
    spectrum = np.abs(np.fft.rfft(x)) ** 2
    freqs = np.fft.rfftfreq(len(x), 1 / SAMPLE_RATE)
    edges = 125 * 2.0 ** np.arange(7)
    return np.array(
        [10 * np.log10(spectrum[(freqs >= lo) & (freqs < 2 * lo)].sum() + 1e-20) for lo in edges]
    )


@dataclass
class Scenario:
    sources: dict[str, Audio]
    """Channel -> what was played on it."""
    recordings: dict[str, Audio]
    """Channel -> what a listener recorded (mono)."""
    runs: dict[str, Ran]


@pytest.fixture(scope="module")
def scenario(hub: Hub, tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    folder = tmp_path_factory.mktemp("bots")
    floor_file, floor_audio = clip("en", folder)
    en_file, en_audio = clip("fr", folder)
    listeners = {
        ch: bot(hub, hub.token(f"lis-{ch}", "listener"), "--listen", ch, "--record",
                str(folder / f"{ch}.rec.wav"), "--min-buffer-ms", str(RECORD_BUFFER_MS))
        for ch in ("floor", "en")
    }  # fmt: skip
    for process in listeners.values():
        wait_ready(process)
    speakers = {
        "floor": bot(hub, hub.token("chair", "floor"), "--play", str(floor_file)),
        "en": bot(
            hub, hub.token("en1", "interpreter", "en"), "--play", str(en_file), "--mic", "en"
        ),
    }
    runs = {f"speaker-{ch}": finish(p) for ch, p in speakers.items()}
    time.sleep(1.0)
    runs |= {f"listener-{ch}": finish(p, interrupt=True) for ch, p in listeners.items()}
    recordings = {}
    for ch in listeners:
        audio, rate = soundfile.read(folder / f"{ch}.rec.wav", dtype="float64")
        assert rate == SAMPLE_RATE and audio.ndim == 2
        recordings[ch] = audio.mean(axis=1)
    return Scenario({"floor": floor_audio, "en": en_audio}, recordings, runs)


def test_speakers_play_their_file_on_air_and_exit_cleanly(scenario: Scenario) -> None:
    for name in ("speaker-floor", "speaker-en"):
        ran = scenario.runs[name]
        assert ran.code == 0, ran.stderr
        figures = ran.figures
        assert figures["air"] == name.removeprefix("speaker-")
        assert figures["seconds_played"] == pytest.approx(CLIP_S, abs=0.02)
        assert figures["packets_sent"] >= CLIP_S * 100 * 0.95  # 10 ms packets
        assert figures["rtt_ms"] is not None


def test_listeners_stop_on_sigint_with_their_figures(scenario: Scenario) -> None:
    for ch in ("floor", "en"):
        ran = scenario.runs[f"listener-{ch}"]
        assert ran.code == 0, ran.stderr
        figures = ran.figures
        assert figures["seconds_recorded"] > CLIP_S
        assert figures["packets_received"] >= CLIP_S * 100 * 0.95
        assert figures["loss"] < 0.01
        assert figures["buffer_ms"] is not None
        assert RECORD_BUFFER_MS * 0.9 <= figures["buffer_ms"] < RECORD_BUFFER_MS + 200
        assert set(figures["channels"]) == {ch}
        # Each kind of audible event apart (bench/glitches.py counts them).
        assert set(figures["channels"][ch]) == {
            "received", "concealed", "late", "lost",
            "dropped_catchup", "dropped_overflow", "underruns", "stretched", "shrunk",
            "stopped", "trailing", "gaps", "target_ms",
        }  # fmt: skip


def through_opus(source: Audio) -> Audio:
    """``source`` coded and decoded as the engine sends it (its default Opus settings)."""
    config = EngineConfig()
    encoder = Encoder(
        frame_ms=config.frame_ms, application=config.application, bitrate=config.bitrate
    )
    decoder: Decoder[np.float32] = Decoder(frame_ms=config.frame_ms)
    frame = encoder.frame_samples
    padded = np.concatenate([source, np.zeros(-len(source) % frame)]).astype(np.float32)
    decoded = np.empty(len(padded))
    for i in range(0, len(padded), frame):  # the decoder reuses its buffer: copy each frame out
        decoded[i : i + frame] = decoder.decode(encoder.encode(padded[i : i + frame]))
    return decoded


def discontinuities(scenario: Scenario, channel: str) -> int:
    """Breaks in the timeline between the speaker's file and the recording, as the bots count them.

    Each shifts the rest of the recording and so spoils the window it falls
    in: the speaker's clock skipping or finding no block ready, the
    listener's jitter buffer dropping frames to catch up or to keep under its
    maximum or giving up on packets, its time-scaler stretching or shrinking a
    frame, and the listener's engine missing its tick (the file port then
    records a block of silence, faded out and in, as a sound card would play
    it).
    """
    speaker = scenario.runs[f"speaker-{channel}"].figures["port"]
    listener = scenario.runs[f"listener-{channel}"].figures
    jitter = listener["channels"][channel]
    return int(
        speaker["skipped_ticks"]
        + speaker["read_underruns"]
        + jitter["dropped_catchup"]
        + jitter["dropped_overflow"]
        + jitter["lost"]
        + jitter["late"]
        + jitter["stretched"]
        + jitter["shrunk"]
        + listener["port"]["playback_ring_underruns"]
    )


@pytest.mark.parametrize("channel", ["floor", "en"])
def test_recording_matches_what_was_played_on_its_channel(scenario: Scenario, channel: str) -> None:
    source = scenario.sources[channel]
    heard = align(source, scenario.recordings[channel])
    windows = window_correlations(source, heard)
    # Only windows whose waveform Opus itself keeps: a few quiet ones (2 of the floor's 15,
    # at -34 and -29 dB) come out of the codec alone at 0.45 and 0.81, on any machine.
    kept = window_correlations(source, align(source, through_opus(source))) > 0.95
    assert kept.sum() >= 10
    windows = windows[kept]
    assert np.median(windows) > 0.95, windows
    # Every window spoiled is one where the timeline broke, and the bots counted each break.
    assert np.sum(windows <= 0.9) <= discontinuities(scenario, channel), windows
    assert abs(rms_db(heard) - rms_db(source)) < 1.0
    spectral = band_db(heard) - band_db(source)
    assert np.all(np.abs(spectral) < 2.0), spectral
    other = next(s for ch, s in scenario.sources.items() if ch != channel)
    assert abs(correlation(other, align(other, scenario.recordings[channel]))) < 0.3


def other_meeting(hub: Hub) -> MeetingConfig:
    return dataclasses.replace(hub.meeting, secret="another-secret-of-thirty-two-bytes-or-more")


def test_each_error_has_its_sentence_and_exit_code(hub: Hub, tmp_path: Path) -> None:
    listener = hub.token("lis-err", "listener")
    chair = hub.token("chair-err", "floor")
    forged = tokens.issue(other_meeting(hub), sub="x", name="X", role="listener")
    unreadable = tmp_path / "not-audio.wav"
    unreadable.write_text("this is not a sound file")
    pipe = tmp_path / "pipe.wav"  # --play waited for a writer for ever, --record exited 1
    os.mkfifo(pipe)
    cases = {
        "token": (bot(hub, forged, "--listen", "floor"), 3, "token"),
        "unreachable": (
            subprocess.Popen(
                [str(BIN / "rsi-bot"), "--url", "ws://127.0.0.1:9/v1", "--token", listener],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            ),
            3,
            "127.0.0.1:9",
        ),
        "missing": (bot(hub, chair, "--play", str(tmp_path / "nowhere.wav")), 2, "nowhere.wav"),
        "unreadable": (bot(hub, chair, "--play", str(unreadable)), 2, "not-audio.wav"),
        "channel": (bot(hub, listener, "--listen", "xx"), 4, "no channel 'xx'"),
        "air": (bot(hub, listener, "--play", str(SPEECH / "en.ogg")), 2, "cannot play"),
        "play-pipe": (bot(hub, chair, "--play", str(pipe)), 2, "it is a pipe, not a regular"),
        "record-pipe": (
            bot(hub, listener, "--listen", "floor", "--record", str(pipe)),
            2,
            "it is a pipe, not a regular",
        ),
    }
    for name, (process, code, words) in cases.items():
        ran = finish(process)
        lines = ran.stderr.strip().splitlines()
        assert ran.code == code, f"{name}: {ran.stderr}"
        assert len(lines) == 1 and lines[0].startswith("rsi-bot: "), f"{name}: {ran.stderr}"
        assert words in lines[0], f"{name}: {lines[0]}"
        assert "Traceback" not in ran.stderr


def test_a_float_file_with_nan_and_infinity_plays_on_time(hub: Hub, tmp_path: Path) -> None:
    """NaN made the meters raise on every tick: the bot logged a traceback every 10 ms and,
    its log unread, hung past --duration (issue 13)."""
    samples, _ = soundfile.read(SPEECH / "en.ogg", dtype="float32", frames=3 * SAMPLE_RATE)
    samples[::1000] = np.nan
    samples[500::1000] = np.inf
    path = tmp_path / "broken.wav"
    soundfile.write(path, samples, SAMPLE_RATE, subtype="FLOAT")
    interpreter = hub.token("ar-nan", "interpreter", "ar")
    process = bot(hub, interpreter, "--play", str(path), "--mic", "ar", "--duration", "2")
    wait_ready(process)
    ready = time.monotonic()
    ran = finish(process)
    assert time.monotonic() - ready < 2.0 + 1.5
    assert ran.code == 0, ran.stderr
    assert "Traceback" not in ran.stderr
    assert ran.figures["port"]["nonfinite_samples"] > 0
    assert ran.figures["packets_sent"] > 150


def test_what_the_bot_says_carries_no_control_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its lines carry file names and the hub's sentences: an ESC in them drove the terminal."""
    args = ["--url", "ws://127.0.0.1:9/v1", "--token", "t", "--play"]
    assert main([*args, str(tmp_path / "a\x1b[2Jb.wav")]) == 2
    said = capsys.readouterr().err
    assert "\x1b" not in said
    assert "a\\x1b[2Jb.wav': there is no such file" in said


def test_the_bot_can_run_in_process(hub: Hub) -> None:
    notices: list[str] = []
    with Bot(BotConfig(hub.url, hub.token("inproc", "listener"), ("floor",)), notices.append) as b:
        b.run(duration=0.3)
    assert b.figures is not None and b.figures["participant"] == "inproc"
    assert any("ready:" in n for n in notices)
    with pytest.raises(BotError, match="no channel 'zz'") as refused:
        Bot(BotConfig(hub.url, hub.token("inproc2", "listener"), ("zz",))).start()
    assert refused.value.exit_code == 4
