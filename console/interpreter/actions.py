"""The interpreter's console's actions, on the one command path (:mod:`console.shell.actions`).

Each handler turns an action into engine commands (:mod:`audio.commands`,
handed to the :class:`~console.shell.bridge.EngineBridge`) and/or a change of the
console's local choices (:class:`~console.interpreter.model.ViewModel`); opening a
dialog and focusing the chat are the window's own (``ui_requested``). The
actions are declared in the order the shortcut editor lists them.

Cough is the one held action: it mutes exactly while its key (or button)
is down.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Final

from audio.commands import (
    AutoRelayChanged,
    Connect,
    Cough,
    Disconnect,
    Handover,
    HandoverAction,
    Mic,
    Monitor,
    SetAutoRelay,
    SetEar,
    SetInput,
    SetLeveller,
    SetTone,
    SetVolume,
)
from audio.commands import (
    Signal as SignalCommand,
)
from channels.meeting import FLOOR
from console.interpreter.model import (
    FLOOR_INPUT,
    PARTNER_INPUT,
    RELAY_INPUT,
    Air,
    Severity,
    Source,
    ViewModel,
)
from console.shell.actions import (
    QT_TRANSLATE_NOOP,
    ActionSet,
    CommandSink,
    EventLog,
    keyed,
    message_send,
    valued,
    window_action,
)
from console.shell.model import Connection
from console.shell.settings import Settings

VOLUME_STEP: Final = 0.05
TONE_STEP_DB: Final = 1.0
TONE_RANGE_DB: Final = 12.0
EARS: Final = ("both", "left", "right")
LEVELLED_INPUTS: Final = {FLOOR_INPUT: "floor", RELAY_INPUT: "relay", PARTNER_INPUT: "partner"}
"""The inputs with an even-level switch, and their names in the settings."""


def _hub_only(value: object) -> object:
    """A connect in the usability log: the hub, never the token."""
    return value.url if isinstance(value, Connect) else value


class Actions(ActionSet[ViewModel]):
    """The interpreter's actions: air, cough, outputs, floor and relay, handover, sound, chat."""

    ROLE = "interpreter"
    _after_disconnect: Connect | None = None
    """A connect that waits for the engine to leave the meeting it is in."""

    def __init__(
        self,
        bridge: CommandSink,
        model: ViewModel,
        *,
        settings: Settings | None = None,
        log: EventLog | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """As :class:`~console.shell.actions.ActionSet`; ``settings`` keep the even-level
        switches (on by default; in memory only without settings)."""
        super().__init__(bridge, model, log=log, clock=clock)
        self._store = settings
        self.levelled: dict[int, bool] = {
            index: settings.levelled(name) if settings is not None else True
            for index, name in LEVELLED_INPUTS.items()
        }
        """Even levels on each input (the engine's leveller), as the interpreter left them."""

    def sync(self) -> None:
        """Give the engine the local choices again (after a welcome: inputs, monitors, levels)."""
        self.submit(*(SetLeveller(index, on) for index, on in self.levelled.items()))
        if self.model.settings.auto:
            self.submit(SetAutoRelay(True, RELAY_INPUT))
        self._source()
        self._monitor()

    # -- the meeting's commands: one function each ------------------------------------------

    def _send_mic(self, channel: str | None) -> None:
        """Take the air on ``channel``, or leave it (None)."""
        self.submit(Mic(True, channel) if channel is not None else Mic(False))

    def _send_cough(self, on: bool) -> None:
        self.submit(Cough(on))

    def _send_handover(self, action: HandoverAction) -> None:
        """``offer``, ``request``, ``accept`` or ``cancel``, to the booth partner."""
        self.submit(Handover(action))

    # -- the air ---------------------------------------------------------------------------

    @keyed("air", QT_TRANSLATE_NOOP("Actions", "Microphone on / off"), "F1")
    def _air(self, pressed: bool, value: object) -> None:
        if self.model.air() is not Air.OFF:
            self._send_mic(None)
            return
        channel = self.model.output_channel()
        if channel is None:
            self.model.notice(self.clock(), Severity.WARNING, "no_output")
            return
        self._send_mic(channel)

    @keyed("cough", QT_TRANSLATE_NOOP("Actions", "Cough (hold)"), "F2", hold=True)
    def _cough(self, pressed: bool, value: object) -> None:
        self._send_cough(pressed)

    # -- outputs ---------------------------------------------------------------------------

    def _output(self, index: int) -> None:
        outputs = self.model.own_outputs()
        if not 0 <= index < len(outputs):
            return
        self.model.settings.output_index = index
        if self.model.air() is not Air.OFF:
            self._send_mic(outputs[index])  # the hub moves the air to the new channel
        if self.model.settings.partner_listen:
            self.submit(SetInput(PARTNER_INPUT, outputs[index]))

    @keyed("output_next", QT_TRANSLATE_NOOP("Actions", "Next output channel"), "F3")
    def _output_next(self, pressed: bool, value: object) -> None:
        count = len(self.model.own_outputs())
        if count:
            self._output((self.model.settings.output_index + 1) % count)

    @keyed("output_a", QT_TRANSLATE_NOOP("Actions", "Output A"), "Ctrl+1")
    def _output_a(self, pressed: bool, value: object) -> None:
        self._output(0)

    @keyed("output_b", QT_TRANSLATE_NOOP("Actions", "Output B"), "Ctrl+2")
    def _output_b(self, pressed: bool, value: object) -> None:
        self._output(1)

    @keyed("output_c", QT_TRANSLATE_NOOP("Actions", "Output C"), "Ctrl+3")
    def _output_c(self, pressed: bool, value: object) -> None:
        self._output(2)

    # -- what you hear: floor or relay -----------------------------------------------------

    def _source(self) -> None:
        """Floor: the floor input plays, the relay input is off; relay: the other way round,
        unless floor and relay have an ear each (split): then the floor plays on beside it.

        The new input starts before the old one stops, so there is never a gap.
        """
        model = self.model
        if model.settings.auto:
            return  # the engine moves the relay input itself (see on_auto)
        if model.settings.source is Source.RELAY and model.settings.relay_channel is not None:
            floor = FLOOR if model.split_ears() else None
            self.submit(
                SetInput(RELAY_INPUT, model.settings.relay_channel), SetInput(FLOOR_INPUT, floor)
            )
        else:
            self.submit(SetInput(FLOOR_INPUT, FLOOR), SetInput(RELAY_INPUT, None))

    def _monitor(self) -> None:
        """Floor and pre-selected relay always metered, whichever input plays."""
        wanted = (FLOOR, self.model.settings.relay_channel)
        self.submit(Monitor(tuple(ch for ch in wanted if ch is not None)))

    def _manual(self, source: Source) -> None:
        """A manual choice always wins over auto-relay."""
        settings = self.model.settings
        if settings.auto:
            settings.auto = False
            self.submit(SetAutoRelay(False, RELAY_INPUT))
        if source is Source.RELAY and settings.relay_channel is None:
            settings.relay_channel = self.model.default_relay()
        settings.source = source
        self._source()

    @keyed("source_floor", QT_TRANSLATE_NOOP("Actions", "Listen to the floor"), "F5")
    def _source_floor(self, pressed: bool, value: object) -> None:
        self._manual(Source.FLOOR)

    @keyed("source_relay", QT_TRANSLATE_NOOP("Actions", "Listen to the relay"), "F6")
    def _source_relay(self, pressed: bool, value: object) -> None:
        self._manual(Source.RELAY)

    def _relay(self, channel: str | None) -> None:
        if channel is None or channel == self.model.settings.relay_channel:
            return
        self.model.settings.relay_channel = channel
        if self.model.settings.source is Source.RELAY:
            self._source()
        self._monitor()

    def _step_relay(self, step: int) -> None:
        choices = self.model.relay_choices()
        if not choices:
            return
        current = self.model.settings.relay_channel
        index = choices.index(current) + step if current in choices else 0
        self._relay(choices[index % len(choices)])

    @keyed("relay_next", QT_TRANSLATE_NOOP("Actions", "Pre-select the next relay"), "F7")
    def _relay_next(self, pressed: bool, value: object) -> None:
        self._step_relay(1)

    @keyed(
        "relay_previous", QT_TRANSLATE_NOOP("Actions", "Pre-select the previous relay"), "Shift+F7"
    )
    def _relay_previous(self, pressed: bool, value: object) -> None:
        self._step_relay(-1)

    @valued("relay_set", QT_TRANSLATE_NOOP("Actions", "Pre-select a relay"))
    def _relay_set(self, pressed: bool, value: object) -> None:
        if isinstance(value, str) and value in self.model.relay_choices():
            self._relay(value)

    @keyed("auto_relay", QT_TRANSLATE_NOOP("Actions", "Auto-relay on/off"), "Ctrl+Shift+A")
    def _auto_relay(self, pressed: bool, value: object) -> None:
        settings = self.model.settings
        on = not settings.auto if value is None else bool(value)
        if on == settings.auto:
            return
        settings.auto = on
        self.submit(SetAutoRelay(on, RELAY_INPUT))
        if not on:
            self._source()

    def on_auto(self, event: AutoRelayChanged) -> None:
        """Auto-relay moved the relay input: the floor input plays only when it has nothing
        (or, split, in its own ear beside it).

        ``channel`` None means the source is the floor and the floor input plays it.
        """
        if not event.auto or event.index != RELAY_INPUT:
            return
        if event.channel is None:
            self.model.settings.source = Source.FLOOR
            self.submit(SetInput(FLOOR_INPUT, FLOOR))
        else:
            self.model.settings.source = Source.RELAY if event.channel != FLOOR else Source.FLOOR
            self.submit(SetInput(FLOOR_INPUT, FLOOR if self.model.split_ears() else None))
        self.changed.emit()

    # -- the booth -------------------------------------------------------------------------

    @keyed("handover_offer", QT_TRANSLATE_NOOP("Actions", "Offer the handover"), "F8")
    def _handover_offer(self, pressed: bool, value: object) -> None:
        self._send_handover("offer")

    @keyed("handover_request", QT_TRANSLATE_NOOP("Actions", "Request the handover"), "F9")
    def _handover_request(self, pressed: bool, value: object) -> None:
        self._send_handover("request")

    @keyed("handover_accept", QT_TRANSLATE_NOOP("Actions", "Accept the handover"), "F10")
    def _handover_accept(self, pressed: bool, value: object) -> None:
        self._send_handover("accept")

    @keyed("handover_cancel", QT_TRANSLATE_NOOP("Actions", "Cancel the handover"), "F11")
    def _handover_cancel(self, pressed: bool, value: object) -> None:
        self._send_handover("cancel")

    @keyed("slow_down", QT_TRANSLATE_NOOP("Actions", "Ask the speaker to slow down"), "F12")
    def _slow_down(self, pressed: bool, value: object) -> None:
        if self.bridge.submit(SignalCommand("slow_down")):
            self.model.notice(self.clock(), Severity.INFO, "slow_down_sent")

    # -- sound -----------------------------------------------------------------------------

    def _volume(self, position: float) -> None:
        """What you hear (floor or relay: one knob for both, as on a desk); with an ear
        each (split), the floor's alone."""
        position = _knob(position)
        self.model.settings.volume = position
        if self.model.split_ears():
            self.submit(SetVolume(FLOOR_INPUT, position))
        else:
            self.submit(SetVolume(FLOOR_INPUT, position), SetVolume(RELAY_INPUT, position))

    def _relay_volume(self, position: float) -> None:
        """The relay's own volume with an ear each (split); otherwise the one volume."""
        if not self.model.split_ears():
            self._volume(position)
            return
        self.model.settings.relay_volume = _knob(position)
        self.submit(SetVolume(RELAY_INPUT, self.model.settings.relay_volume))

    @keyed("volume_up", QT_TRANSLATE_NOOP("Actions", "Volume up"), "Ctrl+Up")
    def _volume_up(self, pressed: bool, value: object) -> None:
        self._volume(self.model.settings.volume + VOLUME_STEP)

    @keyed("volume_down", QT_TRANSLATE_NOOP("Actions", "Volume down"), "Ctrl+Down")
    def _volume_down(self, pressed: bool, value: object) -> None:
        self._volume(self.model.settings.volume - VOLUME_STEP)

    @valued("volume_set", QT_TRANSLATE_NOOP("Actions", "Set the volume"))
    def _volume_set(self, pressed: bool, value: object) -> None:
        self._volume(_number(value))

    @keyed(
        "relay_volume_up",
        QT_TRANSLATE_NOOP("Actions", "Relay volume up (floor and relay in an ear each)"),
        "Ctrl+Shift+Up",
    )
    def _relay_volume_up(self, pressed: bool, value: object) -> None:
        self._relay_volume(self._relay_knob() + VOLUME_STEP)

    @keyed(
        "relay_volume_down",
        QT_TRANSLATE_NOOP("Actions", "Relay volume down (floor and relay in an ear each)"),
        "Ctrl+Shift+Down",
    )
    def _relay_volume_down(self, pressed: bool, value: object) -> None:
        self._relay_volume(self._relay_knob() - VOLUME_STEP)

    @valued("relay_volume_set", QT_TRANSLATE_NOOP("Actions", "Set the relay volume"))
    def _relay_volume_set(self, pressed: bool, value: object) -> None:
        self._relay_volume(_number(value))

    def _relay_knob(self) -> float:
        """The knob that plays the relay now: its own when split, else the one volume."""
        settings = self.model.settings
        return settings.relay_volume if self.model.split_ears() else settings.volume

    def _tone(self, bass: float, treble: float) -> None:
        settings = self.model.settings
        settings.bass_db = min(TONE_RANGE_DB, max(-TONE_RANGE_DB, round(bass, 1)))
        settings.treble_db = min(TONE_RANGE_DB, max(-TONE_RANGE_DB, round(treble, 1)))
        self.submit(SetTone(settings.bass_db, settings.treble_db))

    @keyed("bass_up", QT_TRANSLATE_NOOP("Actions", "Bass up"), "Ctrl+B")
    def _bass_up(self, pressed: bool, value: object) -> None:
        s = self.model.settings
        self._tone(s.bass_db + TONE_STEP_DB, s.treble_db)

    @keyed("bass_down", QT_TRANSLATE_NOOP("Actions", "Bass down"), "Ctrl+Shift+B")
    def _bass_down(self, pressed: bool, value: object) -> None:
        s = self.model.settings
        self._tone(s.bass_db - TONE_STEP_DB, s.treble_db)

    @valued("bass_set", QT_TRANSLATE_NOOP("Actions", "Set the bass"))
    def _bass_set(self, pressed: bool, value: object) -> None:
        self._tone(_number(value), self.model.settings.treble_db)

    @keyed("treble_up", QT_TRANSLATE_NOOP("Actions", "Treble up"), "Ctrl+T")
    def _treble_up(self, pressed: bool, value: object) -> None:
        s = self.model.settings
        self._tone(s.bass_db, s.treble_db + TONE_STEP_DB)

    @keyed("treble_down", QT_TRANSLATE_NOOP("Actions", "Treble down"), "Ctrl+Shift+T")
    def _treble_down(self, pressed: bool, value: object) -> None:
        s = self.model.settings
        self._tone(s.bass_db, s.treble_db - TONE_STEP_DB)

    @valued("treble_set", QT_TRANSLATE_NOOP("Actions", "Set the treble"))
    def _treble_set(self, pressed: bool, value: object) -> None:
        self._tone(self.model.settings.bass_db, _number(value))

    def _ear(self, index: int, ear: str) -> None:
        if ear not in EARS:
            return
        settings = self.model.settings
        was_split = self.model.split_ears()
        if index == FLOOR_INPUT:
            settings.floor_ear = ear
        elif index == RELAY_INPUT:
            settings.relay_ear = ear
        else:
            settings.partner_ear = ear
        self.submit(SetEar(index, ear))
        split = self.model.split_ears()
        if split != was_split:
            # An ear each: the relay starts from the one volume and plays beside the floor;
            # back to one ear, the one volume serves both again and the floor gives way.
            settings.relay_volume = settings.volume
            self.submit(SetVolume(RELAY_INPUT, settings.volume))
            if settings.auto:  # the engine holds the relay input: only the floor's changes
                alone = self.model.inputs.get(RELAY_INPUT) is None
                self.submit(SetInput(FLOOR_INPUT, FLOOR if split or alone else None))
            else:
                self._source()

    @keyed(
        "ear_next",
        QT_TRANSLATE_NOOP("Actions", "Ear of what you hear: both, left, right"),
        "Ctrl+E",
    )
    def _ear_next(self, pressed: bool, value: object) -> None:
        settings = self.model.settings
        if settings.source is Source.RELAY:
            self._ear(RELAY_INPUT, _next_ear(settings.relay_ear))
        else:
            self._ear(FLOOR_INPUT, _next_ear(settings.floor_ear))

    @valued("floor_ear_set", QT_TRANSLATE_NOOP("Actions", "Set the floor ear"))
    def _floor_ear_set(self, pressed: bool, value: object) -> None:
        self._ear(FLOOR_INPUT, str(value))

    @valued("relay_ear_set", QT_TRANSLATE_NOOP("Actions", "Set the relay ear"))
    def _relay_ear_set(self, pressed: bool, value: object) -> None:
        self._ear(RELAY_INPUT, str(value))

    def _level(self, index: int, value: object) -> None:
        """Even levels on input ``index``: switched (``value`` None) or set."""
        on = not self.levelled[index] if value is None else bool(value)
        self.levelled[index] = on
        if self._store is not None:
            self._store.set_levelled(LEVELLED_INPUTS[index], on)
        self.submit(SetLeveller(index, on))

    @keyed("floor_level", QT_TRANSLATE_NOOP("Actions", "Even level of the floor on/off"), "Ctrl+L")
    def _floor_level(self, pressed: bool, value: object) -> None:
        self._level(FLOOR_INPUT, value)

    @keyed(
        "relay_level",
        QT_TRANSLATE_NOOP("Actions", "Even level of the relay on/off"),
        "Alt+L",
    )
    def _relay_level(self, pressed: bool, value: object) -> None:
        self._level(RELAY_INPUT, value)

    @keyed(
        "partner_level",
        QT_TRANSLATE_NOOP("Actions", "Even level of the booth partner on/off"),
        "Alt+P",
    )
    def _partner_level(self, pressed: bool, value: object) -> None:
        self._level(PARTNER_INPUT, value)

    # -- the booth partner's output ----------------------------------------------------------

    @keyed(
        "partner_listen", QT_TRANSLATE_NOOP("Actions", "Hear the booth partner on/off"), "Ctrl+P"
    )
    def _partner_listen(self, pressed: bool, value: object) -> None:
        settings = self.model.settings
        settings.partner_listen = not settings.partner_listen if value is None else bool(value)
        channel = self.model.output_channel() if settings.partner_listen else None
        self.submit(SetInput(PARTNER_INPUT, channel))

    def _partner_volume(self, position: float) -> None:
        position = _knob(position)
        self.model.settings.partner_volume = position
        self.submit(SetVolume(PARTNER_INPUT, position))

    @keyed("partner_volume_up", QT_TRANSLATE_NOOP("Actions", "Partner volume up"), "Ctrl+PgUp")
    def _partner_volume_up(self, pressed: bool, value: object) -> None:
        self._partner_volume(self.model.settings.partner_volume + VOLUME_STEP)

    @keyed(
        "partner_volume_down", QT_TRANSLATE_NOOP("Actions", "Partner volume down"), "Ctrl+PgDown"
    )
    def _partner_volume_down(self, pressed: bool, value: object) -> None:
        self._partner_volume(self.model.settings.partner_volume - VOLUME_STEP)

    @valued("partner_volume_set", QT_TRANSLATE_NOOP("Actions", "Set the partner volume"))
    def _partner_volume_set(self, pressed: bool, value: object) -> None:
        self._partner_volume(_number(value))

    @keyed(
        "partner_ear_next",
        QT_TRANSLATE_NOOP("Actions", "Partner ear: both, left, right"),
        "Ctrl+Shift+E",
    )
    def _partner_ear_next(self, pressed: bool, value: object) -> None:
        self._ear(PARTNER_INPUT, _next_ear(self.model.settings.partner_ear))

    @valued("partner_ear_set", QT_TRANSLATE_NOOP("Actions", "Set the partner ear"))
    def _partner_ear_set(self, pressed: bool, value: object) -> None:
        self._ear(PARTNER_INPUT, str(value))

    # -- messages, the meeting, settings -----------------------------------------------------

    _focus_chat = window_action(
        "focus_chat", QT_TRANSLATE_NOOP("Actions", "Write a message"), "Ctrl+M"
    )

    @keyed("messages_read", QT_TRANSLATE_NOOP("Actions", "Mark messages as read"), "Ctrl+Shift+M")
    def _messages_read(self, pressed: bool, value: object) -> None:
        self.model.mark_read()

    _message_send = message_send

    _connect = window_action(
        "connect", QT_TRANSLATE_NOOP("Actions", "Connect to a meeting"), "Ctrl+O"
    )
    _settings = window_action("settings", QT_TRANSLATE_NOOP("Actions", "Settings"), "Ctrl+,")
    _headset_check = window_action(
        "headset_check", QT_TRANSLATE_NOOP("Actions", "Headset check"), "Ctrl+Shift+H"
    )
    _sound_check = window_action(
        "sound_check",
        QT_TRANSLATE_NOOP("Actions", "Sound check: headset, microphone, level"),
        "Ctrl+Shift+C",
    )
    _theme_next = window_action(
        "theme_next",
        QT_TRANSLATE_NOOP("Actions", "Next theme: light, dark, high contrast"),
        "Ctrl+Shift+L",
    )
    _keys = window_action(
        "keys", QT_TRANSLATE_NOOP("Actions", "Keyboard shortcuts"), "Ctrl+Shift+K"
    )
    _about = window_action("about", QT_TRANSLATE_NOOP("Actions", "About the RSI console"), "")

    @valued(
        "meeting_connect", QT_TRANSLATE_NOOP("Actions", "Connect to a meeting"), logged=_hub_only
    )
    def _meeting_connect(self, pressed: bool, value: object) -> None:
        """Carry out a Connect; leave the meeting first if in one (then connect on the way)."""
        if not isinstance(value, Connect):
            raise TypeError("meeting_connect takes a Connect command")
        command = value
        if self.model.connection in (Connection.OFFLINE, Connection.FAILED, Connection.LOST):
            self.submit(command)
        else:
            self._after_disconnect = command
            self.submit(Disconnect())

    def on_disconnected(self) -> None:
        """The engine left the meeting: carry out a connect that waited for it."""
        command, self._after_disconnect = self._after_disconnect, None
        if command is not None:
            self.submit(command)


def _knob(position: float) -> float:
    """A volume knob's position, rounded and within 0..1."""
    return min(1.0, max(0.0, round(position, 3)))


def _number(value: object) -> float:
    if not isinstance(value, int | float):
        raise TypeError(f"a number is needed, not {value!r}")
    return float(value)


def _next_ear(ear: str) -> str:
    return EARS[(EARS.index(ear) + 1) % len(EARS)] if ear in EARS else EARS[0]
