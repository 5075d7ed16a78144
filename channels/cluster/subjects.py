"""The NATS subjects of one meeting and the messages on them, both ways between its core
(:mod:`channels.cluster.core`) and its edges (:mod:`channels.cluster.edge`).

Every message but media and snapshots is an envelope: one byte saying what it is, the
connection it is about (8 bytes, big-endian), then its payload. A connection's number is
its edge's number times 2**32 plus the edge's own count, so the core knows from the number
alone which edge holds it.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from typing import Final

import msgspec

from channels.hub import Participant

EDGE_SHIFT: Final = 32
"""conn >> EDGE_SHIFT is the number of the edge that holds connection ``conn``."""
BEAT_S: Final = 0.25
"""How often the core and each edge say they are alive."""
SILENT_S: Final = 1.0
"""After this long without a word from an edge, the core takes its connections as lost
(their air released); if the edge speaks again, they are re-attached (`REATTACH`)."""
STALLED_S: Final = 0.5
"""A core or an edge whose own beat comes this much later than due was stalled (paused, or
its loop busy): the time it did not run does not count as the other side's silence."""
TAKEOVER_S: Final = 1.0
"""After this long without a core's beat, a standby core serves the meeting."""
LISTEN_S: Final = 0.5
"""A core starting listens this long for another's beat: if it hears one, it stands by."""
CORE_SILENT_S: Final = 1.5
"""After this long without the core's beat, an edge closes its connections (1001): nothing
they say is answered, and they resume once a core runs again."""

# Edge -> core, on `Subjects.core`.
CONNECT: Final = 1
DISCONNECT: Final = 2
TEXT: Final = 3
MEDIA: Final = 4
BEAT: Final = 5
"""An edge is alive (conn: its number shifted, payload: empty)."""
RESTORE: Final = 6
"""To a core that took the meeting over: a participant the edge kept (payload:
`pack_participant`), its connection closed; the client resumes it on any edge."""
REATTACH: Final = 7
"""To a core that took this edge for dead (`FORGOTTEN`): a connection still open here, with
its participant (`pack_participant`), or no payload if it was not welcomed yet."""
# Core -> one edge, on `Subjects.edge`.
SEND: Final = 16
CLOSE: Final = 17
"""payload: the close code (2 bytes) and the reason (UTF-8)."""
WELCOMED: Final = 18
"""payload: the version of the snapshot in the welcome (8 bytes) and the participant
(`pack_participant`)."""
AUDIENCE: Final = 19
"""payload: the channel ids the connection now hears, separated by spaces (its listening
set, in its order)."""
FORGOTTEN: Final = 20
"""The core took this edge for dead and let its connections go (conn: the edge's number
shifted): the edge answers with a `REATTACH` for each connection still open."""

_HEAD: Final = struct.Struct("!BQ")
_VERSION: Final = struct.Struct("!Q")
_CODE: Final = struct.Struct("!H")
_UNSAFE: Final = re.compile(r"[^A-Za-z0-9-]")


def _token(text: str) -> str:
    """``text`` as one subject token, one to one: anything but letters, digits and - as _XX
    (its UTF-8 bytes in hex)."""
    return _UNSAFE.sub(lambda m: "".join(f"_{b:02x}" for b in m[0].encode()), text)


@dataclass(frozen=True, slots=True)
class Subjects:
    """The subjects of one meeting, all under ``rsi.MEETING.``."""

    meeting: str

    @property
    def root(self) -> str:
        return f"rsi.{_token(self.meeting)}"

    @property
    def core(self) -> str:
        """Edges -> core: every client event, in order, and the edges' beats."""
        return f"{self.root}.core"

    @property
    def alive(self) -> str:
        """Core -> edges: the core's beat, its instance id as payload."""
        return f"{self.root}.alive"

    @property
    def state(self) -> str:
        """Core -> edges: each state snapshot, once (`pack_state`)."""
        return f"{self.root}.state"

    def edge(self, edge: int) -> str:
        """Core -> one edge: what is for its connections."""
        return f"{self.root}.edge.{edge:08x}"

    def channel(self, channel_id: str) -> str:
        """Core -> edges: the channel's rewritten RTP, once per packet."""
        return f"{self.root}.channel.{_token(channel_id)}"


def pack(kind: int, conn: int, payload: bytes = b"") -> bytes:
    return _HEAD.pack(kind, conn) + payload


def unpack(data: bytes) -> tuple[int, int, bytes]:
    """(kind, conn, payload) of an envelope."""
    kind, conn = _HEAD.unpack_from(data)
    return kind, conn, data[_HEAD.size :]


def pack_close(conn: int, code: int, reason: str) -> bytes:
    return pack(CLOSE, conn, _CODE.pack(code) + reason.encode())


def unpack_close(payload: bytes) -> tuple[int, str]:
    return _CODE.unpack_from(payload)[0], payload[_CODE.size :].decode()


_PARTICIPANT_ENCODER: Final = msgspec.json.Encoder()
_PARTICIPANT_DECODER: Final = msgspec.json.Decoder(Participant)


def pack_participant(who: Participant) -> bytes:
    """The hub's record of a participant, as an edge keeps it for a core that takes the
    meeting over: what the hub needs to let its client resume (`Hub.restore`)."""
    return _PARTICIPANT_ENCODER.encode(who)


def unpack_participant(payload: bytes) -> Participant:
    return _PARTICIPANT_DECODER.decode(payload)


def pack_welcomed(conn: int, version: int, who: Participant) -> bytes:
    return pack(WELCOMED, conn, _VERSION.pack(version) + pack_participant(who))


def unpack_welcomed(payload: bytes) -> tuple[int, Participant]:
    return _VERSION.unpack_from(payload)[0], unpack_participant(payload[_VERSION.size :])


def pack_state(data: bytes) -> bytes:
    """A snapshot (a `state` message, as sent to clients) behind its version."""
    return _VERSION.pack(version_of(data)) + data


def unpack_state(payload: bytes) -> tuple[int, bytes]:
    return _VERSION.unpack_from(payload)[0], payload[_VERSION.size :]


class _Version(msgspec.Struct):
    version: int


class _Snapshot(msgspec.Struct):
    meeting: _Version


def version_of(message: bytes) -> int:
    """The meeting version of a `welcome` or `state` message."""
    return msgspec.json.decode(message, type=_Snapshot).meeting.version
