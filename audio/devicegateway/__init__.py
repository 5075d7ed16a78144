"""The device gateway: meetings on closed platforms, through virtual audio devices.

The platform's own client (Zoom, Teams, Webex, GoTo, Interprefy, a browser in
BigBlueButton or Jitsi) runs beside ``rsi-gateway device``: its speaker plays
into a virtual device that the gateway records as the hub's floor, and each
interpretation channel is played into a virtual device that a platform client
uses as its microphone. What ``rsi-gateway`` calls:

- :func:`add_arguments` and :func:`opener` for ``rsi-gateway device`` (the
  platform kind ``"device"``); with ``--setup`` it calls
  ``print(setup([lang for lang, _ in args.channel]))`` instead and exits;
- :func:`list_devices` for ``rsi-gateway devices``, one line each.

Each raises :class:`channels.platforms.link.PlatformError` with one line for
the user. The recipes per system are in docs/gateway-devices.md.
"""

from audio.devicegateway.loop import Loop, LoopDetector
from audio.devicegateway.setup import list_devices, setup
from audio.devicegateway.side import BadDevices, DeviceSide, add_arguments, opener

__all__ = [
    "BadDevices",
    "DeviceSide",
    "Loop",
    "LoopDetector",
    "add_arguments",
    "list_devices",
    "opener",
    "setup",
]
