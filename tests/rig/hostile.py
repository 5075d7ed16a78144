"""Hostile text for the console's display tests, a trap for files it names, and the checks.

A participant chooses their own name (the token's ``name``), and a hub or an
invitation can carry any id, title, chat or sentence. :func:`hostile` makes a
string that Qt would read as HTML with every attack of issue 13 at once: an
image from a FIFO (:class:`Trap`), big red "EVACUATE NOW", a link to a local
file, an image on a Windows share (UNC), a right-to-left override. Each field
gets its own ``tag``, so a test can tell which field a window shows.

:func:`hostile_meeting` is a meeting in which every id, name, label and
language is hostile, as the engine would hand it to a window (the hub checks
ids; a window must not rely on it). :func:`markup_problems` lists where a
window would let Qt read such text as markup; :func:`shown_text` is all the
text a window shows, as the user reads it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Final

from PySide6.QtGui import Qt, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QStatusBar,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from channels.meeting import FLOOR
from channels.session import (
    BoothInfo,
    ChannelInfo,
    HandoverInfo,
    Me,
    Meeting,
    ParticipantInfo,
)
from console.shell.widgets.plain import Label, MarkupLabel

TRAP: Final = "7"
"""The FIFO's name, relative to the working folder: "7" is the same in upper case (a window
upper-cases channel ids), and Qt resolves an ``<img src>`` without a folder from there."""


def hostile(tag: str) -> str:
    """Markup that reads the trap, shouts, links a local file, loads a share, then flips the
    text right to left; ``tag`` tells the fields apart (it is the link's text)."""
    return (
        f'<img src="{TRAP}"><h1 style="color:red">EVACUATE NOW</h1>'
        f'<a href="file:///etc/passwd">{tag}</a><img src="\\\\server\\share\\x.png">'
        "\u202egnp.exe\u202c"
    )


_WATCH = """
import errno, os, sys, time
path = sys.argv[1]
while True:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno != errno.ENXIO:
            raise
        time.sleep(0.005)
        continue
    os.unlink(path)
    open(path, "w").close()
    os.close(fd)
    print("opened", flush=True)
    break
"""


class Trap:
    """A FIFO named :data:`TRAP` in ``folder``, and a process that says when it is opened.

    Opening a FIFO to read blocks until a writer comes: the watcher process is
    that writer. When a window opens the FIFO, the watcher puts an empty file in its
    place and lets the window read the end of the FIFO: the window goes on, and
    :meth:`close` reports it instead of the test hanging.
    """

    def __init__(self, folder: Path) -> None:
        self.path = folder / TRAP
        os.mkfifo(self.path)
        self._watcher = subprocess.Popen(
            [sys.executable, "-c", _WATCH, str(self.path)], stdout=subprocess.PIPE, text=True
        )

    def close(self) -> bool:
        """Stop watching; whether anything opened the FIFO."""
        self._watcher.terminate()
        out, _ = self._watcher.communicate(timeout=10)
        return "opened" in out


def hostile_meeting(now: float) -> Meeting:
    """Floor and three channels, two booths, seven participants: every id, name, label,
    language, platform and role hostile (tags below). The console's interpreter is
    :func:`me` in booth ``booth``, on outputs ``channel-a`` and ``channel-b``; ``partner``
    is live in it and offers the air to ``me``; ``other``'s booth holds ``channel-b``;
    ``channel-c`` is held by ``ghost``, who is not in the participants (a window shows the
    id); ``gateway`` serves ``platform`` and is disconnected (an alarm names the platform);
    ``stranger`` has a role nobody knows (``role``)."""
    a, b, c = hostile("channel-a"), hostile("channel-b"), hostile("channel-c")
    me, partner, other = hostile("me-id"), hostile("partner-id"), hostile("other-id")
    booth, booth_2 = hostile("booth"), hostile("booth-2")
    return Meeting(
        id=hostile("meeting-id"),
        version=1,
        title=hostile("title"),
        floor_language=hostile("floor-language"),
        channels=(
            ChannelInfo(FLOOR, 1),
            ChannelInfo(a, 2, language=hostile("language-a"), on_air=partner, booth=booth),
            ChannelInfo(b, 3, language="en", on_air=other, booth=booth_2, source=a),
            ChannelInfo(c, 4, on_air=hostile("ghost"), source=hostile("source")),
        ),
        booths=(
            BoothInfo(
                booth,
                (a, b),
                (hostile("booth-language"),),
                members=(me, partner),
                live=partner,
                live_since=now - 60,
                handover=HandoverInfo(sender=partner, to=me, action="offer", since=now),
            ),
            BoothInfo(booth_2, (b,), members=(other,), live=other, live_since=now - 30),
        ),
        participants=(
            ParticipantInfo(me, hostile("me"), "interpreter", booth),
            ParticipantInfo(partner, hostile("partner"), "interpreter", booth),
            ParticipantInfo(other, hostile("other"), "interpreter", booth_2, connected=False),
            ParticipantInfo(hostile("coordinator-id"), hostile("coordinator"), "coordinator"),
            ParticipantInfo(hostile("listener-id"), hostile("listener"), "listener"),
            ParticipantInfo(
                hostile("gateway-id"),
                hostile("gateway"),
                "gateway",
                connected=False,
                platform=hostile("platform"),
            ),
            ParticipantInfo(hostile("stranger-id"), hostile("stranger"), hostile("role")),
        ),
        listeners=1,
    )


def me(role: str) -> Me:
    """The window's own participant in :func:`hostile_meeting`, for a ``role``."""
    if role == "interpreter":
        return Me(
            id=hostile("me-id"), name=hostile("me"), role=role, ssrc=9, booth=hostile("booth")
        )
    return Me(id=hostile(f"{role}-id"), name=hostile(role), role=role, ssrc=9)


def markup_problems(root: QWidget) -> list[str]:
    """Where ``root`` lets Qt read text as markup: a label that is not a plain
    :class:`Label` (a :class:`MarkupLabel` holding a raw hostile string), or a tooltip,
    "what's this" or item tooltip that Qt would render as rich text."""
    found = []
    raw = f'<img src="{TRAP}">'  # how every hostile string starts
    for label in root.findChildren(QLabel):
        name = label.accessibleName() or label.objectName() or repr(label.text()[:40])
        if isinstance(label, MarkupLabel):
            if raw.casefold() in label.text().casefold():
                found.append(f"markup label {name}: holds raw network text")
        elif not isinstance(label, Label):
            found.append(f"label {name}: a {type(label).__name__}, not a Label")
        elif label.textFormat() is not Qt.TextFormat.PlainText:
            found.append(f"label {name}: {label.textFormat()}, not plain text")
    for widget in (root, *root.findChildren(QWidget)):
        name = widget.accessibleName() or type(widget).__name__
        tips = [("tooltip", widget.toolTip()), ("what's this", widget.whatsThis())]
        tips += [("item tooltip", tip) for tip in _item_tooltips(widget)]
        found += [f"{name}: its {what} is rich text" for what, t in tips if Qt.mightBeRichText(t)]
    return found


def _item_tooltips(widget: QWidget) -> list[str]:
    role = Qt.ItemDataRole.ToolTipRole
    if isinstance(widget, QListWidget):
        return [str(widget.item(i).data(role) or "") for i in range(widget.count())]
    if isinstance(widget, QTableWidget):
        return [str(item.data(role) or "") for item in _cells(widget)]
    if isinstance(widget, QComboBox):
        return [str(widget.itemData(i, role) or "") for i in range(widget.count())]
    return []


def shown_text(root: QWidget) -> str:
    """Everything ``root`` shows as text, as the user reads it (one line per piece)."""
    parts = [root.windowTitle()]
    for w in (root, *root.findChildren(QWidget)):
        if isinstance(w, MarkupLabel):
            parts.append(QTextDocumentFragment.fromHtml(w.text()).toPlainText())
        elif isinstance(w, QLabel | QAbstractButton | QLineEdit):
            parts.append(w.text())
        elif isinstance(w, QGroupBox):
            parts.append(w.title())
        elif isinstance(w, QPlainTextEdit):
            parts.append(w.toPlainText())
        elif isinstance(w, QStatusBar):
            parts.append(w.currentMessage())
        elif isinstance(w, QListWidget):
            parts += [w.item(i).text() for i in range(w.count())]
        elif isinstance(w, QTableWidget):
            parts += [item.text() for item in _cells(w)]
        elif isinstance(w, QComboBox):
            parts += [w.itemText(i) for i in range(w.count())]
    return "\n".join(parts)


def _cells(table: QTableWidget) -> list[QTableWidgetItem]:
    cells = (table.item(r, c) for r in range(table.rowCount()) for c in range(table.columnCount()))
    return [item for item in cells if item is not None]
