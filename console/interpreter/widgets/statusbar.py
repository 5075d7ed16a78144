"""The top of the window: who and where, the connection, link quality, a clock, and a banner
for what needs attention now (no sound card, a floor that sounds poor, a refusal...)."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from audio.commands import Priority
from console.interpreter.model import LinkView, Severity, View
from console.shell.model import Connection
from console.shell.protection import alert_text
from console.shell.widgets.common import set_if_changed, set_state
from console.shell.widgets.icons import icon
from console.shell.widgets.plain import Label

NOTICE_SHOWN_S = 8.0
"""How long a notice (a refusal, a protection alert) stays in the banner."""


def notice_text(code: str, params: tuple[str, ...] = ()) -> str:
    """Words for the view model's notice codes; sentences from the engine pass as they are."""
    tr = QCoreApplication.translate
    if code == "protection":  # (event kind, value)
        return alert_text(params[0], float(params[1]))
    if code == "restored":
        return tr("Notice", "Connection restored: listening to {0} again.").format(*params)
    if code == "air_lost":
        return tr(
            "Notice", "You were on air on {0}: the microphone is off. Press it to speak again."
        ).format(*params)
    return {
        "forced_off": tr("Notice", "A coordinator switched your microphone off."),
        "no_output": tr("Notice", "You have no output channel: are you in a booth?"),
        "slow_down_sent": tr("Notice", "“Slow down” was sent to the chair."),
        "no_settings": tr("Notice", "Settings are not available in this window."),
    }.get(code, code)


class StatusBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.where = Label(parent=self)
        self.where.setAccessibleName(self.tr("Meeting and booth"))
        font = QFont(self.where.font())
        font.setBold(True)
        self.where.setFont(font)
        self.connection = Label(parent=self)
        self.connection.setAccessibleName(self.tr("Connection"))
        self.link_icon = Label(parent=self)
        self.link_icon.setPixmap(icon("link").pixmap(18, 18))
        self.link_icon.setAccessibleName(self.tr("Link"))
        self.link = Label(parent=self)
        self.link.setAccessibleName(self.tr("Link quality"))
        self.clock = Label(parent=self)
        self.clock.setAccessibleName(self.tr("Clock"))
        clock_font = QFont(self.clock.font())
        clock_font.setPointSizeF(clock_font.pointSizeF() * 1.6)
        clock_font.setBold(True)
        self.clock.setFont(clock_font)
        row.addWidget(self.where)
        row.addStretch(1)
        row.addWidget(self.connection)
        row.addSpacing(16)
        row.addWidget(self.link_icon)
        row.addWidget(self.link)
        row.addSpacing(16)
        row.addWidget(self.clock)
        outer.addLayout(row)
        self.banners: list[Label] = []
        for name in ("sound", "floor", "notice"):
            banner = Label(parent=self)
            banner.setObjectName(f"banner_{name}")
            banner.setWordWrap(True)
            banner.setMargin(6)
            font = QFont(banner.font())
            font.setBold(True)
            banner.setFont(font)
            banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
            banner.setVisible(False)
            outer.addWidget(banner)
            self.banners.append(banner)
        self.sound_banner, self.floor_banner, self.notice_banner = self.banners
        self.sound_banner.setAccessibleName(self.tr("Sound card"))
        self.floor_banner.setAccessibleName(self.tr("Floor quality warning"))
        self.notice_banner.setAccessibleName(self.tr("Latest notice"))

    def _banner(self, banner: Label, text: str, severity: Severity) -> None:
        banner.setVisible(bool(text))
        set_if_changed(banner, text)
        set_state(banner, "severity", severity.value)

    def show_view(self, view: View) -> None:
        where = view.meeting_title or self.tr("Not connected")
        if view.booth:
            where = self.tr("{0} — {1} booth — {2}").format(where, view.booth.upper(), view.me_name)
        set_if_changed(self.where, where)
        set_if_changed(self.connection, self.connection_text(view))
        alarm = view.connection in (Connection.LOST, Connection.FAILED, Connection.RECONNECTING)
        set_state(self.connection, "severity", "alarm" if alarm else "")
        link = view.link
        if link is None:
            text = self.tr("link: —")
        else:
            rtt = f"{link.rtt_ms:.0f}" if link.rtt_ms is not None else "—"
            text = self.tr("RTT {0} ms · jitter {1:.0f} ms · loss {2:.1f} %").format(
                rtt, link.jitter_ms, link.loss * 100
            )
        set_if_changed(self.link, text)
        set_state(self.link, "severity", "warning" if link and link.poor else "")
        details = self.playout_text(link) if link is not None else ""
        if self.link.toolTip() != details:
            self.link.setToolTip(details)
            self.link.setAccessibleDescription(details)
        set_if_changed(self.clock, time.strftime("%H:%M:%S", time.localtime(view.now)))

        if view.no_sound_card:
            sound = self.tr(
                "No sound card found: you hear nothing, but the meters and the floor keep "
                "running. Connect a headset and choose it in Settings."
            )
        elif view.port_problem:
            sound = self.tr("Sound card problem: {0}").format(view.port_problem)
        else:
            sound = ""
        self._banner(self.sound_banner, sound, Severity.WARNING)
        floor = ""
        if view.floor_issues:
            floor = self.tr("Floor sound is poor: {0}").format("; ".join(view.floor_issues))
        self._banner(self.floor_banner, floor, Severity.WARNING)
        recent = [n for n in view.notices if view.now - n.at < NOTICE_SHOWN_S]
        if recent:
            latest = recent[-1]
            text = notice_text(latest.text, latest.params)
            self._banner(self.notice_banner, text, latest.severity)
        else:
            self._banner(self.notice_banner, "", Severity.INFO)

    def playout_text(self, link: LinkView) -> str:
        """What was done to the sound received, and the audio thread's priority if refused."""
        p = link.playout
        text = self.tr(
            "Sound received: {0} concealed, {1} dropped, {2} underruns (audible); "
            "{3} stretched, {4} shrunk (inaudible)."
        ).format(p.concealed, p.dropped, p.underruns, p.stretched, p.shrunk)
        if link.priority is Priority.REALTIME:
            return text
        return (
            text
            + " "
            + self.tr(
                "The system refused real-time priority to the sound: it may break up while this "
                "computer is busy."
            )
        )

    def connection_text(self, view: View) -> str:
        match view.connection:
            case Connection.OFFLINE:
                return self.tr("offline")
            case Connection.CONNECTING:
                return self.tr("connecting to {0}…").format(view.connection_text)
            case Connection.CONNECTED:
                return self.tr("connected")
            case Connection.RECONNECTING:
                return self.tr("reconnecting… attempt {0} ({1})").format(
                    view.reconnect_attempt, view.connection_text
                )
            case Connection.LOST:
                return self.tr("connection lost: {0}").format(view.connection_text)
            case _:
                return self.tr("not connected: {0}").format(view.connection_text)
