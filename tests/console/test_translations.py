"""The console in the six UN languages: translations complete, current, well formed, shown.

* The ``.ts`` files of resources/i18n/ hold every string of the sources (lupdate into a
  temporary copy finds nothing new and nothing gone) and a finished translation of each;
  a string added to the code without a translation fails here with its text and what to
  run (``make translations``).
* Every translation keeps its source's placeholders ({0}, {name}, {0:.0f}) and its one
  keyboard accelerator (&).
* Each language loads (the .qm built from the .ts here) and is spoken by the console;
  Arabic lays the window out right to left. A failed or ended connection, worded in
  English by the engine, is shown in the language.
* The interpreter's window in Arabic, connected to a meeting and on air, and in Chinese
  before a meeting (the first run: menus, Connect, the notice saying how to join) is saved
  to artifacts/screenshots/ (docs/screenshots/console-ar.png and console-zh.png with
  RSI_UPDATE_DOCS_SCREENSHOTS=1), laid out as the English one is: every control inside
  the window, none on another, none too narrow for its text.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QPoint, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from audio.commands import CommandRejected, ReconnectGaveUp
from channels.session import ConnectionFailed, Disconnected, DisconnectKind, FailureKind
from console.app import chosen_language, install_language, save_screenshot
from console.interpreter.model import Air
from console.interpreter.window import ConsoleWindow
from console.shell import theme
from console.shell.connectdialog import in_words
from console.shell.i18n import without_accelerator
from console.shell.languages import language_name
from console.shell.model import Connection
from console.shell.settings import QT_LOCALES, SOURCE_LANGUAGE, Settings
from programs.console import parse_args
from scripts import translations
from tests.console.test_screens import check_layout
from tests.rig.consolekit import SHOTS, make_console, publish, rig

WAIT_MS = 15_000
"""Generous: the machine may be loaded (waits end as soon as the state shows)."""
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%\d")
WRITING: dict[str, QFontDatabase.WritingSystem] = {
    "ar": QFontDatabase.WritingSystem.Arabic,
    "ru": QFontDatabase.WritingSystem.Cyrillic,
    "zh": QFontDatabase.WritingSystem.SimplifiedChinese,
}
"""The scripts that need fonts beyond Latin (Debian: fonts-noto-core, fonts-noto-cjk)."""


@pytest.fixture(scope="module")
def qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .qm files, built here from a copy of the .ts (as make does)."""
    folder = tmp_path_factory.mktemp("qm")
    for code in translations.LANGUAGES:
        shutil.copy(translations.ts_path(code), translations.ts_path(code, folder))
    assert len(translations.build(folder, force=True)) == len(translations.LANGUAGES)
    return folder


@pytest.fixture
def speak(qapp: QApplication, qm: Path) -> Iterator[None]:
    """Leaves the application in English, left to right, after the test."""
    yield
    install_language(qapp, SOURCE_LANGUAGE, qm)


def messages() -> dict[str, translations.Messages]:
    return {
        code: translations.read(translations.ts_path(code))[0] for code in translations.LANGUAGES
    }


def test_the_translations_are_complete_and_up_to_date(tmp_path: Path) -> None:
    fresh = translations.ts_path("fr", tmp_path)
    translations.extract([fresh])  # what the code holds now (the same in every language)
    current = translations.sources_of(translations.read(fresh)[0])
    assert len(current) > 400, "lupdate found too few strings in the sources"
    problems = []
    for code in translations.LANGUAGES:
        shipped, unfinished = translations.read(translations.ts_path(code))
        new = current - translations.sources_of(shipped)
        gone = translations.sources_of(shipped) - current
        problems += [f"{code}: new in the code: {c}: {s!r}" for c, s in sorted(new)]
        problems += [f"{code}: no longer in the code: {c}: {s!r}" for c, s in sorted(gone)]
        problems += [f"{code}: not translated: {c}: {s!r}" for c, s in sorted(unfinished)]
    assert not problems, (
        "the translations (resources/i18n/*.ts) do not match the code: run `make translations`, "
        "translate what it lists (scripts/translations.py fill FILE.json), and commit the .ts:\n"
        + "\n".join(problems)
    )


def test_each_translation_keeps_its_placeholders_and_accelerator() -> None:
    wrong = []
    for code, contexts in messages().items():
        for context, texts in contexts.items():
            for source, text in texts.items():
                if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
                    wrong.append(f"{code}: {context}: {source!r} -> {text!r}: placeholders")
                if source.count("&") != text.count("&"):
                    wrong.append(f"{code}: {context}: {source!r} -> {text!r}: accelerator (&)")
    assert wrong == []


def test_an_accelerator_is_left_out_where_a_label_is_read_or_quoted() -> None:
    assert without_accelerator("A&pply") == "Apply"
    assert without_accelerator("音频(&A)") == "音频"  # Chinese and Arabic: (&X) after the word
    assert without_accelerator("فحص سماعة الرأس… (&K)") == "فحص سماعة الرأس…"


def test_the_language_follows_the_setting_or_the_computer() -> None:
    assert chosen_language("ru") == "ru"
    assert chosen_language("system", QLocale("fr_CA")) == "fr"
    assert chosen_language("system", QLocale("zh_TW")) == "zh"  # simplified, not English
    assert chosen_language("system", QLocale("ar_EG")) == "ar"
    assert chosen_language("system", QLocale("de_DE")) == "en"
    assert set(translations.LANGUAGES) == set(QT_LOCALES) - {SOURCE_LANGUAGE}
    assert parse_args(["demo", "--language", "ar"]).language == "ar"  # this time only
    with pytest.raises(SystemExit):
        parse_args(["demo", "--language", "tlh"])


@pytest.mark.parametrize("code", sorted(translations.LANGUAGES))
def test_each_language_loads_and_is_spoken(
    qapp: QApplication, qm: Path, speak: None, code: str
) -> None:
    assert install_language(qapp, code, qm)
    expected = messages()[code]["SettingsDialog"]["Settings"]
    assert QCoreApplication.translate("SettingsDialog", "Settings") == expected != "Settings"
    assert qapp.translate("QPlatformTheme", "Cancel") != "Cancel"  # Qt's own buttons too
    assert language_name("en") == messages()[code]["Languages"]["English"]  # not Qt's English
    rtl = Qt.LayoutDirection.RightToLeft if code == "ar" else Qt.LayoutDirection.LeftToRight
    assert qapp.layoutDirection() == rtl
    if code in WRITING:
        assert QFontDatabase.families(WRITING[code]), (
            f"no font for {code} here: run make setup (it installs fonts-noto-core, fonts-noto-cjk)"
        )
    assert not install_language(qapp, code, qm / "missing"), "a missing .qm is reported"


def test_the_engine_sentences_of_a_connection_are_shown_in_the_language(
    qapp: QApplication, qm: Path, speak: None
) -> None:
    assert install_language(qapp, "fr", qm)
    french = messages()["fr"]["Connect"]
    unreachable = in_words(ConnectionFailed(FailureKind.UNREACHABLE, "the hub is unreachable"))
    assert isinstance(unreachable, ConnectionFailed) and unreachable.sentence in french.values()
    assert unreachable.sentence.startswith("Le hub est injoignable")
    gave_up = in_words(ReconnectGaveUp("token_refused", "the hub refused the token"))
    assert isinstance(gave_up, ReconnectGaveUp) and "jeton" in gave_up.sentence
    lost = in_words(Disconnected(DisconnectKind.LOST, "connection lost", None, True))
    assert isinstance(lost, Disconnected) and lost.sentence.startswith("La connexion au hub")
    other = CommandRejected(None, "as the engine said it")
    assert in_words(other) is other


@pytest.fixture
def light(qapp: QApplication) -> Iterator[None]:
    theme.apply(qapp, "light")  # as rsi-console does by default
    yield
    qapp.setStyleSheet("")
    qapp.setPalette(qapp.style().standardPalette())


def shoot(window: QWidget, code: str) -> None:
    """Save the window (docs/screenshots/console-<code>.png when asked) and check its layout."""
    if isinstance(window, ConsoleWindow):
        window.refresh()
    QApplication.processEvents()
    path = SHOTS / f"console-{code}.png"
    save_screenshot(window, str(path))
    publish(path, f"console-{code}.png")
    check_layout(window, code)


def test_the_interpreter_window_in_arabic_on_air(
    qapp: QApplication, qtbot: QtBot, qm: Path, speak: None, light: None
) -> None:
    assert install_language(qapp, "ar", qm)
    with rig() as kit:
        window, model = kit.window, kit.model
        window.resize(1280, 720)
        window.show()
        qtbot.waitUntil(lambda: model.connection is Connection.CONNECTED, timeout=WAIT_MS)
        kit.actions.trigger("air", source="test")
        qtbot.waitUntil(lambda: model.air() is Air.ON, timeout=WAIT_MS)
        # "not in a meeting" is held a few seconds after connecting (notices.HOLD_S)
        qtbot.waitUntil(lambda: window.notices.text("offline") == "", timeout=WAIT_MS)
        shoot(window, "ar")
        on_air = QCoreApplication.translate("AirButton", "ON AIR")
        assert on_air != "ON AIR" and on_air in window.air.air.text()
        # Mirrored: the input side on the right, the messages on the left.
        assert window.isRightToLeft()
        assert window.input.mapTo(window, QPoint(0, 0)).x() > window.width() // 2
        assert window.messages.mapTo(window, QPoint(0, 0)).x() < window.width() // 2
    window.deleteLater()  # its application-wide keys must not outlive the test
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_interpreter_window_in_chinese_before_a_meeting(
    qapp: QApplication, qtbot: QtBot, qm: Path, speak: None, light: None, tmp_path: Path
) -> None:
    assert install_language(qapp, "zh", qm)
    window, bridge = make_console(settings=Settings.at(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.notices.text("offline") != "", timeout=WAIT_MS)
        shoot(window, "zh")
        assert window.notices.text("offline").startswith("您不在任何会议中")
        assert not window.isRightToLeft()
    finally:
        window.close()
        assert bridge.wait_stopped(5.0)
