"""`rsi-hub` as a person runs it: `python -m programs.hub` in a subprocess.

The token a command prints must verify against the meeting file; a broken
meeting file must stop `serve` with exit status 2 and a message naming the
field; `serve` and `demo` must accept WebSocket connections and stop cleanly
on Ctrl-C (SIGINT).
"""

from __future__ import annotations

import asyncio
import re
import signal
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from channels import meeting_file, tokens
from channels.identity import unsafe_character
from tests.rig import ROOT
from tests.rig.child import project_env
from tests.rig.hubprocess import rsi_hub, start_hub
from tests.rig.meetings import COUNCIL, COUNCIL_SECRET
from tests.rig.wsclient import WsClient

# --- token -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "role", "booth"),
    [
        (["--role", "interpreter", "--booth", "fr"], "interpreter", "fr"),
        (["--role", "listener"], "listener", None),
        (["--role", "coordinator"], "coordinator", None),
        (["--role", "floor"], "floor", None),
    ],
)
def test_token_prints_one_token_that_verifies(
    meeting_path: Path, args: list[str], role: str, booth: str | None
):
    before = time.time()
    done = rsi_hub(
        "token", "--meeting", meeting_path, "--id", "p5", "--name", "Ana María", *args,
        "--ttl", "30m",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    token = lines[0].strip()
    assert token.count(".") == 2
    claims = tokens.verify(token, meeting_file.load(meeting_path))
    assert claims.sub == "p5"
    assert claims.name == "Ana María"
    assert claims.role == role
    assert claims.booth == booth
    assert claims.mtg == "council-2026"
    assert claims.exp is not None
    assert before + 30 * 60 - 5 <= claims.exp <= time.time() + 30 * 60 + 5


def test_token_signed_with_an_ed25519_key_verifies_with_the_public_key(tmp_path: Path):
    private_pem, public_pem = tokens.generate_ed25519_keypair()
    (tmp_path / "issuer.pub").write_text(public_pem)
    (tmp_path / "issuer.key").write_text(private_pem)
    path = tmp_path / "council.toml"
    path.write_text(COUNCIL.replace(f'secret = "{COUNCIL_SECRET}"', 'public_key = "issuer.pub"'))
    done = rsi_hub(
        "token", "--meeting", path, "--id", "chair", "--name", "Chair", "--role", "floor",
        "--signing-key", tmp_path / "issuer.key",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    claims = tokens.verify(done.stdout.strip(), meeting_file.load(path))
    assert (claims.sub, claims.role) == ("chair", "floor")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--role", "interpreter"], "booth"),
        (["--role", "interpreter", "--booth", "zz"], "zz"),
        (["--role", "listener", "--booth", "fr"], "booth"),
        (["--role", "listener", "--ttl", "forever"], "forever"),
        (["--role", "listener", "--ttl", "0s"], "0s"),
        (["--role", "chief"], "chief"),
    ],
)
def test_token_refuses_what_the_hub_would_refuse(
    meeting_path: Path, args: list[str], expected: str
):
    done = rsi_hub("token", "--meeting", meeting_path, "--id", "x", "--name", "X", *args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert expected in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--id", "f" * 200], "is 200 characters long; a participant id is 1 to 64 characters"),
        (["--id", "fr-1 #"], "'fr-1 #' contains U+0020 (SPACE) at position 5"),
        (["--id", " fr-1"], "' fr-1' contains U+0020 (SPACE) at position 1"),
        (["--id", "fr-1\n"], "'fr-1\\n' contains U+000A"),
        (["--id", "all"], "'all' is what chat calls a group"),
        (["--name", "Ana\u202egnp.exe"], "contains U+202E (RIGHT-TO-LEFT OVERRIDE) at position 4"),
        (["--name", "A" * 65], "is 65 characters long; a name is 1 to 64 characters"),
        (["--ttl", "8d"], "a lifetime of 8 days is over the limit of 7 days that hubs accept"),
    ],
)
def test_token_refuses_ids_names_and_lifetimes_in_one_line_that_says_what_is_allowed(
    meeting_path: Path, args: list[str], expected: str
):
    done = rsi_hub(
        "token", "--meeting", meeting_path, "--id", "fr-1", "--name", "Ana", "--role", "floor",
        *args,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (2, "")
    [line] = done.stderr.splitlines()
    assert line.startswith("rsi-hub: ") and expected in line


# --- serve with a broken meeting file ----------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda t: t.replace(f'secret = "{COUNCIL_SECRET}"', ""), "secret"),
        (lambda t: t.replace('outputs = ["fr"]', 'outputs = ["de"]'), "booths[0].outputs[0]"),
        (lambda t: t.replace('title = "Council 2026"', 'titel = "Council"'), "titel"),
        (lambda t: t.replace('id = "council-2026"', "id = 2026"), "id"),
        (lambda t: t.replace('id = "en"', 'id = "EN"'), "channels[0].id"),
        (lambda t: t.replace('languages = ["en", "es"]', 'languages = "en"'), "languages"),
    ],
)
def test_serve_with_a_bad_meeting_file_exits_2_naming_the_field(tmp_path: Path, change, field: str):
    path = tmp_path / "bad.toml"
    path.write_text(change(COUNCIL), encoding="utf-8")
    done = rsi_hub("serve", "--meeting", path, "--port", "0", timeout_s=20)
    assert done.returncode == 2
    message = done.stderr.strip().splitlines()[-1]
    assert message.startswith(f"rsi-hub: {path}: ")
    assert field in message
    assert "Traceback" not in done.stderr


def test_serve_with_a_meeting_file_that_is_not_toml_or_missing_exits_2(tmp_path: Path):
    path = tmp_path / "bad.toml"
    path.write_text("id = \n", encoding="utf-8")
    done = rsi_hub("serve", "--meeting", path, "--port", "0")
    assert done.returncode == 2
    assert "not valid TOML" in done.stderr
    done = rsi_hub("serve", "--meeting", tmp_path / "missing.toml", "--port", "0")
    assert done.returncode == 2
    assert "missing.toml" in done.stderr
    assert "cannot read" in done.stderr


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda t: t.replace('"council-2026"', r'"council\u001b[2J"'),
            "id: contains U+001B",
        ),
        (
            lambda t: t.replace('id = "en"', r'id = "\u001b[31men"'),
            r'"\x1b[31men" is not a valid id',
        ),
        (
            lambda t: t.replace(f'secret = "{COUNCIL_SECRET}"', 'public_key = "/dev/zero"'),
            "it is a device",
        ),
    ],
)
def test_serve_with_a_hostile_meeting_file_exits_2_on_one_clean_line(
    tmp_path: Path, change, words: str
):
    """An ESC in the file went raw to the terminal; /dev/zero as the key was read to 2.6 GB."""
    path = tmp_path / "bad.toml"
    path.write_text(change(COUNCIL), encoding="utf-8")
    done = rsi_hub("serve", "--meeting", path, "--port", "0", timeout_s=20)
    assert done.returncode == 2
    assert unsafe_character(done.stderr.rstrip("\n")) is None, repr(done.stderr)
    assert words in done.stderr.splitlines()[-1]
    assert "Traceback" not in done.stderr


def test_serve_with_a_certificate_but_no_key_exits_2(meeting_path: Path, tmp_path: Path):
    done = rsi_hub("serve", "--meeting", meeting_path, "--cert", tmp_path / "c.pem")
    assert done.returncode == 2
    assert "--cert and --key" in done.stderr


# --- serve and demo, running -------------------------------------------------------------


async def _start_demo(*, unbuffered: bool) -> asyncio.subprocess.Process:
    """``rsi-hub demo --port 0``, its output in pipes (a supervisor's, or ``| tee``)."""
    env = project_env()
    env.pop("PYTHONUNBUFFERED", None)
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "programs.hub", "demo", "--port", "0",
        cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def _lines(stream: asyncio.StreamReader | None) -> AsyncIterator[str]:
    assert stream is not None
    while line := await stream.readline():
        yield line.decode()


async def _stop(process: asyncio.subprocess.Process) -> int:
    """Ctrl-C, as at a terminal; the exit status (killed after 5 s if it hangs)."""
    if process.returncode is None:
        process.send_signal(signal.SIGINT)
    try:
        return await asyncio.wait_for(process.wait(), 5)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise AssertionError("rsi-hub did not stop on SIGINT within 5 s") from None


async def test_serve_on_a_free_port_accepts_a_websocket_connection(meeting_path: Path):
    hub = await start_hub(meeting_path)
    try:
        assert hub.url.startswith("ws://127.0.0.1:") and hub.port != 0
        meeting = meeting_file.load(meeting_path)
        token = tokens.issue(meeting, sub="p5", name="Ana", role="interpreter", booth="fr")
        client = await WsClient.join(hub.url, token)
        try:
            assert client.welcome is not None
            assert client.welcome["meeting"]["id"] == "council-2026"
            assert [c["id"] for c in client.welcome["meeting"]["channels"]] == [
                "floor",
                "en",
                "fr",
            ]
            assert client.ws.subprotocol == "rsi.v1"
            assert (await client.ping(2.0))["t"] == 2.0
        finally:
            await client.close()
    finally:
        status = hub.interrupt()
    assert status == 0


async def test_demo_prints_where_it_serves_and_tokens_that_work():
    process = await _start_demo(unbuffered=True)
    try:
        url, people = None, {}
        async with asyncio.timeout(15):
            async for line in _lines(process.stdout):
                if found := re.search(r"served at (ws://\S+/v1)", line):
                    url = found[1]
                elif found := re.match(r"\s+(\S+)\s+(interpreter|coordinator|listener|floor)\s+"
                                       r"(\S+\.\S+\.\S+)$", line):  # fmt: skip
                    people[found[1]] = found[3]
                elif line.startswith("Press Ctrl-C"):
                    break
        assert url is not None
        assert {"chair", "coord", "listener"} <= set(people)
        client = await WsClient.join(url, people["listener"], listen=["fr"])
        try:
            assert client.welcome is not None
            assert client.welcome["meeting"]["id"] == "demo"
            assert client.role == "listener"
        finally:
            await client.close()
    finally:
        status = await _stop(process)
    assert status == 0


async def test_demo_output_reaches_a_pipe_at_once():
    """Run under a supervisor or `| tee`, the tokens must show while the demo runs."""
    process = await _start_demo(unbuffered=False)
    try:
        started = False
        async with asyncio.timeout(10):
            async for line in _lines(process.stderr):
                if "server listening" in line:  # logged by websockets once the port is open
                    started = True
                    break
        assert started, "the demo exited before serving"
        try:
            async with asyncio.timeout(3):
                first = await process.stdout.readline() if process.stdout else b""
        except TimeoutError:
            first = b""
        assert b"served at ws://" in first, "the demo's address and tokens are stuck in a buffer"
    finally:
        await _stop(process)
