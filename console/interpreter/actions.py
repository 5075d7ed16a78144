"""The interpreter's console's actions, on the one command path (:mod:`console.shell.actions`).

Each handler turns an action into engine commands (:mod:`audio.commands`,
handed to the :class:`~console.shell.bridge.EngineBridge`) and/or a change of the
console's local choices (:class:`~console.interpreter.model.ViewModel`); opening a
dialog and focusing the chat are the window's own (``ui_requested``).

Cough is the one held action: it mutes exactly while its key (or button)
is down.
"""

from __future__ import annotations

from typing import Final

from audio.commands import (
    AutoRelayChanged,
    Connect,
    Cough,
    Disconnect,
    Handover,
    Mic,
    Monitor,
    SetAutoRelay,
    SetEar,
    SetInput,
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
from console.shell.actions import QT_TRANSLATE_NOOP, ActionSet, ActionSpec, keyed, valued
from console.shell.model import Connection

VOLUME_STEP: Final = 0.05
TONE_STEP_DB: Final = 1.0
TONE_RANGE_DB: Final = 12.0
EARS: Final = ("both", "left", "right")

ACTIONS: Final[tuple[ActionSpec, ...]] = (
    keyed("air", QT_TRANSLATE_NOOP("Actions", "Microphone on / off"), "F1"),
    keyed("cough", QT_TRANSLATE_NOOP("Actions", "Cough (hold)"), "F2", hold=True),
    keyed("output_next", QT_TRANSLATE_NOOP("Actions", "Next output channel"), "F3"),
    keyed("output_a", QT_TRANSLATE_NOOP("Actions", "Output A"), "Ctrl+1"),
    keyed("output_b", QT_TRANSLATE_NOOP("Actions", "Output B"), "Ctrl+2"),
    keyed("output_c", QT_TRANSLATE_NOOP("Actions", "Output C"), "Ctrl+3"),
    keyed("source_floor", QT_TRANSLATE_NOOP("Actions", "Listen to the floor"), "F5"),
    keyed("source_relay", QT_TRANSLATE_NOOP("Actions", "Listen to the relay"), "F6"),
    keyed("relay_next", QT_TRANSLATE_NOOP("Actions", "Pre-select the next relay"), "F7"),
    keyed(
        "relay_previous", QT_TRANSLATE_NOOP("Actions", "Pre-select the previous relay"), "Shift+F7"
    ),
    keyed("auto_relay", QT_TRANSLATE_NOOP("Actions", "Auto-relay on/off"), "Ctrl+Shift+A"),
    keyed("handover_offer", QT_TRANSLATE_NOOP("Actions", "Offer the handover"), "F8"),
    keyed("handover_request", QT_TRANSLATE_NOOP("Actions", "Request the handover"), "F9"),
    keyed("handover_accept", QT_TRANSLATE_NOOP("Actions", "Accept the handover"), "F10"),
    keyed("handover_cancel", QT_TRANSLATE_NOOP("Actions", "Cancel the handover"), "F11"),
    keyed("slow_down", QT_TRANSLATE_NOOP("Actions", "Ask the chair to slow down"), "F12"),
    keyed("volume_up", QT_TRANSLATE_NOOP("Actions", "Volume up"), "Ctrl+Up"),
    keyed("volume_down", QT_TRANSLATE_NOOP("Actions", "Volume down"), "Ctrl+Down"),
    keyed("bass_up", QT_TRANSLATE_NOOP("Actions", "Bass up"), "Ctrl+B"),
    keyed("bass_down", QT_TRANSLATE_NOOP("Actions", "Bass down"), "Ctrl+Shift+B"),
    keyed("treble_up", QT_TRANSLATE_NOOP("Actions", "Treble up"), "Ctrl+T"),
    keyed("treble_down", QT_TRANSLATE_NOOP("Actions", "Treble down"), "Ctrl+Shift+T"),
    keyed(
        "ear_next",
        QT_TRANSLATE_NOOP("Actions", "Ear of what you hear: both, left, right"),
        "Ctrl+E",
    ),
    keyed(
        "partner_listen", QT_TRANSLATE_NOOP("Actions", "Hear the booth partner on/off"), "Ctrl+P"
    ),
    keyed("partner_volume_up", QT_TRANSLATE_NOOP("Actions", "Partner volume up"), "Ctrl+PgUp"),
    keyed(
        "partner_volume_down", QT_TRANSLATE_NOOP("Actions", "Partner volume down"), "Ctrl+PgDown"
    ),
    keyed(
        "partner_ear_next",
        QT_TRANSLATE_NOOP("Actions", "Partner ear: both, left, right"),
        "Ctrl+Shift+E",
    ),
    keyed("focus_chat", QT_TRANSLATE_NOOP("Actions", "Write a message"), "Ctrl+M"),
    keyed("messages_read", QT_TRANSLATE_NOOP("Actions", "Mark messages as read"), "Ctrl+Shift+M"),
    keyed("connect", QT_TRANSLATE_NOOP("Actions", "Connect to a meeting"), "Ctrl+O"),
    keyed("settings", QT_TRANSLATE_NOOP("Actions", "Settings"), "Ctrl+,"),
    # Actions with a value, driven by controls (sliders, the message box); no key.
    valued("volume_set", QT_TRANSLATE_NOOP("Actions", "Set the volume")),
    valued("partner_volume_set", QT_TRANSLATE_NOOP("Actions", "Set the partner volume")),
    valued("bass_set", QT_TRANSLATE_NOOP("Actions", "Set the bass")),
    valued("treble_set", QT_TRANSLATE_NOOP("Actions", "Set the treble")),
    valued("floor_ear_set", QT_TRANSLATE_NOOP("Actions", "Set the floor ear")),
    valued("relay_ear_set", QT_TRANSLATE_NOOP("Actions", "Set the relay ear")),
    valued("partner_ear_set", QT_TRANSLATE_NOOP("Actions", "Set the partner ear")),
    valued("relay_set", QT_TRANSLATE_NOOP("Actions", "Pre-select a relay")),
    valued("message_send", QT_TRANSLATE_NOOP("Actions", "Send a message")),
    valued("meeting_connect", QT_TRANSLATE_NOOP("Actions", "Connect to a meeting")),
)


class Actions(ActionSet[ViewModel]):
    """The interpreter's actions: air, cough, outputs, floor and relay, handover, sound, chat."""

    ROLE = "interpreter"
    SPECS = ACTIONS
    UI = frozenset({"focus_chat", "connect", "settings"})
    _after_disconnect: Connect | None = None
    """A connect that waits for the engine to leave the meeting it is in."""

    def sync(self) -> None:
        """Give the engine the local choices again (after a welcome: inputs, monitors)."""
        if self.model.settings.auto:
            self.submit(SetAutoRelay(True, RELAY_INPUT))
        self._source()
        self._monitor()

    # -- handlers ------------------------------------------------------------------------------

    def _do_air(self, pressed: bool, value: object) -> None:
        if self.model.air() is not Air.OFF:
            self.submit(Mic(False))
            return
        channel = self.model.output_channel()
        if channel is None:
            self.model.notice(self.clock(), Severity.WARNING, "no_output")
            return
        self.submit(Mic(True, channel))

    def _do_cough(self, pressed: bool, value: object) -> None:
        self.submit(Cough(pressed))

    def _output(self, index: int) -> None:
        outputs = self.model.own_outputs()
        if not 0 <= index < len(outputs):
            return
        self.model.settings.output_index = index
        if self.model.air() is not Air.OFF:
            self.submit(Mic(True, outputs[index]))  # the hub moves the air to the new channel
        if self.model.settings.partner_listen:
            self.submit(SetInput(PARTNER_INPUT, outputs[index]))

    def _do_output_a(self, pressed: bool, value: object) -> None:
        self._output(0)

    def _do_output_b(self, pressed: bool, value: object) -> None:
        self._output(1)

    def _do_output_c(self, pressed: bool, value: object) -> None:
        self._output(2)

    def _do_output_next(self, pressed: bool, value: object) -> None:
        count = len(self.model.own_outputs())
        if count:
            self._output((self.model.settings.output_index + 1) % count)

    def _source(self) -> None:
        """Floor: the floor input plays, the relay input is off; relay: the other way round.

        The new input starts before the old one stops, so there is never a gap.
        """
        model = self.model
        if model.settings.auto:
            return  # the engine moves the relay input itself (see on_auto)
        if model.settings.source is Source.RELAY and model.settings.relay_channel is not None:
            self.submit(
                SetInput(RELAY_INPUT, model.settings.relay_channel), SetInput(FLOOR_INPUT, None)
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

    def _do_source_floor(self, pressed: bool, value: object) -> None:
        self._manual(Source.FLOOR)

    def _do_source_relay(self, pressed: bool, value: object) -> None:
        self._manual(Source.RELAY)

    def _do_auto_relay(self, pressed: bool, value: object) -> None:
        settings = self.model.settings
        on = not settings.auto if value is None else bool(value)
        if on == settings.auto:
            return
        settings.auto = on
        self.submit(SetAutoRelay(on, RELAY_INPUT))
        if not on:
            self._source()

    def on_auto(self, event: AutoRelayChanged) -> None:
        """Auto-relay moved the relay input: the floor input plays only when it has nothing.

        ``channel`` None means the source is the floor and the floor input plays it.
        """
        if not event.auto or event.index != RELAY_INPUT:
            return
        if event.channel is None:
            self.model.settings.source = Source.FLOOR
            self.submit(SetInput(FLOOR_INPUT, FLOOR))
        else:
            self.model.settings.source = Source.RELAY if event.channel != FLOOR else Source.FLOOR
            self.submit(SetInput(FLOOR_INPUT, None))
        self.changed.emit()

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

    def _do_relay_next(self, pressed: bool, value: object) -> None:
        self._step_relay(1)

    def _do_relay_previous(self, pressed: bool, value: object) -> None:
        self._step_relay(-1)

    def _do_relay_set(self, pressed: bool, value: object) -> None:
        if isinstance(value, str) and value in self.model.relay_choices():
            self._relay(value)

    def _handover(self, action: str) -> None:
        self.submit(Handover(action))

    def _do_handover_offer(self, pressed: bool, value: object) -> None:
        self._handover("offer")

    def _do_handover_request(self, pressed: bool, value: object) -> None:
        self._handover("request")

    def _do_handover_accept(self, pressed: bool, value: object) -> None:
        self._handover("accept")

    def _do_handover_cancel(self, pressed: bool, value: object) -> None:
        self._handover("cancel")

    def _do_slow_down(self, pressed: bool, value: object) -> None:
        if self.bridge.submit(SignalCommand("slow_down")):
            self.model.notice(self.clock(), Severity.INFO, "slow_down_sent")

    def _volume(self, position: float) -> None:
        """What you hear (floor or relay: one knob for both, as on a desk)."""
        position = min(1.0, max(0.0, round(position, 3)))
        self.model.settings.volume = position
        self.submit(SetVolume(FLOOR_INPUT, position), SetVolume(RELAY_INPUT, position))

    def _partner_volume(self, position: float) -> None:
        position = min(1.0, max(0.0, round(position, 3)))
        self.model.settings.partner_volume = position
        self.submit(SetVolume(PARTNER_INPUT, position))

    def _do_volume_up(self, pressed: bool, value: object) -> None:
        self._volume(self.model.settings.volume + VOLUME_STEP)

    def _do_volume_down(self, pressed: bool, value: object) -> None:
        self._volume(self.model.settings.volume - VOLUME_STEP)

    def _do_volume_set(self, pressed: bool, value: object) -> None:
        self._volume(_number(value))

    def _do_partner_volume_up(self, pressed: bool, value: object) -> None:
        self._partner_volume(self.model.settings.partner_volume + VOLUME_STEP)

    def _do_partner_volume_down(self, pressed: bool, value: object) -> None:
        self._partner_volume(self.model.settings.partner_volume - VOLUME_STEP)

    def _do_partner_volume_set(self, pressed: bool, value: object) -> None:
        self._partner_volume(_number(value))

    def _tone(self, bass: float, treble: float) -> None:
        settings = self.model.settings
        settings.bass_db = min(TONE_RANGE_DB, max(-TONE_RANGE_DB, round(bass, 1)))
        settings.treble_db = min(TONE_RANGE_DB, max(-TONE_RANGE_DB, round(treble, 1)))
        self.submit(SetTone(settings.bass_db, settings.treble_db))

    def _do_bass_up(self, pressed: bool, value: object) -> None:
        s = self.model.settings
        self._tone(s.bass_db + TONE_STEP_DB, s.treble_db)

    def _do_bass_down(self, pressed: bool, value: object) -> None:
        s = self.model.settings
        self._tone(s.bass_db - TONE_STEP_DB, s.treble_db)

    def _do_bass_set(self, pressed: bool, value: object) -> None:
        self._tone(_number(value), self.model.settings.treble_db)

    def _do_treble_up(self, pressed: bool, value: object) -> None:
        s = self.model.settings
        self._tone(s.bass_db, s.treble_db + TONE_STEP_DB)

    def _do_treble_down(self, pressed: bool, value: object) -> None:
        s = self.model.settings
        self._tone(s.bass_db, s.treble_db - TONE_STEP_DB)

    def _do_treble_set(self, pressed: bool, value: object) -> None:
        self._tone(self.model.settings.bass_db, _number(value))

    def _ear(self, index: int, ear: str) -> None:
        if ear not in EARS:
            return
        settings = self.model.settings
        if index == FLOOR_INPUT:
            settings.floor_ear = ear
        elif index == RELAY_INPUT:
            settings.relay_ear = ear
        else:
            settings.partner_ear = ear
        self.submit(SetEar(index, ear))

    def _do_ear_next(self, pressed: bool, value: object) -> None:
        settings = self.model.settings
        if settings.source is Source.RELAY:
            self._ear(RELAY_INPUT, _next_ear(settings.relay_ear))
        else:
            self._ear(FLOOR_INPUT, _next_ear(settings.floor_ear))

    def _do_floor_ear_set(self, pressed: bool, value: object) -> None:
        self._ear(FLOOR_INPUT, str(value))

    def _do_relay_ear_set(self, pressed: bool, value: object) -> None:
        self._ear(RELAY_INPUT, str(value))

    def _do_partner_ear_next(self, pressed: bool, value: object) -> None:
        self._ear(PARTNER_INPUT, _next_ear(self.model.settings.partner_ear))

    def _do_partner_ear_set(self, pressed: bool, value: object) -> None:
        self._ear(PARTNER_INPUT, str(value))

    def _do_partner_listen(self, pressed: bool, value: object) -> None:
        settings = self.model.settings
        settings.partner_listen = not settings.partner_listen if value is None else bool(value)
        channel = self.model.output_channel() if settings.partner_listen else None
        self.submit(SetInput(PARTNER_INPUT, channel))

    def _do_meeting_connect(self, pressed: bool, value: object) -> None:
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

    def _do_messages_read(self, pressed: bool, value: object) -> None:
        self.model.mark_read()


def _number(value: object) -> float:
    if not isinstance(value, int | float):
        raise TypeError(f"a number is needed, not {value!r}")
    return float(value)


def _next_ear(ear: str) -> str:
    return EARS[(EARS.index(ear) + 1) % len(EARS)] if ear in EARS else EARS[0]
