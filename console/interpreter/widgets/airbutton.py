"""The on-air control: the one thing an interpreter must read right from across the room.

Five states, each told three ways at once (colour, words, icon) so that no one
can mistake them, colour-blind or not: a dark grey "OFF AIR" with a crossed
microphone; a bright red "ON AIR" with the channel, a white frame and a
microphone; amber "MUTED" while the cough key is held; amber outline
"TAKING THE AIR…" for the moment between pressing and the hub confirming;
amber "NOT HEARD?" with a warning sign while on air on a stalled link (the
hub has sent nothing for a second: the voice may reach no one). The text is
drawn as large as the control allows.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QApplication, QPushButton, QSizePolicy, QWidget

from console.interpreter.model import Air
from console.shell import theme
from console.shell.widgets.icons import icon

_ICONS: Final = {
    Air.OFF: "mic-off",
    Air.TAKING: "mic",
    Air.ON: "mic",
    Air.COUGH: "cough",
    Air.UNSURE: "warning",
}


def colours(state: Air) -> tuple[str, str]:
    """(background, text) of a state: the theme's, the same in every theme."""
    app = QApplication.instance()
    r = theme.roles(app) if isinstance(app, QApplication) else theme.THEMES["light"]
    return {
        Air.OFF: r.off_air,
        Air.TAKING: r.taking,
        Air.ON: r.on_air,
        Air.COUGH: r.cough,
        Air.UNSURE: r.warning,
    }[state]


class AirButton(QPushButton):
    """Press to take or release the air; draws itself from :meth:`show_state`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = Air.OFF
        self.channel: str | None = None
        self.key = ""
        self.setObjectName("air")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(240, 130))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.show_state(Air.OFF, None)

    def texts(self) -> tuple[str, str]:
        """The big line and the small line for the current state."""
        channel = (self.channel or "").upper()
        match self.state:
            case Air.ON:
                return self.tr("ON AIR"), self.tr("speaking on {0}").format(channel)
            case Air.COUGH:
                return self.tr("MUTED"), self.tr("cough: {0} hears nothing").format(channel)
            case Air.UNSURE:
                return self.tr("NOT HEARD?"), self.tr(
                    "no sound from the hub: {0} may hear nothing of you"
                ).format(channel)
            case Air.TAKING:
                return self.tr("TAKING THE AIR…"), self.tr("waiting for the hub: {0}").format(
                    channel
                )
            case _:
                return self.tr("OFF AIR"), self.tr("microphone off")

    def show_state(self, state: Air, channel: str | None, key: str = "") -> None:
        if (state, channel, key) == (self.state, self.channel, self.key):
            return
        self.state, self.channel, self.key = state, channel, key
        big, small = self.texts()
        self.setText(f"{big} — {small}")
        self.setAccessibleName(self.tr("Microphone: {0}").format(big))
        self.setProperty("air", self.state.value)
        self.setAccessibleDescription(
            self.tr("{0}. Press to switch the microphone on or off ({1}).").format(small, key)
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        background, foreground = colours(self.state)
        icon_name = _ICONS[self.state]
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(3, 3, -3, -3)
        painter.setBrush(QColor(background).darker(130 if self.isDown() else 100))
        frame = QColor("#ffffff") if self.state is Air.ON else QColor(background).lighter(150)
        if self.hasFocus():
            frame = QColor("#3b82f6")
        painter.setPen(QPen(frame, 6 if self.state is Air.ON else 3))
        painter.drawRoundedRect(rect, 14, 14)

        big, small = self.texts()
        height = self.height()
        side = int(min(height * 0.42, self.width() * 0.22))
        pixmap = icon(icon_name).pixmap(side, side)
        margin = int(height * 0.1)
        text_left = margin
        if not pixmap.isNull():
            x = margin if not self.isRightToLeft() else self.width() - margin - side
            painter.drawPixmap(x, (height - side) // 2, pixmap)
            text_left = margin + side + margin // 2
        text_rect = QRect(text_left, 0, self.width() - text_left - margin, height)
        if self.isRightToLeft():
            text_rect.moveLeft(margin)
        painter.setPen(QColor(foreground))
        font = QFont(self.font())
        font.setBold(True)
        top = text_rect.adjusted(0, 0, 0, -int(height * 0.25))
        painter.setFont(_fitted(font, big, int(height * 0.3), top.width()))
        painter.drawText(top, Qt.AlignmentFlag.AlignCenter, big)
        font.setBold(False)
        line = f"{small}   [{self.key}]" if self.key else small
        bottom = QRect(text_rect.left(), int(height * 0.62), text_rect.width(), int(height * 0.3))
        painter.setFont(_fitted(font, line, int(height * 0.1), bottom.width()))
        painter.drawText(bottom, Qt.AlignmentFlag.AlignCenter, line)
        painter.end()


def _fitted(font: QFont, text: str, pixels: int, width: int) -> QFont:
    """``font`` at ``pixels`` high, or smaller until ``text`` fits in ``width`` (not below 10)."""
    fitted = QFont(font)
    size = max(10, pixels)
    fitted.setPixelSize(size)
    while size > 10 and QFontMetrics(fitted).horizontalAdvance(text) > width:
        size -= 1
        fitted.setPixelSize(size)
    return fitted
