"""The meeting file (channels.meeting_file): every mistake names the file and the field."""

from __future__ import annotations

import logging
import os
import re
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from channels import tokens
from channels.identity import printable
from channels.meeting import FLOOR, MAX_CHANNELS, BoothConfig, ChannelConfig
from channels.meeting_file import MeetingFileError, load, parse
from programs.hub import DEMO_MEETING

SECRET = 'secret = "a-secret-of-at-least-thirty-two-bytes"'
CHANNELS = """
[[channels]]
id = "en"

[[channels]]
id = "fr"
language = "fr-CA"
"""
BOOTH = """
[[booths]]
id = "fr"
outputs = ["fr"]
languages = ["en"]
"""


def _write(tmp_path: Path, text: str, name: str = "council.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path: Path, text: str) -> str:
    with pytest.raises(MeetingFileError) as info:
        load(_write(tmp_path, text))
    message = str(info.value)
    assert message.startswith(f"{tmp_path / 'council.toml'}: ")
    return message.removeprefix(f"{tmp_path / 'council.toml'}: ")


def _meeting(body: str, *, head: str = f'id = "council"\n{SECRET}\n') -> str:
    return head + body


# --- Files that load -----------------------------------------------------------------


def test_demo_meeting_loads() -> None:
    demo = load(DEMO_MEETING)
    assert demo.id == "demo" and demo.floor_language == "en"
    assert [ch.id for ch in demo.channels] == [FLOOR, "en", "fr", "es", "ar", "zh", "ru"]
    assert demo.channels[0] == ChannelConfig(FLOOR, None)
    zh = demo.booth("zh")
    assert zh is not None and zh.outputs == ("zh", "en")
    ar = demo.booth("ar")
    assert ar is not None and "es" not in ar.languages  # takes relay when the floor speaks es
    assert {b.id for b in demo.booths} == {ch.id for ch in demo.channels[1:]}
    assert demo.secret == "demo-only-secret-change-me-for-a-real-meeting"


def test_demo_meeting_issues_tokens_it_accepts() -> None:
    demo = load(DEMO_MEETING)
    token = tokens.issue(demo, sub="zh-1", name="Li", role="interpreter", booth="zh")
    assert tokens.verify(token, demo).booth == "zh"


def test_a_full_file(tmp_path: Path) -> None:
    meeting = load(
        _write(
            tmp_path,
            'id = "council"\ntitle = "Council 2026"\nfloor_language = "en"\n'
            + SECRET
            + CHANNELS
            + BOOTH,
        )
    )
    assert meeting.title == "Council 2026"
    assert meeting.channels == (
        ChannelConfig(FLOOR, None),
        ChannelConfig("en", "en"),  # the language defaults to the id
        ChannelConfig("fr", "fr-CA"),
    )
    assert meeting.booths == (BoothConfig("fr", ("fr",), ("en",)),)
    assert meeting.secret == "a-secret-of-at-least-thirty-two-bytes"
    assert meeting.public_key is None


def test_a_minimal_file_has_only_the_floor(tmp_path: Path) -> None:
    meeting = load(_write(tmp_path, _meeting("")))
    assert meeting.title == "council"
    assert meeting.channels == (ChannelConfig(FLOOR, None),)
    assert meeting.booths == ()
    assert meeting.floor_language is None


def test_two_booths_may_share_a_channel(tmp_path: Path) -> None:
    # A bi-active booth's B channel is another booth's A: "channel engaged" settles who speaks.
    text = _meeting(
        CHANNELS + '[[booths]]\nid = "en"\noutputs = ["en"]\n'
        '[[booths]]\nid = "fr"\noutputs = ["fr", "en"]\n'
    )
    meeting = load(_write(tmp_path, text))
    assert [b.outputs for b in meeting.booths] == [("en",), ("fr", "en")]


def test_public_key_is_read_relative_to_the_meeting_file(tmp_path: Path) -> None:
    private, public = tokens.generate_ed25519_keypair()
    (tmp_path / "keys").mkdir()
    (tmp_path / "keys" / "issuer.pub").write_text("issued by the registration desk\n" + public)
    meeting = load(_write(tmp_path, 'id = "council"\npublic_key = "keys/issuer.pub"\n'))
    assert meeting.public_key == public
    assert meeting.secret is None
    token = tokens.issue(meeting, sub="a", name="A", role="listener", private_key_pem=private)
    assert tokens.verify(token, meeting).sub == "a"


def test_parse_resolves_the_public_key_against_base_dir(tmp_path: Path) -> None:
    _, public = tokens.generate_ed25519_keypair()
    (tmp_path / "issuer.pub").write_text(public)
    meeting = parse('id = "x"\npublic_key = "issuer.pub"', base_dir=tmp_path)
    assert meeting.public_key == public


def test_a_short_secret_is_reported_once_when_loading(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="channels.meeting_file"):
        meeting = load(_write(tmp_path, 'id = "council"\nsecret = "change-me"\n'))
    assert meeting.secret == "change-me"
    assert len(caplog.records) == 1
    assert "secret: only 9 bytes" in caplog.records[0].getMessage()
    assert "council.toml" in caplog.records[0].getMessage()


# --- Files that do not load ----------------------------------------------------------


def test_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    message = _error(tmp_path, 'id = "council"\nsecret = \n')
    assert message.startswith("not valid TOML")
    assert "line 2" in message and "column" in message


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(
        MeetingFileError, match=re.escape("nowhere.toml: cannot read the meeting file")
    ):
        load(tmp_path / "nowhere.toml")


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "council.toml"
    path.write_bytes(b'id = "caf\xe9"\n')
    with pytest.raises(MeetingFileError, match="not UTF-8 text"):
        load(path)


def test_parse_names_its_source() -> None:
    with pytest.raises(MeetingFileError, match=r"^<meeting>: id: missing"):
        parse(SECRET)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SECRET, 'id: missing; add id = "council-2026"'),
        ("id = 7\n" + SECRET, "id: must be a string, not a number; put it in quotes"),
        ('id = ""\n' + SECRET, "id: must not be empty"),
        ('id = "c"\ntitle = true\n' + SECRET, "title: must be a string, not true/false"),
        ('id = "c"\nfloor_language = ["en"]\n' + SECRET, "floor_language: must be a string"),
    ],
)
def test_meeting_fields(tmp_path: Path, text: str, expected: str) -> None:
    assert _error(tmp_path, text).startswith(expected)


def test_unknown_top_level_key_suggests_the_right_one(tmp_path: Path) -> None:
    message = _error(tmp_path, _meeting('flor_language = "en"\n'))
    assert message.startswith('flor_language: unknown key; did you mean "floor_language"?')
    assert "allowed here: id, title, floor_language, secret, public_key, channels, booths" in (
        message
    )


def test_no_secret_and_no_public_key(tmp_path: Path) -> None:
    message = _error(tmp_path, 'id = "council"\n')
    assert message.startswith("secret: missing")
    assert "public_key" in message


def test_both_secret_and_public_key(tmp_path: Path) -> None:
    message = _error(tmp_path, _meeting('public_key = "issuer.pub"\n'))
    assert message.startswith("secret: give either secret (HS256 tokens) or public_key")


def test_public_key_file_missing(tmp_path: Path) -> None:
    message = _error(tmp_path, 'id = "c"\npublic_key = "issuer.pub"\n')
    assert message.startswith(f"public_key: cannot read {str(tmp_path / 'issuer.pub')!r}")
    assert "relative path starts at the meeting file's folder" in message


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        pytest.param(
            lambda p: p.symlink_to("/dev/zero"), "(it is a device, not a regular file)", id="zero"
        ),
        pytest.param(lambda p: os.mkfifo(p), "(it is a pipe, not a regular file)", id="fifo"),
        pytest.param(
            lambda p: p.write_bytes(b"-" * (64 * 1024 + 1)), "is over 65536 bytes", id="oversized"
        ),
    ],
)
def test_public_key_that_is_no_key_file_is_refused_at_once(tmp_path: Path, make, expected: str):
    """public_key = "/dev/zero" was read without end (MemoryError at 2.6 GB); a pipe
    held the hub at start until someone wrote to it."""
    make(tmp_path / "issuer.pub")
    started = time.monotonic()
    message = _error(tmp_path, 'id = "c"\npublic_key = "issuer.pub"\n')
    assert time.monotonic() - started < 1.0
    assert message.startswith(
        f"public_key: {str(tmp_path / 'issuer.pub')!r}"
    ) or message.startswith(f"public_key: cannot read {str(tmp_path / 'issuer.pub')!r}")
    assert expected in message


def test_a_meeting_file_that_is_a_pipe_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "council.toml")
    with pytest.raises(MeetingFileError, match=r"\(it is a pipe, not a regular file\)"):
        load(tmp_path / "council.toml")


@pytest.mark.parametrize(
    ("toml_id", "code"),
    [
        (r"council\u0000", "U+0000"),
        (r"\u001b[2Jcouncil", "U+001B"),
        (r"a\nb", "U+000A"),
        (r"gnp.exe\u202e", "U+202E"),
    ],
)
def test_a_meeting_id_with_a_control_character_is_refused(
    tmp_path: Path, toml_id: str, code: str
) -> None:
    """The hub writes the meeting id into its log: NUL and ESC went there raw."""
    message = _error(tmp_path, f'id = "{toml_id}"\n{SECRET}\n')
    assert message.startswith(f"id: contains {code}")
    assert printable(message) == message  # the error itself is one clean line


def test_public_key_that_is_not_pem(tmp_path: Path) -> None:
    (tmp_path / "issuer.pub").write_text("ssh-ed25519 AAAA... me@host\n")
    message = _error(tmp_path, 'id = "c"\npublic_key = "issuer.pub"\n')
    assert "is not a PEM public key" in message and "BEGIN PUBLIC KEY" in message


def test_public_key_that_is_a_private_key(tmp_path: Path) -> None:
    private, _ = tokens.generate_ed25519_keypair()
    (tmp_path / "issuer.pub").write_text(private)
    message = _error(tmp_path, 'id = "c"\npublic_key = "issuer.pub"\n')
    assert message.startswith("public_key:") and "holds a private key" in message


def test_public_key_of_another_type(tmp_path: Path) -> None:
    pem = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    (tmp_path / "issuer.pub").write_bytes(pem)
    message = _error(tmp_path, 'id = "c"\npublic_key = "issuer.pub"\n')
    assert "holds a key of type EC" in message and "Ed25519" in message


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('channels = ["en"]\n', "channels[0]: must be a table, not a string; write [[channels]]"),
        ("[channels]\nid = 'en'\n", "channels: must be an array of tables, not a table"),
        ("[[channels]]\nlanguage = 'en'\n", 'channels[0].id: missing; add id = "fr"'),
        ("[[channels]]\nid = 'EN'\n", 'channels[0].id: "EN" is not a valid id: use lower-case'),
        ("[[channels]]\nid = 'floor'\n", 'channels[0].id: "floor" always exists'),
        (
            "[[channels]]\nid = 'en'\n[[channels]]\nid = 'fr'\n[[channels]]\nid = 'en'\n",
            'channels[2].id: "en" is already the id of channels[0]',
        ),
        ("[[channels]]\nid = 'en'\nlanguage = 5\n", "channels[0].language: must be a string"),
        (
            "[[channels]]\nid = 'en'\nlang = 'en'\n",
            'channels[0].lang: unknown key; did you mean "language"? (allowed here: id, language)',
        ),
    ],
)
def test_channel_errors(tmp_path: Path, body: str, expected: str) -> None:
    assert _error(tmp_path, _meeting(body)).startswith(expected)


def test_a_meeting_has_at_most_64_channels_with_the_floor(tmp_path: Path) -> None:
    def channels(count: int) -> str:
        return "".join(f"[[channels]]\nid = 'c{i}'\n" for i in range(count))

    assert len(load(_write(tmp_path, _meeting(channels(MAX_CHANNELS - 1)))).channels) == 64
    assert _error(tmp_path, _meeting(channels(MAX_CHANNELS))) == (
        "channels: 64 entries, over the limit: a meeting has at most 64 channels with the "
        "floor (as many as one listen message may name), so at most 63 [[channels]] entries"
    )


@pytest.mark.parametrize(
    ("booths", "expected"),
    [
        (
            "[[booths]]\nid = 'en'\noutputs = ['en']\n[[booths]]\nid = 'fr'\noutputs = ['de']\n",
            'booths[1].outputs[0]: "de" is not a channel of this meeting (channels: en, fr)',
        ),
        (
            "[[booths]]\nid = 'fr'\noutputs = ['fr', 'floor']\n",
            'booths[0].outputs[1]: "floor" carries the speakers',
        ),
        (
            "[[booths]]\nid = 'fr'\noutputs = ['fr', 'fr']\n",
            'booths[0].outputs[1]: "fr" is listed twice',
        ),
        ("[[booths]]\nid = 'fr'\n", "booths[0].outputs: missing; list the channels"),
        ("[[booths]]\nid = 'fr'\noutputs = []\n", "booths[0].outputs: must name at least one"),
        ("[[booths]]\nid = 'fr'\noutputs = 'fr'\n", "booths[0].outputs: must be a list of strings"),
        (
            "[[booths]]\nid = 'fr'\noutputs = ['fr', 3]\n",
            "booths[0].outputs[1]: must be a non-empty string, not a number",
        ),
        (
            "[[booths]]\nid = 'fr'\noutputs = ['fr']\nlanguages = ['en', '']\n",
            "booths[0].languages[1]: must be a non-empty string, not an empty string",
        ),
        (
            "[[booths]]\nid = 'fr'\noutputs = ['fr']\n[[booths]]\nid = 'fr'\noutputs = ['en']\n",
            'booths[1].id: "fr" is already the id of booths[0]',
        ),
        (
            "[[booths]]\nid = 'fr'\nouputs = ['fr']\n",
            'booths[0].ouputs: unknown key; did you mean "outputs"?',
        ),
        ("[[booths]]\noutputs = ['fr']\n", "booths[0].id: missing"),
    ],
)
def test_booth_errors(tmp_path: Path, booths: str, expected: str) -> None:
    assert _error(tmp_path, _meeting(CHANNELS + booths)).startswith(expected)


def test_outputs_without_any_channels_say_how_to_add_them(tmp_path: Path) -> None:
    message = _error(tmp_path, _meeting("[[booths]]\nid = 'fr'\noutputs = ['fr']\n"))
    assert message == (
        'booths[0].outputs[0]: "fr" is not a channel of this meeting '
        "(channels: none yet; add [[channels]] entries)"
    )


def test_the_error_is_a_value_error() -> None:
    # The command line reports ValueError as a usage error, without a traceback.
    assert issubclass(MeetingFileError, ValueError)
