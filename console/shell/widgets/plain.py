"""Words are shown as words: the console's labels never let Qt read a string as HTML.

Every string that reaches the console from the network (names, ids, booth and
channel labels, chat, the meeting title, the hub's sentences and error texts)
is plain text. Use :class:`Label` for every label: it is always
``Qt.PlainText``, whatever the text looks like. Where the console really wants
markup (colour, bold), use a :class:`MarkupLabel` and give it only
:class:`Markup` made by :func:`markup`, which escapes every value put into it.
docs/security.md says why and which test holds the rule.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import NewType

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QLabel, QWidget

Markup = NewType("Markup", str)
"""Rich text the console wrote itself: make it with :func:`markup` or :func:`markup_lines`."""


def markup(template: str, *values: object) -> Markup:
    """``template``, markup of our own with ``{0}``, ``{1}``… slots, filled with ``values``
    escaped: whatever a value holds shows as the characters it is."""
    return Markup(template.format(*(html.escape(str(value)) for value in values)))


def markup_lines(lines: Iterable[Markup]) -> Markup:
    """Markup lines one under the other."""
    return Markup("<br>".join(lines))


class Label(QLabel):
    """A label that shows its text as it is (``Qt.PlainText``): the console's label."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)


class MarkupLabel(QLabel):
    """A label that shows :class:`Markup` (``Qt.RichText``); set it with :meth:`show_markup`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)

    def show_markup(self, text: Markup) -> None:
        """Show ``text`` (only when it differs: no needless relayout ten times a second).

        With an accessible name, the label's accessible description is the text
        without its markup: what a screen reader says after the name.
        """
        if self.text() != text:
            self.setText(text)
            if self.accessibleName():
                words = QTextDocumentFragment.fromHtml(text).toPlainText()
                self.setAccessibleDescription(words.replace("\u2028", "\n"))
