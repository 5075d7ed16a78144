"""Language names, as the coordinator's and the listener's windows write them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale


def language_name(code: str | None) -> str:
    """The language's name in the user's language ("French"), or the code when Qt has none."""
    if not code:
        return QCoreApplication.translate("Coordinator", "unknown")
    locale = QLocale(code)
    if locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return code
    return QLocale.languageToString(locale.language())


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
