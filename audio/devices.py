"""Sound cards as PortAudio sees them: listing them and choosing one by name.

PortAudio (through the ``sounddevice`` module) is imported on first use, not
when this module is imported, so that a machine without ``libportaudio2`` can
still run everything that does not touch a sound card, and so that tests can
set up the sound server's environment before PortAudio reads it.

PortAudio scans the devices once, when it is initialised, and then keeps that
list: a headset plugged in later is not in it. :func:`rescan` re-initialises
PortAudio to scan again, which is only safe while no stream is open (it would
close them all), so the streams opened through :mod:`audio.deviceport` are
counted here and :func:`rescan` refuses while any is open. Every PortAudio call
outside the audio callbacks goes through :data:`PORTAUDIO_LOCK`, so a rescan
never runs in the middle of another thread's query or open. A program that
opens PortAudio streams of its own, bypassing this module, must not rescan.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Final, Literal

Kind = Literal["input", "output"]

SYSTEM_DEFAULT: Final = ""
"""The device name that means "whatever the system's default device is"."""

PORTAUDIO_LOCK: Final = threading.RLock()
"""Held around every PortAudio call made outside the audio callbacks."""

_open_streams = 0
"""Streams opened by this process through :func:`stream_opened` and not yet closed."""


class DeviceError(Exception):
    """A device that cannot be found, chosen or opened. The message is for the user."""


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    """One PortAudio device, as of the last scan."""

    index: int
    """PortAudio's number for it; only valid until the next :func:`rescan`."""
    name: str
    host_api: str
    input_channels: int
    output_channels: int
    default_rate: float
    is_default_input: bool
    is_default_output: bool

    def channels(self, kind: Kind) -> int:
        return self.input_channels if kind == "input" else self.output_channels

    @property
    def label(self) -> str:
        """How the device is named to the user: ``'USB Headset' (ALSA)``."""
        return f"'{self.name}' ({self.host_api})"


def portaudio() -> ModuleType:
    """The ``sounddevice`` module, imported (and PortAudio initialised) on first use."""
    try:
        import sounddevice
    except OSError as err:  # sounddevice raises OSError when libportaudio is missing
        raise DeviceError(
            f"PortAudio is not available ({err}); install the libportaudio2 package "
            "(scripts/bootstrap.sh does)"
        ) from err
    module: ModuleType = sounddevice
    return module


def list_devices() -> list[DeviceInfo]:
    """Every device of the last scan, in PortAudio's order."""
    with PORTAUDIO_LOCK:
        sd = portaudio()
        try:
            apis = [api["name"] for api in sd.query_hostapis()]
            found = sd.query_devices()
        except sd.PortAudioError as err:
            raise DeviceError(f"PortAudio cannot list the devices: {err}") from err
        default_in = _default_index(sd, "input")
        default_out = _default_index(sd, "output")
        return [
            DeviceInfo(
                index=int(d["index"]),
                name=str(d["name"]),
                host_api=apis[int(d["hostapi"])],
                input_channels=int(d["max_input_channels"]),
                output_channels=int(d["max_output_channels"]),
                default_rate=float(d["default_samplerate"]),
                is_default_input=int(d["index"]) == default_in,
                is_default_output=int(d["index"]) == default_out,
            )
            for d in found
        ]


def _default_index(sd: ModuleType, kind: Kind) -> int | None:
    try:
        return int(sd.query_devices(kind=kind)["index"])
    except sd.PortAudioError:  # no default device of this kind
        return None


def find_device(name: str, kind: Kind, *, host_api: str | None = None) -> DeviceInfo:
    """The one ``kind`` device of the current list that ``name`` designates (see :func:`choose`)."""
    with PORTAUDIO_LOCK:
        found = list_devices()
        default_api = _default_host_api()
    return choose(found, name, kind, host_api=host_api, default_host_api=default_api)


def choose(
    found: Sequence[DeviceInfo],
    name: str,
    kind: Kind,
    *,
    host_api: str | None = None,
    default_host_api: str | None = None,
) -> DeviceInfo:
    """The one ``kind`` device among ``found`` that ``name`` designates.

    :data:`SYSTEM_DEFAULT` (``""``) is the system's default device. Otherwise
    an exact name wins, then a name equal ignoring case, then a name that
    contains ``name`` ignoring case. Several devices of one name that differ
    only by host API (Windows lists a card under MME, DirectSound and WASAPI)
    are settled by ``default_host_api``; ``host_api`` (a substring of its
    name, ignoring case) narrows the search first. Raises
    :class:`DeviceError` naming the candidates when nothing or more than one
    device matches.
    """
    candidates = [d for d in found if d.channels(kind) > 0]
    if host_api is not None:
        candidates = [d for d in candidates if host_api.casefold() in d.host_api.casefold()]
    where = f" on host API '{host_api}'" if host_api is not None else ""
    if not candidates:
        raise DeviceError(f"PortAudio finds no {kind} device{where} at all")
    if name == SYSTEM_DEFAULT:
        for device in candidates:
            if device.is_default_input if kind == "input" else device.is_default_output:
                return device
        raise DeviceError(
            f"there is no default {kind} device{where}; {_existing(kind, candidates)}"
        )
    folded = name.casefold()
    for matches in (
        [d for d in candidates if d.name == name],
        [d for d in candidates if d.name.casefold() == folded],
        [d for d in candidates if folded in d.name.casefold()],
    ):
        if len(matches) > 1:
            on_default_api = [d for d in matches if d.host_api == default_host_api]
            if len({d.name for d in matches}) == 1 and len(on_default_api) == 1:
                return on_default_api[0]
            names = ", ".join(d.label for d in matches)
            raise DeviceError(
                f"'{name}' matches {len(matches)} {kind} devices{where}: {names}; "
                "give more of the name"
            )
        if matches:
            return matches[0]
    raise DeviceError(f"no {kind} device{where} matches '{name}'; {_existing(kind, candidates)}")


def _existing(kind: Kind, devices: list[DeviceInfo]) -> str:
    return f"the {kind} devices are {', '.join(d.label for d in devices)}"


def _default_host_api() -> str | None:
    sd = portaudio()
    try:
        return str(sd.query_hostapis(sd.default.hostapi)["name"])
    except sd.PortAudioError:
        return None


def rescan() -> bool:
    """Scan the devices again, if no stream is open; say whether it did.

    Re-initialising PortAudio closes every stream of the process, hence the
    refusal while :func:`stream_opened` has counted one that is still open.
    """
    with PORTAUDIO_LOCK:
        if _open_streams:
            return False
        sd = portaudio()
        # sounddevice has no public call for this; these two are what its own
        # import and exit handler do.
        try:
            if sd._initialized:  # 0 after a failed re-initialisation
                sd._terminate()
            sd._initialize()
        except sd.PortAudioError as err:
            raise DeviceError(f"PortAudio could not scan the devices again: {err}") from err
        return True


def stream_opened() -> None:
    """Count a stream as open (call with :data:`PORTAUDIO_LOCK` held)."""
    global _open_streams
    _open_streams += 1


def stream_closed() -> None:
    """Count a stream as closed (call with :data:`PORTAUDIO_LOCK` held)."""
    global _open_streams
    _open_streams -= 1
