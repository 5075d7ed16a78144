"""Shortcut editor: every action with its key, a key recorder, and the conflicts spelled out.

Generic over a list of (action id, label, default key), so it needs no
knowledge of the console's actions (``ActionSet.table()`` in ``console.shell.actions`` gives
that list). It holds the user's overrides while they edit, checks them as a
whole with :func:`console.shell.settings.shortcut_problems` after every change,
and says so through :attr:`ShortcutEditor.valid`; the dialog stores them only
when they are valid.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QKeySequenceEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.shell import theme
from console.shell.settings import ActionKeys, normalise_key, shortcut_problems
from console.shell.widgets.plain import Label


class ShortcutEditor(QWidget):
    """Choose a row (arrows), press Change key, press the new keys; conflicts show at once."""

    changed = Signal()

    def __init__(
        self, actions: ActionKeys, overrides: dict[str, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.action_keys = list(actions)
        self.overrides = dict(overrides)

        self.table = QTableWidget(len(self.action_keys), 2)
        self.table.setAccessibleName(self.tr("Actions and their keys"))
        self.table.setAccessibleDescription(
            self.tr("Choose an action with the arrow keys, then record a new key below.")
        )
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Key")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        self.recorder = QKeySequenceEdit()
        self.recorder.setMaximumSequenceLength(1)
        self.recorder.setAccessibleName(self.tr("New key for the chosen action"))
        self.recorder.setAccessibleDescription(
            self.tr("Press the key combination; it is assigned when you stop typing.")
        )
        recorder_label = Label(self.tr("&New key:"))
        recorder_label.setBuddy(self.recorder)
        self.no_key = QPushButton(self.tr("N&o key"))
        self.no_key.setAccessibleName(self.tr("Remove the key of the chosen action"))
        self.default_key = QPushButton(self.tr("&Default key"))
        self.default_key.setAccessibleName(self.tr("Give the chosen action its default key"))
        self.all_defaults = QPushButton(self.tr("All de&faults"))
        self.all_defaults.setAccessibleName(self.tr("Give every action its default key"))

        self.problems = Label()
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName(self.tr("Shortcut conflicts"))
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)

        row = QHBoxLayout()
        row.addWidget(recorder_label)
        row.addWidget(self.recorder, 1)
        row.addWidget(self.no_key)
        row.addWidget(self.default_key)
        row.addWidget(self.all_defaults)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.problems)

        self.recorder.editingFinished.connect(self._recorded)
        self.no_key.clicked.connect(lambda: self.assign(""))
        self.default_key.clicked.connect(self._restore_default)
        self.all_defaults.clicked.connect(self._restore_all)
        self.table.currentCellChanged.connect(lambda *_: self.recorder.clear())
        self._refresh()
        self.table.setCurrentCell(0, 0)

    @property
    def valid(self) -> bool:
        return not shortcut_problems(self.action_keys, self.overrides)

    def key_of(self, action_id: str) -> str:
        """The key ``action_id`` has with the overrides being edited ("" for none)."""
        for known, _, default in self.action_keys:
            if known == action_id:
                return normalise_key(self.overrides.get(action_id, default)) or ""
        raise KeyError(action_id)

    def assign(self, key: str) -> None:
        """Give the chosen action ``key`` ("" for none)."""
        row = self.table.currentRow()
        if row < 0:
            return
        self.overrides[self.action_keys[row][0]] = key
        self._refresh()

    def _recorded(self) -> None:
        sequence = self.recorder.keySequence()
        if not sequence.isEmpty():
            self.assign(sequence.toString(QKeySequence.SequenceFormat.PortableText))

    def _restore_default(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.overrides.pop(self.action_keys[row][0], None)
            self._refresh()

    def _restore_all(self) -> None:
        self.overrides.clear()
        self._refresh()

    def _refresh(self) -> None:
        problems = shortcut_problems(self.action_keys, self.overrides)
        troubled = {p.action_id for p in problems}
        for row, (action_id, label, default) in enumerate(self.action_keys):
            given = self.overrides.get(action_id, default)
            key = normalise_key(given)
            text = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) if key else ""
            if action_id in troubled:
                text = self.tr("{0} (conflict)").format(text or given)
            self.table.setItem(row, 0, _cell(label))
            self.table.setItem(row, 1, _cell(text or self.tr("none")))
        self.problems.setText("\n".join(p.sentence for p in problems))
        self.problems.setProperty("severity", "alarm" if problems else "info")
        theme.restyle(self.problems)
        self.changed.emit()


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item
