"""The connect dialog against a real hub on loopback, through a real engine and its bridge.

Also a ``wss://`` hub with its own certificate authority (the CA file chosen with
the dialog's file picker), a plain ``ws://`` hub on this machine's network
address: refused until the user allows it, and several addresses of which the
first is dead: the console's engine connects through the next one and says which.
"""

from __future__ import annotations

import dataclasses
import socket
import ssl
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from audio.commands import Connect, Disconnect, Disconnected
from audio.engine import Engine, EngineConfig
from audio.fileport import NullPort
from channels.session import ConnectionFailed, DisconnectKind, FailureKind
from channels.tokens import issue
from console.app import save_screenshot
from console.shell import links
from console.shell.bridge import EngineBridge
from console.shell.connectdialog import ConnectDialog, disconnect_text, failure_text
from console.shell.model import Connection
from console.shell.settings import Settings
from tests.rig.consolekit import SHOTS, HubThread, make_console, publish
from tests.rig.meetings import console_meeting
from tests.rig.qtaccess import unnamed, unreachable
from tests.rig.tlskit import make_ca, make_hub_cert, network_address
from tests.rig.wsclient import token

TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def bridge(qapp: QApplication) -> Iterator[EngineBridge]:
    bridge = EngineBridge(Engine(NullPort(), EngineConfig(metrics_interval_s=0.2)))
    bridge.start()
    yield bridge
    bridge.stop()
    assert bridge.wait_stopped(10.0)


class Route:
    """The caller's command path: what the dialog asked for, passed on to the engine."""

    def __init__(self, bridge: EngineBridge) -> None:
        self.bridge = bridge
        self.calls: list[Connect] = []

    def __call__(self, command: Connect) -> None:
        self.calls.append(command)
        self.bridge.submit(command)


def open_dialog(qtbot, settings: Settings, bridge: EngineBridge) -> ConnectDialog:
    route = Route(bridge)
    dialog = ConnectDialog(settings, route)
    dialog.route = route  # type: ignore[attr-defined]
    qtbot.addWidget(dialog)
    bridge.arrived.connect(dialog.handle_event)
    dialog.finished.connect(lambda _: bridge.arrived.disconnect(dialog.handle_event))
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.at(tmp_path / "console.ini")


def leave(qtbot, bridge: EngineBridge) -> None:
    """Disconnect the engine and wait until it says so."""
    with qtbot.waitSignal(
        bridge.arrived, timeout=TIMEOUT_MS, check_params_cb=lambda e: isinstance(e, Disconnected)
    ) as ended:
        bridge.submit(Disconnect())
    assert ended.args[0].kind is DisconnectKind.CLOSED_BY_US


def join_and_leave(qtbot, dialog: ConnectDialog, bridge: EngineBridge, widget) -> None:
    """Press Enter on ``widget``, wait for the welcome, then leave the meeting again."""
    with qtbot.waitSignal(dialog.connected, timeout=TIMEOUT_MS):
        qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    leave(qtbot, bridge)


def fill(qtbot, dialog: ConnectDialog, hub: str, tok: str) -> None:
    """Type the address and the token into their fields, by keyboard."""
    for field, text in ((dialog.hub, hub), (dialog.token, tok)):
        field.setFocus()
        field.clear()
        qtbot.keyClicks(field, text)


def closed_address() -> str:
    """A ws:// address on loopback where nothing listens (a port that was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"ws://127.0.0.1:{probe.getsockname()[1]}/v1"


def failure(qtbot, dialog: ConnectDialog) -> str:
    """Press Enter (Connect is the default button) and wait for the error sentence."""
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: dialog.status.property("severity") == "alarm" and dialog.connect_button.isEnabled(),
        timeout=TIMEOUT_MS,
    )
    assert dialog.isVisible()
    return dialog.status.text()


def test_a_pasted_link_connects_and_the_meeting_is_remembered(
    qtbot, hub: HubThread, bridge: EngineBridge, settings: Settings
) -> None:
    tok = hub.token("zh1", "interpreter", "zh")
    dialog = open_dialog(qtbot, settings, bridge)
    assert unnamed(dialog) == []
    dialog.link.setFocus()
    assert unreachable(qtbot, dialog) == []
    dialog.link.setFocus()
    qtbot.keyClicks(dialog.link, links.format_link(hub.url, tok, "rsi"))
    assert (dialog.hub.text(), dialog.token.text()) == (hub.url, tok)
    assert "press Connect" in dialog.status.text()
    join_and_leave(qtbot, dialog, bridge, dialog.link)
    assert dialog.route.calls == [Connect(hub.url, tok)]  # type: ignore[attr-defined]
    [meeting] = settings.meetings()
    assert (meeting.hub, meeting.name, meeting.token) == (hub.url, "Console test", None)

    # Next time: keep the token, then connect from the list by keyboard alone.
    dialog = open_dialog(qtbot, settings, bridge)
    fill(qtbot, dialog, hub.url, tok)
    qtbot.keyClick(dialog.token, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.keep_token.isChecked)  # a mnemonic animates the click
    join_and_leave(qtbot, dialog, bridge, dialog.token)
    assert settings.meetings()[0].token == tok

    dialog = open_dialog(qtbot, settings, bridge)
    assert dialog.token.text() == ""
    qtbot.keyClick(dialog.link, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.meetings
    qtbot.keyClick(dialog.meetings, Qt.Key.Key_Down)
    assert "Console test" in dialog.meetings.currentItem().text()
    assert (dialog.hub.text(), dialog.token.text()) == (hub.url, tok)
    join_and_leave(qtbot, dialog, bridge, dialog.meetings)


def test_a_refused_token_an_expired_one_and_the_wrong_meeting_are_told_apart(
    qtbot, hub: HubThread, bridge: EngineBridge, settings: Settings
) -> None:
    meeting = hub.meeting
    good = hub.token("zh1", "interpreter", "zh")
    forged = token(
        dataclasses.replace(meeting, secret="another-secret-of-32-bytes-or-more!!"),
        "zh1",
        "interpreter",
        "zh",
    )
    # An invitation to another meeting: its own id, signed with its own secret.
    budget = dataclasses.replace(meeting, id="budget", secret="budget-secret-of-32-bytes-or-more!")
    other = token(budget, "zh1", "interpreter", "zh")
    expired = issue(
        meeting,
        sub="zh1",
        name="ZH1",
        role="interpreter",
        booth="zh",
        ttl_s=60,
        now=time.time() - 3600,
    )
    dialog = open_dialog(qtbot, settings, bridge)
    fill(qtbot, dialog, hub.url, forged)
    refused = failure(qtbot, dialog)
    assert refused.startswith("The hub refused your token.") and "organiser" in refused
    fill(qtbot, dialog, hub.url, expired)
    assert failure(qtbot, dialog).startswith("Your token has expired.")
    fill(qtbot, dialog, hub.url, other)
    wrong = failure(qtbot, dialog)
    assert "another meeting than the one your token is for (budget)" in wrong
    assert "same invitation" in wrong
    assert settings.meetings() == []
    fill(qtbot, dialog, hub.url, good)  # and then it works
    join_and_leave(qtbot, dialog, bridge, dialog.token)


def test_an_unreachable_hub_and_a_plain_text_token_are_explained(
    qtbot, hub: HubThread, bridge: EngineBridge, settings: Settings
) -> None:
    closed = closed_address()
    tok = hub.token("zh1", "interpreter", "zh")
    dialog = open_dialog(qtbot, settings, bridge)
    fill(qtbot, dialog, closed, tok)
    assert failure(qtbot, dialog).startswith("The hub cannot be reached.")

    calls = len(dialog.route.calls)  # type: ignore[attr-defined]
    fill(qtbot, dialog, "ws://hub.example.org:8765/v1", tok)
    qtbot.keyClick(dialog.token, Qt.Key.Key_Return)
    assert "sent your token" not in dialog.status.text()
    assert "unencrypted" in dialog.status.text() and "wss://" in dialog.status.text()
    assert len(dialog.route.calls) == calls  # type: ignore[attr-defined]  # nothing was sent

    fill(qtbot, dialog, hub.url, "not a token")
    qtbot.keyClick(dialog.token, Qt.Key.Key_Return)
    assert "token is damaged" in dialog.status.text()
    dialog.link.setFocus()
    qtbot.keyClicks(dialog.link, "hub.example.org")
    assert "is not a meeting link" in dialog.status.text()
    assert dialog.status.property("severity") == "alarm"


def test_several_addresses_the_first_dead_connect_through_the_second(
    qtbot, hub: HubThread, settings: Settings
) -> None:
    dead = closed_address()
    both = f"{dead},{hub.url}"
    tok = hub.token("zh1", "interpreter", "zh")
    window, bridge = make_console(settings=settings)
    qtbot.addWidget(window)
    try:
        window.show()
        dialog = window.open_connect(settings)
        qtbot.waitExposed(dialog)
        dialog.link.setFocus()  # a link with both addresses fills in both
        qtbot.keyClicks(dialog.link, links.format_link(both, tok, "rsi"))
        assert (dialog.hub.text(), dialog.token.text()) == (both, tok)
        assert "tried in turn" in dialog.hub.accessibleDescription()

        bad = "ws://127.0.0.1:99999/v1"  # typed: the wrong one of several is named
        fill(qtbot, dialog, f"{dead}, {bad}", tok)
        qtbot.keyClick(dialog.token, Qt.Key.Key_Return)
        assert dialog.status.text().startswith(f"The address “{bad}” cannot be used. The port")
        assert window.model.connection is Connection.OFFLINE  # nothing was sent
        shot = SHOTS / "connect-several-addresses.png"
        save_screenshot(dialog, str(shot))
        publish(shot, "connect-several-addresses.png")

        fill(qtbot, dialog, f"{dead}, {hub.url}", tok)
        with qtbot.waitSignal(dialog.connected, timeout=TIMEOUT_MS):
            qtbot.keyClick(dialog.token, Qt.Key.Key_Return)
        connection = window.status.connection  # the edge in use, in the tooltip
        edge = f"Connected to {hub.url}"
        qtbot.waitUntil(lambda: connection.toolTip() == edge, timeout=TIMEOUT_MS)
        assert connection.accessibleDescription() == f"connected · {edge}"
        [meeting] = settings.meetings()
        assert meeting.hub == both
    finally:
        window.close()
        assert bridge.wait_stopped(5.0)


def test_every_failure_and_end_has_a_sentence_that_says_what_to_do() -> None:
    sentences = {failure_text(ConnectionFailed(kind, "")) for kind in FailureKind}
    assert len(sentences) >= len(FailureKind) - 2  # BAD_URL/NOT_A_HUB and PROTOCOL/CLOSED share
    assert all(s.endswith(".") for s in sentences)
    ends = {disconnect_text(Disconnected(kind, "", None, False)) for kind in DisconnectKind}
    assert len(ends) == len(DisconnectKind)


def test_a_hub_with_its_own_ca_connects_with_the_ca_file_chosen_in_the_picker(
    qtbot, bridge: EngineBridge, settings: Settings, tmp_path: Path
) -> None:
    ca_key, ca = make_ca(tmp_path, "meeting-ca")
    cert, key = make_hub_cert(tmp_path, ca_key, ca)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    hub = HubThread(console_meeting(), ssl_context=context)
    hub.start()
    try:
        assert hub.url.startswith("wss://127.0.0.1:")
        tok = hub.token("zh1", "interpreter", "zh")
        dialog = open_dialog(qtbot, settings, bridge)
        assert unnamed(dialog) == []
        fill(qtbot, dialog, hub.url, tok)
        # Verified against the system's authorities: refused, and the sentence says what to do.
        assert "give it as the CA certificate file" in failure(qtbot, dialog)
        typo = str(tmp_path / "missing.pem")
        dialog.ca_file.setFocus()
        qtbot.keyClicks(dialog.ca_file, typo)
        qtbot.keyClick(dialog.ca_file, Qt.Key.Key_Return)
        assert "does not exist" in dialog.status.text()
        assert dialog.route.calls[-1].ca_file is None  # type: ignore[attr-defined]

        # The file picker, by keyboard: Alt+B opens it, the file's name typed, Enter chooses it.
        qtbot.keyClick(dialog.ca_file, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: dialog.ca_picker is not None and dialog.ca_picker.isVisible())
        picker = dialog.ca_picker
        assert picker is not None and picker.accessibleName()

        def picker_has_focus() -> bool:  # the dialog shows first, focus follows a moment later
            widget = QApplication.focusWidget()
            return isinstance(widget, QLineEdit) and picker.isAncestorOf(widget)

        qtbot.waitUntil(picker_has_focus)
        name_field = QApplication.focusWidget()
        assert isinstance(name_field, QLineEdit)
        name_field.clear()
        qtbot.keyClicks(name_field, str(tmp_path / "meeting-ca.pem"))
        qtbot.keyClick(name_field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.ca_picker is None)
        assert dialog.ca_file.text() == str(tmp_path / "meeting-ca.pem")
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.ca_file)  # back to it
        join_and_leave(qtbot, dialog, bridge, dialog.ca_file)
        sent = dialog.route.calls[-1]  # type: ignore[attr-defined]
        assert (sent.url, sent.ca_file) == (hub.url, str(tmp_path / "meeting-ca.pem"))
        [meeting] = settings.meetings()
        assert meeting.ca_file == str(tmp_path / "meeting-ca.pem") and not meeting.allow_insecure

        # Remembered with its CA file: chosen from the list, it connects again.
        dialog = open_dialog(qtbot, settings, bridge)
        qtbot.keyClick(dialog.link, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
        qtbot.keyClick(dialog.meetings, Qt.Key.Key_Down)
        assert dialog.ca_file.text() == str(tmp_path / "meeting-ca.pem")
        dialog.token.setText(tok)
        join_and_leave(qtbot, dialog, bridge, dialog.token)
    finally:
        hub.stop()


def test_plain_ws_to_another_computer_is_refused_until_the_user_allows_it(
    qtbot, bridge: EngineBridge, settings: Settings
) -> None:
    address = network_address()
    hub = HubThread(console_meeting(), host=address)
    hub.start()
    try:
        assert hub.url.startswith(f"ws://{address}:")
        tok = hub.token("zh1", "interpreter", "zh")
        dialog = open_dialog(qtbot, settings, bridge)
        fill(qtbot, dialog, hub.url, tok)
        qtbot.keyClick(dialog.token, Qt.Key.Key_Return)
        refusal = dialog.status.text()
        assert "unencrypted" in refusal and "Allow unencrypted connection" in refusal
        assert dialog.status.property("severity") == "alarm"
        assert dialog.route.calls == []  # type: ignore[attr-defined]  # nothing was sent

        assert "in clear" in dialog.allow_insecure.accessibleDescription()
        assert dialog.insecure_warning.text() == dialog.allow_insecure.accessibleDescription()
        qtbot.keyClick(dialog.token, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(dialog.allow_insecure.isChecked)  # a mnemonic animates the click
        join_and_leave(qtbot, dialog, bridge, dialog.token)
        [sent] = dialog.route.calls  # type: ignore[attr-defined]
        assert sent == Connect(hub.url, tok, allow_insecure=True)
        assert settings.meetings()[0].allow_insecure
    finally:
        hub.stop()


def test_the_ca_file_and_the_permission_are_kept_per_meeting_across_restarts(
    tmp_path: Path,
) -> None:
    path = tmp_path / "console.ini"
    first = Settings.at(path)
    first.remember("wss://a.example.org/v1", "A", ca_file="/etc/rsi/a-ca.pem", now=2.0)
    first.remember("ws://10.0.0.5:8765/v1", "Lab", allow_insecure=True, now=1.0)
    first.sync()
    again = Settings.at(path)
    assert [(m.hub, m.ca_file, m.allow_insecure) for m in again.meetings()] == [
        ("wss://a.example.org/v1", "/etc/rsi/a-ca.pem", False),
        ("ws://10.0.0.5:8765/v1", None, True),
    ]
    # Connecting again without them forgets them: what was used last is what is kept.
    again.remember("ws://10.0.0.5:8765/v1", "Lab", now=3.0)
    assert not again.meetings()[0].allow_insecure
    # A hand-edited list with a permission that is not a yes/no is not trusted at all.
    again.store.setValue(
        "meetings/list",
        '[{"hub": "ws://10.0.0.5/v1", "name": "Lab", "last_used": 1, "allow_insecure": "yes"}]',
    )
    assert again.meetings() == [] and len(again.problems) == 1
