"""Small helpers the panels share: a button that names its key, quality words, theme hooks,
live text for screen readers, announcements, and a highlight that calls the eye.

Screen readers: a label's accessible name replaces its text, so a label that
has one ("Turn timer") carries what it shows in its accessible description,
kept in step by :func:`set_if_changed`. Important changes (on air, a
handover request, connection trouble, a coordinator's message) are spoken by
:func:`announce_change`, as a ``QAccessibleAnnouncementEvent``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QFont
from PySide6.QtWidgets import QAbstractButton, QLabel, QPushButton, QWidget

from audio.commands import Chime
from console.shell import theme
from console.shell.actions import ActionSet
from console.shell.settings import Settings
from console.shell.widgets.plain import Label
from relay.graph import Quality

KEYED_ACTION: Final = "rsiAction"
KEYED_TEXT: Final = "rsiText"
KEYED_DESCRIPTION: Final = "rsiDescription"


def keyed(button: QAbstractButton, actions: ActionSet[object], action_id: str, text: str) -> None:
    """Label ``button`` with ``text`` and the key of ``action_id``; :func:`relabel` updates it."""
    button.setProperty(KEYED_ACTION, action_id)
    button.setProperty(KEYED_TEXT, text)
    key = actions.key_text(action_id)
    button.setText(f"{text}  [{key}]" if key else text)
    button.setToolTip(f"{text} ({key})" if key else text)
    if not button.accessibleName():
        button.setAccessibleName(text)
    description = button.property(KEYED_DESCRIPTION)
    if isinstance(description, str):
        button.setAccessibleDescription(f"{description} ({key})" if key else description)


def describe(button: QAbstractButton, actions: ActionSet[object], description: str) -> None:
    """Give a button labelled by :func:`keyed` an accessible description, its key after it.

    (Without one, a screen reader says the tooltip, which names the key.)
    """
    button.setProperty(KEYED_DESCRIPTION, description)
    action_id, text = button.property(KEYED_ACTION), button.property(KEYED_TEXT)
    if not (isinstance(action_id, str) and isinstance(text, str)):
        raise ValueError(f"{button.text()!r} is not labelled by keyed()")
    keyed(button, actions, action_id, text)


def relabel(root: QWidget, actions: ActionSet[object]) -> None:
    """Show the current keys on every button under ``root`` labelled by :func:`keyed`."""
    for button in root.findChildren(QAbstractButton):
        action_id, text = button.property(KEYED_ACTION), button.property(KEYED_TEXT)
        if isinstance(action_id, str) and isinstance(text, str):
            keyed(button, actions, action_id, text)


class ActionButton(QPushButton):
    """A button that triggers one action and says which key does the same.

    ``text``: what the button says, the action's label when not given.
    """

    def __init__(
        self,
        actions: ActionSet[object],
        action_id: str,
        text: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        keyed(self, actions, action_id, actions.label(action_id) if text is None else text)
        self.clicked.connect(lambda: actions.trigger(action_id))


def quality_text(quality: Quality) -> str:
    """How relay quality is written: floor, +, minus (and a dash when unknown)."""
    match quality:
        case Quality.FLOOR:
            return QCoreApplication.translate("Quality", "floor")
        case Quality.PIVOT:
            return "+"
        case Quality.RELAY_OF_RELAY:
            return "\u2212"
        case _:
            return QCoreApplication.translate("Quality", "no source")


def set_if_changed(widget: Label | QAbstractButton, text: str) -> None:
    """setText only when the text differs (no needless relayout ten times a second).

    A label with an accessible name gets the text as its accessible description
    too: a screen reader hears "Turn timer, Turn 0:12:04", not the name alone.
    """
    if widget.text() != text:
        widget.setText(text)
        if isinstance(widget, QLabel) and widget.accessibleName():
            widget.setAccessibleDescription(text)


def set_state(widget: QWidget, name: str, value: str) -> None:
    """Set a theme hook (``severity``, ``engaged``, ``air``...), "" for none.

    The style sheets of :mod:`console.shell.theme` colour the widget by it; it is
    re-polished only when the value changes.
    """
    if (widget.property(name) or "") != value:
        widget.setProperty(name, value or None)
        theme.restyle(widget)


def set_style(widget: QWidget, style: str) -> None:
    """setStyleSheet only when it differs (a new style sheet re-polishes the widget)."""
    if widget.styleSheet() != style:
        widget.setStyleSheet(style)


ANNOUNCED: Final = "rsiAnnounced"
"""Widget property: the text :func:`announce_change` last spoke for it."""


class Announcer(QObject):
    """Every announcement made, as a Qt signal: the platform's screen-reader bridge reports
    nothing back, so this is how a test (or a log) hears them."""

    announced = Signal(QObject, str)


@functools.cache
def announcer() -> Announcer:
    """The one :class:`Announcer` of the process."""
    return Announcer()


def announce(widget: QWidget, text: str, *, assertive: bool = False) -> None:
    """Have screen readers speak ``text`` now, on behalf of ``widget``.

    ``assertive``: interrupt what is being read (on air, connection trouble);
    else after it.
    """
    if QAccessible.isActive():  # a screen reader (or a test) is listening
        event = QAccessibleAnnouncementEvent(widget, text)
        politeness = QAccessible.AnnouncementPoliteness
        event.setPoliteness(politeness.Assertive if assertive else politeness.Polite)
        QAccessible.updateAccessibility(event)
    announcer().announced.emit(widget, text)


def announce_change(
    widget: QWidget, text: str, *, key: str | None = None, assertive: bool = False
) -> None:
    """:func:`announce` ``text`` when it differs from the last one for ``widget``.

    Call it on every redraw with the sentence for the current state, "" when
    there is nothing to say. ``key``: compare this instead of the text (a
    state whose sentence carries changing figures is spoken once). The first
    call only notes the state: a window that opens says nothing.
    """
    said = text if key is None else key
    last = widget.property(ANNOUNCED)
    if last != said:
        widget.setProperty(ANNOUNCED, said)
        if last is not None and text:
            announce(widget, text, assertive=assertive)


class Attention(QObject):
    """Calls the eye to ``widget`` until what it shows is answered.

    :meth:`call` flashes it (:data:`PULSES` pulses of the ``severity="warning"``
    theme hook), then leaves it highlighted; :meth:`clear` ends it. With
    ``reduced_motion()`` true it is highlighted at once, without flashing.
    """

    PULSES: Final = 3
    PULSE_MS: Final = 300
    """Each half of a pulse: three pulses in 1.5 s, under three flashes a second (WCAG 2.3.1)."""

    def __init__(self, widget: QWidget, reduced_motion: Callable[[], bool]) -> None:
        super().__init__(widget)
        self.widget = widget
        self._reduced_motion = reduced_motion
        self._timer = QTimer(self)
        self._timer.setInterval(self.PULSE_MS)
        self._timer.timeout.connect(self._pulse)
        self._step = 0
        self.reason: object = None
        """What the call is about (None: no call): a new reason calls again."""

    def call(self, reason: object) -> bool:
        """Call for ``reason``; True when it is new (not the one already calling)."""
        if reason == self.reason:
            return False
        self.reason = reason
        if self._reduced_motion():
            self._timer.stop()
            set_state(self.widget, "severity", "warning")
        else:
            self._step = 0
            self._pulse()
            self._timer.start()
        return True

    def clear(self) -> None:
        self.reason = None
        self._timer.stop()
        set_state(self.widget, "severity", "")

    @property
    def flashing(self) -> bool:
        return self._timer.isActive()

    def _pulse(self) -> None:
        """On, off, on... ending on: highlighted until cleared."""
        set_state(self.widget, "severity", "" if self._step % 2 else "warning")
        self._step += 1
        if self._step >= 2 * self.PULSES - 1:
            self._timer.stop()


class Call:
    """A panel calling the user until answered: :class:`Attention` on the panel, what to do in
    large type (:attr:`prompt`: put it in the panel's layout), and the headset chime.

    ``settings``: reduced motion and whether to chime (without settings: flash and chime);
    the chime goes to the engine through ``actions``' bridge.
    """

    def __init__(
        self,
        panel: QWidget,
        name: str,
        *,
        scale: float,
        settings: Settings | None,
        actions: ActionSet[object],
    ) -> None:
        self.settings = settings
        self.actions = actions
        self.attention = Attention(panel, lambda: settings is not None and settings.reduced_motion)
        self.prompt = Label(parent=panel)
        self.prompt.setAccessibleName(name)
        font = QFont(self.prompt.font())
        font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(True)
        self.prompt.setFont(font)
        self.prompt.setWordWrap(True)
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt.setVisible(False)

    def show(self, reason: object, prompt: str) -> None:
        """Call for ``reason`` (flash and chime when it is new) saying ``prompt``; "": stop."""
        set_if_changed(self.prompt, prompt)
        self.prompt.setVisible(bool(prompt))
        set_state(self.prompt, "severity", "warning" if prompt else "")
        if not prompt:
            self.attention.clear()
        elif self.attention.call(reason) and (self.settings is None or self.settings.headset_chime):
            self.actions.bridge.submit(Chime())
