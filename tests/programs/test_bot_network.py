"""``rsi-bot`` on a real network: its TLS options, and hub restarts.

A ``wss://`` hub with its own certificate authority admits the bot given
``--ca``, and only then; a plain ``ws://`` hub on this machine's network
address admits it only with ``--allow-insecure``.

Restarts, with real processes: a hub (``rsi-hub serve``, tests/rig/hubprocess.py), a
floor bot playing looped speech and a listener bot recording the floor. The hub is killed and
started again on the same port: both bots stay, come back, the floor bot takes
the air again (it was told to speak), the recorder records on through the
outage and hears the floor again (whichever of the two came back first);
their figures count one outage. Then the hub comes back with another secret:
the floor bot's token is refused, the engine gives up, and the bot exits with 3.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile

from audio.format import SAMPLE_RATE
from channels import meeting_file, tokens
from programs.bot import main
from resources import SPEECH
from tests.rig.hubprocess import BotProcess, HubProcess, start_hub
from tests.rig.tlskit import make_ca, make_hub_cert, network_address

MEETING = """
id = "bots"
secret = "{secret}"

[[channels]]
id = "en"
"""
SECRET = "bot-network-secret-of-32-bytes-or-more"

pytestmark = pytest.mark.slow


def meeting(folder: Path, secret: str) -> Path:
    path = folder / f"{secret[:8]}.toml"
    path.write_text(MEETING.format(secret=secret))
    return path


async def restart(hub: HubProcess, meeting_path: Path) -> HubProcess:
    """Kill the hub (no goodbye) and serve ``meeting_path`` on the same port."""
    hub.kill()
    await asyncio.sleep(0.5)
    return await start_hub(meeting_path, port=hub.port)


async def test_a_bot_waits_through_a_hub_restart_and_exits_3_when_reconnecting_gives_up(
    tmp_path: Path,
) -> None:
    path = meeting(tmp_path, SECRET)
    config = meeting_file.load(path)
    speech, rate = soundfile.read(SPEECH / "en.ogg", dtype="float64")
    assert rate == SAMPLE_RATE
    clip = tmp_path / "en.wav"
    soundfile.write(clip, speech[: 4 * SAMPLE_RATE], SAMPLE_RATE, subtype="FLOAT")
    recording = tmp_path / "floor.wav"

    hub = await start_hub(path)
    bots: list[BotProcess] = []
    try:
        floor_token = tokens.issue(config, sub="chair", name="Chair", role="floor")
        floor = await BotProcess.start(hub.url, floor_token, "--play", str(clip), "--loop")
        bots.append(floor)
        listener_token = tokens.issue(config, sub="rec", name="Rec", role="listener")
        recorder = await BotProcess.start(
            hub.url, listener_token, "--listen", "floor", "--record", str(recording)
        )
        bots.append(recorder)
        recording_since = time.monotonic()
        await asyncio.sleep(1.0)

        hub = await restart(hub, path)
        await floor.said("waiting for the engine to reconnect")
        await floor.said("taking the air on floor again")
        await floor.said("on air on floor again")
        back = await recorder.said("reconnected after")
        assert "listening to floor" in back
        await asyncio.sleep(2.0)  # the floor speaks again: the recorder hears it

        code, figures, said = await recorder.finish(interrupt=True)
        recorded_for = time.monotonic() - recording_since
        assert code == 0, said
        assert figures["outages"] == 1, figures
        assert 0 < figures["seconds_disconnected"] < 10, figures
        # It recorded all along, the outage included (silence then).
        assert figures["seconds_recorded"] > recorded_for - 1.0, (figures, recorded_for)
        heard, _ = soundfile.read(recording, dtype="float64")
        assert len(heard) == round(figures["seconds_recorded"] * SAMPLE_RATE)
        last = heard[-SAMPLE_RATE:]  # the last second: after the reconnection
        level = 20 * np.log10(np.sqrt(np.mean(last**2)) + 1e-12)
        assert level > -45, f"the floor is not heard again after the restart ({level:.1f} dBFS)"

        # The hub comes back with another secret: the token is refused for good.
        other = meeting(tmp_path, "another-secret-of-32-bytes-or-more-!!")
        hub = await restart(hub, other)
        code, figures, said = await floor.finish()
        assert code == 3, said
        assert "refused" in said.splitlines()[-1], said
        assert figures["outages"] == 2 and figures["air"] is None, figures
        assert figures["seconds_disconnected"] > 0
    finally:
        for bot in bots:
            bot.kill()
            await bot.process.wait()
        hub.stop()


async def test_the_bot_uses_its_ca_file_and_its_permission_for_plain_ws(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ca_key, ca = make_ca(tmp_path, "meeting-ca")
    cert, key = make_hub_cert(tmp_path, ca_key, ca)
    path = meeting(tmp_path, SECRET)
    token = tokens.issue(meeting_file.load(path), sub="l1", name="L1", role="listener")

    def run(url: str, *options: str) -> tuple[int, str]:
        """``rsi-bot`` in this process (its options parsed as typed), briefly."""
        args = ["--url", url, "--token", token, "--listen", "floor", "--duration", "0.3"]
        code = main([*args, *options])
        return code, capsys.readouterr().err

    hub = await start_hub(path, "--cert", str(cert), "--key", str(key))
    try:
        code, said = run(hub.url)  # the system's authorities do not know this hub
        assert code == 3 and "could not be verified" in said, said
        code, said = run(hub.url, "--ca", str(tmp_path / "meeting-ca.pem"))
        assert code == 0 and "ready:" in said, said
    finally:
        hub.stop()

    address = network_address()
    hub = await start_hub(path, "--host", address)
    try:
        assert hub.url.startswith(f"ws://{address}:")
        code, said = run(hub.url)
        assert code == 3 and "not encrypted" in said, said
        code, said = run(hub.url, "--allow-insecure")
        assert code == 0 and "ready:" in said, said
    finally:
        hub.stop()
