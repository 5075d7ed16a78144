"""A level meter: peak bar, RMS mark, peak hold, clip light; -60 to 0 dBFS.

Green up to -18 dBFS (speech's usual peaks), amber to -6, red above. The
numbers are in the accessible description, so a screen reader can read a
level that a sighted user sees at a glance.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget

from console.shell.model import QUIET_METER, Meter
from console.shell.widgets.plain import Label

FLOOR_DB: Final = -60.0
AMBER_DB: Final = -18.0
RED_DB: Final = -6.0


def _fraction(dbfs: float) -> float:
    return min(1.0, max(0.0, (dbfs - FLOOR_DB) / -FLOOR_DB))


class LevelMeter(QWidget):
    """One vertical meter bar."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.meter = QUIET_METER
        self.warn = False
        """Draw a frame in amber (the limiter acts on this output)."""
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(18, 60))

    def sizeHint(self) -> QSize:
        return QSize(22, 120)

    def show_meter(self, meter: Meter, warn: bool = False) -> None:
        if meter == self.meter and warn == self.warn:
            return
        self.meter, self.warn = meter, warn
        self.setAccessibleDescription(
            self.tr("peak {0:.0f} dBFS, average {1:.0f} dBFS{2}").format(
                meter.peak_dbfs, meter.rms_dbfs, self.tr(", clipping") if meter.over else ""
            )
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.fillRect(rect, QColor("#15181c"))
        height = rect.height()
        peak = _fraction(self.meter.peak_dbfs)
        for top_db, colour in ((0.0, "#e53935"), (RED_DB, "#fbc02d"), (AMBER_DB, "#43a047")):
            low = {0.0: RED_DB, RED_DB: AMBER_DB, AMBER_DB: FLOOR_DB}[top_db]
            lo, hi = _fraction(low), min(peak, _fraction(top_db))
            if hi > lo:
                painter.fillRect(
                    QRectF(
                        rect.left(), rect.bottom() - hi * height, rect.width(), (hi - lo) * height
                    ),
                    QColor(colour),
                )
        rms_y = rect.bottom() - _fraction(self.meter.rms_dbfs) * height
        painter.fillRect(QRectF(rect.left(), rms_y - 1, rect.width(), 2), QColor("#ffffff"))
        hold_y = rect.bottom() - _fraction(self.meter.hold_dbfs) * height
        painter.fillRect(QRectF(rect.left(), hold_y - 1, rect.width(), 2), QColor("#90caf9"))
        if self.meter.over:
            painter.fillRect(QRectF(rect.left(), rect.top(), rect.width(), 6), QColor("#ff1744"))
        painter.setPen(QColor("#ffbf00") if self.warn else QColor("#444a52"))
        painter.drawRect(rect)
        painter.end()


class MeterGroup(QWidget):
    """Meters side by side, each with its label under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.meters: dict[str, LevelMeter] = {}

    def add(self, key: str, label: str, accessible: str) -> LevelMeter:
        column = len(self.meters)
        meter = LevelMeter(accessible, self)
        caption = Label(label, self)
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption.setBuddy(meter)
        self.grid.addWidget(meter, 0, column, Qt.AlignmentFlag.AlignHCenter)
        self.grid.addWidget(caption, 1, column, Qt.AlignmentFlag.AlignHCenter)
        self.meters[key] = meter
        return meter
