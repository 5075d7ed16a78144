"""Checks that a dialog is usable by keyboard and screen reader, for the console's Qt tests.

A "control" is a visible, enabled widget that takes focus by Tab, minus the
inner editors of composite widgets (spin boxes, key recorders), which hand
their focus to the composite or take it for it: the composite is the control.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QRadioButton, QWidget


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
