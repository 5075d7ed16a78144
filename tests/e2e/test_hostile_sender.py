"""A hostile speaker on air cannot stop a listener's engine (issue 13, part 2), with real processes.

`rsi-hub serve` runs in a process of its own. A floor participant (this test,
over a real WebSocket) takes the floor and speaks hostile RTP
(:func:`tests.rig.fuzzgen.hostile_speech`): the attack of the issue, timestamps
479 apart every 10 ms with one packet in five never sent; random payloads;
and chaos, every field and the timing off at random. An ``rsi-bot`` process
listens to the floor and records it for ``--duration`` seconds.

Before the fix, every gap made the bot's engine raise (libopus refuses to
conceal 479 samples) and log a traceback, once per 10 ms tick: a bot whose
log was read slowly, or not at all, hung for good; a bot whose log was read
recorded concealment and silence, and the loss it reported went above 1.
Now the bot must finish within a second and a half of ``--duration``, exit
0, print its figures, log no traceback, and report a loss within [0, 1].
The figures are printed (``pytest -s``).
"""

from __future__ import annotations

import asyncio
import random
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile

from channels import meeting_file
from tests.rig import fuzzgen
from tests.rig.hubprocess import BotProcess, start_hub
from tests.rig.wsclient import WsClient, on_air, token

MEETING = """
id = "hostile"
secret = "hostile-speaker-test-secret-of-32-bytes"
"""
DURATION_S = 6.0
PAST_DURATION_S = 1.5
"""How long after ``--duration`` the bot may take to stop, write its file and exit."""

pytestmark = pytest.mark.slow


async def speak(client: WsClient, kind: str) -> None:
    """The hostile speaker, until cancelled."""
    for spoken in fuzzgen.hostile_speech(random.Random(13), kind):
        await asyncio.sleep(spoken.after_s)
        await client.send_rtp(
            spoken.sequence,
            spoken.timestamp,
            spoken.payload,
            marker=spoken.marker,
            level=spoken.level,
        )


@pytest.mark.parametrize("kind", fuzzgen.SPEECH_KINDS)
async def test_a_hostile_speaker_on_air_cannot_stop_a_recording_bot(
    tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "hostile.toml"
    path.write_text(MEETING)
    meeting = meeting_file.load(path)
    hub = await start_hub(path)
    speaking: asyncio.Task[None] | None = None
    try:
        mallory = await WsClient.join(hub.url, token(meeting, "mallory", "floor"))
        await mallory.send({"type": "mic", "on": True, "channel": "floor"})
        await mallory.expect_state(lambda m: on_air(m, "floor") == "mallory")
        speaking = asyncio.create_task(speak(mallory, kind))
        recording = tmp_path / "floor.wav"
        bot = await BotProcess.start(
            hub.url, token(meeting, "rec", "listener"),
            "--listen", "floor", "--record", str(recording), "--duration", str(DURATION_S),
        )  # fmt: skip
        ready = time.monotonic()
        try:
            code, figures, said = await bot.finish()
        finally:
            bot.kill()
        past = time.monotonic() - ready - DURATION_S
        assert not speaking.done(), "the hub stopped taking the hostile speaker's packets"
    finally:
        if speaking is not None:
            speaking.cancel()
        hub.stop()
    floor = figures["channels"]["floor"]
    print(
        f"\n{kind}: exit {code}, {past:.2f} s past --duration, loss {figures['loss']}, "
        f"received {floor['received']}, concealed {floor['concealed']}, lost {floor['lost']}, "
        f"late {floor['late']}, recorded {figures['seconds_recorded']} s"
    )
    assert code == 0, said
    assert "Traceback" not in said, said
    assert past < PAST_DURATION_S
    assert 0 <= figures["loss"] <= 1, figures
    assert floor["received"] > 0.4 * DURATION_S * 100, figures  # kept receiving to the end
    assert figures["seconds_recorded"] >= DURATION_S - 0.5, figures
    heard, rate = soundfile.read(recording, dtype="float32")
    last = heard[-rate // 2 :]  # what the bot played last: the speaker, still
    assert np.sqrt(np.mean(last**2)) > 1e-3, f"silent at the end: {figures}"
