"""Fuzz inputs from a seeded :class:`random.Random`: near the protocol, and far.

Cheap enough to make hundreds of thousands of inputs a minute (hypothesis,
which the test suite uses for the same targets, spends far more per input on
choosing and shrinking). Each generator mixes three kinds of input:

- **near the schema**: a message of a known type whose fields are mostly
  valid and sometimes wrong (a wrong type, out of range, missing, extra), a
  well-formed RTP header with one thing off, a meeting file with one
  mistake; these reach the rules behind the parsers;
- **mutated**: valid input with bytes flipped, cut, repeated or inserted;
- **raw**: bytes or text with no structure at all.

The functions take the rig's current facts (the fuzzer's SSRC, a signer for
tokens) as arguments, so that they stay pure and replayable from a seed.
:func:`hostile_speech` is the stream of a speaker on air who means harm, for
the receive path of the clients (and for the test that sends it through a
real hub).
"""

from __future__ import annotations

import json
import random
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from channels import rtp

JsonValue = Any
Signer = Callable[[object], str]

CHANNELS = ("floor", "en", "fr", "zh")
BOOTHS = ("en", "fr", "zh")
PEOPLE = ("fz", "en2", "chair", "ref", "mon", "coord", "nobody")
ROLES = ("interpreter", "coordinator", "listener", "floor")

_EDGE_INTS = (0, 1, -1, 2**15, 2**16, 2**31, 2**32, 2**53 + 1, 2**63, 2**64, -(2**63), 10**30)
_EDGE_FLOATS = (0.0, -0.0, 0.5, 1e6, 1e6 + 1, 1e-300, 5e-324, 1e308, -1e308)
_SPECIAL = (float("nan"), float("inf"), float("-inf"))
_ODD_TEXT = ("", " ", "\x00", "\ud800", "\u202e", "é", "🙂", "a" * 129, "\\", '"', "<>&'")
_SOUP = (
    "{", "}", "[", "]", ":", ",", '"type"', '"mic"', '"hello"', '"listen"', '"on"', "true",
    "false", "null", "1e999", "-0", '"\\u0000"', '"\\ud800"', "0x10", "NaN", " ", "\n", '"',
    '"channels"', '"chat"', '"text"', '"to"', "1", "[[[[", "]]]]",
)  # fmt: skip


# --- Values ----------------------------------------------------------------------------


def wild(rng: random.Random, depth: int = 0) -> JsonValue:
    """Any JSON value (and a few that only Python's json writes: NaN, Infinity)."""
    kind = rng.randrange(10 if depth < 3 else 7)
    if kind == 0:
        return None
    if kind == 1:
        return rng.random() < 0.5
    if kind == 2:
        return rng.choice(_EDGE_INTS) if rng.random() < 0.5 else rng.randint(-(10**6), 10**6)
    if kind == 3:
        pool = _SPECIAL if rng.random() < 0.1 else _EDGE_FLOATS
        return rng.choice(pool) if rng.random() < 0.5 else rng.uniform(-1e9, 1e9)
    if kind in (4, 5, 6):
        return text(rng)
    if kind in (7, 8):
        return [wild(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {text(rng, 12): wild(rng, depth + 1) for _ in range(rng.randrange(4))}


def text(rng: random.Random, longest: int = 40) -> str:
    roll = rng.random()
    if roll < 0.3:
        return rng.choice(_ODD_TEXT)
    if roll < 0.4:
        return "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randrange(longest)))
    return "".join(rng.choice(string.printable) for _ in range(rng.randrange(longest)))


def _one_of(*values: JsonValue) -> Callable[[random.Random], JsonValue]:
    return lambda rng: rng.choice(values)


def _figure(rng: random.Random) -> JsonValue:
    return rng.choice((rng.uniform(0, 1e6), 0, 1e6, -1, 1e6 + 1, 42))


def _loss(rng: random.Random) -> JsonValue:
    return rng.choice((rng.random(), 0, 1, -0.01, 1.01))


def _chat_text(rng: random.Random) -> JsonValue:
    return rng.choice(("hi", "x" * 1000, "x" * 1001, "", text(rng, 200)))


def _listen(rng: random.Random) -> JsonValue:
    pool = (*CHANNELS, "xx", "", "EN")
    return [rng.choice(pool) for _ in range(rng.choice((0, 1, 1, 2, 3, 4, 65)))]


_VALID_FIELDS: dict[str, dict[str, Callable[[random.Random], JsonValue]]] = {
    "listen": {"channels": _listen},
    "mic": {"on": _one_of(True, False), "channel": _one_of(*CHANNELS, "xx", None)},
    "cough": {"on": _one_of(True, False)},
    "handover": {
        "action": _one_of("offer", "request", "accept", "cancel", "steal"),
        "to": _one_of(*PEOPLE, None),
    },
    "chat": {
        "to": _one_of("booth", "coordinators", "all", "booth:en", "booth:xx", *PEOPLE, ""),
        "text": _chat_text,
    },
    "signal": {"kind": _one_of("slow_down", "poor_sound", "need_help", "no_sound", "boo")},
    "floor_language": {"language": _one_of("en", "fr", "zh", None, "en-GB", "e", "x" * 20)},
    "force_off": {"participant": _one_of(*PEOPLE, "")},
    "report": {"rtt_ms": _figure, "jitter_ms": _figure, "loss": _loss, "buffer_ms": _figure},
    "ping": {"t": _one_of(0, 1.5, -1, 1e308, 2**64, 1800000000.125)},
    "hello": {"token": _one_of("x", "a.b.c"), "client": _one_of("fuzz/1", "")},
}
MESSAGE_TYPES = tuple(_VALID_FIELDS)


# --- Control messages --------------------------------------------------------------------


def control_message(rng: random.Random) -> str:
    """A control message of a known type, mostly valid; sometimes mutated afterwards."""
    roll = rng.random()
    kind: JsonValue = rng.choice(MESSAGE_TYPES)
    if roll < 0.03:
        kind = wild(rng)
    elif roll < 0.06:
        kind = text(rng, 12)
    message: dict[str, JsonValue] = {"type": kind}
    fields = _VALID_FIELDS.get(kind, {}) if isinstance(kind, str) else {}
    for name, valid in fields.items():
        choice = rng.random()
        if choice < 0.8:
            message[name] = valid(rng)
        elif choice < 0.92:
            message[name] = wild(rng)
        # else: the field is missing
    if rng.random() < 0.1:
        message[text(rng, 10)] = wild(rng)
    if rng.random() < 0.05:
        del message["type"]
    encoded = json.dumps(message, ensure_ascii=rng.random() < 0.5)
    return mutate_text(rng, encoded) if rng.random() < 0.15 else encoded


def raw_text(rng: random.Random) -> str | bytes:
    """A text frame with no structure: bytes, characters or JSON token soup."""
    roll = rng.random()
    if roll < 0.3:
        return rng.randbytes(rng.choice((0, 1, 2, 10, 100, 1000)))
    if roll < 0.5:
        return text(rng, 300)
    if roll < 0.55:
        return "[" * rng.randrange(1000, 20000)  # deep, or over the 16 KiB limit
    return "".join(rng.choice(_SOUP) for _ in range(rng.randrange(1, 40)))


def hello(rng: random.Random, sign: Signer, now: float) -> str:
    """A `hello` on a fresh connection: signed near-valid claims, or a broken token."""
    roll = rng.random()
    token: JsonValue
    if roll < 0.7:
        token = sign(claims(rng, now))
    elif roll < 0.85:
        token = mutate_text(rng, sign(claims(rng, now)))
    else:
        token = rng.choice((wild(rng), "", "a.b.c", "..", text(rng, 100)))
    message: dict[str, JsonValue] = {"type": "hello", "token": token}
    if rng.random() < 0.3:
        message["resume"] = rng.choice((text(rng, 30), wild(rng), "x" * 257))
    if rng.random() < 0.3:
        message["client"] = rng.choice((text(rng, 30), "c" * 129))
    return json.dumps(message)


def claims(rng: random.Random, now: float) -> JsonValue:
    """Token claims near a valid set: each one valid, wrong, or missing."""
    if rng.random() < 0.03:
        return wild(rng)
    role = rng.choice(ROLES)
    valid: dict[str, Callable[[], JsonValue]] = {
        "sub": lambda: rng.choice(("fz", "fz2", "", "x" * 200)),
        "name": lambda: rng.choice(("Fuzzer", "", text(rng))),
        "role": lambda: role,
        "booth": lambda: rng.choice((*BOOTHS, "xx")) if role == "interpreter" else None,
        "mtg": lambda: rng.choice(("fuzz", "fuzz", "other")),
        "exp": lambda: rng.choice((now + 3600, now - 3600, now + 10, now - 29)),
        "nbf": lambda: rng.choice((now - 60, now + 3600, now + 29)),
        "jti": lambda: rng.choice(("t1", "", text(rng, 20))),
    }
    out: dict[str, JsonValue] = {}
    for name, make in valid.items():
        choice = rng.random()
        if choice < 0.85:
            value = make()
            if value is not None:
                out[name] = value
        elif choice < 0.95:
            out[name] = wild(rng)
    return out


# --- RTP -----------------------------------------------------------------------------------


def rtp_packet(rng: random.Random, ssrc: int) -> bytes:
    """An RTP packet from the fuzzer: a header with one or two things off, or raw bytes."""
    roll = rng.random()
    if roll < 0.08:
        return rng.randbytes(rng.choice((0, 1, 11, 12, 13, 40, 1500, 1501, 3000)))
    count = rng.choice((0, 0, 0, 1, 2, 15))
    extension = rng.random() < 0.5
    padding = rng.random() < 0.1
    version = 2 if rng.random() < 0.9 else rng.randrange(4)
    first = (version << 6) | (0x20 if padding else 0) | (0x10 if extension else 0) | count
    payload_type = rtp.OPUS_PAYLOAD_TYPE if rng.random() < 0.9 else rng.randrange(128)
    second = (0x80 if rng.random() < 0.1 else 0) | payload_type
    sender = ssrc if rng.random() < 0.85 else rng.choice((1, 2, 0, 0xFFFFFFFF, rng.getrandbits(32)))
    parts = [
        bytes((first, second)),
        rng.getrandbits(16).to_bytes(2, "big"),
        rng.getrandbits(32).to_bytes(4, "big"),
        sender.to_bytes(4, "big"),
        rng.randbytes(4 * count if rng.random() < 0.9 else rng.randrange(4 * count + 1)),
    ]
    if extension:
        words = rng.choice((0, 1, 1, 2, 255, 0xFFFF))
        profile = rtp.ONE_BYTE_PROFILE if rng.random() < 0.8 else rng.getrandbits(16)
        body = rng.randbytes(4 * words if rng.random() < 0.8 and words < 64 else rng.randrange(16))
        parts += [profile.to_bytes(2, "big"), words.to_bytes(2, "big"), body]
    size = rng.choice((0, 1, 3, 60, 120, 400, 1400, 1460, 1488, 1500))
    parts.append(rng.randbytes(size))
    if padding:
        parts.append(bytes((rng.choice((0, 1, 4, 255)),)))
    packet = b"".join(parts)
    return mutate_bytes(rng, packet) if rng.random() < 0.1 else packet


# --- What a hostile speaker on air sends ---------------------------------------------------

SPEECH_KINDS = ("irregular", "payloads", "chaos")
"""How :func:`hostile_speech` speaks:

- ``irregular``: the attack of issue 13, timestamps 479 apart every 10 ms and one
  packet in five never sent, with payloads that decode (10 ms CELT frames of noise);
- ``payloads``: a regular 10 ms stream whose payloads are random bytes;
- ``chaos``: every field at random, each packet: timestamp steps that are and are not
  Opus durations (or anything), sequence numbers that repeat, go back or skip, markers,
  levels, payloads of every Opus shape and none, bursts and pauses.
"""
FORWARDED_SSRC = 0x10000001
"""The channel's SSRC in what :func:`received_packet` makes."""
SPEAKER_SSRC = 0x20000002
CELT_10MS_TOC = 0xF0
"""The TOC byte of one 10 ms CELT-only fullband frame (configuration 30, code 0)."""


@dataclass(frozen=True, slots=True)
class Spoken:
    """One RTP packet as a speaker sends it, before the hub rewrites its numbering."""

    sequence: int
    timestamp: int
    marker: bool
    payload: bytes
    level: int | None
    """RFC 6464 level (-dBov), or None for no header extension."""
    after_s: float
    """Seconds since the previous packet was sent."""

    def rtp(self, ssrc: int, csrc: tuple[int, ...] = ()) -> bytes:
        """The packet with this SSRC (and CSRC: the hub names the speaker in CSRC[0])."""
        extension = None if self.level is None else rtp.audio_level_extension(self.level, True)
        return rtp.build(
            sequence=self.sequence,
            timestamp=self.timestamp,
            ssrc=ssrc,
            payload=self.payload,
            marker=self.marker,
            csrc=csrc,
            extension=extension,
        )


def hostile_speech(rng: random.Random, kind: str) -> Iterator[Spoken]:
    """An endless stream of one of the :data:`SPEECH_KINDS`, replayable from the seed."""
    if kind not in SPEECH_KINDS:
        raise ValueError(f"kind {kind!r}: choose one of {', '.join(SPEECH_KINDS)}")
    sequence, timestamp = rng.getrandbits(16), rng.getrandbits(32)
    count = 0
    waited = 0.0
    while True:
        count += 1
        step, advance, marker, gap = 480, 1, False, 0.01
        level: int | None = 30
        skip = False
        if kind == "irregular":
            step, skip, payload = 479, count % 5 == 0, celt_frame(rng)
        elif kind == "payloads":
            payload = rng.randbytes(rng.choice((0, 1, 2, 10, 60, 120, 400, 1000, 1400)))
        else:
            step = rng.choice((480, 480, 480, 479, 481, 960, 120, 1, 121, 5760, 5761))
            step = rng.getrandbits(32) if rng.random() < 0.03 else step
            advance = rng.choice((1, 1, 1, 1, 1, 2, 0, -1, 7, 3000, rng.getrandbits(16)))
            marker = rng.random() < 0.05
            level = rng.choice((None, 30, rng.randrange(128)))
            gap = rng.choice((0.01, 0.01, 0.01, 0.0, 0.002, 0.02, 0.05))
            gap = 0.3 if rng.random() < 0.002 else gap
            skip = rng.random() < 0.15
            payload = rng.choice((celt_frame, opus_shaped, opus_shaped, _junk))(rng)
        sequence = (sequence + advance) & 0xFFFF
        timestamp = (timestamp + step) & 0xFFFFFFFF
        waited += gap
        if skip:
            continue
        yield Spoken(sequence, timestamp, marker, payload, level, waited)
        waited = 0.0


def received_packet(rng: random.Random, speech: Iterator[Spoken]) -> tuple[bytes, float]:
    """What a client receives next, and the seconds since the previous packet.

    Mostly the next packet of a hostile speaker as the hub forwards it (the
    channel's SSRC, the speaker in CSRC[0]); sometimes a header with one or two
    things off, or raw bytes (:func:`rtp_packet`); sometimes mutated.
    """
    roll = rng.random()
    if roll < 0.1:
        return rtp_packet(rng, FORWARDED_SSRC), 0.01
    spoken = next(speech)
    data = spoken.rtp(FORWARDED_SSRC, (SPEAKER_SSRC,))
    return (mutate_bytes(rng, data) if roll < 0.15 else data), spoken.after_s


def celt_frame(rng: random.Random) -> bytes:
    """A 10 ms CELT frame with random contents: libopus decodes it, as noise."""
    return bytes((CELT_10MS_TOC,)) + rng.randbytes(rng.choice((2, 60, 120, 160)))


def opus_shaped(rng: random.Random) -> bytes:
    """A TOC byte of any mode, bandwidth and frame size, one, two or M frames (RFC 6716
    3.1), and random bytes: libopus decodes many, of every duration up to 120 ms, and
    refuses the others."""
    config, code = rng.randrange(32), rng.randrange(4)
    head = bytes(((config << 3) | code,))
    if code == 3:  # the frame count byte: count, padding and VBR flags
        head += bytes((rng.choice((0x01, 0x02, 0x0C, 0x30, 0x8C, 0x40 | 2, rng.randrange(256))),))
    return head + rng.randbytes(rng.choice((0, 1, 3, 10, 60, 120, 400, 1275)))


def _junk(rng: random.Random) -> bytes:
    return rng.randbytes(rng.choice((0, 1, 2, 40, 300, 1400)))


# --- Files ---------------------------------------------------------------------------------

_MEETING_KEYS = ("id", "title", "floor_language", "secret", "public_key", "revoked")
_TYPOS = ("titel", "secrets", "booth", "channel", "floor-language", "ID")
_IDS = ("en", "fr", "zh", "floor", "EN", "", "a b", "x" * 100, "en-1", "ü")
_KEY_FILES = ("issuer.pub", "issuer.key", "junk.pub", "missing.pub", "ed.pub")


def meeting_text(rng: random.Random) -> str:
    """A meeting file: a random document near the format, or a valid one mutated."""
    if rng.random() < 0.3:
        return mutate_text(rng, VALID_MEETING)
    document: dict[str, JsonValue] = {}
    for key in _MEETING_KEYS:
        if rng.random() < 0.6:
            document[key] = _meeting_value(rng, key)
    if rng.random() < 0.1:
        document[rng.choice(_TYPOS)] = wild(rng)
    channels = [
        {"id": rng.choice(_IDS), "language": rng.choice(("en", "fr", wild(rng)))}
        for _ in range(rng.randrange(5))
    ]
    booths = [
        {
            "id": rng.choice(_IDS),
            "outputs": [rng.choice(_IDS) for _ in range(rng.randrange(4))],
            "languages": [rng.choice(_IDS) for _ in range(rng.randrange(3))],
        }
        for _ in range(rng.randrange(4))
    ]
    for table in (*channels, *booths):
        if rng.random() < 0.1:
            table[rng.choice(("id", "outputs", "language", "languages", "extra"))] = wild(rng)
    out = [f"{key} = {toml_value(value)}" for key, value in document.items()]
    out += [_table("channels", table) for table in channels]
    out += [_table("booths", table) for table in booths]
    written = "\n".join(out) + "\n"
    return mutate_text(rng, written) if rng.random() < 0.1 else written


def _meeting_value(rng: random.Random, key: str) -> JsonValue:
    if rng.random() < 0.15:
        return wild(rng)
    if key == "public_key":
        return rng.choice(_KEY_FILES)
    if key == "secret":
        return rng.choice(("short", "s" * 32, ""))
    if key == "floor_language":
        return rng.choice(("en", "", "zh"))
    return rng.choice(("council-2026", "fuzz", "", " "))


def _table(name: str, table: dict[str, JsonValue]) -> str:
    lines = [f"[[{name}]]"]
    lines += [f"{key} = {toml_value(value)}" for key, value in table.items()]
    return "\n".join(lines)


def toml_value(value: JsonValue) -> str:
    """A JSON value written as TOML (None, which TOML lacks, as a date)."""
    if value is None:
        return "1979-05-27T07:32:00Z"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(str(value), repr(value))
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(x) for x in value) + "]"
    pairs = (f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in value.items())
    return "{" + ", ".join(pairs) + "}"


def revocation_text(rng: random.Random) -> str:
    """A revocation file: lines near the format, mixed with junk."""
    lines = []
    for _ in range(rng.randrange(8)):
        roll = rng.random()
        if roll < 0.6:
            kind = rng.choice(("jti", "sub", "jti", "sub", "JTI", "jit", "", "#"))
            space = rng.choice((" ", "\t", "  ", ""))
            comment = rng.choice(("", "  # why", "#x", " #"))
            lines.append(f"{kind}{space}{text(rng, 30)}{comment}")
        elif roll < 0.7:
            lines.append("jti " + "a" * rng.choice((1023, 1024, 1025)))
        else:
            lines.append(text(rng, 60))
    joined = rng.choice(("\n", "\r\n", "\r")).join(lines)
    return mutate_text(rng, joined) if rng.random() < 0.1 else joined


VALID_MEETING = """
id = "fuzz"
title = "Fuzz"
floor_language = "en"
secret = "fuzz-secret-that-is-32-bytes-or-more"
revoked = "revoked.txt"

[[channels]]
id = "en"
language = "en"

[[channels]]
id = "zh"
language = "zh"

[[booths]]
id = "zh"
outputs = ["zh", "en"]
languages = ["en"]
"""


# --- Mutations -----------------------------------------------------------------------------


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randrange(1, 4)):
        roll = rng.random()
        at = rng.randrange(len(out) + 1)
        if roll < 0.4 and out:
            at = min(at, len(out) - 1)
            out[at] ^= 1 << rng.randrange(8)
        elif roll < 0.6:
            del out[at:]
        elif roll < 0.8:
            out[at:at] = rng.randbytes(rng.randrange(1, 8))
        else:
            out[at:at] = out[at : at + rng.randrange(1, 64)]
    return bytes(out)


def mutate_text(rng: random.Random, data: str) -> str:
    """`data` with a few characters flipped, cut, inserted or repeated."""
    out = list(data)
    for _ in range(rng.randrange(1, 4)):
        roll = rng.random()
        at = rng.randrange(len(out) + 1)
        if roll < 0.3 and out:
            at = min(at, len(out) - 1)
            out[at] = chr(
                rng.choice((ord(out[at]) ^ 1, rng.randrange(0x80), rng.randrange(0x3000)))
            )
        elif roll < 0.5:
            del out[at:]
        elif roll < 0.7:
            out[at:at] = rng.choice(_SOUP)
        elif roll < 0.85:
            out[at:at] = out[at : at + rng.randrange(1, 64)]
        else:
            line_start = "".join(out).rfind("\n", 0, at) + 1
            out[line_start:line_start] = "\n"
    return "".join(out)
