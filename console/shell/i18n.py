"""Marking a string for translation where Qt is not imported (Qt-free models, tables).

``pyside6-lupdate`` (``make translations``, scripts/translations.py) finds every
``self.tr("...")``, ``QCoreApplication.translate("Context", "...")`` and
``QT_TRANSLATE_NOOP("Context", "...")`` with a literal string; a string built at run time
(an f-string, a variable) cannot be found, and its lookup fails. Mark a template where it
is written with :func:`QT_TRANSLATE_NOOP`, translate it where it is shown with
``QCoreApplication.translate`` and the same context, then fill it in (``.format``).
"""

from __future__ import annotations

import re

_CJK_ACCELERATOR = re.compile(r"\s*\(&[^&\s]\)")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # lupdate looks for this name
    """Mark ``text`` for translation in ``context``; it is translated where it is shown."""
    return text


def without_accelerator(text: str) -> str:
    """``text`` as it is read aloud or quoted, without its keyboard accelerator: "&Audio" ->
    "Audio", and "音频(&A)" -> "音频" (Chinese and Arabic put the Latin key in brackets)."""
    return _CJK_ACCELERATOR.sub("", text).replace("&", "")
