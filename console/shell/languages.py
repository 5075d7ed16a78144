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
