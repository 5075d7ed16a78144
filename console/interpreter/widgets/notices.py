"""What needs attention now, in a place of its own that never moves the controls.

The notices area sits between the status line and the console's panels and
has a fixed height: room for :data:`ROWS` notices of up to two lines each,
whether there are none or many, so that a notice appearing or clearing never
moves the on-air button. Notices stack in it most serious first (alarm,
warning, information); when there are more than fit, the last row says how
many more wait, and they show when a row is free.

A notice whose condition clears stays :data:`HOLD_S` seconds more
(:class:`NoticeHold`, a sans-I/O rule tested in virtual time): a floor that
sounds poor, then fine, then poor again shows one steady notice instead of a
banner that comes and goes. A notice of a state the user ends (not in a
meeting) goes at once: it does not flap, and "you are not in a meeting" must
not stay while on air.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from console.interpreter.model import Severity, View
from console.shell.model import Connection
from console.shell.protection import alert_text
from console.shell.widgets.common import set_if_changed, set_state
from console.shell.widgets.plain import Label

NOTICE_SHOWN_S: Final = 8.0
"""How long a notice (a refusal, a protection alert) stays in the area."""
HOLD_S: Final = 5.0
"""How long a notice stays after its condition cleared (no flapping)."""
ROWS: Final = 2
"""How many notices the area shows at once; its height is fixed to fit them."""
RANK: Final = {Severity.ALARM: 0, Severity.WARNING: 1, Severity.INFO: 2}
"""Most serious first."""


def notice_text(code: str, params: tuple[str, ...] = ()) -> str:
    """Words for the view model's notice codes; sentences from the engine pass as they are."""
    if code == "protection":  # (event kind, value)
        return alert_text(params[0], float(params[1]))
    if code == "restored":
        return QCoreApplication.translate(
            "Notice", "Connection restored: listening to {0} again."
        ).format(*params)
    if code == "air_lost":
        return QCoreApplication.translate(
            "Notice", "You were on air on {0}: the microphone is off. Press it to speak again."
        ).format(*params)
    return {
        "forced_off": QCoreApplication.translate(
            "Notice", "A coordinator switched your microphone off."
        ),
        "no_output": QCoreApplication.translate(
            "Notice", "You have no output channel: are you in a booth?"
        ),
        "slow_down_sent": QCoreApplication.translate(
            "Notice",
            "“Slow down” was sent: the coordinators and the chair see that it comes from you.",
        ),
        "no_settings": QCoreApplication.translate(
            "Notice", "Settings are not available in this window."
        ),
    }.get(code, code)


@dataclass(frozen=True, slots=True)
class Shown:
    """One notice in the area: ``key`` names its condition (``sound``, ``floor``, ``notice``)."""

    key: str
    text: str
    severity: Severity
    held: bool = True
    """False for a notice of a state the user changes (not in a meeting): it goes at once."""


@dataclass(slots=True)
class _Held:
    shown: Shown
    order: int
    cleared_at: float | None = None


class NoticeHold:
    """Which notices to show: the conditions of now, and those that cleared less than
    ``hold_s`` ago (with their last words).

    Give it every refresh's active notices and the time (:meth:`update`); it
    answers what to show, most serious first, then oldest first. A condition that
    comes back while held continues the same notice, with its new words.
    """

    def __init__(self, hold_s: float = HOLD_S) -> None:
        self.hold_s = hold_s
        self._held: dict[str, _Held] = {}
        self._count = 0

    def update(self, now: float, active: list[Shown]) -> list[Shown]:
        keys = {notice.key for notice in active}
        for notice in active:
            held = self._held.get(notice.key)
            if held is None:
                self._count += 1
                self._held[notice.key] = _Held(notice, self._count)
            else:
                held.shown, held.cleared_at = notice, None
        for key, held in list(self._held.items()):
            if key in keys:
                continue
            if not held.shown.held:
                del self._held[key]
                continue
            if held.cleared_at is None:
                held.cleared_at = now
            if now - held.cleared_at >= self.hold_s:
                del self._held[key]
        ordered = sorted(self._held.values(), key=lambda h: (RANK[h.shown.severity], h.order))
        return [held.shown for held in ordered]


class NoticesArea(QWidget):
    """The notices, stacked in a fixed height (see the module docstring)."""

    def __init__(self, where: Callable[[str], str], parent: QWidget | None = None) -> None:
        """``where(action_id)``: how the user reaches an action (its menu path and key)."""
        super().__init__(parent)
        self.where = where
        self.setAccessibleName(self.tr("Notices"))
        self.hold = NoticeHold()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.rows: list[Label] = []
        for index in range(ROWS):
            row = Label(parent=self)
            row.setObjectName(f"notice_{index}")
            row.setMargin(3)
            font = QFont(row.font())
            font.setBold(True)
            row.setFont(font)
            row.setAlignment(Qt.AlignmentFlag.AlignCenter)
            row.setWordWrap(True)
            row.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            row.setFixedHeight(row.fontMetrics().lineSpacing() * 2 + 6)
            layout.addWidget(row)
            self.rows.append(row)
        height = sum(row.height() for row in self.rows) + layout.spacing() * (ROWS - 1)
        self.setFixedHeight(height)
        self.shown: list[Shown] = []
        """What the area shows now, most serious first."""

    def show_view(self, view: View) -> None:
        self.shown = self.hold.update(view.now, self.active(view))
        for index, row in enumerate(self.rows):
            notice = self.shown[index] if index < len(self.shown) else None
            text = notice.text if notice is not None else ""
            set_if_changed(row, text)
            row.setAccessibleName(text or self.tr("No notice"))
            set_state(row, "severity", notice.severity.value if notice is not None else "")
        more = len(self.shown) - ROWS
        if more > 0:
            text = self.tr("{0} (and {1} more)").format(self.shown[ROWS - 1].text, more)
            set_if_changed(self.rows[-1], text)
            self.rows[-1].setAccessibleName(text)

    def text(self, key: str) -> str:
        """The words of the notice ``key`` shows now ("" when it does not show)."""
        return next((notice.text for notice in self.shown if notice.key == key), "")

    def active(self, view: View) -> list[Shown]:
        """The notices whose condition holds now."""
        found: list[Shown] = []
        if view.connection is Connection.OFFLINE:
            text = self.tr(
                "You are not in a meeting. To join one, press Connect or choose {0}."
            ).format(self.where("connect"))
            found.append(Shown("offline", text, Severity.INFO, held=False))
        if view.no_sound_card:
            found.append(
                Shown(
                    "sound",
                    self.tr(
                        "No sound card: you hear nothing (the meters and the floor keep running). "
                        "Connect a headset, then choose it in {0}, page Audio."
                    ).format(self.where("settings")),
                    Severity.WARNING,
                )
            )
        elif view.port_problem:
            found.append(
                Shown(
                    "sound",
                    self.tr("Sound card problem: {0}").format(view.port_problem),
                    Severity.WARNING,
                )
            )
        if view.floor_issues:
            text = self.tr("Floor sound is poor: {0}").format("; ".join(view.floor_issues))
            found.append(Shown("floor", text, Severity.WARNING))
        recent = [n for n in view.notices if view.now - n.at < NOTICE_SHOWN_S]
        if recent:
            latest = recent[-1]
            found.append(Shown("notice", notice_text(latest.text, latest.params), latest.severity))
        return found
