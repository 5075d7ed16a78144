"""Listening to one channel: what the coordinator's and the listener's actions share.

Both windows play the channel chosen on one engine input
(:data:`~console.shell.model.LISTEN_INPUT`) and step through the meeting's
channels with a key; :class:`ListeningActions` does it for any model that
says which channels there are and which one is heard (:class:`Tuned`).
"""

from __future__ import annotations

from typing import Protocol, TypeVar

from audio.commands import SetInput
from console.shell.actions import ActionSet
from console.shell.model import LISTEN_INPUT


class Tuned(Protocol):
    """What both windows know about listening: the channels there are, the one heard."""

    @property
    def heard(self) -> str | None: ...

    def channel_ids(self) -> tuple[str, ...]: ...


T = TypeVar("T", bound=Tuned)


class ListeningActions(ActionSet[T]):
    """What both windows do with their one input: play a channel, step through them."""

    def listen(self, channel: str | None) -> None:
        self.submit(SetInput(LISTEN_INPUT, channel))

    def listen_to(self, value: object) -> None:
        """A channel chosen in a control (ignored unless the meeting has it)."""
        if isinstance(value, str) and value in self.model.channel_ids():
            self.listen(value)

    def cycle(self, step: int) -> None:
        """Listen to the channel ``step`` places from the one heard (the first when none)."""
        channels, heard = self.model.channel_ids(), self.model.heard
        if channels:
            at = channels.index(heard) + step if heard in channels else 0
            self.listen(channels[at % len(channels)])
