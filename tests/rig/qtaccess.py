"""Checks that a dialog is usable by keyboard and screen reader, for the console's Qt tests.

A "control" is a visible, enabled widget that takes focus by Tab, minus the
inner editors of composite widgets (spin boxes, key recorders), which hand
their focus to the composite or take it for it: the composite is the control.
:func:`unspoken` walks Qt's accessibility tree for what a screen reader
would not say of what is shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QTextDocumentFragment
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QRadioButton, QWidget


def owner(widget: QWidget) -> QWidget:
    """The control an inner focus proxy belongs to (the spin box of its line edit)."""
    parent = widget.parentWidget()
    while parent is not None and parent.focusProxy() is widget:
        widget, parent = parent, parent.parentWidget()
    return widget


def controls(root: QWidget) -> list[QWidget]:
    """The controls of ``root`` that Tab can reach now (see the module docstring)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not (widget.isVisible() and widget.isEnabled()):
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if owner(widget) is not widget or widget.focusProxy() is not None:
            continue  # an inner editor: its composite widget is the control
        found.append(widget)
    return found


def unnamed(root: QWidget) -> list[str]:
    """Controls without an accessible name (class and text, to say which)."""
    return [
        f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
        for w in controls(root)
        if not w.accessibleName()
    ]


def tab_walk(qtbot: object, root: QWidget, presses: int = 60) -> set[QWidget]:
    """The controls Tab visits, pressing it ``presses`` times from the current focus."""
    visited: set[QWidget] = set()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for _ in range(presses):
        focus = app.focusWidget()
        assert focus is not None, "nothing has the focus"
        visited.add(owner(focus))
        qtbot.keyClick(focus, Qt.Key.Key_Tab)  # type: ignore[attr-defined]
    return visited


def unreachable(qtbot: object, root: QWidget) -> list[str]:
    """Controls of ``root`` that Tab never reaches (radio groups: one of them is enough)."""
    visited = tab_walk(qtbot, root)
    missing = []
    radios_reached = any(isinstance(w, QRadioButton) for w in visited)
    for widget in controls(root):
        if widget in visited or (isinstance(widget, QRadioButton) and radios_reached):
            continue
        missing.append(f"{type(widget).__name__} {widget.accessibleName()!r}")
    return missing


@contextmanager
def screen_reader() -> Iterator[None]:
    """Qt's accessibility active, as with a screen reader running (as it was again after)."""
    was = QAccessible.isActive()
    QAccessible.setActive(True)
    try:
        yield
    finally:
        QAccessible.setActive(was)


def spoken(widget: QWidget) -> str:
    """What Qt's accessibility tree says of ``widget``: its name, value and description."""
    face = QAccessible.queryAccessibleInterface(widget)
    assert face is not None, f"{type(widget).__name__} has no accessible interface"
    kinds = (QAccessible.Text.Name, QAccessible.Text.Value, QAccessible.Text.Description)
    return "\n".join(face.text(kind) for kind in kinds)


def shown(widget: QLabel | QAbstractButton) -> str:
    """The text on screen (a rich label's without its markup)."""
    text = widget.text()
    if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.PlainText:
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return text


def unspoken(root: QWidget) -> list[str]:
    """Visible labels and buttons under ``root`` shown with a word their accessible name,
    value and description do not say (each word of the text, in any case and order:
    "A: ZH" is said by "Output A, channel zh")."""
    missing = []
    with screen_reader():
        for widget in root.findChildren(QWidget):
            if not (widget.isVisible() and isinstance(widget, QLabel | QAbstractButton)):
                continue
            words = set(re.findall(r"\w+", spoken(widget).lower()))
            lost = [w for w in re.findall(r"\w+", shown(widget).lower()) if w not in words]
            if lost:
                missing.append(f"{type(widget).__name__} {shown(widget)!r} does not say {lost}")
    return missing
