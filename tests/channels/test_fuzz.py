"""Fuzzing with hypothesis: nothing a participant sends may crash the hub or disturb others,
nor stop a client that receives it.

Each example is a fresh :class:`tests.rig.fuzzrig.HubRig` (a hub on a virtual
clock, a chair speaking on the floor, a reference listener, a booth partner,
a monitor) and a list of inputs from the fuzzer, in one of the roles. After
every input the chair sends a packet that the reference listener must get,
intact and in order; no reference participant may get an `error` or be
closed; every packet the hub forwards must parse. The rig raises on any of
these, and any exception out of the hub is a crash.

Targets: control messages near the schema (and mutated), raw text frames,
`hello` with tokens signed over near-valid claims, RTP packets (near valid
and raw), meeting files and revocation files. And the other side of RTP: a
client's receive path (:class:`tests.rig.fuzzrig.ReceiveRig`: jitter buffer,
Opus decoder, the strip that plays and meters it) fed a hostile speaker's
stream as the hub forwards it, with raw packets among it; the rig raises on
a block that is not finite or above +6 dBFS, or a figure that cannot be.
The long run, 100,000 inputs per target and atheris, is ``python -m
bench.fuzz`` (bench/README.md).

At the end, the bugs the fuzzer found, each as a plain regression test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from channels import meeting_file, protocol, rtp
from channels.tokens import TokenError, verify
from tests.rig import fuzzgen
from tests.rig.fuzzrig import (
    BOOTHS,
    CHANNELS,
    ROLES,
    HubRig,
    ReceiveRig,
    meeting_file_input,
    revocation_file_input,
    write_keys,
)
from tests.rig.hubkit import Meeting

FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
roles = st.sampled_from(ROLES)
PEOPLE = ("fz", "en2", "chair", "ref", "mon", "coord", "nobody", "")

# --- Values ------------------------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)


def mostly(valid: st.SearchStrategy) -> st.SearchStrategy:
    """The field's valid values four times in five, anything else the fifth."""
    return st.one_of(valid, valid, valid, valid, json_values)


def message(type_: str, **fields: st.SearchStrategy) -> st.SearchStrategy:
    required = {"type": st.just(type_)}
    return st.fixed_dictionaries(required, optional={k: mostly(v) for k, v in fields.items()})


channel_ids = st.sampled_from((*CHANNELS, "xx", "", "EN"))
figures = st.one_of(st.floats(0, 1e6), st.sampled_from((-1, 1e6 + 1)))
known_messages = st.one_of(
    message("listen", channels=st.lists(channel_ids, max_size=5)),
    message("mic", on=st.booleans(), channel=channel_ids | st.none()),
    message("cough", on=st.booleans()),
    message(
        "handover",
        action=st.sampled_from(("offer", "request", "accept", "cancel", "steal")),
        to=st.sampled_from(PEOPLE) | st.none(),
    ),
    message(
        "chat",
        to=st.sampled_from(("booth", "coordinators", "all", "booth:en", "booth:xx", *PEOPLE)),
        text=st.text(min_size=1, max_size=20) | st.just("x" * 1001),
    ),
    message("signal", kind=st.sampled_from(("slow_down", "poor_sound", "need_help", "no_sound"))),
    message(
        "floor_language", language=st.sampled_from(("en", "fr", "zh", "en-GB", "e")) | st.none()
    ),
    message("force_off", participant=st.sampled_from(PEOPLE)),
    message(
        "report", rtt_ms=figures, jitter_ms=figures, loss=st.floats(-0.1, 1.1), buffer_ms=figures
    ),
    message("ping", t=st.floats() | st.integers()),
    message("hello", token=st.text(max_size=20)),
)
confused_messages = st.dictionaries(
    st.sampled_from(("type", "on", "channel", "channels", "to", "text", "t", "action"))
    | st.text(max_size=8),
    json_values,
    max_size=5,
)


@st.composite
def mutated(draw: st.DrawFn, text: st.SearchStrategy[str]) -> str:
    """Text with a piece cut off, or junk inserted somewhere."""
    data = draw(text)
    at = draw(st.integers(0, len(data)))
    if draw(st.booleans()):
        return data[:at]
    return (
        data[:at]
        + draw(st.sampled_from(("{", "}", '"', "\\", "\x00", "[" * 50, "\ud7ff")))
        + data[at:]
    )


encoded = st.one_of(known_messages, known_messages, confused_messages).map(json.dumps)
control_inputs = st.one_of(encoded, encoded, encoded, mutated(encoded))
raw_inputs = st.one_of(
    st.text(max_size=200),
    st.binary(max_size=200),
    st.lists(
        st.sampled_from(("{", "}", "[", "]", ":", ",", '"type"', '"mic"', "1e999", "null")),
        max_size=30,
    ).map("".join),
)

# --- Control messages ----------------------------------------------------------------------


@settings(FUZZ, max_examples=220)
@given(role=roles, inputs=st.lists(control_inputs, min_size=20, max_size=100))
def test_control_messages_near_the_schema(role: str, inputs: list[str]):
    rig = HubRig(role)
    for data in inputs:
        rig.text(data)
    assert rig.tally.reference_packets == len(inputs)


@settings(FUZZ, max_examples=100)
@given(role=roles, inputs=st.lists(raw_inputs, min_size=20, max_size=100))
def test_raw_text_frames(role: str, inputs: list[str | bytes]):
    rig = HubRig(role)
    for data in inputs:
        rig.text(data)
    assert rig.tally.reference_packets == len(inputs)
    assert rig.tally.errors_to_fuzzer >= 1  # raw text is never a valid message


# --- hello ---------------------------------------------------------------------------------

near_valid_claims = st.fixed_dictionaries(
    {},
    optional={
        "sub": mostly(st.sampled_from(("fz", "fz2", "x" * 200, ""))),
        "name": mostly(st.text(max_size=20)),
        "role": mostly(
            st.sampled_from(("interpreter", "coordinator", "listener", "floor", "chief"))
        ),
        "booth": mostly(st.sampled_from((*BOOTHS, "xx"))),
        "mtg": mostly(st.sampled_from(("fuzz", "other"))),
        "exp": mostly(st.sampled_from((3600, -3600, 10, -29, 31)).map(lambda d: 1_800_000_000 + d)),
        "nbf": mostly(st.sampled_from((-60, 3600)).map(lambda d: 1_800_000_000 + d)),
        "jti": mostly(st.text(max_size=20)),
    },
)
hello_inputs = st.tuples(st.booleans(), near_valid_claims | json_values, st.text(max_size=60))


@settings(FUZZ, max_examples=80)
@given(role=roles, inputs=st.lists(hello_inputs, min_size=10, max_size=50))
def test_hello_with_signed_near_valid_claims_and_broken_tokens(role: str, inputs: list):
    rig = HubRig(role)
    for signed, claims, junk in inputs:
        token = rig.sign(claims) if signed else junk
        rig.hello(json.dumps({"type": "hello", "token": token}))
    assert rig.tally.reference_packets == len(inputs)


# --- RTP -----------------------------------------------------------------------------------


@st.composite
def rtp_packets(draw: st.DrawFn) -> tuple[bool, bytes]:
    """(carry the fuzzer's own SSRC, packet): headers near valid, or raw bytes."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.booleans()), draw(st.binary(max_size=1600))
    count = draw(st.sampled_from((0, 0, 1, 2, 15)))
    extension = draw(st.booleans())
    padding = draw(st.integers(0, 9)) == 0
    version = draw(st.sampled_from((2, 2, 2, 2, 0, 1, 3)))
    first = (version << 6) | (0x20 if padding else 0) | (0x10 if extension else 0) | count
    payload_type = draw(st.sampled_from((111, 111, 111, 0, 96, 127)))
    head = bytes((first, (0x80 if draw(st.booleans()) else 0) | payload_type))
    head += draw(st.binary(min_size=8, max_size=8))  # sequence, timestamp, SSRC (replaced)
    head += draw(st.binary(min_size=0, max_size=4 * count))
    if extension:
        words = draw(st.sampled_from((0, 1, 2, 0xFFFF)))
        head += draw(st.sampled_from((b"\xbe\xde", b"\x10\x00"))) + words.to_bytes(2, "big")
        head += draw(st.binary(max_size=12))
    body = draw(st.binary(max_size=64)) + bytes(draw(st.sampled_from((0, 0, 1400, 1488))))
    if padding:
        body += bytes((draw(st.sampled_from((0, 1, 4, 255))),))
    return draw(st.integers(0, 5)) > 0, head + body


@settings(FUZZ, max_examples=110)
@given(
    role=st.sampled_from(("interpreter", "interpreter-zh", "floor", "listener")),
    inputs=st.lists(rtp_packets(), min_size=30, max_size=150),
)
def test_rtp_packets(role: str, inputs: list[tuple[bool, bytes]]):
    rig = HubRig(role)
    for own, packet in inputs:
        if own and len(packet) >= 12:
            packet = packet[:8] + rig.fuzzer_ssrc.to_bytes(4, "big") + packet[12:]
        rig.media(packet)
    assert rig.tally.reference_packets == len(inputs)


def test_valid_media_from_the_fuzzer_is_forwarded_so_the_rtp_target_reaches_the_rewriting():
    rig = HubRig("interpreter")
    for seq in range(5):
        rig.media(rtp.build(sequence=seq, timestamp=seq * 480, ssrc=rig.fuzzer_ssrc, payload=b"x"))
    assert rig.tally.forwarded_fuzz_packets == 5


# --- A client's receive path --------------------------------------------------------------

payloads = st.one_of(
    st.binary(max_size=300),  # raw
    st.tuples(st.integers(0, 255), st.binary(max_size=300)).map(
        lambda t: bytes((t[0],)) + t[1]  # any TOC: every Opus mode, duration and frame count
    ),
    st.sampled_from((b"", b"\x03", b"\xf0" + bytes(60))),  # empty, corrupt, 10 ms of CELT
)
spoken = st.tuples(
    st.sampled_from((480, 480, 479, 481, 960, 120, 1, 121, 5760, 5761)) | st.integers(0, 2**32 - 1),
    st.sampled_from((1, 1, 1, 2, 0, -1, 7, 3000)) | st.integers(0, 0xFFFF),  # sequence advance
    st.booleans(),  # marker
    payloads,
    st.sampled_from((0.01, 0.01, 0.0, 0.002, 0.05, 0.3)),  # seconds since the previous packet
    st.integers(0, 19),  # 0: a raw packet in place of this one
)


@settings(FUZZ, max_examples=60)
@given(
    start=st.tuples(st.integers(0, 0xFFFF), st.integers(0, 2**32 - 1)),
    inputs=st.lists(spoken, min_size=20, max_size=200),
)
def test_received_rtp(start: tuple[int, int], inputs: list[tuple]):
    rig = ReceiveRig()
    sequence, timestamp = start
    for step, advance, marker, payload, after_s, raw in inputs:
        sequence, timestamp = (sequence + advance) & 0xFFFF, (timestamp + step) & 0xFFFFFFFF
        packet = rtp.build(
            sequence=sequence,
            timestamp=timestamp,
            ssrc=fuzzgen.FORWARDED_SSRC,
            payload=payload,
            marker=marker,
            csrc=(fuzzgen.SPEAKER_SSRC,),
            extension=rtp.audio_level_extension(30, True),
        )
        rig.packet(payload if raw == 0 else packet, after_s)
    rig.run(0.5)
    assert rig.tally.packets == len(inputs)


# --- Files ---------------------------------------------------------------------------------

toml_keys = st.sampled_from(
    ("id", "title", "floor_language", "secret", "public_key", "revoked", "titel")
)
ids = st.sampled_from(("en", "fr", "zh", "floor", "EN", "", "a b", "x" * 70))
meeting_documents = st.fixed_dictionaries(
    {},
    optional={
        "id": mostly(st.sampled_from(("council", "", " "))),
        "title": mostly(st.text(max_size=10)),
        "floor_language": mostly(st.sampled_from(("en", "zh"))),
        "secret": mostly(st.sampled_from(("short", "s" * 32, ""))),
        "public_key": mostly(st.sampled_from(("issuer.pub", "issuer.key", "junk.pub", "none.pub"))),
        "revoked": mostly(st.sampled_from(("revoked.txt", "/tmp/x"))),
        "channels": st.lists(
            st.fixed_dictionaries({"id": mostly(ids)}, optional={"language": json_values}),
            max_size=4,
        ),
        "booths": st.lists(
            st.fixed_dictionaries(
                {"id": mostly(ids), "outputs": mostly(st.lists(ids, max_size=3))},
                optional={"languages": mostly(st.lists(ids, max_size=2)), "extra": json_values},
            ),
            max_size=3,
        ),
    },
)


def toml(document: dict) -> str:
    lines = []
    for key, value in document.items():
        if key not in ("channels", "booths") or not isinstance(value, list):
            lines.append(f"{key} = {fuzzgen.toml_value(value)}")
    for key in ("channels", "booths"):
        for table in document.get(key, []):
            lines.append(f"[[{key}]]")
            lines += [f"{k} = {fuzzgen.toml_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def key_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_keys(tmp_path_factory.mktemp("keys"))


@settings(FUZZ, max_examples=700)
@given(
    text=st.one_of(
        meeting_documents.map(toml),
        meeting_documents.map(toml),
        mutated(st.just(fuzzgen.VALID_MEETING)),
        st.text(max_size=300),
    )
)
def test_meeting_files(key_folder: Path, text: str):
    meeting_file_input(text, key_folder)  # a meeting the hub serves, or MeetingFileError


@settings(FUZZ, max_examples=600)
@given(
    text=st.lists(
        st.one_of(
            st.tuples(
                st.sampled_from(("jti", "sub", "JTI", "#", "")),
                st.sampled_from((" ", "\t", "")),
                st.text(max_size=30),
            ).map("".join),
            st.text(max_size=40),
        ),
        max_size=8,
    ).map("\n".join)
)
def test_revocation_files(text: str):
    revocation_file_input(text)  # a list, or RevocationFileError


# --- Bugs the fuzzer found -----------------------------------------------------------------


@pytest.mark.parametrize("claim", ["sub", "name"])
def test_a_token_with_half_a_surrogate_pair_is_refused_not_a_crash(claim: str):
    """JSON allows "\\ud800" in a string; UTF-8 cannot encode it, so the welcome (and every
    snapshot after it) failed to encode, breaking state updates for the whole meeting."""
    rig = HubRig("listener")
    claims = {"sub": "fz9", "name": "N", "role": "listener", "mtg": "fuzz", "exp": 1_800_003_600}
    claims[claim] = "\ud800"
    token = rig.sign(claims)
    with pytest.raises(TokenError, match="not valid Unicode"):
        verify(token, rig.hub.meeting, now=1_800_000_000)
    rig.hello(json.dumps({"type": "hello", "token": token}))
    assert rig.tally.close_codes == {4401: 1}


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("\ud800", id="lone-surrogate-str"),
        pytest.param('{"on": true, "\ud800": 1}', id="surrogate-key"),
        pytest.param(b'{"type": "chat", "to": "booth", "text": "\xff"}', id="bad-utf8-bytes"),
        pytest.param(b'{"\xff": 1}', id="bad-utf8-key"),
    ],
)
def test_text_that_is_not_utf8_is_a_bad_message_not_a_crash(data: str | bytes):
    """The server hands the hub valid UTF-8 only; the hub's own API takes any str or bytes."""
    with pytest.raises(protocol.ProtocolError) as info:
        protocol.decode(data)
    assert info.value.code == "bad_message"
    m = Meeting()
    client = m.listener("l1")
    error = client.refused(data)
    assert error["code"] == "bad_message"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a = " + "[" * 3000 + "]" * 3000, "nested too deeply", id="deep-arrays"),
        pytest.param(
            "a = " + "{b=" * 3000 + "1" + "}" * 3000, "nested too deeply", id="deep-tables"
        ),
        pytest.param("x = " + "9" * 5000, "a number is too long", id="5000-digits"),
    ],
)
def test_a_meeting_file_nested_too_deeply_or_with_a_huge_number_is_refused(
    text: str, expected: str
):
    """tomllib lets RecursionError and int()'s 4,300-digit ValueError through."""
    with pytest.raises(meeting_file.MeetingFileError, match=expected):
        meeting_file.parse(text, source="m.toml")
