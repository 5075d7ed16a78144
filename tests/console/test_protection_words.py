"""Hearing protection in words (console/shell/protection.py): every state and event has a
sentence for a person, translated, and none shows a code."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot

from audio.commands import ProtectionAlert
from audio.protection import EventKind, Layer
from console.interpreter.model import ViewModel
from console.interpreter.widgets.notices import notice_text
from console.shell.protection import alert_text, layer_sentence, state_text

LAYERS = [layer for layer in Layer if layer is not Layer.NONE]
CODE = re.compile(r"[a-z]+_[a-z_]+|[A-Z]{2,}_[A-Z_]+|\((exposure|sustained|ceiling|howl|shock)")


def shows_no_code(text: str, name: str) -> bool:
    """No enum name (``HOWL``), no snake_case code, no name in brackets (``(exposure_...``).

    Plain words that happen to be a layer's name ("feedback howl", "the ceiling") are fine.
    """
    return not CODE.search(text) and name not in text and f"({name.lower()}" not in text


@pytest.mark.parametrize("layer", LAYERS, ids=lambda layer: layer.name)
def test_every_layer_has_its_own_sentence(qtbot: QtBot, layer: Layer) -> None:
    sentence = layer_sentence(layer)
    assert sentence.endswith(".") and sentence[0].isupper()
    assert shows_no_code(sentence, layer.name or "")
    others = {layer_sentence(o) for o in LAYERS if o is not layer}
    assert sentence not in others


@pytest.mark.parametrize("kind", list(EventKind), ids=lambda kind: kind.name)
def test_every_event_has_its_own_sentence_with_its_value(qtbot: QtBot, kind: EventKind) -> None:
    sentence = alert_text(kind.name.lower(), 1234.0)
    assert sentence.endswith(".") and sentence[0].isupper()
    assert shows_no_code(sentence, kind.name)
    assert "{" not in sentence
    others = {alert_text(o.name.lower(), 1234.0) for o in EventKind if o is not kind}
    assert sentence not in others
    if kind in (EventKind.SHOCK, EventKind.HOWL_START, EventKind.SUSTAINED_START):
        assert "1234" in sentence  # the level (dB SPL) or the frequency (Hz)


def test_the_label_says_how_much_and_why_never_the_layer_name(qtbot: QtBot) -> None:
    assert state_text(Layer.NONE, 0.0) == "Hearing protection: not acting."
    assert state_text(Layer.SUSTAINED, 0.3) == "Hearing protection: not acting."
    text = state_text(Layer.EXPOSURE_BACKOFF, 6.0)
    assert text == (
        "Hearing protection turns the sound down by 6 dB. You listened loudly for a while, so "
        "the volume is lowered to rest your ears."
    )
    both = state_text(Layer.SUSTAINED | Layer.EXPOSURE_BACKOFF, 9.0)
    assert layer_sentence(Layer.SUSTAINED) in both
    assert layer_sentence(Layer.EXPOSURE_BACKOFF) in both
    assert shows_no_code(both, "EXPOSURE_BACKOFF")


def test_an_alert_reaches_the_banner_in_words(qtbot: QtBot) -> None:
    model = ViewModel()
    model.apply(ProtectionAlert("exposure_warning", 84.4, "engine words"), 0.0)
    (notice,) = model.view(0.0).notices
    text = notice_text(notice.text, notice.params)
    assert text.startswith("Over the last minute you listened at 84 dB SPL on average")
    assert "30 minutes" in text
    assert alert_text("a_kind_from_a_newer_engine", 1.0) == "Hearing protection acted on the sound."


class Upper(QTranslator):
    """A translation of the "Protection" context: the sentences go through Qt's translation."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return source.upper() if context == "Protection" else ""


def test_the_sentences_are_translated(qtbot: QtBot) -> None:
    translator = Upper()
    app = QCoreApplication.instance()
    assert app is not None
    app.installTranslator(translator)
    try:
        assert layer_sentence(Layer.HOWL) == "FEEDBACK HOWL IS BEING TURNED DOWN."
        assert alert_text("howl_end", 0.0).startswith("THE FEEDBACK HOWL HAS STOPPED")
        assert state_text(Layer.NONE, 0.0) == "HEARING PROTECTION: NOT ACTING."
    finally:
        app.removeTranslator(translator)
