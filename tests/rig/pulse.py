"""A private PulseAudio server with a null sink, so PortAudio has a sound card in tests.

The ``pulse`` fixture (session scope; tests/conftest.py registers this module
as a plugin) starts ``pulseaudio`` as a child process with its socket in a
temporary ``XDG_RUNTIME_DIR``, and points this process at it (``PULSE_SERVER``,
``XDG_RUNTIME_DIR``, a client.conf without autospawn) before PortAudio is
initialised. PortAudio then reaches it through ALSA: the ``pulse`` device of
/usr/share/alsa/alsa.conf.d/50-pulseaudio.conf, and ``default``, which
/usr/share/alsa/alsa.conf.d/pulse.conf routes to PulseAudio while a server
runs (libasound2-plugins).

The server has one sink, ``vsink`` (a null sink, mono 48 kHz: it plays into
nothing at real-time speed), and its monitor ``vsink.monitor`` as the default
source, so what a test plays it can record again. A null sink renders up to
2 s ahead while no client asks for a low latency, and a new stream then waits
up to 2 s for its first callbacks, so the server also runs a silent
low-latency loopback into ``vsink`` (module-null-source -> module-loopback),
as a real sound card clocks steadily in 10 ms steps.

If pulseaudio is not installed the fixture fails (it does not skip): the
suite runs on machines that scripts/bootstrap.sh set up. Running as root
works; pulseaudio only warns that it is not meant to.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from audio.format import SAMPLE_RATE

SINK = "vsink"
SOURCE = "vsink.monitor"

_NULL_SINK = f"module-null-sink sink_name={SINK} rate={SAMPLE_RATE} channels=1"
_KEEPER_SOURCE = f"module-null-source source_name=keeper rate={SAMPLE_RATE} channels=1"
_KEEPER_LOOP = (
    f"module-loopback source=keeper sink={SINK} latency_msec=20 "
    "source_dont_move=true sink_dont_move=true"
)


class PulseServer:
    """One pulseaudio process in ``runtime_dir``, started and stopped by the tests."""

    def __init__(self, runtime_dir: Path) -> None:
        self.runtime_dir = runtime_dir
        self.socket = runtime_dir / "pulse" / "native"
        self.log = runtime_dir / "pulseaudio.log"
        client_conf = runtime_dir / "client.conf"
        client_conf.write_text("autospawn = no\n")
        self.env = {
            "XDG_RUNTIME_DIR": str(runtime_dir),
            "PULSE_SERVER": f"unix:{self.socket}",
            "PULSE_CLIENTCONFIG": str(client_conf),
        }
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start the server and wait until it answers (at most 10 s)."""
        env = {
            **os.environ,
            **self.env,
            "HOME": str(self.runtime_dir),  # its cookie and state stay in here
            "XDG_CONFIG_HOME": str(self.runtime_dir / "config"),
        }
        with self.log.open("ab") as log:
            self._process = subprocess.Popen(
                [
                    "pulseaudio",
                    "--daemonize=no",
                    "-n",  # no default.pa: only the modules below
                    "--exit-idle-time=-1",
                    "--log-target=stderr",
                    "-L",
                    "module-native-protocol-unix auth-anonymous=1",
                    "-L",
                    _NULL_SINK,
                    "-L",
                    _KEEPER_SOURCE,
                    "-L",
                    _KEEPER_LOOP,
                ],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )
        deadline = time.monotonic() + 10.0
        while self.pactl_ok("info") is False:
            if self._process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"pulseaudio did not start; its log:\n{self.log.read_text()}")
            time.sleep(0.05)
        self.pactl("set-default-sink", SINK)
        self.pactl("set-default-source", SOURCE)
        self.settle()

    def stop(self) -> None:
        """Stop the server (the sound card disappears for every client)."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(5.0)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def pactl(self, *args: str) -> str:
        result = subprocess.run(
            ["pactl", *args],
            env={**os.environ, **self.env},
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"pactl {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def pactl_ok(self, *args: str) -> bool:
        try:
            self.pactl(*args)
        except RuntimeError:
            return False
        return True

    def settle(self) -> None:
        """Wait until ``vsink`` renders in small steps (see the module docstring)."""
        deadline = time.monotonic() + 5.0
        while time.monotonic() < deadline:
            if self.sink_latency_ms() < 50.0:
                return
            time.sleep(0.05)
        pytest.fail(f"{SINK} still renders {self.sink_latency_ms():.0f} ms ahead after 5 s")

    def sink_latency_ms(self) -> float:
        for line in self.pactl("list", "sinks").splitlines():
            line = line.strip()
            if line.startswith("Latency:"):
                return int(line.split()[1]) / 1000.0
        raise RuntimeError(f"no sink latency in `pactl list sinks` (is {SINK} loaded?)")

    def unload_sink(self) -> None:
        """Unload the null sink: the server stays, the sound card goes."""
        for line in self.pactl("list", "short", "modules").splitlines():
            index, name, *_ = line.split("\t")
            if name == "module-null-sink":
                self.pactl("unload-module", index)

    def load_sink(self) -> None:
        """Load the null sink again (and the low-latency loopback that went with it)."""
        self.pactl("load-module", *_NULL_SINK.split(" "))
        self.pactl("load-module", *_KEEPER_LOOP.split(" "))
        self.pactl("set-default-sink", SINK)
        self.pactl("set-default-source", SOURCE)
        self.settle()


def unload(server: PulseServer, names: list[str]) -> None:
    """Unload the modules that made the devices ``names``."""
    # newest first: a remapped source goes with its sink's module
    for line in reversed(server.pactl("list", "short", "modules").splitlines()):
        index, _module, args, *_ = [*line.split("\t"), ""]
        if any(f"_name={name} " in f"{args} " for name in names):
            server.pactl("unload-module", index)


def _require(program: str) -> None:
    if shutil.which(program) is None:
        pytest.fail(
            f"{program} is not installed; the device tests need pulseaudio, pulseaudio-utils, "
            "libportaudio2 and libasound2-plugins (run `make setup` or scripts/bootstrap.sh)"
        )


@pytest.fixture(scope="session")
def pulse() -> Iterator[PulseServer]:
    """A running PulseAudio server that PortAudio in this process uses."""
    _require("pulseaudio")
    _require("pactl")
    with (
        tempfile.TemporaryDirectory(prefix="rsi-pulse-") as tmp,
        pytest.MonkeyPatch.context() as mp,
    ):
        server = PulseServer(Path(tmp))
        for name, value in server.env.items():
            mp.setenv(name, value)
        server.start()
        try:
            from audio.devices import list_devices, rescan

            if "sounddevice" in sys.modules:
                # PortAudio was initialised before this environment existed.
                assert rescan(), "a PortAudio stream was left open before the pulse fixture"
            names = [device.name for device in list_devices()]
            if "pulse" not in names:
                pytest.fail(
                    f"PortAudio does not see ALSA's 'pulse' device (it sees {names}): "
                    "is libasound2-plugins installed?"
                )
            yield server
        finally:
            server.stop()
