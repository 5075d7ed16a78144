"""The connect dialog: a hub address (or several) and a token, or one pasted meeting link.

The dialog never connects by itself: Connect calls the ``connect`` callable
its caller gives (the main window routes it through its one command path),
and the caller hands the engine's events back to :meth:`ConnectDialog.handle_event`.
That keeps one way to connect, and lets the dialog show what happened with
the real connection: the failures of :mod:`channels.session` become
sentences that say what to do (:func:`failure_text`), and a welcome puts the
meeting at the top of the remembered list.

Before anything is sent, a plain ``ws://`` address on another computer is
refused (the token would cross the network unencrypted) unless the user
ticks the box that allows it, under a sentence that says what it exposes;
links and tokens that cannot be right are refused too (:mod:`console.shell.links`).
A hub with its own certificate authority is verified against the CA file the
user gives (typed, or chosen with the file picker). Both choices go into
the :class:`~audio.commands.Connect` (the engine reconnects with them too)
and are remembered with the meeting. The address field takes several
addresses of one meeting separated by commas (a cluster's edges: the engine
tries them in turn); a wrong one is named in the refusal.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from audio.commands import Connect, Event, ReconnectGaveUp
from channels.session import (
    ConnectionFailed,
    Disconnected,
    DisconnectKind,
    FailureKind,
    Welcomed,
)
from console.shell import links, theme
from console.shell.links import LinkError
from console.shell.settings import RememberedMeeting, Settings
from console.shell.widgets.plain import Label

EXPIRY_LEEWAY_S: Final = 30.0
"""The hub's own leeway (channels.tokens.verify): a token this close to expiry is expired."""

Connector = Callable[[Connect], object]
"""Start connecting; the outcome comes back as engine events."""


def link_text(error: LinkError) -> str:
    """A :class:`LinkError` in the user's language (naming the wrong one of several addresses)."""
    text = QCoreApplication.translate(links.CONTEXT, error.template).format(**error.values)
    if error.address is None:
        return text
    which = QCoreApplication.translate(links.CONTEXT, links.WHICH)
    return f"{which.format(address=error.address)} {text}"


def failure_text(event: ConnectionFailed, token: str = "", now: float | None = None) -> str:
    """What went wrong when connecting, and what to do, in the user's language.

    ``token`` lets a refusal of an expired token be told apart from other
    refusals by the token's own expiry (read without verifying it), rather
    than by the wording of the hub's message.
    """
    claims = links.peek_claims(token)
    match event.kind:
        case FailureKind.TOKEN_REFUSED:
            exp = claims.get("exp")
            moment = time.time() if now is None else now
            if isinstance(exp, int | float) and exp <= moment + EXPIRY_LEEWAY_S:
                return QCoreApplication.translate(
                    "Connect",
                    "Your token has expired. Ask the organiser of the meeting for a new one.",
                )
            return QCoreApplication.translate(
                "Connect",
                "The hub refused your token. Check that you copied all of it, or ask the "
                "organiser for a new one.",
            )
        case FailureKind.WRONG_MEETING:
            return QCoreApplication.translate(
                "Connect",
                "This hub runs another meeting than the one your token is for ({0}). Check "
                "that the address and the token come from the same invitation.",
            ).format(claims.get("mtg", "?"))
        case FailureKind.UNREACHABLE:
            return QCoreApplication.translate(
                "Connect",
                "The hub cannot be reached. Check the address and your network connection; "
                "if both are right, the hub may not be running yet: ask the organiser.",
            )
        case FailureKind.BAD_URL | FailureKind.NOT_A_HUB:
            return QCoreApplication.translate(
                "Connect",
                "There is no meeting hub at this address. Check the address: it usually "
                "starts with wss:// and ends with /v1.",
            )
        case FailureKind.NO_SUCH_BOOTH:
            return QCoreApplication.translate(
                "Connect",
                "The meeting has no booth for your token. Ask the organiser for a token "
                "for one of its booths.",
            )
        case FailureKind.CANCELLED:
            return QCoreApplication.translate("Connect", "Connecting was cancelled.")
        case FailureKind.INSECURE:
            return QCoreApplication.translate(
                "Connect",
                "This address is not encrypted (ws://) and leads to another computer: your "
                "token would cross the network in clear. Use the hub's wss:// address.",
            )
        case FailureKind.CERTIFICATE:
            return QCoreApplication.translate(
                "Connect",
                "The hub's certificate could not be verified, so nothing was sent. If the "
                "meeting uses its own certificate authority, ask the organiser for its CA file "
                "and give it as the CA certificate file.",
            )
        case _:
            return QCoreApplication.translate(
                "Connect",
                "The hub closed the connection before letting you in. Try again; if it "
                "happens again, tell the technician.",
            )


def disconnect_text(event: Disconnected) -> str:
    """How a meeting connection ended, and what happens next, in the user's language."""
    match event.kind:
        case DisconnectKind.CLOSED_BY_US:
            return QCoreApplication.translate("Connect", "You left the meeting.")
        case DisconnectKind.REPLACED:
            return QCoreApplication.translate(
                "Connect",
                "You joined this meeting from another window or computer, so this one "
                "was disconnected.",
            )
        case DisconnectKind.ABUSE:
            return QCoreApplication.translate(
                "Connect",
                "The hub disconnected this console because it sent too many requests. "
                "Tell the technician.",
            )
        case DisconnectKind.HUB_STOPPING:
            return QCoreApplication.translate(
                "Connect", "The hub is shutting down. Reconnecting when it is back…"
            )
        case DisconnectKind.LOST:
            return QCoreApplication.translate(
                "Connect", "The connection to the hub was lost. Reconnecting…"
            )
        case _:
            return QCoreApplication.translate("Connect", "The hub ended the connection.")


def in_words(event: Event, token: str = "") -> Event:
    """``event`` with the sentence a window shows in the user's language, for the events
    whose kind the console has words for (a connection that failed, ended or was given up);
    any other event as it is. ``token``: the one connected with (see :func:`failure_text`).
    """
    match event:
        case ConnectionFailed():
            return replace(event, sentence=failure_text(event, token))
        case Disconnected():
            return replace(event, sentence=disconnect_text(event))
        case ReconnectGaveUp(kind=kind, sentence=sentence) if kind in set(FailureKind):
            return replace(
                event, sentence=failure_text(ConnectionFailed(FailureKind(kind), sentence), token)
            )
        case ReconnectGaveUp(kind=kind, sentence=sentence) if kind in set(DisconnectKind):
            gone = Disconnected(DisconnectKind(kind), sentence, None, resumable=False)
            return replace(event, sentence=disconnect_text(gone))
    return event


class ConnectDialog(QDialog):
    """See the module docstring. ``connected`` is emitted with the hub address on welcome."""

    connected = Signal(str)

    def __init__(
        self, settings: Settings, connect: Connector, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self._connect = connect
        self._pending: Connect | None = None
        self.ca_picker: QFileDialog | None = None
        """The file picker of the CA field, while it is open."""
        self.setWindowTitle(self.tr("Connect to a meeting"))
        self.setAccessibleName(self.tr("Connect to a meeting"))

        self.link = self._field(
            self.tr("Meeting link"),
            self.tr("Paste the link from your invitation: it fills in the address and token."),
        )
        self.link.setPlaceholderText(self.tr("rsi://… or wss://…#token=… or https://…?hub=…"))
        self.hub = self._field(
            self.tr("Hub address"),
            self.tr(
                "For example wss://hub.example.org/v1. Several addresses of one meeting, "
                "separated by commas, are tried in turn."
            ),
        )
        self.token = self._field(self.tr("Token"), self.tr("The token from your invitation"))
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_token = QCheckBox(self.tr("S&how the token"))
        self.show_token.setAccessibleName(self.tr("Show the token"))
        self.keep_token = QCheckBox(self.tr("&Keep the token on this computer (not encrypted)"))
        self.keep_token.setAccessibleName(self.tr("Keep the token on this computer"))
        self.keep_token.setAccessibleDescription(
            self.tr("Anyone who can read your settings file can then join as you until it expires.")
        )
        self.ca_file = self._field(
            self.tr("CA certificate file"),
            self.tr(
                "Only if the meeting has its own certificate authority: the PEM file from the "
                "organiser. Leave empty for a hub with a public certificate."
            ),
        )
        self.ca_browse = QPushButton(self.tr("&Browse…"))
        self.ca_browse.setAccessibleName(self.tr("Choose the CA certificate file"))
        self.ca_browse.setAutoDefault(False)
        self.allow_insecure = QCheckBox(
            self.tr("Allow &unencrypted connection to another computer")
        )
        self.allow_insecure.setAccessibleName(
            self.tr("Allow unencrypted connection to another computer")
        )
        warning = self.tr(
            "Warning: with ws:// your token and your voice cross the network in clear; anyone "
            "on the way can listen and join as you. Only on a network you trust."
        )
        self.allow_insecure.setAccessibleDescription(warning)
        self.insecure_warning = Label(warning)
        self.insecure_warning.setWordWrap(True)
        self.insecure_warning.setProperty("severity", "warning")

        self.meetings = QListWidget()
        self.meetings.setAccessibleName(self.tr("Remembered meetings"))
        self.meetings.setAccessibleDescription(
            self.tr("Choose one to fill in its address; Enter connects.")
        )
        self.forget = QPushButton(self.tr("&Forget this meeting"))
        self.forget.setAccessibleName(self.tr("Forget the selected meeting"))
        self.forget.setAutoDefault(False)

        self.status = Label()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Connection status"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.status.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        self.buttons = QDialogButtonBox()
        self.connect_button = self.buttons.addButton(
            self.tr("&Connect"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.connect_button.setAccessibleName(self.tr("Connect"))
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel"))

        form = QFormLayout()
        for text, field in (
            (self.tr("Meeting &link:"), self.link),
            (self.tr("Hub &address:"), self.hub),
            (self.tr("&Token:"), self.token),
        ):
            label = Label(text)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(Label(), self.show_token)
        form.addRow(Label(), self.keep_token)
        ca_label = Label(self.tr("CA c&ertificate file:"))
        ca_label.setBuddy(self.ca_file)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(self.ca_browse)
        form.addRow(ca_label, ca_row)
        form.addRow(Label(), self.allow_insecure)
        form.addRow(Label(), self.insecure_warning)
        listed = Label(self.tr("&Remembered meetings:"))
        listed.setBuddy(self.meetings)
        row = QHBoxLayout()
        row.addWidget(self.meetings, 1)
        row.addWidget(self.forget, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(listed)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.connect_button.setDefault(True)  # Enter connects (set once inside the dialog)

        self.link.textChanged.connect(self._link_changed)
        self.show_token.toggled.connect(self._show_token)
        self.ca_browse.clicked.connect(self._choose_ca)
        self.meetings.currentItemChanged.connect(self._meeting_chosen)
        self.meetings.itemActivated.connect(lambda _item: self.start())
        self.forget.clicked.connect(self._forget)
        self.connect_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.reject)
        self._fill_meetings()

    def _field(self, name: str, description: str) -> QLineEdit:
        field = QLineEdit()
        field.setAccessibleName(name)
        field.setAccessibleDescription(description)
        field.setClearButtonEnabled(True)
        return field

    # -- what the user does --------------------------------------------------------------------

    def start(self) -> None:
        """Check the address and token, then connect through the caller's command path."""
        allow_insecure = self.allow_insecure.isChecked()
        try:
            hub = links.check_hub(self.hub.text())
            if not allow_insecure:
                links.check_private(hub)
            token = links.check_token(self.token.text())
        except LinkError as err:
            text = link_text(err)
            if err.template == links.PLAIN_TEXT:
                text += " " + self.tr(
                    "On a network you trust, you may tick “Allow unencrypted connection to "
                    "another computer” instead."
                )
            self._say(text, "alarm")
            return
        ca_file = self.ca_file.text().strip() or None
        if ca_file is not None and not Path(ca_file).is_file():
            self._say(
                self.tr(
                    "The CA certificate file {0} does not exist. Choose the file the organiser "
                    "gave you, or leave the field empty."
                ).format(ca_file),
                "alarm",
            )
            return
        self.hub.setText(hub)
        command = Connect(hub, token, ca_file=ca_file, allow_insecure=allow_insecure)
        self._pending = command
        self._busy(True)
        self._say(self.tr("Connecting to {0}…").format(links.hosts(hub)), "info")
        self._connect(command)

    def _link_changed(self, text: str) -> None:
        if not text.strip():
            self._say("", "info")
            return
        try:
            link = links.parse(text)
        except LinkError as err:
            self._say(link_text(err), "alarm")
            return
        self.hub.setText(link.hub)
        if link.token is not None:
            self.token.setText(link.token)
        self._say(self.tr("The link is complete: press Connect."), "info")

    def _choose_ca(self) -> None:
        """The file picker for the CA field (Qt's own, so that it is the same everywhere)."""
        picker = QFileDialog(self, self.tr("Choose the CA certificate file"))
        picker.setAccessibleName(self.tr("Choose the CA certificate file"))
        picker.setOption(QFileDialog.Option.DontUseNativeDialog)
        picker.setFileMode(QFileDialog.FileMode.ExistingFile)
        picker.setNameFilters(
            [self.tr("Certificates (*.pem *.crt *.cer)"), self.tr("All files (*)")]
        )
        typed = self.ca_file.text().strip()
        if typed and Path(typed).parent.is_dir():
            picker.setDirectory(str(Path(typed).parent))
        picker.fileSelected.connect(self.ca_file.setText)
        picker.finished.connect(self._ca_picker_closed)
        self.ca_picker = picker
        picker.open()

    def _ca_picker_closed(self) -> None:
        if self.ca_picker is not None:
            self.ca_picker.deleteLater()
            self.ca_picker = None
        self.activateWindow()  # back from the picker, to the field it filled
        self.ca_file.setFocus()

    def _show_token(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.token.setEchoMode(mode)

    def _meeting_chosen(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        meeting: RememberedMeeting = item.data(Qt.ItemDataRole.UserRole)
        self.hub.setText(meeting.hub)
        self.token.setText(meeting.token or "")
        self.keep_token.setChecked(meeting.token is not None)
        self.ca_file.setText(meeting.ca_file or "")
        self.allow_insecure.setChecked(meeting.allow_insecure)

    def _forget(self) -> None:
        item = self.meetings.currentItem()
        if item is None:
            self._say(self.tr("Choose a meeting in the list first."), "info")
            return
        meeting: RememberedMeeting = item.data(Qt.ItemDataRole.UserRole)
        self.settings.forget(meeting.hub)
        self._fill_meetings()
        self._say(self.tr("{0} is forgotten.").format(meeting.name), "info")

    # -- what the engine says ------------------------------------------------------------------

    @property
    def connecting(self) -> bool:
        """A connection was asked for and has not ended yet (on Cancel: send Disconnect)."""
        return self._pending is not None

    def handle_event(self, event: object) -> None:
        """Give every engine event here while the dialog is open; the others are ignored."""
        if self._pending is None:
            return
        command = self._pending
        if isinstance(event, Welcomed):
            self._pending = None
            kept = command.token if self.keep_token.isChecked() else None
            self.settings.remember(
                command.url,
                event.meeting.title or event.meeting.id,
                kept,
                ca_file=command.ca_file,
                allow_insecure=command.allow_insecure,
            )
            self._busy(False)
            self.connected.emit(command.url)
            self.accept()
        elif isinstance(event, ConnectionFailed):
            self._pending = None
            self._busy(False)
            self._say(failure_text(event, command.token), "alarm")

    # -- helpers -------------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        self.connect_button.setEnabled(not busy)
        for field in (self.link, self.hub, self.token, self.ca_file):
            field.setReadOnly(busy)
        self.ca_browse.setEnabled(not busy)
        self.allow_insecure.setEnabled(not busy)

    def _say(self, text: str, severity: str) -> None:
        self.status.setText(text)
        self.status.setProperty("severity", severity)
        self.status.setAccessibleDescription(text)
        theme.restyle(self.status)

    def _fill_meetings(self) -> None:
        self.meetings.clear()
        for meeting in self.settings.meetings():
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(meeting.last_used))
            item = QListWidgetItem(
                self.tr("{0} ({1}, last used {2})").format(
                    meeting.name, links.hosts(meeting.hub), when
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, meeting)
            self.meetings.addItem(item)
        self.forget.setEnabled(self.meetings.count() > 0)
