"""The booths and the participants, as tables that redraw only the cells that changed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from console.coordinator.model import BoothRow, ParticipantRow
from console.coordinator.widgets.words import duration, role_text

POOR = QColor("#ffb74d")
LOST = QColor("#ef5350")


class Table(QTableWidget):
    """A read-only table of text cells; :meth:`show_rows` changes only what differs."""

    def __init__(self, name: str, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setAccessibleName(name)
        self.setHorizontalHeaderLabels(list(headers))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)

    def show_rows(self, rows: Sequence[Sequence[str]], colours: Sequence[QColor | None]) -> None:
        if self.rowCount() != len(rows):
            self.setRowCount(len(rows))
        for r, (cells, colour) in enumerate(zip(rows, colours, strict=True)):
            for c, text in enumerate(cells):
                item = self.item(r, c)
                if item is None:
                    item = QTableWidgetItem(text)
                    self.setItem(r, c, item)
                elif item.text() != text:
                    item.setText(text)
                wanted = colour if colour is not None else QColor(0, 0, 0, 0)
                if item.background().color() != wanted:
                    item.setBackground(wanted)

    def cell_text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item is not None else ""


class BoothTable(Table):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Booths"),
            [
                self.tr("Booth"),
                self.tr("Members"),
                self.tr("Live"),
                self.tr("Handover"),
                self.tr("Turn"),
            ],
            parent,
        )

    def draw(self, booths: Sequence[BoothRow]) -> None:
        rows, colours = [], []
        for b in booths:
            members = ", ".join(
                m.name + ("" if m.connected else self.tr(" (offline)")) for m in b.members
            )
            live = self.tr("{0} on {1}").format(b.live, b.channel) if b.live else "\u2013"
            handover = "\u2013"
            if b.handover is not None:
                action, sender, to = b.handover
                text = (
                    self.tr("{0} offers to {1}") if action == "offer" else self.tr("{0} asks {1}")
                )
                handover = text.format(sender, to)
            rows.append([b.id, members or "\u2013", live, handover, duration(b.turn_s)])
            lost = any(not m.connected for m in b.members)
            colours.append(LOST if lost else None)
        self.show_rows(rows, colours)


class ParticipantTable(Table):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Participants"),
            [
                self.tr("Name"),
                self.tr("Role"),
                self.tr("Booth"),
                self.tr("Link"),
                self.tr("Ping"),
                self.tr("Jitter"),
                self.tr("Loss"),
            ],
            parent,
        )

    def draw(self, participants: Sequence[ParticipantRow]) -> None:
        rows, colours = [], []
        for x in participants:
            if not x.connected:
                link = self.tr("offline")
            elif x.rtt_ms is None:
                link = self.tr("no report yet")
            else:
                link = self.tr("poor") if x.poor else self.tr("good")
            rows.append(
                [
                    x.name + (self.tr(" (on air)") if x.on_air else ""),
                    role_text(x.role, x.platform),
                    x.booth or "\u2013",
                    link,
                    f"{x.rtt_ms:.0f} ms" if x.rtt_ms is not None else "\u2013",
                    f"{x.jitter_ms:.0f} ms" if x.jitter_ms is not None else "\u2013",
                    f"{x.loss * 100:.1f} %" if x.loss is not None else "\u2013",
                ]
            )
            colours.append(LOST if not x.connected else POOR if x.poor else None)
        self.show_rows(rows, colours)
