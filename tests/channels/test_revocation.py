"""The revocation list: its file, the hub's rule, and the server re-reading it while it runs.

An organiser revokes one token (`jti`) or a participant (`sub`) by editing a
text file. The hub must refuse revoked tokens at `hello`, close live
connections of revoked tokens at once (an `error`, then 4401), release their
air, and leave everyone else alone; a file that cannot be read must keep the
previous list in force and never take the hub down.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import signal
import time
from pathlib import Path

import pytest

from channels import meeting_file, revocation
from channels.hub import Close, Hub
from channels.meeting import simple_meeting
from channels.revocation import RevocationFile, RevocationFileError, Revocations
from channels.server import TICK_S, HubServer
from channels.tokens import issue, verify
from tests.rig.hubkit import Client, Meeting
from tests.rig.hubprocess import HubProcess, start_hub
from tests.rig.wsclient import Speaker, WsClient, on_air, participant, token

# --- The file format -----------------------------------------------------------------------


def test_entries_comments_and_blank_lines():
    text = (
        "# council-2026\n"
        "\n"
        "jti 6rO0s0x8Jq2mRk1v   # laptop lost in room 3\n"
        "  sub   l-17\n"
        "sub\tanna.smith@example.org  # a tab separates too\n"
        "jti a_b+c#d\n"  # '#' after no space is no comment: ids cannot hold it (refused below)
    )
    with pytest.raises(RevocationFileError) as info:
        revocation.parse(text)
    assert "'#' (U+0023, NUMBER SIGN) at position 6" in str(info.value)
    revoked = revocation.parse(text.replace("+c#d", "+c"))
    assert revoked.token_ids == {"6rO0s0x8Jq2mRk1v", "a_b+c"}
    assert revoked.participants == {"l-17", "anna.smith@example.org"}
    assert len(revoked) == 4


def test_an_empty_file_revokes_nothing():
    assert revocation.parse("") == Revocations()
    assert revocation.parse("# nobody yet\n\n") == Revocations()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jti abc\njit def\n", "revoked.txt:2: 'jit' is not an entry kind"),
        ("sub\n", "revoked.txt:1: sub needs an id after it"),
        ("abc\n", "revoked.txt:1: 'abc' is not an entry kind"),
        ("jti " + "x" * 65, "revoked.txt:1: the token id 'xxxx"),
        ("jti " + "x" * 65, "is 65 characters long; a token id is 1 to 64 characters"),
        ("sub John Smith", "revoked.txt:1: the participant id 'John Smith' contains U+0020"),
        ("sub fr-1 # x\nsub ann\u202e", "revoked.txt:2: the participant id 'ann\\u202e'"),
        ("sub all", "revoked.txt:1: the participant id 'all' is what chat calls a group"),
        ("jti " + "a" * 40 + "." + "b" * 40 + "." + "c" * 40, "looks like a whole token"),
    ],
)
def test_a_bad_line_is_named_with_its_number(text: str, expected: str):
    with pytest.raises(RevocationFileError) as info:
        revocation.parse(text, source="revoked.txt")
    assert expected in str(info.value)


def test_the_reason_tells_the_holder_what_happened():
    revoked = Revocations(frozenset({"t1"}), frozenset({"l-17"}))
    assert revoked.refuses("l-17", None) is not None
    assert "removed from this meeting" in (revoked.refuses("l-17", "t9") or "")
    assert "revoked" in (revoked.refuses("ana", "t1") or "")
    assert revoked.refuses("ana", "t2") is None
    assert revoked.refuses("ana", None) is None


def test_a_file_that_is_too_big_or_not_utf8_is_refused(tmp_path: Path):
    path = tmp_path / "revoked.txt"
    path.write_bytes(b"jti x\n" * (revocation.MAX_FILE_BYTES // 6 + 1))
    with pytest.raises(RevocationFileError, match="over 1048576 bytes"):
        revocation.read(path)
    path.write_bytes(b"sub caf\xe9\n")
    with pytest.raises(RevocationFileError, match="not UTF-8"):
        revocation.read(path)


# --- Watching the file ---------------------------------------------------------------------


def _touch(path: Path, text: str) -> None:
    """Write `text` and move the mtime on, so that a change within one clock tick shows."""
    path.write_text(text)
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))


def _read(watch: RevocationFile) -> None:
    """Wait for the read that a poll or reload started, as the hub's next tick would."""
    deadline = time.monotonic() + 5.0
    while watch.reading:
        assert time.monotonic() < deadline, "the read did not finish"
        time.sleep(0.001)


def test_a_missing_file_at_start_is_an_empty_list_read_once_it_appears(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    path = tmp_path / "revoked.txt"
    watch = RevocationFile(path)
    with caplog.at_level(logging.WARNING):
        assert watch.load() == Revocations()
    assert "does not exist (yet)" in caplog.text
    assert watch.poll() is None
    _touch(path, "sub l-17\n")
    assert watch.poll() is None  # seen changed: a read starts, off the caller's thread
    _read(watch)
    assert watch.poll() == Revocations(participants=frozenset({"l-17"}))  # still as read
    assert watch.poll() is None  # unchanged since


def test_a_bad_file_at_start_raises(tmp_path: Path):
    path = tmp_path / "revoked.txt"
    path.write_text("revoke everyone\n")
    with pytest.raises(RevocationFileError, match=r"revoked\.txt:1"):
        RevocationFile(path).load()


def test_a_bad_or_missing_file_while_running_keeps_the_previous_list(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    path = tmp_path / "revoked.txt"
    path.write_text("jti t1\n")
    watch = RevocationFile(path)
    first = watch.load()
    assert first.token_ids == {"t1"}

    _touch(path, "jti t1\njtx t2\n")
    with caplog.at_level(logging.ERROR):
        assert watch.poll() is None
        _read(watch)
        assert watch.poll() is None
    assert "revoked.txt:2" in caplog.text
    assert "stays in force" in caplog.text
    assert watch.current == first
    caplog.clear()
    assert watch.poll() is None  # reported once, not on every poll
    assert caplog.text == ""

    path.unlink()
    with caplog.at_level(logging.WARNING):
        assert watch.poll() is None
        assert watch.poll() is None
    assert caplog.text.count("is missing") == 1
    assert watch.current == first

    path.write_text("jti t1\njti t2\n")
    watch.poll()
    _read(watch)
    assert watch.poll() == Revocations(token_ids=frozenset({"t1", "t2"}))


def test_reload_reads_at_once_even_if_nothing_seems_changed(tmp_path: Path):
    path = tmp_path / "revoked.txt"
    path.write_text("jti t1\n")
    watch = RevocationFile(path)
    watch.load()
    status = path.stat()
    path.write_text("jti t2\n")  # same size; put the old mtime back
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert watch.poll() is None
    assert watch.reload() is None  # the read starts now; its list comes with the next poll
    _read(watch)
    assert watch.poll() == Revocations(token_ids=frozenset({"t2"}))


def _in_place(path: Path, what: str) -> None:
    """Put a pipe, a device or an oversized file where the revocation file is (atomically)."""
    other = path.with_name("incoming")
    if what == "pipe":
        os.mkfifo(other)
    elif what == "device":
        other.symlink_to("/dev/zero")
    else:
        other.write_bytes(b"sub x\n" * (revocation.MAX_FILE_BYTES // 6 + 1))
    os.replace(other, path)


REFUSALS = {
    "pipe": "it is a pipe, not a regular file",
    "device": "it is a device, not a regular file",
    "oversized": f"over {revocation.MAX_FILE_BYTES} bytes",
}


@pytest.mark.parametrize("what", REFUSALS)
def test_a_pipe_a_device_or_an_oversized_file_is_refused_once_and_the_list_kept(
    tmp_path: Path, what: str, caplog: pytest.LogCaptureFixture
):
    path = tmp_path / "revoked.txt"
    path.write_text("sub mallory\n")
    watch = RevocationFile(path)
    first = watch.load()
    _in_place(path, what)
    with caplog.at_level(logging.INFO):
        for change in range(3):  # each change is read again: refused, and said once
            for _ in range(2):  # a read starts; the next poll takes what it found
                polled = time.monotonic()
                assert watch.poll() is None
                assert time.monotonic() - polled < 0.05  # a poll never waits for the file
                _read(watch)
            if what != "device":
                os.utime(path, ns=(0, time.time_ns() + change))
    assert caplog.text.count(REFUSALS[what]) == 1, caplog.text
    assert "stays in force" in caplog.text
    assert watch.current == first
    with pytest.raises(RevocationFileError, match=REFUSALS[what]):
        RevocationFile(path).load()  # at start, the hub refuses to serve


# --- The hub's rule ------------------------------------------------------------------------


def _join(m: Meeting, sub: str, role: str, booth: str | None = None) -> tuple[Client, str]:
    """Join with a fresh token; return the client and the token's id."""
    signed = m.token(sub, role, booth=booth)
    client = m.connect()
    client.hello(signed)
    assert client.welcome is not None, client.messages
    jti = verify(signed, m.config, now=m.now).jti
    assert jti is not None
    return client, jti


def _revoke(m: Meeting, revocations: Revocations) -> list[str]:
    closed = m.hub.revoke(revocations, m.now)
    m.pump()
    return closed


def test_revoking_a_live_token_closes_it_with_4401_and_releases_its_air():
    m = Meeting()
    chair = m.floor()
    en1, en1_jti = _join(m, "en1", "interpreter", "en")
    coord = m.coordinator()
    on_en = m.listener("l1", listen=["en"])
    chair.ok({"type": "mic", "on": True, "channel": "floor"})
    en1.ok({"type": "mic", "on": True, "channel": "en"})
    en1.speak(1)
    assert on_en.heard("en")[-1].csrc == (en1.ssrc,)

    assert _revoke(m, Revocations(token_ids=frozenset({en1_jti}))) == ["en1"]

    error = en1.errors()[-1]
    assert error["code"] == "unauthorized"
    assert "revoked" in error["message"]
    assert en1.closed == Close(en1.conn, 4401, "token revoked")
    assert m.on_air("en") is None
    assert m.participant("en1")["connected"] is False
    assert coord.state["channels"][1]["on_air"] is None
    # The others noticed nothing but the state: no error, no close, media as before.
    for other in (chair, coord, on_en):
        assert other.closed is None
        assert other.errors() == []
    chair.speak(1)
    assert on_en.heard("en")[-1].csrc == (1,)  # floor fallback on en


def test_a_revoked_token_is_refused_at_hello_and_a_new_one_admitted():
    m = Meeting()
    first, jti = _join(m, "l1", "listener")
    _revoke(m, Revocations(token_ids=frozenset({jti})))
    assert first.closed is not None

    again = m.connect()
    again.hello(m.token("l1", "listener"))  # same participant, a new token: admitted
    assert again.welcome is not None

    # The revoked token itself is refused at the door, with a reason.
    replay = m.connect()
    signed = m.token("l2", "listener")
    _revoke(m, Revocations(token_ids=frozenset({jti, verify(signed, m.config, now=m.now).jti})))
    replay.hello(signed)
    assert replay.welcome is None
    error = replay.errors()[-1]
    assert (error["code"], error["ref"]) == ("unauthorized", "hello")
    assert "revoked" in error["message"]
    assert replay.closed == Close(replay.conn, 4401, "token revoked")
    assert again.closed is None


def test_revoking_a_participant_refuses_all_its_tokens_until_the_line_goes():
    m = Meeting()
    c1, _ = _join(m, "coord", "coordinator")
    c2, _ = _join(m, "other", "coordinator")
    assert _revoke(m, Revocations(participants=frozenset({"coord"}))) == ["coord"]
    assert c1.closed == Close(c1.conn, 4401, "token revoked")
    assert "removed from this meeting" in c1.errors()[-1]["message"]
    assert c2.closed is None

    door = m.connect()
    door.hello(m.token("coord", "coordinator"))  # a brand-new token for the same id
    assert door.welcome is None
    assert door.closed is not None

    _revoke(m, Revocations())  # the line is taken out
    back = m.connect()
    back.hello(m.token("coord", "coordinator"))
    assert back.welcome is not None


def test_a_list_that_revokes_nobody_connected_closes_nothing():
    m = Meeting()
    chair, _ = _join(m, "chair", "floor")
    assert _revoke(m, Revocations(frozenset({"zz"}), frozenset({"ghost"}))) == []
    assert chair.closed is None
    assert chair.errors() == []


def test_a_connection_that_has_not_said_hello_is_not_touched():
    m = Meeting()
    waiting = m.connect()
    _revoke(m, Revocations(participants=frozenset({"l1"})))
    assert waiting.closed is None
    waiting.hello(m.token("l2", "listener"))
    assert waiting.welcome is not None


# --- The server re-reads the file ----------------------------------------------------------


async def _until(condition, timeout: float = 2.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.02)


async def test_the_server_closes_a_revoked_connection_within_a_second_of_the_file_changing(
    tmp_path: Path,
):
    path = tmp_path / "revoked.txt"
    path.write_text("# nobody yet\n")
    meeting = simple_meeting(("en", "fr"))
    watch = RevocationFile(path)
    watch.load()
    async with HubServer(Hub(meeting), port=0, revocations=watch) as server:
        signed = token(meeting, "en1", "interpreter", "en")
        en1 = await WsClient.join(server.url, signed)
        coord = await WsClient.join(server.url, token(meeting, "coord", "coordinator"))
        chair = await WsClient.join(server.url, token(meeting, "chair", "floor"))
        try:
            await en1.send({"type": "mic", "on": True, "channel": "en"})
            await coord.expect_state(lambda m: on_air(m, "en") == "en1")

            changed = time.monotonic()
            _touch(path, f"jti {verify(signed, meeting).jti}  # revoked during the test\n")
            assert await en1.wait_closed() == 4401
            assert time.monotonic() - changed < 1.0  # two polls of 0.25 s, and the close
            error = await en1.expect("error")
            assert "revoked" in error["message"]
            state = await coord.expect_state(lambda m: on_air(m, "en") is None)
            assert participant(state, "en1")["connected"] is False
            assert (await chair.ping(1.0))["t"] == 1.0
            assert coord.close_code is None

            # The same token cannot come back.
            again = await WsClient.open(server.url)
            await again.send({"type": "hello", "token": signed})
            refused = await again.expect("error")
            assert refused["ref"] == "hello"
            assert await again.wait_closed() == 4401
            await again.close()
        finally:
            for client in (en1, coord, chair):
                await client.close()


async def test_a_broken_file_while_serving_keeps_the_list_and_the_hub(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    path = tmp_path / "revoked.txt"
    path.write_text("sub mallory\n")
    meeting = simple_meeting(("en", "fr"))
    watch = RevocationFile(path)
    watch.load()
    async with HubServer(Hub(meeting), port=0, revocations=watch) as server:
        coord = await WsClient.join(server.url, token(meeting, "coord", "coordinator"))
        try:
            with caplog.at_level(logging.ERROR):
                _touch(path, "sub mallory\nsub\n")
                await asyncio.sleep(3 * TICK_S)
            assert f"{path}:2: sub needs an id" in caplog.text
            # Still refused, and the hub still serves.
            mallory = await WsClient.open(server.url)
            await mallory.send({"type": "hello", "token": token(meeting, "mallory", "listener")})
            assert "removed" in (await mallory.expect("error"))["message"]
            assert await mallory.wait_closed() == 4401
            await mallory.close()
            assert (await coord.ping(2.0))["t"] == 2.0
        finally:
            await coord.close()


async def test_reload_applies_the_file_at_once_even_when_polling_cannot_see_it(tmp_path: Path):
    path = tmp_path / "revoked.txt"
    path.write_text("sub nobody\n")
    meeting = simple_meeting(("en", "fr"))
    watch = RevocationFile(path)
    watch.load()
    async with HubServer(Hub(meeting), port=0, revocations=watch) as server:
        l1 = await WsClient.join(server.url, token(meeting, "l1", "listener"))
        try:
            status = path.stat()
            path.write_text("sub l1    \n")  # same size, and the old mtime put back
            os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
            await asyncio.sleep(3 * TICK_S)
            assert l1.close_code is None  # polling sees no change
            server.reload_revocations()  # what SIGHUP does
            assert await l1.wait_closed(timeout=1.0) == 4401
        finally:
            await l1.close()


REVOKING_MEETING = """
id = "revoking"
secret = "revocation-test-secret-of-32-bytes-or-more"
revoked = "revoked.txt"
"""


async def _logged(hub: HubProcess, text: str, timeout: float = 3.0) -> None:
    async with asyncio.timeout(timeout):
        while text not in "".join(hub.log):
            await asyncio.sleep(0.05)


@pytest.mark.slow
async def test_a_pipe_or_an_oversized_file_in_place_of_the_list_stops_no_one(tmp_path: Path):
    """`rsi-hub serve` in a process of its own, a chair speaking on the floor, a listener.

    A pipe with no writer in place of the revocation file froze the hub's event loop
    (it opened the file there): the listener heard nothing until someone wrote to the
    pipe (5.6 s in the issue). Now the listener keeps hearing, the refusal is logged
    once, and the previous list stays in force.
    """
    meeting_path = tmp_path / "revoking.toml"
    meeting_path.write_text(REVOKING_MEETING)
    path = tmp_path / "revoked.txt"
    path.write_text("sub mallory\n")
    meeting = meeting_file.load(meeting_path)
    hub = await start_hub(meeting_path)
    clients: list[WsClient] = []
    floor: Speaker | None = None
    gaps = {}
    try:
        chair = await WsClient.join(hub.url, token(meeting, "chair", "floor"))
        listener = await WsClient.join(hub.url, token(meeting, "l1", "listener"))
        clients += [chair, listener]
        await chair.send({"type": "mic", "on": True, "channel": "floor"})
        await chair.expect_state(lambda m: on_air(m, "floor") == "chair")
        floor = Speaker(chair).start()
        await listener.listen(["floor"])
        await listener.next_packet(timeout=5.0)
        for what, sighup in (("pipe", False), ("oversized", False), ("oversized", True)):
            listener.drain_media()
            if sighup:
                hub.popen.send_signal(signal.SIGHUP)  # read again, refused again
            else:
                _in_place(path, what)
            heard = [r.at for r in await listener.quiet_media(1.5)]
            assert len(heard) > 100, f"{what}: the listener heard {len(heard)} packets in 1.5 s"
            gaps[f"{what}{' + SIGHUP' if sighup else ''}"] = max(
                b - a for a, b in itertools.pairwise(heard)
            )
            await _logged(hub, REFUSALS[what])
        log = "".join(hub.log)
        assert log.count(REFUSALS["pipe"]) == 1, log
        assert log.count(REFUSALS["oversized"]) == 2, log  # once, and once for the SIGHUP
        mallory = await WsClient.open(hub.url)  # the previous list stays in force
        clients.append(mallory)
        await mallory.send({"type": "hello", "token": token(meeting, "mallory", "listener")})
        assert "removed" in (await mallory.expect("error"))["message"]
    finally:
        if floor is not None:
            await floor.stop()
        for client in clients:
            await client.close()
        hub.stop()
    print(
        "\nlongest gap at the listener: "
        + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in gaps.items())
    )
    assert max(gaps.values()) < 0.5, gaps


def test_issued_tokens_carry_distinct_ids():
    meeting = simple_meeting()
    ids = {
        verify(issue(meeting, sub="x", name="X", role="listener"), meeting).jti for _ in range(50)
    }
    assert len(ids) == 50
    assert all(isinstance(x, str) and len(x) >= 16 for x in ids)
