"""Coverage-guided fuzzing with atheris: ``python -m bench.fuzz_atheris TARGET [OPTIONS]``.

The same targets as :mod:`bench.fuzz` (control, raw_text, hello, rtp,
receive, meeting_file, revocation_file), with libFuzzer choosing the bytes
and the code of :mod:`channels` and :mod:`audio` instrumented so that it
keeps inputs that reach new branches. A ``receive`` input is a run of
packets, each framed as one byte of milliseconds since the previous one, two
of length, and the packet. Options after TARGET go to libFuzzer: ``-runs=100000``,
``-seed=1``, ``-max_len=4096``, ``-max_total_time=60``, and corpus
folders; without one, a temporary corpus starts from a few valid inputs
(`seeds`). A crash (any
exception, or a :class:`tests.rig.fuzzrig.Disturbed` reference participant)
stops the run with libFuzzer's report and a non-zero exit status.

atheris has wheels for CPython 3.11 on Linux x86-64; elsewhere it may not
install, and :mod:`bench.fuzz` (no atheris) is the fuzz run.
"""

from __future__ import annotations

import json
import logging
import random
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["channels", "audio"]):
    from bench.fuzz import ROLES_OF, ROTATE_EVERY, TARGETS, key_folder
    from channels.rtp import audio_level_extension, build
    from tests.rig import fuzzgen, fuzzrig

_rig = fuzzrig.HubRig()
_roles: tuple[str, ...] = fuzzrig.ROLES
_receiver = fuzzrig.ReceiveRig()
_inputs = 0
_folder: Path | None = None


def _hub(data: bytes) -> fuzzrig.HubRig:
    """The rig for this input: a new one, with the next fuzzer role, every ROTATE_EVERY."""
    global _rig, _inputs
    _inputs += 1
    if _inputs % ROTATE_EVERY == 0:
        _rig = fuzzrig.HubRig(_roles[(_inputs // ROTATE_EVERY) % len(_roles)])
    return _rig


def _receive_rig() -> fuzzrig.ReceiveRig:
    """The client's receive path for this input: a new one every ROTATE_EVERY inputs."""
    global _receiver, _inputs
    _inputs += 1
    if _inputs % ROTATE_EVERY == 0:
        _receiver = fuzzrig.ReceiveRig()
    return _receiver


def _packets(data: bytes) -> list[tuple[bytes, float]]:
    """The packets framed in a ``receive`` input, with the seconds before each."""
    out = []
    at = 0
    while at + 3 <= len(data):
        size = int.from_bytes(data[at + 1 : at + 3], "big")
        out.append((data[at + 3 : at + 3 + size], data[at] / 1000))
        at += 3 + size
    return out


def _framed(packet: bytes, after_ms: int) -> bytes:
    return bytes((after_ms,)) + len(packet).to_bytes(2, "big") + packet


def control(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    _hub(data).text(provider.ConsumeUnicodeNoSurrogates(len(data)))


def raw_text(data: bytes) -> None:
    _hub(data).text(data)


def hello(data: bytes) -> None:
    rig = _hub(data)
    provider = atheris.FuzzedDataProvider(data)
    signed = provider.ConsumeBool()
    text = provider.ConsumeUnicodeNoSurrogates(len(data))
    token: object = text
    if signed:  # the bytes are the claims, signed: past the signature, into the checks
        try:
            token = rig.sign(json.loads(text))
        except ValueError:
            token = rig.sign(text)
    rig.hello(json.dumps({"type": "hello", "token": token}))


def rtp(data: bytes) -> None:
    rig = _hub(data)
    if len(data) >= 12 and data[0] & 1:  # half the time, the fuzzer's own SSRC
        data = data[:8] + rig.fuzzer_ssrc.to_bytes(4, "big") + data[12:]
    rig.media(data)


def receive(data: bytes) -> None:
    rig = _receive_rig()
    for packet, after_s in _packets(data):
        rig.packet(packet, after_s)


def meeting_file(data: bytes) -> None:
    fuzzrig.meeting_file_input(data.decode("utf-8", "replace"), _folder)


def revocation_file(data: bytes) -> None:
    fuzzrig.revocation_file_input(data.decode("utf-8", "replace"))


_TARGETS: dict[str, Callable[[bytes], None]] = {
    "control": control,
    "raw_text": raw_text,
    "hello": hello,
    "rtp": rtp,
    "receive": receive,
    "meeting_file": meeting_file,
    "revocation_file": revocation_file,
}


def seeds(target: str) -> list[bytes]:
    """Valid inputs to start from, so that libFuzzer mutates its way into the rules."""
    messages = [
        {"type": "listen", "channels": ["floor", "en"]},
        {"type": "mic", "on": True, "channel": "en"},
        {"type": "handover", "action": "offer", "to": "en2"},
        {"type": "chat", "to": "booth", "text": "hi"},
        {"type": "report", "rtt_ms": 40, "jitter_ms": 3, "loss": 0.01, "buffer_ms": 60},
        {"type": "force_off", "participant": "chair"},
    ]
    if target in ("control", "raw_text"):
        return [json.dumps(m).encode() for m in messages]
    if target == "hello":
        claims = {"sub": "fz", "name": "F", "role": "interpreter", "booth": "zh", "mtg": "fuzz"}
        return [b"\x01" + json.dumps({**claims, "exp": 1_800_003_600}).encode()]
    if target == "rtp":
        level = audio_level_extension(30, True)
        one = build(sequence=1, timestamp=960, ssrc=0, payload=b"\xfc" * 60)
        two = build(
            sequence=2, timestamp=1920, ssrc=0, payload=b"\xfc" * 60, csrc=(7,), extension=level
        )
        return [one, two]
    if target == "receive":
        seeds = []
        for kind in fuzzgen.SPEECH_KINDS:
            speech = fuzzgen.hostile_speech(random.Random(1), kind)
            spoken = [next(speech) for _ in range(8)]
            seeds.append(
                b"".join(
                    _framed(s.rtp(fuzzgen.FORWARDED_SSRC, (fuzzgen.SPEAKER_SSRC,)), 10)
                    for s in spoken
                )
            )
        return seeds
    if target == "meeting_file":
        return [fuzzgen.VALID_MEETING.encode()]
    return [b"# revoked\njti umXyZfcnVJVgi1UI  # lost\nsub l-17\n"]


def main() -> None:
    global _folder, _rig, _roles
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(
            f"usage: python -m bench.fuzz_atheris TARGET [libFuzzer options]; "
            f"TARGET: {', '.join(TARGETS)}"
        )
    target = sys.argv.pop(1)
    _roles = ROLES_OF.get(target, fuzzrig.ROLES)
    _rig = fuzzrig.HubRig(_roles[0])
    if not [arg for arg in sys.argv[1:] if not arg.startswith("-")]:
        corpus = Path(tempfile.mkdtemp(prefix=f"rsi-fuzz-{target}-"))
        for number, seed in enumerate(seeds(target)):
            (corpus / f"seed-{number}").write_bytes(seed)
        sys.argv.append(str(corpus))
    _folder = key_folder()
    logging.getLogger("channels.meeting_file").setLevel(logging.ERROR)
    atheris.Setup(sys.argv, _TARGETS[target])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
