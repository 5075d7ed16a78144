"""A hub under fuzz, and the participants who must not notice.

:class:`HubRig` drives the sans-I/O :class:`channels.hub.Hub` the way the
server does (feed an input, carry out the outputs, tick when the hub asks)
with a virtual clock. One participant, the fuzzer, sends what a fuzzer
chooses: control messages (text frames), media (binary frames), or a
`hello` on a fresh connection. Around it, a meeting goes on:

- ``chair`` (floor) holds the floor and sends one RTP packet after every
  fuzz input; ``ref`` listens to the floor and must receive each of them,
  intact and in order (sequence numbers +1, the payload unchanged, the
  chair as CSRC);
- ``en2`` (an interpreter, the fuzzer's booth partner when it is in booth
  ``en``) and ``mon`` (a listener on ``en``) are there to be talked to,
  handed over to and forwarded to.

None of them may receive an `error` or be closed. The one thing the fuzzer
may legitimately do to them is what the protocol allows: a coordinator may
take the air from the chair (`force_off`); the chair then presses the mic
again, and the rig counts it. Every packet forwarded to ``mon`` must be one
that a client's parser accepts.

Any exception out of the hub is a crash; any check that fails raises
:class:`Disturbed`. The meeting-file and revocation-file targets are plain
functions with the same contract: return a value, or raise the module's own
error, never anything else.

:class:`ReceiveRig` is the other side: a client's receive path (jitter
buffer, Opus decoder, the input strip that plays and meters the channel)
fed what a hub forwards from a speaker on air, who may be the fuzzer.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

import jwt
import numpy as np

from audio.format import BLOCK, SAMPLE_RATE
from audio.opus import FrameMs
from audio.receive import MAX_SAMPLE, ChannelReceiver, InputStrip
from channels import meeting_file, protocol, revocation, rtp
from channels.hub import Close, Forward, Hub, Send
from channels.meeting import FLOOR, MeetingConfig
from channels.tokens import generate_ed25519_keypair, issue
from tests.rig.meetings import bi_active_meeting

T0 = 1_800_000_000.0
STEP_S = 0.01
"""Virtual time between two fuzz inputs: one 10 ms packet of the chair."""
SECRET = "fuzz-rig-secret-that-is-32-bytes-or-more"
ROLES = ("interpreter", "interpreter-zh", "coordinator", "floor", "listener")
"""What the fuzzer may be; interpreter-zh is an interpreter of the bi-active zh booth."""
REFERENCE_IDS = ("chair", "ref", "en2", "mon")
_JWS = jwt.PyJWS(algorithms=["HS256"])

MEETING = dataclasses.replace(bi_active_meeting(), id="fuzz", title="Fuzz", secret=SECRET)
"""The bi-active meeting: a booth that shares a channel gives the most rules to break."""
CHANNELS = tuple(ch.id for ch in MEETING.channels)
BOOTHS = tuple(b.id for b in MEETING.booths)


class Disturbed(AssertionError):
    """A participant other than the fuzzer noticed the fuzz input (beyond hearing it)."""


@dataclass(slots=True)
class Tally:
    """What a rig went through, for the report."""

    inputs: int = 0
    reference_packets: int = 0
    forwarded_fuzz_packets: int = 0
    fuzzer_closed: int = 0
    chair_forced_off: int = 0
    errors_to_fuzzer: int = 0
    close_codes: dict[int, int] = field(default_factory=dict)


class HubRig:
    """One hub, the reference participants, and the fuzzer's connection."""

    def __init__(self, fuzzer_role: str = "interpreter") -> None:
        if fuzzer_role not in ROLES:
            raise ValueError(f"fuzzer role {fuzzer_role!r}: choose one of {', '.join(ROLES)}")
        self.hub = Hub(MEETING)
        self.now = T0
        self.tally = Tally()
        self.fuzzer_role = fuzzer_role
        self._next_conn = 1
        self._wake_at: float | None = None
        """When the hub asked to be ticked."""
        self._closed: set[int] = set()
        self._welcomed: set[int] = set()
        self.chair = self._join("chair", "floor")
        self.ref = self._join("ref", "listener")
        self.en2 = self._join("en2", "interpreter", booth="en")
        self.mon = self._join("mon", "listener")
        self._command(self.ref, {"type": "listen", "channels": [FLOOR]})
        self._command(self.en2, {"type": "listen", "channels": [FLOOR]})
        self._command(self.mon, {"type": "listen", "channels": ["en"]})
        self._command(self.chair, {"type": "mic", "on": True, "channel": FLOOR})
        self._references = {self.chair, self.ref, self.en2, self.mon}
        self.chair_ssrc = self._ssrc("chair")
        self._chair_seq = 0
        self._last_floor_seq: int | None = None
        self.fuzzer = self._join_fuzzer()

    # --- Inputs ----------------------------------------------------------------------

    def text(self, data: str | bytes) -> None:
        """One text frame from the fuzzer, then the reference exchange."""
        self._before_input()
        self.hub.receive_text(self.fuzzer, data, self.now)
        self._after_input()

    def media(self, data: bytes) -> None:
        """One binary frame from the fuzzer, then the reference exchange."""
        self._before_input()
        self.hub.receive_media(self.fuzzer, data, self.now)
        self._after_input()

    def hello(self, data: str | bytes) -> None:
        """One text frame (meant as a `hello`) on a fresh connection, then the exchange.

        The connection stays open if welcomed; it is the fuzzer's from then on.
        """
        self._before_input()
        conn = self._open()
        self.hub.receive_text(conn, data, self.now)
        self._pump()
        if conn in self._welcomed and conn not in self._closed:
            if self.fuzzer not in self._closed:
                self._closed.add(self.fuzzer)
                self.hub.disconnect(self.fuzzer, self.now)
            self.fuzzer = conn
        self._after_input()

    @property
    def fuzzer_ssrc(self) -> int:
        """The SSRC of the fuzzer's participant (what its valid packets must carry)."""
        who = self.hub.participant_of(self.fuzzer)
        return who.ssrc if who is not None else 0

    def sign(self, claims: object) -> str:
        """Any JSON value as the payload of a token that the meeting's secret signs.

        So a fuzzed `hello` gets past the signature and into the checks of the
        claims. A `sub` of a reference participant becomes the fuzzer's: a valid
        token for the chair would legitimately replace the chair (4409).
        """
        if isinstance(claims, dict) and claims.get("sub") in REFERENCE_IDS:
            claims = {**claims, "sub": "fz"}
        payload = json.dumps(claims).encode()
        return _JWS.encode(payload, SECRET, "HS256")

    # --- The reference exchange ------------------------------------------------------

    def _before_input(self) -> None:
        self.tally.inputs += 1
        self.now += STEP_S
        if self.fuzzer in self._closed:
            self.tally.fuzzer_closed += 1
            self.fuzzer = self._join_fuzzer()

    def _after_input(self) -> None:
        self._pump()
        if self._wake_at is not None and self.now >= self._wake_at:
            self.hub.tick(self.now)
            self._pump()
        if self.hub.on_air("chair") != FLOOR:
            # Only a coordinator's force_off can take the floor from the chair.
            if self.fuzzer_role != "coordinator":
                raise Disturbed("the chair lost the floor to a fuzzer that is no coordinator")
            self.tally.chair_forced_off += 1
            self._command(self.chair, {"type": "mic", "on": True, "channel": FLOOR})
            if self.hub.on_air("chair") != FLOOR:
                raise Disturbed("the chair could not take the floor back")
        self._chair_speaks()

    def _chair_speaks(self) -> None:
        seq = self._chair_seq
        self._chair_seq = (seq + 1) & 0xFFFF
        payload = b"chair:%d" % self.tally.reference_packets
        packet = rtp.build(
            sequence=seq,
            timestamp=(seq * 480) & 0xFFFFFFFF,
            ssrc=self.chair_ssrc,
            payload=payload,
            extension=rtp.audio_level_extension(30, True),
        )
        self.hub.receive_media(self.chair, packet, self.now)
        on_floor = [out.data for out in self._pump() if out.channel.id == FLOOR]
        if len(on_floor) != 1:
            raise Disturbed(f"the chair's packet reached the floor {len(on_floor)} times")
        if self.ref not in self.hub.floor.audience:
            raise Disturbed("the reference listener no longer receives the floor")
        got = rtp.parse(on_floor[0])
        if got.payload != payload or got.csrc != (self.chair_ssrc,):
            raise Disturbed(f"the chair's packet arrived altered: {got}")
        if self._last_floor_seq is not None and got.sequence != (self._last_floor_seq + 1) & 0xFFFF:
            raise Disturbed(f"floor sequence {self._last_floor_seq} -> {got.sequence}")
        self._last_floor_seq = got.sequence
        self.tally.reference_packets += 1

    # --- The I/O layer's part --------------------------------------------------------

    def _pump(self) -> list[Forward]:
        """Carry out the hub's outputs; return the packets it forwarded."""
        forwarded = []
        outputs, self._wake_at = self.hub.outputs_to_send()
        while outputs:
            for output in outputs:
                if isinstance(output, Forward):
                    self._forwarded(output)
                    forwarded.append(output)
                elif isinstance(output, Send):
                    self._sent(output.conn, output.data)
                elif isinstance(output, Close):
                    self._close(output)
                elif not output.data.startswith(b'{"type":"state"'):
                    raise Disturbed(f"a broadcast that is not a state: {output.data[:80]!r}")
            outputs, self._wake_at = self.hub.outputs_to_send()
        return forwarded

    def _forwarded(self, output: Forward) -> None:
        try:
            packet = rtp.parse(output.data)
        except rtp.RtpError as exc:
            raise Disturbed(
                f"forwarded on {output.channel.id} a packet clients refuse: {exc}"
            ) from exc
        if packet.csrc not in ((self.chair_ssrc,), (self.hub.floor.ssrc,)):
            self.tally.forwarded_fuzz_packets += 1

    def _sent(self, conn: int, data: bytes) -> None:
        if data.startswith(b'{"type":"error"'):
            if conn in self._references:
                raise Disturbed(f"reference connection {conn} got an error: {data!r}")
            self.tally.errors_to_fuzzer += 1
        elif data.startswith(b'{"type":"welcome"'):
            self._welcomed.add(conn)

    def _close(self, output: Close) -> None:
        if output.conn in self._references:
            raise Disturbed(f"reference connection {output.conn} closed: {output}")
        codes = self.tally.close_codes
        codes[output.code] = codes.get(output.code, 0) + 1
        if output.conn not in self._closed:
            self._closed.add(output.conn)
            self.hub.disconnect(output.conn, self.now)

    # --- Set-up ------------------------------------------------------------------------

    def _open(self) -> int:
        conn = self._next_conn
        self._next_conn += 1
        self.hub.connect(conn, self.now)
        return conn

    def _join(self, sub: str, role: str, booth: str | None = None) -> int:
        conn = self._open()
        token = issue(MEETING, sub=sub, name=sub.title(), role=role, booth=booth, now=self.now)
        self.hub.receive_text(conn, json.dumps({"type": "hello", "token": token}), self.now)
        self._pump()
        if conn not in self._welcomed:
            raise Disturbed(f"{sub} was not welcomed")
        return conn

    def _join_fuzzer(self) -> int:
        role, booth = self._role_and_booth()
        conn = self._join("fz", role, booth)
        if role == "interpreter":  # on air, so that its media reaches the rewriting
            self._command(conn, {"type": "mic", "on": True, "channel": booth})
        return conn

    def _role_and_booth(self) -> tuple[str, str | None]:
        if self.fuzzer_role == "interpreter":
            return "interpreter", "en"
        if self.fuzzer_role == "interpreter-zh":
            return "interpreter", "zh"
        return self.fuzzer_role, None

    def _command(self, conn: int, message: dict[str, object]) -> None:
        self.hub.receive_text(conn, json.dumps(message), self.now)
        self._pump()

    def _ssrc(self, participant: str) -> int:
        return self.hub.participants[participant].ssrc


# --- A client's receive path --------------------------------------------------------------

PLAYOUT_PHASE_S = 0.0037
"""Where the playout clock ticks within the sender's 10 ms (any phase but zero)."""
_BLOCK_S = BLOCK / SAMPLE_RATE


@dataclass(slots=True)
class ReceiveTally:
    """What a receive rig went through, for the report."""

    packets: int = 0
    blocks: int = 0
    sounding_blocks: int = 0
    """Blocks with a sample that is not zero."""
    peak: float = 0.0
    """The largest absolute sample rendered."""


class ReceiveRig:
    """One listened channel of a client on a virtual clock, fed any bytes.

    A :class:`~audio.receive.ChannelReceiver` (RTP header, jitter buffer, Opus
    decoder) and the :class:`~audio.receive.InputStrip` that plays it, as the
    engine has them: every tick of the playout clock renders one 10 ms block
    (decoded, crossfaded, metered). :meth:`packet` delivers a packet as it
    arrives, after the blocks due before it. After each block the rig checks
    what a listener relies on, and raises :class:`Disturbed` when one fails:

    - the block is finite and within :data:`~audio.receive.MAX_SAMPLE`: no
      NaN, infinity or absurd level reaches the mix, the meters or the ears;
    - the figures are honest: no count below zero, ``late`` within
      ``received``, the loss ratio of the rsi.v1 ``report``, ``(lost + late)
      / (received + lost)``, within [0, 1], and neither the delay nor the
      timeline held above the buffer's maximum.

    Any exception out of the receive path is a crash.
    """

    def __init__(self, frame_ms: FrameMs = 10, max_delay_ms: float = 400.0) -> None:
        self.max_delay_ms = max_delay_ms
        self.receiver = ChannelReceiver(FLOOR, frame_ms=frame_ms, max_delay_ms=max_delay_ms)
        self.strip = InputStrip(0, frame_ms=frame_ms)
        self.strip.select(FLOOR, self.receiver)
        self.tally = ReceiveTally()
        self.block = np.zeros(BLOCK, dtype=np.float32)
        self.now = 0.0
        self._receivers = {FLOOR: self.receiver}
        self._tick = PLAYOUT_PHASE_S

    def packet(self, data: bytes, after_s: float = _BLOCK_S) -> None:
        """One packet (RTP, or not) that arrives ``after_s`` seconds after the previous one."""
        self.run(after_s)
        self.tally.packets += 1
        self.receiver.push(data, self.now)

    def run(self, seconds: float) -> None:
        """Let ``seconds`` pass: the blocks due are rendered and checked."""
        self.now += max(0.0, seconds)
        while self._tick <= self.now:
            self.strip.render(self._tick, self.block, self._receivers)
            self._tick += _BLOCK_S
            self._check()

    def figures(self) -> dict[str, float]:
        """What the rig went through, for the fuzz report."""
        s = self.receiver.buffer.stats
        return {
            "packets": self.tally.packets,
            "blocks": self.tally.blocks,
            "sounding_blocks": self.tally.sounding_blocks,
            "peak": self.tally.peak,
            "bad_packets": self.receiver.malformed + self.receiver.corrupt,
            "silenced": self.receiver.silenced,
            "concealed": s.concealed,
            "lost": s.lost,
            "late": s.late,
        }

    def _check(self) -> None:
        tally = self.tally
        tally.blocks += 1
        if not np.isfinite(self.block).all():
            raise Disturbed(f"block {tally.blocks} holds NaN or infinity")
        peak = float(np.max(np.abs(self.block)))
        if peak > MAX_SAMPLE:
            raise Disturbed(f"block {tally.blocks} peaks at {peak}")
        tally.peak = max(tally.peak, peak)
        tally.sounding_blocks += peak > 0.0
        s = self.receiver.buffer.stats
        counts = (
            s.received, s.duplicates, s.late, s.lost, s.played, s.concealed, s.silent,
            s.dropped_catchup, s.dropped_overflow, s.expired, s.underruns, s.resyncs,
        )  # fmt: skip
        if min(counts) < 0 or s.late > s.received:
            raise Disturbed(f"figures that cannot be: {s}")
        if s.received + s.lost and not 0 <= (s.lost + s.late) / (s.received + s.lost) <= 1:
            raise Disturbed(f"a loss ratio out of [0, 1]: {s}")
        if max(s.delay_ms, s.buffered_ms) > self.max_delay_ms + 1e-6:
            raise Disturbed(f"more than the maximum delay held: {s}")


# --- File targets ------------------------------------------------------------------------


def write_keys(folder: Path) -> Path:
    """The files a fuzzed meeting file may name as its public_key, written into ``folder``.

    A key pair (``issuer.pub``, ``issuer.key``), a file that is no key (``junk.pub``) and
    a PEM that is no valid key (``ed.pub``); ``missing.pub`` stays missing.
    """
    private_pem, public_pem = generate_ed25519_keypair()
    (folder / "issuer.pub").write_text(public_pem)
    (folder / "issuer.key").write_text(private_pem)
    (folder / "junk.pub").write_text("not a key\n")
    (folder / "ed.pub").write_bytes(b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
    return folder


def meeting_file_input(text: str, base_dir: Path | None = None) -> MeetingConfig | None:
    """Parse a meeting file; if it is accepted, the hub must be able to serve it.

    Returns the meeting, or None when the loader refused it with its own
    error (as it must for anything it cannot use).
    """
    try:
        meeting = meeting_file.parse(text, source="fuzz.toml", base_dir=base_dir)
    except meeting_file.MeetingFileError:
        return None
    hub = Hub(meeting)
    protocol.encode(protocol.State(hub.snapshot()))
    return meeting


def revocation_file_input(text: str) -> revocation.Revocations | None:
    """Parse a revocation file: a list, or None when refused with its own error."""
    try:
        return revocation.parse(text, source="fuzz.txt")
    except revocation.RevocationFileError:
        return None
