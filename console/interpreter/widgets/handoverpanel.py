"""Handover: the partner's state, the turn timer, offer/request/accept/cancel.

A request or an offer to me cannot be missed: the panel flashes, then stays
highlighted until it is answered (:class:`~console.shell.widgets.common.Attention`;
highlighted at once with reduced motion), the key that accepts is named in
large type, a soft chime plays in the headset (:class:`audio.commands.Chime`,
when the settings want it) and screen readers announce it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QGridLayout, QGroupBox, QVBoxLayout, QWidget

from console.interpreter.actions import Actions
from console.interpreter.model import HandoverView, View
from console.shell.settings import Settings
from console.shell.widgets.common import (
    ActionButton,
    Call,
    announce_change,
    set_if_changed,
    set_state,
)
from console.shell.widgets.icons import icon
from console.shell.widgets.plain import Label

TURN_WARNING_S = 30 * 60
"""FIELD.md: turns of about 30 minutes."""


def clock_text(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class HandoverPanel(QGroupBox):
    """``settings``: whether to chime and whether to flash (without settings: both)."""

    def __init__(
        self, actions: Actions, parent: QWidget | None = None, settings: Settings | None = None
    ) -> None:
        super().__init__(parent)
        self.dispatcher = actions
        self.setTitle(self.tr("Handover"))
        self.setAccessibleName(self.tr("Handover"))
        layout = QVBoxLayout(self)
        self.partner = Label(parent=self)
        self.partner.setAccessibleName(self.tr("Booth partner"))
        self.partner.setWordWrap(True)
        layout.addWidget(self.partner)
        self.turn = Label(parent=self)
        self.turn.setAccessibleName(self.tr("Turn timer"))
        font = QFont(self.turn.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.turn.setFont(font)
        self.turn.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.turn)
        self.pending = Label(parent=self)
        self.pending.setAccessibleName(self.tr("Pending handover"))
        self.pending.setWordWrap(True)
        layout.addWidget(self.pending)
        self.call = Call(
            self,
            self.tr("What to do"),
            scale=1.8,
            settings=settings,
            actions=actions,
        )
        layout.addWidget(self.call.prompt)
        grid = QGridLayout()
        self.offer = ActionButton(actions, "handover_offer", self.tr("Offer"), self)
        self.request = ActionButton(actions, "handover_request", self.tr("Request"), self)
        self.accept = ActionButton(actions, "handover_accept", self.tr("Accept"), self)
        self.cancel = ActionButton(actions, "handover_cancel", self.tr("Cancel"), self)
        for i, button in enumerate((self.offer, self.request, self.accept, self.cancel)):
            button.setIcon(icon_for(i))
            grid.addWidget(button, i // 2, i % 2)
        layout.addLayout(grid)

    def show_view(self, view: View) -> None:
        if not view.partners:
            partner = self.tr("Partner: nobody else in the booth")
        else:
            states = []
            for p in view.partners:
                if not p.connected:
                    state = self.tr("disconnected")
                elif p.live and p.cough:
                    state = self.tr("live, coughing")
                elif p.live:
                    state = self.tr("live")
                else:
                    state = self.tr("listening")
                states.append(f"{p.name}: {state}")
            partner = self.tr("Partner: {0}").format(", ".join(states))
        set_if_changed(self.partner, partner)
        h = view.handover
        turn = self.tr("Turn {0}").format(clock_text(h.turn_s)) if h.turn_s is not None else ""
        set_if_changed(self.turn, turn)
        stale = view.stale and h.turn_s is not None  # greyed: from before the link went quiet
        if stale:
            turn = self.tr("{0} (not current: the hub is not heard)").format(turn)
        if self.turn.accessibleDescription() != turn:
            self.turn.setAccessibleDescription(turn)
        set_state(self.turn, "muted", "true" if stale else "")
        long_turn = h.turn_s is not None and h.turn_s >= TURN_WARNING_S and not stale
        set_state(self.turn, "severity", "warning" if long_turn else "")
        if h.pending is None:
            pending = ""
        elif h.to_me and h.pending == "offer":
            pending = self.tr("{0} offers you the air: accept to take over").format(h.other)
        elif h.to_me:
            pending = self.tr("{0} asks for the air: accept to hand over").format(h.other)
        elif h.pending == "offer":
            pending = self.tr("You offered the air to {0}: waiting").format(h.other)
        else:
            pending = self.tr("You asked {0} for the air: waiting").format(h.other)
        set_if_changed(self.pending, pending)
        set_state(self.pending, "severity", "info" if pending else "")
        prompt = self.prompt_text(h)
        self.call.show((h.pending, h.other), prompt)
        announce_change(self.pending, f"{pending}. {prompt}" if prompt else "")
        self.offer.setEnabled(h.can_offer)
        self.request.setEnabled(h.can_request)
        self.accept.setEnabled(h.can_accept)
        self.cancel.setEnabled(h.can_cancel)
        set_state(self.accept, "severity", "info" if h.can_accept else "")

    def prompt_text(self, h: HandoverView) -> str:
        """What to press to answer a request or offer to me, in words ("" when none is)."""
        if not (h.to_me and h.pending):
            return ""
        key = self.dispatcher.key_text("handover_accept")
        if h.pending == "offer":
            if key:
                return self.tr("Press {0} to take the air").format(key)
            return self.tr("Press Accept to take the air")
        if key:
            return self.tr("Press {0} to hand over the air").format(key)
        return self.tr("Press Accept to hand over the air")


def icon_for(index: int) -> QIcon:
    return icon("handover") if index < 3 else QIcon()
