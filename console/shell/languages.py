"""Language names, as the coordinator's and the listener's windows write them."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QCoreApplication, QLocale

from console.shell.i18n import QT_TRANSLATE_NOOP

NAMES: Final = (
    QT_TRANSLATE_NOOP("Languages", "Arabic"),
    QT_TRANSLATE_NOOP("Languages", "Chinese"),
    QT_TRANSLATE_NOOP("Languages", "Dutch"),
    QT_TRANSLATE_NOOP("Languages", "English"),
    QT_TRANSLATE_NOOP("Languages", "French"),
    QT_TRANSLATE_NOOP("Languages", "German"),
    QT_TRANSLATE_NOOP("Languages", "Greek"),
    QT_TRANSLATE_NOOP("Languages", "Hebrew"),
    QT_TRANSLATE_NOOP("Languages", "Hindi"),
    QT_TRANSLATE_NOOP("Languages", "Italian"),
    QT_TRANSLATE_NOOP("Languages", "Japanese"),
    QT_TRANSLATE_NOOP("Languages", "Korean"),
    QT_TRANSLATE_NOOP("Languages", "Persian"),
    QT_TRANSLATE_NOOP("Languages", "Polish"),
    QT_TRANSLATE_NOOP("Languages", "Portuguese"),
    QT_TRANSLATE_NOOP("Languages", "Russian"),
    QT_TRANSLATE_NOOP("Languages", "Spanish"),
    QT_TRANSLATE_NOOP("Languages", "Swedish"),
    QT_TRANSLATE_NOOP("Languages", "Turkish"),
    QT_TRANSLATE_NOOP("Languages", "Ukrainian"),
)
"""The names Qt gives in English (``QLocale.languageToString``) of the languages meetings
most often have, marked for translation: :func:`language_name` translates Qt's name in
context "Languages" (a language not listed keeps Qt's English name)."""


def language_name(code: str | None) -> str:
    """The language's name in the user's language ("French"), or the code when Qt has none."""
    if not code:
        return QCoreApplication.translate("Coordinator", "unknown")
    locale = QLocale(code)
    if locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return code
    return QCoreApplication.translate("Languages", QLocale.languageToString(locale.language()))


def native_language_name(code: str) -> str:
    """The language's name in itself ("français"), for listeners choosing their own."""
    locale = QLocale(code)
    if locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return code
    return locale.nativeLanguageName() or code


def floor_origin(set_by: str | None) -> str:
    """Where the floor language comes from: "(set by Ana)", or "(from the meeting's
    settings)" when ``set_by`` (a name) is None: the meeting file's, also after a hub restart."""
    if set_by is not None:
        return QCoreApplication.translate("FloorLanguage", "(set by {0})").format(set_by)
    return QCoreApplication.translate("FloorLanguage", "(from the meeting's settings)")


def floor_language_sentence(code: str | None, set_by: str | None) -> str:
    """The floor language and where it comes from: "Floor language: French (set by Ana)"."""
    language = (
        language_name(code) if code else QCoreApplication.translate("FloorLanguage", "not set")
    )
    return QCoreApplication.translate("FloorLanguage", "Floor language: {0} {1}").format(
        language, floor_origin(set_by)
    )
