"""Small helpers the panels share: a button that names its key, quality words, theme hooks."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QPushButton, QWidget

from console.shell import theme
from console.shell.actions import ActionSet
from console.shell.widgets.plain import Label
from relay.graph import Quality

KEYED_ACTION: Final = "rsiAction"
KEYED_TEXT: Final = "rsiText"


def keyed(button: QAbstractButton, actions: ActionSet[object], action_id: str, text: str) -> None:
    """Label ``button`` with ``text`` and the key of ``action_id``; :func:`relabel` updates it."""
    button.setProperty(KEYED_ACTION, action_id)
    button.setProperty(KEYED_TEXT, text)
    key = actions.key_text(action_id)
    button.setText(f"{text}  [{key}]" if key else text)
    button.setToolTip(f"{text} ({key})" if key else text)
    if not button.accessibleName():
        button.setAccessibleName(text)


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
    """setText only when the text differs (no needless relayout ten times a second)."""
    if widget.text() != text:
        widget.setText(text)


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
