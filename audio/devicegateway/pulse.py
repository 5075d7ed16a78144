"""The PulseAudio (or PipeWire) sound server, through its ``pactl`` command.

A device gateway names PulseAudio sinks and sources directly, because
PortAudio sees the whole server as one ALSA device (``pulse``). Each stream is
routed to its sink or source by name through the ``PULSE_SINK`` and
``PULSE_SOURCE`` environment variables, which libpulse reads when ALSA's pulse
plugin opens the stream (:func:`routed`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, Literal

from channels.platforms.link import PlatformUnreachable

PACTL_TIMEOUT_S: Final = 10.0
PORTAUDIO_DEVICE: Final = "pulse"
"""The ALSA device (as PortAudio names it) through which every PulseAudio stream goes."""

EndpointKind = Literal["sink", "source"]


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A sink (something to play into) or a source (something to record from)."""

    kind: EndpointKind
    name: str
    description: str
    master: str | None = None
    """For a source remapped from another (``module-remap-source``), that other source."""

    @property
    def device(self) -> str:
        """The sink a monitor (directly or remapped) records, else the name itself."""
        name = self.master if self.master is not None else self.name
        return name.removesuffix(".monitor")


def pactl(*args: str) -> str:
    """Run ``pactl`` (untranslated) and return its output; :class:`PlatformUnreachable` if not."""
    if shutil.which("pactl") is None:
        raise PlatformUnreachable(
            "pactl is not installed: install pulseaudio-utils (it works with PipeWire too), "
            "or on Windows and macOS name the devices as `rsi-gateway devices` lists them"
        )
    try:
        result = subprocess.run(
            ["pactl", *args],
            env={**os.environ, "LC_ALL": "C"},
            capture_output=True,
            text=True,
            timeout=PACTL_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as err:
        raise PlatformUnreachable(
            f"pactl {args[0]} did not answer in {PACTL_TIMEOUT_S:g} s: is the sound server hung?"
        ) from err
    if result.returncode != 0:
        why = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "no reason"
        raise PlatformUnreachable(
            f"pactl {args[0]} failed ({why}): start PulseAudio or PipeWire "
            "(pipewire-pulse) in this session and retry"
        )
    return result.stdout


def running() -> bool:
    """Whether a PulseAudio-compatible server answers ``pactl``."""
    try:
        pactl("info")
    except PlatformUnreachable:
        return False
    return True


def endpoints(kind: EndpointKind) -> list[Endpoint]:
    """The server's sinks or sources, in its order."""
    found: list[Endpoint] = []
    for section in pactl("list", f"{kind}s").split("\n\n"):
        fields: dict[str, str] = {}
        for line in section.splitlines():
            key, _, value = line.strip().partition(": ")
            fields.setdefault(key, value)
            key, _, value = line.strip().partition(" = ")
            if key == "device.master_device":
                fields["master"] = value.strip('"')
        if "Name" in fields:
            found.append(
                Endpoint(kind, fields["Name"], fields.get("Description", ""), fields.get("master"))
            )
    return found


def names(kind: EndpointKind) -> set[str]:
    """The names of the server's sinks or sources (quicker than :func:`endpoints`)."""
    return {line.split("\t")[1] for line in pactl("list", "short", f"{kind}s").splitlines()}


def load_module(name: str, **arguments: str) -> str:
    """Load module ``name`` with ``arguments``; its index. ``*_properties`` are descriptions."""
    words = []
    for key, value in arguments.items():
        if key.endswith("_properties"):
            quoted = value.replace("'", "\\'")
            value = f"'device.description=\"{quoted}\"'"
        words.append(f"{key}={value}")
    return pactl("load-module", name, *words).strip()


@contextlib.contextmanager
def routed(kind: EndpointKind, name: str) -> Iterator[None]:
    """While inside, a stream opened on :data:`PORTAUDIO_DEVICE` goes to sink or source ``name``.

    libpulse reads the variable when the stream's connection is made (ALSA's
    pulse plugin makes one per stream, at open), so only the open need be
    inside. Hold :data:`audio.devices.PORTAUDIO_LOCK`: the environment is the
    whole process's.
    """
    variable = "PULSE_SINK" if kind == "sink" else "PULSE_SOURCE"
    before = os.environ.get(variable)
    os.environ[variable] = name
    try:
        yield
    finally:
        if before is None:
            del os.environ[variable]
        else:
            os.environ[variable] = before
