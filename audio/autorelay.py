"""Auto-relay for one engine input: :mod:`relay.auto` fed with the engine's meeting.

The engine (:mod:`audio.engine`) owns the I/O: it gives :class:`AutoInput`
the commands (:class:`~audio.commands.SetAutoRelay`, a manual
:class:`~audio.commands.SetInput` on the input) and every snapshot, and
plays the channel each returned :class:`~relay.auto.Decision` names. This
module holds the state in between, so the console and ``rsi-bot --listen
auto`` follow the same rules, and it says what changed as an
:class:`~audio.commands.AutoRelayChanged` event only when something did.

One input follows at a time (the relay input by default). The state
machine needs the booth, which only the welcome tells: asked for before
it, auto-relay starts at the welcome; after a lost connection it starts
again, as it was, at the next one.
"""

from __future__ import annotations

import logging

from audio.commands import AutoRelayChanged
from channels.session import CommandError, Meeting
from relay.auto import AutoRelay, Decision, describe
from relay.snapshot import SnapshotError, parse_struct
from relay.source import RelayError

log = logging.getLogger(__name__)


class AutoInput:
    """Which input auto-relay drives, and its :class:`~relay.auto.AutoRelay` once welcomed."""

    def __init__(self) -> None:
        self.index: int | None = None
        """The input auto-relay drives (auto on, or held by a manual choice); None: none."""
        self._auto = False
        self._relay: AutoRelay | None = None
        self._shown: tuple[int, str | None, bool, str] | None = None

    @property
    def decision(self) -> Decision | None:
        return self._relay.decision if self._relay is not None else None

    @property
    def auto(self) -> bool:
        """The driven input follows auto-relay now (not held by a manual choice)."""
        decision = self.decision
        return decision is not None and decision.auto

    def turn(self, on: bool, index: int, booth: str | None, meeting: Meeting | None) -> None:
        """:class:`~audio.commands.SetAutoRelay`. ``meeting`` None: not welcomed yet."""
        if not on:
            if index == self.index and self._relay is not None:
                self._relay.set_auto(False)  # the input keeps its source, as if chosen
            elif index == self.index:
                self.index = None
            self._auto = False
            return
        if meeting is not None and booth is None:
            raise CommandError(
                "auto-relay follows a booth's best source: only interpreters have one"
            )
        if index != self.index:
            self._relay = None  # it moves to another input: start afresh there
        self.index, self._auto = index, True
        if self._relay is not None:
            self._relay.set_auto(True)
        elif meeting is not None and booth is not None:
            self._relay = AutoRelay(booth, parse_struct(meeting))

    def chose(self, index: int, channel: str | None) -> bool:
        """A manual :class:`~audio.commands.SetInput`; True if it was on the driven input."""
        if index != self.index or self._relay is None:
            return False
        self._auto = False
        if channel is None:
            self.index, self._relay = None, None  # nothing chosen: auto-relay lets go
        else:
            self._relay.choose(channel)
        return True

    def update(self, booth: str | None, meeting: Meeting) -> Decision | None:
        """A snapshot (welcome or state): the decision for the driven input, if any."""
        if self.index is None or booth is None:
            return None
        try:
            snapshot = parse_struct(meeting)
            if self._relay is None:
                self._relay = AutoRelay(booth, snapshot, auto=self._auto)
            else:
                self._relay.update(snapshot)
        except (SnapshotError, RelayError):
            log.exception("auto-relay cannot use snapshot %d", meeting.version)
            return None
        self._auto = self._relay.decision.auto
        return self._relay.decision

    def lost(self) -> None:
        """The connection is gone: the next welcome starts auto again (the booth may differ).

        A manual choice needs nothing from auto-relay: the input keeps it.
        """
        self._relay = None
        self._shown = None
        if not self._auto:
            self.index = None

    def event(self, index: int, channel: str | None) -> AutoRelayChanged | None:
        """What to tell subscribers, when it differs from what they were last told."""
        decision = self.decision
        auto = decision.auto if decision is not None else False
        if decision is None:
            if self._auto:
                return None  # it starts at the welcome
            sentence = "auto-relay off: no channel chosen"
        else:
            sentence = describe(decision) if auto else f"auto-relay off; {describe(decision)}"
        shown = (index, channel, auto, sentence)
        if shown == self._shown:
            return None
        self._shown = shown
        return AutoRelayChanged(index, channel, auto, sentence, decision)
