"""Janus AudioBridge rooms joined as a plain RTP participant (no WebRTC needed).

A gateway connects with :meth:`JanusClient.connect`, joins each room with
:meth:`JanusClient.join` (the floor room muted, one room per interpretation
channel), feeds each channel's 10 ms blocks to :meth:`JanusRoom.send_block`
and takes the floor room's mix as 10 ms blocks from its ``on_audio``. The
rules are in :mod:`.protocol` (Janus's WebSocket API) and :mod:`.media` (RTP
and Opus), both sans-I/O; :mod:`.client` moves their bytes. What was tested
against a real Janus, and what is only known from its documentation, is in
docs/gateways.md.
"""

from channels.platforms.janus.client import (
    JanusClient,
    JanusError,
    JanusRoom,
    JoinRefused,
    LinkEnded,
    OnAudio,
)
from channels.platforms.janus.media import RoomFigures
from channels.platforms.janus.protocol import JoinSettings, RoomId

__all__ = [
    "JanusClient",
    "JanusError",
    "JanusRoom",
    "JoinRefused",
    "JoinSettings",
    "LinkEnded",
    "OnAudio",
    "RoomFigures",
    "RoomId",
]
