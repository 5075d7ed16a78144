"""The consent dialog: what a study records, where, and the participant's free choice.

Shown before anything is recorded. Agreeing (Alt+A) starts the session;
declining (Alt+D, or Escape, or closing the dialog) ends it with nothing
recorded. Neither is the default button: Enter alone decides nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from console.shell.widgets.plain import Label


def standard_consent(folder: Path, screenshots_per_s: float) -> str:
    """The kit's own consent text, in the user's language, for a scenario that has none."""
    shots = (
        QCoreApplication.translate(
            "Consent", "pictures of the console's window, {0} per second;"
        ).format(f"{screenshots_per_s:g}")
        if screenshots_per_s > 0
        else QCoreApplication.translate("Consent", "no pictures of the window;")
    )
    return "\n".join(
        (
            QCoreApplication.translate(
                "Consent",
                "You are taking part in a usability study of this interpreting console. "
                "While the session runs, it records:",
            ),
            QCoreApplication.translate(
                "Consent", "- what you hear in your headset and what you say into your microphone;"
            ),
            QCoreApplication.translate(
                "Consent", "- every key you press and every control you use in the console;"
            ),
            "- " + shots,
            QCoreApplication.translate("Consent", "- your answers to a few questions at the end."),
            QCoreApplication.translate(
                "Consent",
                "Everything stays on this computer, in the folder {0}. Nothing is sent "
                "anywhere. The report names you by a pseudonym only.",
            ).format(folder),
            QCoreApplication.translate(
                "Consent",
                "You may stop at any time: close the window, and tell the researcher whether "
                "to delete what was recorded.",
            ),
        )
    )


class ConsentDialog(QDialog):
    """Asks for consent with ``text``; ``exec()`` returns Accepted only if the user agrees."""

    def __init__(self, text: str, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Before the study starts"))
        self.setAccessibleName(self.tr("Consent to the study"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.text = Label(text)
        self.text.setWordWrap(True)
        self.text.setAccessibleName(self.tr("What the study records"))
        self.text.setAccessibleDescription(text)
        layout.addWidget(self.text)
        self.place = Label(self.tr("Recordings are kept in: {0}").format(folder))
        self.place.setWordWrap(True)
        self.place.setAccessibleName(self.place.text())
        layout.addWidget(self.place)
        buttons = QHBoxLayout()
        self.decline = QPushButton(self.tr("I &do not agree: stop here"))
        self.decline.setAccessibleName(self.tr("Decline: nothing is recorded"))
        self.agree = QPushButton(self.tr("I &agree: start the session"))
        self.agree.setAccessibleName(self.tr("Agree and start the session"))
        for button in (self.decline, self.agree):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.decline.clicked.connect(self.reject)
        self.agree.clicked.connect(self.accept)
