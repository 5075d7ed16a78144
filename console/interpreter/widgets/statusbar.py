"""The top of the window: who and where, the connection, link quality and a clock.

What needs attention now (no sound card, a floor that sounds poor, a refusal...) is shown
below it, in the notices area (:mod:`console.interpreter.widgets.notices`)."""

from __future__ import annotations

import time

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from audio.commands import Priority
from console.interpreter.model import LinkView, View
from console.shell.model import Connection
from console.shell.widgets.common import announce_change, set_if_changed, set_state
from console.shell.widgets.icons import icon
from console.shell.widgets.plain import Label


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

    def show_view(self, view: View) -> None:
        where = view.meeting_title or self.tr("Not connected")
        if view.booth:
            where = self.tr("{0} — {1} booth — {2}").format(where, view.booth.upper(), view.me_name)
        set_if_changed(self.where, where)
        connection = self.connection_text(view)
        hub = view.link.hub if view.link is not None else None
        edge = self.tr("Connected to {0}").format(hub) if hub else ""
        if self.connection.text() != connection or self.connection.toolTip() != edge:
            self.connection.setText(connection)
            self.connection.setToolTip(edge)
            said = f"{connection} · {edge}" if edge else connection
            self.connection.setAccessibleDescription(said)
        alarm = view.connection in (Connection.LOST, Connection.FAILED, Connection.RECONNECTING)
        stalled = view.connection is Connection.CONNECTED and view.stalled_s is not None
        set_state(self.connection, "severity", "alarm" if alarm else "warning" if stalled else "")
        spoken = "" if view.connection is Connection.CONNECTING else self.connection.text()
        said = "stalled" if stalled else view.connection.value  # said once, not every figure
        announce_change(self.connection, spoken, key=said, assertive=alarm or stalled)
        link = view.link
        if link is None:
            text = self.tr("link: —")
        elif link.stale:
            text = self.tr("RTT — · jitter — · loss — (unknown while the hub is silent)")
        else:
            rtt = f"{link.rtt_ms:.0f}" if link.rtt_ms is not None else "—"
            text = self.tr("RTT {0} ms · jitter {1:.0f} ms · loss {2:.1f} %").format(
                rtt, link.jitter_ms, link.loss * 100
            )
        set_if_changed(self.link, text)
        set_state(self.link, "severity", "warning" if link and link.poor else "")
        details = self.playout_text(link) if link is not None else ""
        said = f"{text}. {details}" if details else text  # the figures shown, then the counts
        if self.link.toolTip() != details or self.link.accessibleDescription() != said:
            self.link.setToolTip(details)
            self.link.setAccessibleDescription(said)
        set_if_changed(self.clock, time.strftime("%H:%M:%S", time.localtime(view.now)))

    def playout_text(self, link: LinkView) -> str:
        """What was done to the sound received, and the audio thread's priority if refused."""
        p = link.playout
        text = self.tr(
            "Sound received: {0} concealed, {1} dropped, {2} gaps (audible); "
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
            case Connection.CONNECTED if view.stalled_s is not None:
                return self.tr("no sound from the hub for {0:.1f} s: you may not be heard").format(
                    view.stalled_s
                )
            case Connection.CONNECTED if view.restored_s is not None:
                return self.tr("connected · sound from the hub is back after {0:.1f} s").format(
                    view.restored_s
                )
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
