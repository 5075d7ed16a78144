"""``rsi-gateway devices`` and ``rsi-gateway device --setup``: the devices, listed and made.

:func:`list_devices` names every device a device gateway can use, as its
options take them. :func:`setup` creates the virtual devices on a Linux
desktop (PulseAudio, or PipeWire through pipewire-pulse): one null sink for
the floor (``rsi-floor``: the platform client's speaker) and, per language,
a null sink the gateway plays the channel into (``rsi-LANG``) with its
monitor remapped as a microphone (``rsi-LANG-mic``), since browsers and some
meeting clients do not offer a monitor as a microphone.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from typing import Final

from audio import devices
from audio.devicegateway import pulse
from audio.devicegateway.side import CHANNEL_PREFIX, FLOOR_DEVICE, BadDevices
from audio.devices import DeviceError
from audio.format import SAMPLE_RATE
from channels.platforms.link import PlatformUnreachable

FLOOR_DESCRIPTION: Final = "RSI floor (set as the platform's speaker)"
MIC_SUFFIX: Final = "-mic"
_LANG = re.compile(r"[A-Za-z0-9_-]+")


def channel_sink(lang: str) -> str:
    """The sink ``--setup`` makes for ``lang``, and the gateway plays it into by default."""
    return CHANNEL_PREFIX + lang


def channel_mic(lang: str) -> str:
    """The microphone (remapped monitor of :func:`channel_sink`) ``--setup`` makes for ``lang``."""
    return channel_sink(lang) + MIC_SUFFIX


def mic_description(lang: str) -> str:
    return f"RSI {lang} microphone (set as the {lang} client's microphone)"


def list_devices() -> list[str]:
    """Every device a device gateway can use, one readable line each, as the options take it."""
    if pulse.running():
        return [
            *(f"--floor-from {s.name:<28} {s.description}" for s in pulse.endpoints("source")),
            *(f"--channel LANG={s.name:<23} {s.description}" for s in pulse.endpoints("sink")),
        ]
    try:
        found = devices.list_devices()
    except DeviceError as err:
        raise PlatformUnreachable(str(err)) from err
    return [
        *(
            f"--floor-from {shlex.quote(d.name):<28} {d.host_api}"
            for d in found
            if d.input_channels
        ),
        *(
            f"--channel LANG={shlex.quote(d.name):<23} {d.host_api}"
            for d in found
            if d.output_channels
        ),
    ]


def setup(langs: Sequence[str]) -> str:
    """Create the virtual devices for the floor and ``langs``; what to choose where, for the user.

    Idempotent: a device that exists already (by name) is kept as it is.
    :class:`PlatformUnreachable` when pactl or the sound server is missing.
    """
    for lang in langs:
        if not _LANG.fullmatch(lang):
            raise BadDevices(f"'{lang}' cannot name a device: use letters, digits, - and _")
    sinks = {s.name for s in pulse.endpoints("sink")}
    sources = {s.name for s in pulse.endpoints("source")}
    made, kept = [], []
    wanted = [(FLOOR_DEVICE, FLOOR_DESCRIPTION)]
    wanted += [
        (channel_sink(lang), f"RSI {lang} (the gateway plays {lang} here)") for lang in langs
    ]
    for name, description in wanted:
        if name in sinks:
            kept.append(name)
            continue
        pulse.load_module(
            "module-null-sink",
            sink_name=name,
            rate=str(SAMPLE_RATE),
            channels="1",
            sink_properties=description,
        )
        made.append(name)
    for lang in langs:
        if channel_mic(lang) in sources:
            kept.append(channel_mic(lang))
            continue
        pulse.load_module(
            "module-remap-source",
            master=f"{channel_sink(lang)}.monitor",
            source_name=channel_mic(lang),
            source_properties=mic_description(lang),
        )
        made.append(channel_mic(lang))
    lines = [
        f"Created {', '.join(made) or 'nothing'}"
        + (f"; already there: {', '.join(kept)}." if kept else "."),
        f'In the platform client that hears the meeting, set the speaker to "{FLOOR_DESCRIPTION}".',
        *(
            f"In the platform client that speaks {lang}, set the microphone to "
            f'"{mic_description(lang)}", and its speaker to anything but RSI floor.'
            for lang in langs
        ),
        'Turn off each client\'s noise suppression and automatic gain ("original sound").',
        "Then run: rsi-gateway device --url HUB_URL --token TOKEN"
        + "".join(f" --channel {lang}={channel_sink(lang)}" for lang in langs),
        "The devices last until the sound server restarts; run this again after that.",
    ]
    return "\n".join(lines)
