"""The console's part in the meeting, without I/O: connection, air, listening set, auto-relay.

:class:`MeetingCore` holds what this console does in the meeting and checks
every meeting command against it: the connection (its session, the
``resume`` value, connecting again after a loss as :mod:`audio.reconnect`
decides), which channel each input is to play and which channels are
monitored (within the role's listening limit, make before break), which
booth source the auto-relay input follows, whether the microphone is on
air, taking the air or coughing, and the handover. It owns no socket, clock
or thread.

* **The air.** Sending starts on trust when the user takes the air or
  accepts a handover (the hub drops early packets harmlessly) and stops at
  once on mic off, cough, a refusal, or a snapshot showing us off air.
* **Auto-relay.** :class:`~audio.commands.SetAutoRelay` makes an input (the
  relay input by default) follow the booth's best source as the floor
  language and the air change (:mod:`audio.autorelay` over
  :mod:`relay.auto`), that source first in ``listen``; a manual
  :class:`~audio.commands.SetInput` on that input wins and turns auto off.
* **After a lost connection** it connects again, with backoff, until
  :class:`~audio.commands.Disconnect` or a failure retrying cannot cure
  (:mod:`audio.reconnect`). A connection for the same participant on the
  same hub presents the last ``resume`` value, so the hub gives the
  listening set back (a restarted hub cannot: the core asks for the
  channels again). The air is never taken back by itself.
* **A stalled link** (open, but the hub silent) is told within a second
  (:class:`~audio.reconnect.Liveness`), and its end too; the air stays.

The engine (:mod:`audio.engine`) feeds it

* the user's commands (:meth:`MeetingCore.command`),
* every event of the current link's session (:meth:`MeetingCore.receive_event`),
* when the link last heard the hub (:meth:`MeetingCore.heard`),
* what the inputs play now (:meth:`MeetingCore.receive_playing`),
* the time, once it passes :attr:`MeetingCore.deadline` (:meth:`MeetingCore.tick`),

and after each call carries out :meth:`MeetingCore.data_to_send` on the
link, hands :meth:`MeetingCore.events_to_emit` to its subscribers, and
makes the media side match the state: :attr:`~MeetingCore.selected` on the
inputs, receivers for :attr:`~MeetingCore.listening`, the microphone sending
as :attr:`~MeetingCore.air` says, with :attr:`~MeetingCore.ssrc`, and on
:attr:`~MeetingCore.own_voice` the microphone in place of our own voice
coming back from the hub. So every
rule is tested directly, in virtual time, against the hub's own state
machine.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from audio.autorelay import AutoInput
from audio.commands import (
    AirChanged,
    Chat,
    CommandRejected,
    Connect,
    Connecting,
    ConnectionFailed,
    Cough,
    Disconnect,
    Disconnected,
    Event,
    FloorLanguage,
    ForcedOff,
    ForceOff,
    Handover,
    HubError,
    Meeting,
    MeetingChanged,
    Mic,
    Monitor,
    SetAutoRelay,
    SetInput,
    Signal,
    Welcomed,
)
from audio.reconnect import Liveness, Reconnector
from channels import protocol as p
from channels.client import addresses
from channels.session import (
    CommandError,
    Phase,
    Request,
    RoundTrip,
    Session,
    SessionEvent,
)

TAKE_WINDOW_S: Final = 2.0
"""How long sending goes on trust after mic on or accept, before the hub confirms the air."""

MeetingCommand = (
    Connect
    | Disconnect
    | SetInput
    | SetAutoRelay
    | Monitor
    | Mic
    | Cough
    | Handover
    | Chat
    | Signal
    | FloorLanguage
    | ForceOff
)
"""The engine's commands that the meeting core carries out."""


@dataclass(frozen=True, slots=True)
class OpenLink:
    """Open a link to ``target`` for ``session`` (it says hello), and feed its events back."""

    session: Session
    target: Connect


@dataclass(frozen=True, slots=True)
class CloseLink:
    """Close the link (its session then ends with an event, as every session does)."""


LinkOutput = bytes | OpenLink | CloseLink
"""What :meth:`MeetingCore.data_to_send` asks of the link: a text frame, or an open or close."""


def checked_input(index: object, inputs: int) -> int:
    """``index`` if it names one of ``inputs`` inputs; CommandError otherwise."""
    if not isinstance(index, int) or not 0 <= index < inputs:
        raise CommandError(f"there is no input {index!r}: inputs are 0 to {inputs - 1}")
    return index


class MeetingCore:
    """One console's meeting state and rules, for ``inputs`` inputs. Feed it; drain it.

    ``client`` names this console in ``hello``, and ``platform`` the platform a gateway
    serves (None for every other role); ``reconnect`` decides about
    connecting again (tests pass one with a fixed backoff).
    """

    def __init__(
        self,
        inputs: int,
        *,
        client: str,
        platform: str | None = None,
        reconnect: Reconnector | None = None,
    ) -> None:
        self.session: Session | None = None
        """The session of the link, from its opening to its end; None while there is none."""
        self.selected: list[str | None] = [None] * inputs
        """The channel each input is to play (the engine's inputs switch to it)."""
        self.monitors: tuple[str, ...] = ()
        self.listening: list[str] = []
        """The channels to receive: the inputs' (the followed source first), the monitored
        ones, and a channel still playing while its input switches away (make before break)."""
        self.listen_sent: list[str] | None = None
        """The listening set the hub has (as welcomed, or as last asked); None: not connected."""
        self.air = AirChanged(None, False, False)
        """What the microphone does: send while ``air.sending``."""
        self.channel_of_ssrc: dict[int, str] = {}
        """Channel SSRC -> channel id, from the latest snapshot: how media is demultiplexed."""
        self.speakers: dict[int, str] = {}
        """SSRC -> who speaks (``CSRC[0]`` of a packet), from the latest snapshot."""
        self.reports = 0
        self._inputs = inputs
        self._client = client
        self._platform = platform
        self._reconnect = reconnect if reconnect is not None else Reconnector()
        self._liveness = Liveness()
        self._retry_at: float | None = None
        self._resumable: tuple[frozenset[str], str | None] | None = None
        """(hub address, participant) that :attr:`_resume` belongs to."""
        self._resume: str | None = None
        self._playing: tuple[str | None, ...] = (None,) * inputs
        self._autorelay = AutoInput()
        self._hub_air: str | None = None
        """The channel the latest snapshot shows us holding."""
        self._taking: tuple[str, float] | None = None
        """(channel, until when) we send on trust after mic on or accept."""
        self._releasing = False
        """We gave the air away (mic off, accepted a request): stop before the hub confirms."""
        self._cough = False
        self._data: list[LinkOutput] = []
        self._events: list[Event] = []

    # -- state ------------------------------------------------------------------------------

    @property
    def welcomed(self) -> bool:
        return self.session is not None and self.session.phase is Phase.WELCOMED

    @property
    def ssrc(self) -> int | None:
        """Our SSRC, once welcomed: the microphone's packets carry it."""
        me = self.session.me if self.session is not None else None
        return me.ssrc if me is not None else None

    @property
    def own_voice(self) -> int | None:
        """The input to play our microphone on instead of the hub's stream; None: every input
        plays the hub.

        It is the input that plays the channel we hold the air on (on trust
        too): the hub would send our own voice back on it, a round trip late.
        Play the microphone there, as the sidetone path takes it, at that
        input's volume and ear, while :attr:`air` is ``sending`` (a cough is
        silent there, as on the channel); keep the hub's stream running
        underneath, muted, so the input plays it again at once when the air
        goes (a handover: the partner is then heard from the hub).
        """
        channel = self.air.channel
        if channel is None:
            return None
        return next((i for i, chosen in enumerate(self.selected) if chosen == channel), None)

    @property
    def deadline(self) -> float:
        """When :meth:`tick` has something to do (``math.inf``: nothing)."""
        taking = self._taking[1] if self._taking is not None else math.inf
        retry = self._retry_at if self._retry_at is not None else math.inf
        return min(taking, retry, self._liveness.deadline)

    def silent_s(self, now: float) -> float | None:
        """While the link is stalled: how long the hub has said nothing. None otherwise."""
        return self._liveness.silent_s(now)

    # -- the way in ---------------------------------------------------------------------------

    def command(self, command: MeetingCommand, now: float) -> None:
        """Carry out one of the user's commands; then drain the outputs and match the media side.

        A command that cannot be carried out (not connected, not for this
        role, a channel the meeting lacks, over the listening limit...) comes
        out as :class:`CommandRejected` with a sentence for the user, after
        whatever it changed before it failed.
        """
        try:
            self._dispatch(command, now)
        except CommandError as exc:
            self._events.append(CommandRejected(command, str(exc)))

    def receive_event(self, event: SessionEvent, now: float) -> None:
        """One event of the link's session; then drain the outputs and match the media side.

        The end of a link (:class:`ConnectionFailed`, :class:`Disconnected`)
        forgets the session and the air; after a loss that reconnecting can
        cure, :attr:`deadline` says when to :meth:`tick` for the next attempt.
        """
        match event:
            case RoundTrip():
                pass
            case Welcomed(me=me, meeting=meeting):
                self._resume = self.session.resume if self.session is not None else None
                self._liveness.watch(now)
                self.listen_sent = list(me.listening)
                self._snapshot(meeting)
                self._sync_listen()
                self._events.append(event)
                back = self._reconnect.welcomed(me.resumed, tuple(self.listen_sent), now)
                if back is not None:
                    self._events.append(back)
                if self._cough and me.role == "interpreter":
                    self._send(Cough(on=True))  # the key is still held
                self._update_air()
            case MeetingChanged(meeting=meeting):
                self._events.append(event)
                self._snapshot(meeting)
            case HubError(ref=ref):
                if ref in ("mic", "handover"):  # what we did on trust did not happen
                    self._taking = None
                    self._releasing = False
                self._events.append(event)
                self._update_air()
            case ForcedOff():
                self._taking = None  # the snapshot that follows shows the air gone
                self._events.append(event)
            case ConnectionFailed() | Disconnected():
                self._ended(event, now)
            case _:
                self._events.append(event)

    def heard(self, at: float) -> bool:
        """The link last heard the hub at ``at`` (any bytes: media, a message, a pong).

        Feed it before each :meth:`tick`. True when a stall ended: then drain the outputs.
        """
        restored = self._liveness.heard(at)
        if restored is None:
            return False
        self._events.append(restored)
        return True

    def receive_playing(self, playing: Sequence[str | None]) -> None:
        """What each input plays now (the engine's switches complete in their own time).

        A channel that an input still plays while switching away stays in
        the listening set until it is no longer heard. Then drain the outputs.
        """
        self._playing = tuple(playing)
        self._sync_listen()

    def report(self, jitter_ms: float, loss: float, buffer_ms: float) -> bool:
        """Report these figures (and the round trip) to the hub if welcomed: True if so.

        Then drain the outputs.
        """
        session = self.session
        if session is None or not self.welcomed:
            return False
        self._data.append(session.report(session.rtt_ms or 0.0, jitter_ms, loss, buffer_ms))
        self.reports += 1
        return True

    def tick(self, now: float) -> None:
        """The time has passed :attr:`deadline`; then drain the outputs and match the media side.

        Sending on trust ends unless the hub confirmed the air; a connection
        lost is attempted again; a link that heard nothing for too long is stalled.
        """
        stalled = self._liveness.tick(now)
        if stalled is not None:
            self._events.append(stalled)
        if self._taking is not None and now > self._taking[1]:
            self._taking = None
            self._update_air()
        if self._retry_at is not None and now >= self._retry_at:
            self._retry_at = None
            target = self._reconnect.target
            if target is not None and self.session is None:
                try:
                    self._connect(target, retry=True)
                except CommandError as exc:  # cannot happen with a target that connected once
                    self._events.append(CommandRejected(target, str(exc)))

    def stop(self) -> None:
        """The engine stops: no more attempts (its shutdown closes the link)."""
        self._reconnect.leave()
        self._retry_at = None

    # -- the way out --------------------------------------------------------------------------

    def data_to_send(self) -> list[LinkOutput]:
        """What to do on the link, in order, since the last call.

        Send each text frame as it is; an :class:`OpenLink` opens the link
        (none is open then), a :class:`CloseLink` closes it.
        """
        data, self._data = self._data, []
        return data

    def events_to_emit(self) -> list[Event]:
        """The events for the engine's subscribers, in order, since the last call."""
        events, self._events = self._events, []
        return events

    # -- the connection -----------------------------------------------------------------------

    def _connect(self, target: Connect, *, retry: bool = False) -> None:
        if self.session is not None:
            raise CommandError("already connected to a meeting: disconnect first")
        session = Session(target.token, client=self._client, platform=self._platform)
        hub = frozenset(addresses(target.url))  # a cluster's edges, in any order
        if self._resumable == (hub, session.token_subject) and session.token_subject:
            session.resume = self._resume  # the same participant again: ask for its set back
        self._resumable = (hub, session.token_subject)
        self.session = session
        if not retry:
            self._retry_at = None
            self._reconnect.connecting(target)
            self._events.append(Connecting(target.url))
        self._data.append(OpenLink(session, target))

    def _leave(self) -> None:
        """Disconnect: from the meeting, or from the outage between two attempts."""
        waiting = self._reconnect.leave()
        self._retry_at = None
        if self.session is None and waiting is None:
            raise CommandError("not connected to a meeting")
        if self.session is not None:
            self._data.append(CloseLink())  # an attempt under way ends as cancelled
        if waiting is not None:
            self._events.append(waiting)

    def _ended(self, event: ConnectionFailed | Disconnected, now: float) -> None:
        if self.session is not None:
            self._resume = self.session.resume
        shown, delay = self._reconnect.ended(event, self.air.channel, now)
        self._liveness.forget()
        self._events.extend(shown)
        self.session = None
        self.channel_of_ssrc = {}
        self.speakers = {}
        self.listen_sent = None
        self._hub_air = None
        self._taking = None
        self._releasing = False
        self._autorelay.lost()
        self._update_air()
        if delay is not None:
            self._retry_at = now + delay

    # -- commands -----------------------------------------------------------------------------

    def _dispatch(self, command: MeetingCommand, now: float) -> None:
        match command:
            case Connect():
                self._connect(command)
            case Disconnect():
                self._leave()
            case SetInput(index=index, channel=channel):
                index = checked_input(index, self._inputs)
                self._make_way(index, channel)
                self._select(index, channel)
                if self._autorelay.chose(index, channel):  # a manual choice wins
                    self._show_autorelay(index)
                else:
                    self._follow_source()  # another input changed: what auto may play, too
            case SetAutoRelay(on=on, index=index):
                index = checked_input(index, self._inputs)
                session = self.session if self.welcomed else None
                me = session.me if session is not None else None
                meeting = session.meeting if session is not None else None
                self._autorelay.turn(on, index, me.booth if me is not None else None, meeting)
                self._follow_source()
            case Monitor(channels=channels):
                self._monitor(tuple(channels))
            case Mic(on=on, channel=channel):
                self._send(command)
                if on:
                    assert channel is not None  # the session refuses mic on without one
                    self._taking = (channel, now + TAKE_WINDOW_S)
                    self._releasing = False
                else:
                    self._taking = None
                    self._releasing = self._hub_air is not None
                self._update_air()
            case Cough(on=on):
                self._cough = bool(on)
                me = self.session.me if self.session is not None and self.welcomed else None
                if me is not None and me.role == "interpreter":
                    self._send(Cough(on=self._cough))  # others may only mute locally
                self._update_air()
            case Handover(action=action):
                self._send(command)
                if action == "accept":
                    self._accept(now)
            case _:
                self._send(command)

    def _send(self, message: Request) -> None:
        session = self.session
        if session is None or not self.welcomed:
            raise CommandError("not connected to a meeting")
        self._data.append(session.encode(message))

    def _accept(self, now: float) -> None:
        """We accepted a handover: stop at once when we give the air, start when we take it."""
        session = self.session
        me = session.me if session is not None else None
        meeting = session.meeting if session is not None else None
        if me is None or meeting is None:
            return
        booth = meeting.booth(me.booth)
        pending = booth.handover if booth is not None else None
        if booth is None or pending is None or pending.to != me.id or booth.live is None:
            return
        if booth.live == me.id:
            self._releasing = True
        else:
            channel = meeting.air_of(booth.live)
            if channel is not None:  # start sending before the state confirms
                self._taking = (channel, now + TAKE_WINDOW_S)
        self._update_air()

    # -- the inputs and the listening set -----------------------------------------------------

    def _select(self, index: int, channel: str | None) -> None:
        if channel == self.selected[index]:
            return
        if channel is not None:
            if not isinstance(channel, str) or not channel:
                raise CommandError(f"not a channel id: {channel!r}")
            for other, chosen in enumerate(self.selected):
                if other != index and chosen == channel:
                    raise CommandError(
                        f"channel {channel} already plays on input {other}: "
                        "route that input to both ears instead"
                    )
            self._check_channels([channel])
            selection = list(self.selected)
            selection[index] = channel
            self._check_limit(selection, self.monitors)
        self.selected[index] = channel
        self._sync_listen()

    def _monitor(self, channels: tuple[str, ...]) -> None:
        if not all(isinstance(ch, str) and ch for ch in channels):
            raise CommandError(f"not channel ids: {channels!r}")
        self._check_channels(list(channels))
        self._check_limit(self.selected, channels)
        self.monitors = tuple(dict.fromkeys(channels))
        self._sync_listen()

    def _check_channels(self, channels: list[str]) -> None:
        meeting = self.session.meeting if self.session is not None else None
        if meeting is None:
            return
        for channel in channels:
            if meeting.channel(channel) is None:
                raise CommandError(f"meeting {meeting.id!r} has no channel {channel!r}")

    def _check_limit(self, inputs: list[str | None], monitors: tuple[str, ...]) -> None:
        limit = self._listen_limit()
        wanted = list(dict.fromkeys([*(ch for ch in inputs if ch is not None), *monitors]))
        if limit is not None and len(wanted) > limit:
            raise CommandError(
                f"your role may listen to at most {limit} channel{'s' if limit > 1 else ''}, "
                f"and this would make {len(wanted)}"
            )

    def _listen_limit(self) -> int | None:
        me = self.session.me if self.session is not None else None
        return p.role(me.role).listen_limit if me is not None else None

    def _desired_listen(self) -> list[str]:
        base = [ch for ch in self.selected if ch is not None]
        base = list(dict.fromkeys([*base, *self.monitors]))
        followed = self._autorelay.decision
        if followed is not None and followed.source in base:  # the source leads (PROTOCOL.md)
            base.remove(followed.source)
            base.insert(0, followed.source)
        leaving = [
            playing
            for playing, chosen in zip(self._playing, self.selected, strict=True)
            if playing is not None and playing != chosen and playing not in base
        ]
        limit = self._listen_limit()
        if leaving and (limit is None or len(base) + len(leaving) <= limit):
            return base + leaving  # make before break: keep the old channel until the switch
        return base

    def _sync_listen(self) -> None:
        wanted = self._desired_listen()
        self.listening = wanted
        session = self.session
        if session is None or not self.welcomed or wanted == self.listen_sent:
            return
        try:
            self._data.append(session.encode(p.Listen(channels=wanted)))
        except CommandError as exc:  # e.g. an input chosen before connecting, unknown here
            self._events.append(CommandRejected(tuple(wanted), f"cannot listen: {exc}"))
        self.listen_sent = wanted

    # -- auto-relay ---------------------------------------------------------------------------

    def _follow_source(self) -> None:
        """Play on the auto-relay input what auto-relay decided; say so when it changed.

        The input plays nothing while another input plays the source already
        (the floor, on the floor input): a channel plays on one input only.
        """
        index, decision = self._autorelay.index, self._autorelay.decision
        if index is None:
            return
        if decision is not None and decision.auto:
            source = decision.source
            taken = any(ch == source for i, ch in enumerate(self.selected) if i != index)
            try:
                self._select(index, None if taken else source)
            except CommandError as exc:
                self._events.append(
                    CommandRejected(SetAutoRelay(True, index), f"auto-relay: {exc}")
                )
        self._show_autorelay(index)

    def _make_way(self, index: int, channel: str | None) -> None:
        """A channel chosen for another input leaves the auto-relay input (one input each)."""
        followed = self._autorelay.index
        if followed is None or followed == index or not self._autorelay.auto:
            return
        if channel is not None and self.selected[followed] == channel:
            self._select(followed, None)

    def _show_autorelay(self, index: int) -> None:
        event = self._autorelay.event(index, self.selected[index])
        if event is not None:
            self._events.append(event)

    # -- the air ------------------------------------------------------------------------------

    def _snapshot(self, meeting: Meeting) -> None:
        me = self.session.me if self.session is not None else None
        self.channel_of_ssrc = meeting.channel_ssrcs()
        self.speakers = meeting.speakers()
        air = meeting.air_of(me.id) if me is not None else None
        if air is not None:
            self._taking = None  # confirmed
        else:
            self._releasing = False  # the release is confirmed
        self._hub_air = air
        self._update_air()
        if self._autorelay.update(me.booth if me is not None else None, meeting) is not None:
            self._follow_source()

    def _update_air(self) -> None:
        channel = None
        if self.welcomed and not self._releasing:
            channel = self._hub_air or (self._taking[0] if self._taking is not None else None)
        air = AirChanged(channel, channel is not None and not self._cough, self._cough)
        if air != self.air:
            self.air = air
            self._events.append(air)
