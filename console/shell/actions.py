"""The one command path: every user action of every window, whoever triggers it.

A button, a keyboard shortcut, a test and the usability log all go through
:meth:`ActionSet.trigger` with an action's id. Each window has one action
set built on :class:`ActionSet`: the interpreter's
(:class:`console.interpreter.actions.Actions`), the coordinator's
(:class:`console.coordinator.actions.CoordinatorActions`) and the listener's
(:class:`console.listener.actions.ListenerActions`).

A set declares each action on the method that carries it out, so its id,
label, default key and handler are written in one place::

    @keyed("air", QT_TRANSLATE_NOOP("Actions", "Microphone on / off"), "F1")
    def _air(self, pressed: bool, value: object) -> None: ...

The decorator (:func:`keyed`, or :func:`valued` for an action a control
gives a value) turns the method into the action's :class:`ActionSpec`, and
the class lists its specs in :attr:`ActionSet.SPECS` in the order they are
written (the order of the shortcut editor). A handler hands engine commands
(:mod:`audio.commands`) to the bridge and/or changes the window's local
state. An action the window carries out itself (open a dialog, focus a
field) is declared with :func:`window_action` and comes back as
``ui_requested``. The id is what the user's keys and the usability log
know: it stays when the method is renamed.

Shortcuts are application-wide (``Qt.ApplicationShortcut``): interpreters
and coordinators watch the speaker or the meeting, not the screen, so a key
must work whatever has focus. A *held* action (the interpreter's cough) is
not a shortcut: an application event filter sees its key go down and up
before any widget does, ignores auto-repeat, and triggers the action with
``pressed`` True, then False. The user's own keys (:mod:`console.shell.settings`,
kept per window role) replace the defaults.

With ``--event-log FILE`` every action and every key state change of a held
action is appended to FILE as one JSON object per line (wall-clock ``t``,
monotonic ``mono``), for AIIC usability testers to replay a session. Tokens
and the text of messages are never written to it (an action's ``logged``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, ClassVar, Final, Generic, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QKeyCombination, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from audio.commands import Chat, Command
from console.shell.i18n import QT_TRANSLATE_NOOP as QT_TRANSLATE_NOOP
from console.shell.settings import Settings

CONTEXT: Final = "Actions"
"""Translation context of every action label."""

Handler = Callable[[Any, bool, object], None]
"""A method of an action set: ``handler(self, pressed, value)``."""


def _as_is(value: object) -> object:
    return value


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One user action. ``label`` is English source text, translated in context "Actions"."""

    id: str
    label: str
    default_key: str = ""
    """Portable QKeySequence text; "" when the action has no key by default."""
    hold: bool = False
    """Active while the key is held (press: on, release: off)."""
    valued: bool = False
    """Carries a value from a control (a slider, the message box): no key can give one."""
    handler: Handler | None = None
    """What carries it out; None: the window does (``ui_requested``)."""
    logged: Callable[[object], object] = _as_is
    """What the usability log may keep of a value (never a token, never a message's text)."""

    def text(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.label)


def keyed(id_: str, label: str, key: str, *, hold: bool = False) -> Callable[[Handler], ActionSpec]:
    """Declare the method below as the action ``id_`` that ``key`` triggers.

    ``key`` "": none by default (the user may give one); ``hold``: the handler
    gets ``pressed`` True when the key goes down and False when it comes up.
    """
    return lambda handler: ActionSpec(id_, label, key, hold, handler=handler)


def valued(
    id_: str, label: str, *, logged: Callable[[object], object] = _as_is
) -> Callable[[Handler], ActionSpec]:
    """Declare the method below as the action ``id_`` that a control drives with a value; no key.

    ``logged``: what the usability log keeps of the value (all of it by default).
    """
    return lambda handler: ActionSpec(id_, label, valued=True, handler=handler, logged=logged)


def window_action(id_: str, label: str, key: str) -> ActionSpec:
    """An action the window carries out itself (open a dialog, focus a field): ``ui_requested``."""
    return ActionSpec(id_, label, key)


class EventLog:
    """Append-only JSON lines of timestamped actions and key state changes."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._file: IO[str] = self.path.open("a", encoding="utf-8", buffering=1)

    def write(self, **record: object) -> None:
        line = {"t": round(time.time(), 3), "mono": round(time.monotonic(), 3), **record}
        self._file.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")

    def close(self) -> None:
        self._file.close()


class CommandSink(Protocol):
    """What the actions need of :class:`console.shell.bridge.EngineBridge`."""

    def submit(self, command: Command) -> bool: ...


M = TypeVar("M", covariant=True)
"""The window's local state the handlers read and change (its model)."""


class ActionSet(QObject, Generic[M]):
    """Carries out one window's actions; owns its shortcuts; writes the usability log.

    A subclass declares its actions on their handlers (module docstring); it
    has its base's actions too, and one it declares again with the same id
    replaces the base's.
    """

    ROLE: ClassVar[str] = ""
    """Whose window (interpreter, coordinator, listener): the user's keys are kept per role."""
    SPECS: ClassVar[tuple[ActionSpec, ...]] = ()
    """Every action of the set, in the order they are declared (filled in by the class)."""

    changed = Signal()
    """The window's local state changed: redraw."""
    ui_requested = Signal(str)
    """An action the window carries out itself (see :func:`window_action`)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        specs = {spec.id: spec for spec in cls.SPECS}
        own: set[str] = set()
        for spec in vars(cls).values():
            if not isinstance(spec, ActionSpec):
                continue
            if spec.id in own:
                raise TypeError(f"{cls.__name__} declares the action {spec.id!r} twice")
            own.add(spec.id)
            specs[spec.id] = spec
        cls.SPECS = tuple(specs.values())

    def __init__(
        self,
        bridge: CommandSink,
        model: M,
        *,
        log: EventLog | None = None,
        clock: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.model = model
        self.log = log
        self.clock = clock
        self.by_id: Mapping[str, ActionSpec] = {spec.id: spec for spec in self.SPECS}
        self.shortcuts: dict[str, QShortcut] = {}
        self.keys: dict[str, QKeySequence] = {}
        self._held: dict[str, int] = {}
        """Held actions and the key that holds each."""

    @classmethod
    def table(cls) -> list[tuple[str, str, str]]:
        """(id, translated label, default key) of every action a key can trigger."""
        return [(spec.id, spec.text(), spec.default_key) for spec in cls.SPECS if not spec.valued]

    @classmethod
    def stored_keys(cls, settings: Settings | None) -> dict[str, str] | None:
        """The user's keys for this window (id -> key text, "" for none), if any."""
        return None if settings is None else settings.shortcut_overrides(cls.table(), cls.ROLE)

    def label(self, action_id: str) -> str:
        return self.by_id[action_id].text()

    # -- the one path ----------------------------------------------------------------------------

    def trigger(
        self, action_id: str, *, pressed: bool = True, value: object = None, source: str = "button"
    ) -> None:
        """Carry out ``action_id`` (``pressed`` False: a held action's release)."""
        spec = self.by_id.get(action_id)
        if spec is None:
            raise KeyError(f"no action {action_id!r}: the actions are {', '.join(self.by_id)}")
        if self.log is not None:
            record: dict[str, object] = {"action": action_id, "source": source}
            if spec.hold:
                record["pressed"] = pressed
            if value is not None:
                record["value"] = spec.logged(value)
            self.log.write(**record)
        if spec.handler is None:
            self.ui_requested.emit(action_id)
            return
        spec.handler(self, pressed, value)
        self.changed.emit()

    def submit(self, *commands: Command) -> None:
        for command in commands:
            self.bridge.submit(command)

    # -- keys ------------------------------------------------------------------------------------

    def install(self, window: QWidget, overrides: Mapping[str, str] | None = None) -> None:
        """Create the application-wide shortcuts (``overrides``: id -> key text, "" for none).

        Called again with other keys, it replaces the shortcuts it made before.
        """
        for shortcut in self.shortcuts.values():
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self.shortcuts = {}
        self.keys = {}
        chosen = dict(overrides or {})
        for spec in self.SPECS:
            text = chosen.get(spec.id, spec.default_key)
            if not text or spec.valued:
                continue
            key = QKeySequence(text, QKeySequence.SequenceFormat.PortableText)
            self.keys[spec.id] = key
            if spec.hold:
                continue  # the event filter handles held keys
            shortcut = QShortcut(key, window)
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.setAutoRepeat(spec.id.endswith(("_up", "_down")))
            shortcut.activated.connect(
                lambda action_id=spec.id: self.trigger(action_id, source="key")
            )
            self.shortcuts[spec.id] = shortcut
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
            if any(self.by_id[action_id].hold for action_id in self.keys):
                app.installEventFilter(self)

    def uninstall(self) -> None:
        """Stop answering keys, when the window closes: its shortcuts and the held-key filter go.

        The set stays usable from buttons and tests; :meth:`install` answers keys again.
        """
        for shortcut in self.shortcuts.values():
            shortcut.setEnabled(False)  # the window owns them: they go with it
        self.shortcuts = {}
        self._held.clear()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def key_text(self, action_id: str) -> str:
        """The key of an action as the user's platform writes it ("" when none)."""
        key = self.keys.get(action_id)
        return key.toString(QKeySequence.SequenceFormat.NativeText) if key is not None else ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride):
            return False
        assert isinstance(event, QKeyEvent)
        for action_id, key in self.keys.items():
            if not self.by_id[action_id].hold or key.isEmpty():
                continue
            if kind is QEvent.Type.KeyRelease:  # modifiers may have been let go first
                hit = self._held.get(action_id) == event.key()
            else:
                combo = QKeyCombination(event.modifiers(), Qt.Key(event.key()))
                hit = QKeySequence(combo) == key
            if not hit:
                continue
            if kind is QEvent.Type.ShortcutOverride:
                event.accept()  # no widget takes the held key for itself
                return True
            if event.isAutoRepeat():
                return True
            pressed = kind is QEvent.Type.KeyPress
            if pressed == (action_id in self._held):
                return True  # the same press seen by several receivers
            if pressed:
                self._held[action_id] = event.key()
            else:
                del self._held[action_id]
            if self.log is not None:
                self.log.write(key=key.toString(), state="down" if pressed else "up")
            self.trigger(action_id, pressed=pressed, source="key")
            return True
        return False


def _whom_and_length(value: object) -> object:
    """A message in the usability log: whom, and how long; never what."""
    return [value[0], len(str(value[1]))] if isinstance(value, tuple) else value


@valued("message_send", QT_TRANSLATE_NOOP("Actions", "Send a message"), logged=_whom_and_length)
def message_send(actions: ActionSet[object], pressed: bool, value: object) -> None:
    """A chat message, ``value`` (recipient, text).

    A set that has it says so in its body: ``_message_send = message_send``.
    """
    if not isinstance(value, tuple) or len(value) != 2:
        raise TypeError("message_send takes (recipient, text)")
    to, text = str(value[0]), str(value[1]).strip()
    if text:
        actions.submit(Chat(to, text))
