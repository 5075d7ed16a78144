"""`rsi-hub keygen`, the token id that `rsi-hub token` prints, and `serve --revoked`.

As a person runs them: `python -m programs.hub` in a subprocess. A key pair
from `keygen` must work with `token --signing-key` and a meeting's `public_key`;
the private key must be readable by its owner only; a revocation file must be
read at start (a bad one stops the hub) and re-read on SIGHUP while serving.
"""

from __future__ import annotations

import asyncio
import os
import signal
import stat
from pathlib import Path

from channels import meeting_file, tokens
from tests.rig.hubprocess import rsi_hub, start_hub
from tests.rig.meetings import COUNCIL, COUNCIL_SECRET
from tests.rig.wsclient import WsClient


def test_keygen_writes_a_pair_that_signs_tokens_the_meeting_accepts(tmp_path: Path):
    done = rsi_hub("keygen", tmp_path / "issuer")
    assert done.returncode == 0, done.stderr
    private, public = tmp_path / "issuer.key", tmp_path / "issuer.pub"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert "PRIVATE KEY" in private.read_text()
    assert public.read_text().startswith("-----BEGIN PUBLIC KEY-----")
    assert 'public_key = "issuer.pub"' in done.stdout

    meeting = tmp_path / "council.toml"
    meeting.write_text(COUNCIL.replace(f'secret = "{COUNCIL_SECRET}"', 'public_key = "issuer.pub"'))
    done = rsi_hub(
        "token", "--meeting", meeting, "--signing-key", private,
        "--id", "gw", "--name", "Gateway", "--role", "listener",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    claims = tokens.verify(done.stdout.strip(), meeting_file.load(meeting))
    assert claims.sub == "gw"


def test_keygen_never_overwrites_a_key(tmp_path: Path):
    (tmp_path / "issuer.pub").write_text("keep me")
    done = rsi_hub("keygen", tmp_path / "issuer")
    assert done.returncode == 2
    assert "exists already" in done.stderr
    assert (tmp_path / "issuer.pub").read_text() == "keep me"
    assert not (tmp_path / "issuer.key").exists()


def test_token_prints_its_id_on_stderr_and_the_token_alone_on_stdout(meeting_path: Path):
    done = rsi_hub(
        "token", "--meeting", meeting_path, "--id", "l1", "--name", "L", "--role", "listener"
    )
    assert done.returncode == 0, done.stderr
    token = done.stdout.strip()
    jti = tokens.verify(token, meeting_file.load(meeting_path)).jti
    assert jti is not None
    assert f"token id: {jti}" in done.stderr
    assert f"'jti {jti}'" in done.stderr


def test_serve_with_a_bad_revocation_file_exits_2_naming_the_line(
    meeting_path: Path, tmp_path: Path
):
    revoked = tmp_path / "revoked.txt"
    revoked.write_text("jti ok\nrevoke mallory\n")
    done = rsi_hub("serve", "--meeting", meeting_path, "--port", "0", "--revoked", revoked)
    assert done.returncode == 2
    assert f"{revoked}:2:" in done.stderr
    assert "Traceback" not in done.stderr


async def test_serve_refuses_revoked_tokens_and_rereads_the_file_on_sighup(
    meeting_path: Path, tmp_path: Path
):
    meeting = meeting_file.load(meeting_path)
    banned = tokens.issue(meeting, sub="l1", name="L1", role="listener")
    kept = tokens.issue(meeting, sub="l2", name="L2", role="listener")
    revoked = tmp_path / "revoked.txt"
    revoked.write_text(f"jti {tokens.verify(banned, meeting).jti}\nsub nobody\n")
    # The meeting file names the list; the path is relative to the meeting file.
    meeting_path.write_text('revoked = "revoked.txt"\n' + meeting_path.read_text())
    hub = await start_hub(meeting_path)
    try:
        refused = await WsClient.open(hub.url)
        await refused.send({"type": "hello", "token": banned})
        assert "revoked" in (await refused.expect("error"))["message"]
        assert await refused.wait_closed() == 4401
        await refused.close()

        l2 = await WsClient.join(hub.url, kept)
        status = revoked.stat()
        revoked.write_text(revoked.read_text().replace("sub nobody", "sub l2    "))
        os.utime(revoked, ns=(status.st_atime_ns, status.st_mtime_ns))  # polling sees nothing
        await asyncio.sleep(0.6)
        assert l2.close_code is None
        hub.popen.send_signal(signal.SIGHUP)
        assert await l2.wait_closed() == 4401
        await l2.close()
    finally:
        assert hub.interrupt() == 0
