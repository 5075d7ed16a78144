"""The meetings tests and benchmarks use, each defined once (the hub's own: simple_meeting).

- :func:`bi_active_meeting`: a bi-active booth sharing a channel, for the hub's rules;
- :func:`console_meeting`: the same shape with the booths' languages the console's
  auto-relay needs;
- :data:`SIX_BOOTHS`: six booths with relay of relay, for the coordinator's window;
- :data:`COUNCIL`: a meeting file's text, for ``rsi-hub`` run as a person runs it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Final

from channels.meeting import FLOOR, BoothConfig, ChannelConfig, MeetingConfig


def bi_active_meeting() -> MeetingConfig:
    """Floor, en, fr and zh; booths en (A: en), fr (A: fr) and a bi-active zh booth.

    The zh booth outputs zh (A) and en (B), so it shares the en channel with
    the en booth: the setting in which `channel_engaged` can happen.
    """
    return MeetingConfig(
        id="bi",
        title="Bi-active",
        channels=(
            ChannelConfig(FLOOR, None),
            ChannelConfig("en", "en"),
            ChannelConfig("fr", "fr"),
            ChannelConfig("zh", "zh"),
        ),
        booths=(
            BoothConfig("en", ("en",), ("fr", "zh")),
            BoothConfig("fr", ("fr",), ("en",)),
            BoothConfig("zh", ("zh", "en"), ("en",)),
        ),
        floor_language="en",
        secret="bi-active-test-secret-of-32-bytes-or-more",
    )


def console_meeting() -> MeetingConfig:
    """Floor, en, fr, zh; booths en, fr and a bi-active zh booth (zh = A, en = B).

    The fr booth understands Russian and the zh booth does not: when the floor speaks
    Russian, the zh booth's auto-relay takes French (+).
    """
    return dataclasses.replace(
        bi_active_meeting(),
        id="console",
        title="Console test",
        booths=(
            BoothConfig("en", ("en",), ("fr", "zh")),
            BoothConfig("fr", ("fr",), ("en", "ru")),
            BoothConfig("zh", ("zh", "en"), ("en", "fr")),
        ),
        secret="console-test-secret-of-32-bytes-or-more",
    )


SIX_BOOTHS: Final = Path(__file__).resolve().parent / "meetings" / "six_booths.toml"
"""The floor speaks German; en, fr and ru interpret from it, es and zh from en, ar from es."""

COUNCIL_SECRET: Final = "cli-test-secret-that-is-32-bytes-or-longer"
COUNCIL: Final = f"""
id = "council-2026"
title = "Council 2026"
floor_language = "en"
secret = "{COUNCIL_SECRET}"

[[channels]]
id = "en"
language = "en"

[[channels]]
id = "fr"
language = "fr"

[[booths]]
id = "fr"
outputs = ["fr"]
languages = ["en", "es"]
"""
"""The text of a meeting file (TOML): the floor, en and fr, a French booth."""
