"""The static description of a meeting: channels, booths and how tokens are checked.

It is what the meeting file says, already validated, so the hub's rules never
have to re-check it. The live state (who is on air, who listens) is elsewhere,
in :mod:`channels.hub`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FLOOR = "floor"
"""Id of the floor channel, which every meeting has."""
MAX_CHANNELS = 64
"""Channels a meeting may have, the floor included: as many as one ``listen`` may name, so
that a coordinator can hear them all."""


@dataclass(frozen=True, slots=True)
class ChannelConfig:
    id: str
    language: str | None
    """Language code; None only for the floor, whose language changes with the speaker."""


@dataclass(frozen=True, slots=True)
class BoothConfig:
    id: str
    outputs: tuple[str, ...]
    """Channels the booth may speak on: A first, then B, then C."""
    languages: tuple[str, ...] = ()
    """Languages the booth understands, for relay."""


@dataclass(frozen=True, slots=True)
class MeetingConfig:
    id: str
    title: str
    channels: tuple[ChannelConfig, ...]
    """Every channel, the floor first."""
    booths: tuple[BoothConfig, ...] = ()
    floor_language: str | None = None
    secret: str | None = field(default=None, repr=False)
    """HS256 secret for tokens."""
    public_key: str | None = field(default=None, repr=False)
    """Ed25519 public key (PEM text) for EdDSA tokens."""
    revoked: str | None = None
    """Path of the revocation file (:mod:`channels.revocation`), if the meeting names one."""

    def channel(self, channel_id: str) -> ChannelConfig | None:
        for ch in self.channels:
            if ch.id == channel_id:
                return ch
        return None

    def booth(self, booth_id: str) -> BoothConfig | None:
        for b in self.booths:
            if b.id == booth_id:
                return b
        return None


def simple_meeting(
    languages: tuple[str, ...] = ("en", "fr"),
    *,
    meeting_id: str = "test",
    floor_language: str | None = "en",
    booth_languages: dict[str, tuple[str, ...]] | None = None,
    secret: str = "test-only-secret-of-at-least-32-bytes",
) -> MeetingConfig:
    """A meeting with one channel and one single-output booth per language.

    Used by the demo, tests and benchmarks that do not need a meeting file.
    """
    understood = booth_languages or {}
    return MeetingConfig(
        id=meeting_id,
        title=meeting_id.title(),
        channels=(ChannelConfig(FLOOR, None), *(ChannelConfig(lang, lang) for lang in languages)),
        booths=tuple(
            BoothConfig(
                lang, (lang,), understood.get(lang, tuple(x for x in languages if x != lang))
            )
            for lang in languages
        ),
        floor_language=floor_language,
        secret=secret,
    )
