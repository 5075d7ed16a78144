"""A stand-in for a meeting platform's client beside a device gateway, in a process of its own.

It does what Zoom or a browser does with the virtual devices: plays the
meeting's sound into its speaker (``--speaker SINK``, e.g. ``rsi-floor``) and
records its microphone (``--microphone SOURCE``, e.g. ``rsi-fr-mic``), both
through PortAudio's ``pulse`` device, routed by ``PULSE_SINK`` and
``PULSE_SOURCE`` in its own environment (as a real client is routed by its
settings). It plays ``--play`` (a .npy of float32 samples at 48 kHz) once
from its first callback on, records ``--seconds`` into ``--record`` (.npy),
and prints one JSON line: ``played``, the ``time.monotonic()`` of each
callback that took a block of the file, and ``recorded``, of each callback
that gave a block of the recording (the monotonic clock is the whole
machine's, so a test compares them with its own; PortAudio's stream times
carry nothing more over ALSA's pulse plugin, where the DAC time is the
callback's).

:func:`run_platform_client` runs it from a test and returns that line;
:func:`platform_client_command` is its command, for a test that starts it
beside other processes and ends it itself.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from audio.format import BLOCK, SAMPLE_RATE
from tests.rig.child import project_env


def run_platform_client(
    *, speaker: str, microphone: str, play: Path, record: Path, seconds: float
) -> dict[str, list[float]]:
    """Run the stand-in to the end (start-up plus ``seconds``); its JSON line."""
    result = subprocess.run(
        platform_client_command(
            speaker=speaker, microphone=microphone, play=play, record=record, seconds=seconds
        ),
        env=project_env(),
        capture_output=True,
        text=True,
        timeout=seconds + 20.0,  # start-up (numpy, PortAudio) on a loaded machine
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"the stand-in platform client failed: {result.stderr.strip()}")
    times: dict[str, list[float]] = json.loads(result.stdout.splitlines()[-1])
    return times


def platform_client_command(
    *, speaker: str, microphone: str, play: Path, record: Path, seconds: float
) -> list[str]:
    """The stand-in's command line, for a test that runs it beside others (env: project_env)."""
    return [
        sys.executable,
        "-m",
        "tests.rig.platformclient",
        f"--speaker={speaker}",
        f"--microphone={microphone}",
        f"--play={play}",
        f"--record={record}",
        f"--seconds={seconds}",
    ]


class _Player:
    def __init__(self, samples: npt.NDArray[np.float32]) -> None:
        self.samples = samples
        self.position = 0
        self.times: list[float] = []

    def __call__(self, outdata: npt.NDArray[np.float32], frames: int, _t: Any, _s: Any) -> None:
        if self.position < self.samples.size:
            self.times.append(time.monotonic())
        chunk = self.samples[self.position : self.position + frames]
        outdata[: chunk.size, 0] = chunk
        outdata[chunk.size :, 0] = 0.0
        self.position += chunk.size


class _Recorder:
    def __init__(self, frames: int) -> None:
        self.samples = np.zeros(frames, dtype=np.float32)
        self.position = 0
        self.times: list[float] = []

    def __call__(self, indata: npt.NDArray[np.float32], frames: int, _t: Any, _s: Any) -> None:
        if self.position < self.samples.size:
            self.times.append(time.monotonic())
        room = self.samples[self.position : self.position + frames]
        room[:] = indata[: room.size, 0]
        self.position += room.size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--speaker", required=True)
    parser.add_argument("--microphone", required=True)
    parser.add_argument("--play", type=Path, required=True)
    parser.add_argument("--record", type=Path, required=True)
    parser.add_argument("--seconds", type=float, required=True)
    args = parser.parse_args()
    os.environ["PULSE_SINK"] = args.speaker
    os.environ["PULSE_SOURCE"] = args.microphone
    import sounddevice as sd

    player = _Player(np.load(args.play).astype(np.float32))
    recorder = _Recorder(round(args.seconds * SAMPLE_RATE))
    common: dict[str, Any] = {
        "device": "pulse",
        "samplerate": SAMPLE_RATE,
        "blocksize": BLOCK,
        "channels": 1,
        "dtype": "float32",
        "latency": 0.1,  # as a meeting client buffers; less starves this one on a loaded machine
    }
    with sd.InputStream(callback=recorder, **common), sd.OutputStream(callback=player, **common):
        deadline = time.monotonic() + args.seconds + 10.0  # a first callback may take 2 s
        while recorder.position < recorder.samples.size and time.monotonic() < deadline:
            time.sleep(0.05)
    np.save(args.record, recorder.samples[: recorder.position])
    print(json.dumps({"played": player.times, "recorded": recorder.times}))


if __name__ == "__main__":
    main()
