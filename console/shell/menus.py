"""A window's menu bar, made of its actions (:mod:`console.shell.actions`).

A menu entry is an action of the window's action set: its label, its key
(shown at the right of the entry, as the user set it) and what it does come
from the action's declaration, and choosing it goes through
:meth:`~console.shell.actions.ActionSet.trigger` like the key and the button
do. A window says only which actions each menu holds (:data:`Layout`), by id;
:func:`unplaced` tells a test which of its keyed actions no menu offers.

The menu entry does not own the key: the action set's application-wide
shortcut does, so that the key works while a menu is closed and a dialog has
the focus; the entry's text carries the key after a tab, which Qt draws in the
shortcut column.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from console.shell.actions import ActionSet
from console.shell.i18n import without_accelerator

Layout = Sequence[tuple[str, Sequence[str]]]
"""(menu title, English source text in context "Menus"; action ids, None for a separator)."""

CONTEXT = "Menus"
"""Translation context of the menu titles."""
ACTION_ID = "rsiAction"


def entry_text(actions: ActionSet[object], action_id: str) -> str:
    """An entry's text: the label, and the current key after a tab (Qt's shortcut column)."""
    key = actions.key_text(action_id)
    label = actions.label(action_id)
    return f"{label}\t{key}" if key else label


class MenuBar:
    """The menus of ``window``, from ``layout``; :meth:`relabel` after the keys change."""

    def __init__(self, window: QMainWindow, actions: ActionSet[object], layout: Layout) -> None:
        self.actions = actions
        self.layout = layout
        self.menus: dict[str, QMenu] = {}
        self.entries: dict[str, QAction] = {}
        """The first entry of each action (an action may be in two menus)."""
        self._all: list[tuple[str, QAction]] = []
        bar = window.menuBar()
        bar.setAccessibleName(QCoreApplication.translate("Menus", "Menu bar"))
        for title, ids in layout:
            text = QCoreApplication.translate(CONTEXT, title)
            menu = bar.addMenu(text)
            menu.setAccessibleName(without_accelerator(text))
            self.menus[title] = menu
            for action_id in ids:
                if action_id == "-":
                    menu.addSeparator()
                    continue
                spec = actions.by_id[action_id]  # KeyError: the layout names no such action
                if spec.valued or spec.hold:
                    raise ValueError(f"{action_id!r} needs a control or a held key, not a menu")
                entry = menu.addAction(entry_text(actions, action_id))
                entry.setProperty(ACTION_ID, action_id)
                entry.triggered.connect(
                    lambda _=False, action_id=action_id: actions.trigger(action_id, source="menu")
                )
                self.entries.setdefault(action_id, entry)
                self._all.append((action_id, entry))

    def relabel(self) -> None:
        """Show the keys the action set has now."""
        for action_id, entry in self._all:
            entry.setText(entry_text(self.actions, action_id))

    def where(self, action_id: str) -> str:
        """How to reach an action, for a sentence: "Audio ▸ Settings (Ctrl+,)"."""
        for title, ids in self.layout:
            if action_id in ids:
                menu = without_accelerator(QCoreApplication.translate(CONTEXT, title))
                path = f"{menu} ▸ {self.actions.label(action_id)}"
                key = self.actions.key_text(action_id)
                return f"{path} ({key})" if key else path
        raise KeyError(f"no menu offers {action_id!r}")


def unplaced(actions: type[ActionSet[object]], layout: Layout) -> list[str]:
    """The actions a key can trigger that no menu of ``layout`` offers (held ones aside)."""
    placed = {action_id for _, ids in layout for action_id in ids}
    return [
        spec.id
        for spec in actions.SPECS
        if not spec.valued and not spec.hold and spec.id not in placed
    ]
