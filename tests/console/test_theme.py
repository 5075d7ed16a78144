"""Themes (console/shell/theme.py, resources/styles/*.qss): contrast measured, on-air constant."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from console.shell import theme

MINIMUM = {"light": 4.5, "dark": 4.5, "high-contrast": 7.0}
"""WCAG 2 AA for normal text; AAA (7:1) for the high-contrast theme."""
STATES = ("on", "off", "cough", "taking")


def rules(sheet: str) -> dict[str, dict[str, str]]:
    """Selector -> {property: value} of a style sheet (comments removed)."""
    sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    found: dict[str, dict[str, str]] = {}
    for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", sheet):
        props = dict(
            (name.strip(), value.strip())
            for name, value in (p.split(":", 1) for p in body.split(";") if ":" in p)
        )
        found[" ".join(selector.split())] = props
    return found


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    qapp.setStyleSheet("")
    qapp.setPalette(QPalette())
    qapp.setProperty(theme.THEME_PROPERTY, None)


@pytest.mark.parametrize("name", list(theme.THEMES))
def test_every_text_colour_of_the_sheet_reaches_the_contrast_target(name: str) -> None:
    sheet = rules(theme.style_sheet(name))
    window = sheet["QWidget"]["background-color"]
    assert window == theme.THEMES[name].window
    measured = 0
    for selector, props in sheet.items():
        if "color" not in props:
            continue
        background = props.get("background-color", window)
        ratio = theme.contrast(props["color"], background)
        assert ratio >= MINIMUM[name], f"{name}: {selector} has {ratio:.2f}:1"
        measured += 1
    assert measured >= 15


@pytest.mark.parametrize("name", list(theme.THEMES))
def test_the_palette_pairs_reach_the_contrast_target(name: str) -> None:
    pal = theme.palette(name)
    role = QPalette.ColorRole
    for text, background in (
        (role.WindowText, role.Window),
        (role.Text, role.Base),
        (role.ButtonText, role.Button),
        (role.HighlightedText, role.Highlight),
        (role.PlaceholderText, role.Base),
        (role.Link, role.Base),
    ):
        ratio = theme.contrast(pal.color(text).name(), pal.color(background).name())
        assert ratio >= MINIMUM[name], f"{name}: {text.name} on {background.name}: {ratio:.2f}"


def test_high_contrast_is_aaa_everywhere_and_the_states_in_every_theme() -> None:
    for name, roles in theme.THEMES.items():
        for pair in (roles.on_air, roles.cough, roles.taking, roles.off_air, roles.engaged):
            assert theme.contrast(*pair) >= 7.0, (name, pair)
    assert theme.contrast("#ffffff", "#000000") == pytest.approx(21.0)


def test_on_air_colours_are_the_same_in_every_theme() -> None:
    sheets = {name: rules(theme.style_sheet(name)) for name in theme.THEMES}
    for state in STATES:
        selector = f'*[air="{state}"]'
        assert len({str(sheet[selector]) for sheet in sheets.values()}) == 1, selector
    on = sheets["dark"]['*[air="on"]']
    assert (on["background-color"], on["color"]) == theme.THEMES["dark"].on_air
    assert QColor(on["background-color"]).hue() in range(0, 10)  # red, whatever the theme


@pytest.mark.parametrize("name", list(theme.THEMES))
def test_applying_a_theme_colours_real_widgets(app: QApplication, qtbot, name: str) -> None:
    theme.apply(app, name)
    assert theme.current(app) == name and theme.roles(app) is theme.THEMES[name]
    label = QLabel("ON AIR")
    field = QLineEdit()
    qtbot.addWidget(label)
    qtbot.addWidget(field)
    label.resize(120, 40)
    field.resize(120, 30)
    assert label.grab().toImage().pixelColor(2, 2).name() == theme.THEMES[name].window
    label.setProperty("air", "on")
    theme.restyle(label)
    assert label.grab().toImage().pixelColor(2, 2).name() == "#b00000"
    label.setProperty("air", "cough")
    theme.restyle(label)
    assert label.grab().toImage().pixelColor(2, 2).name() == "#ffbf00"
    assert field.grab().toImage().pixelColor(10, 15).name() == theme.THEMES[name].base


def test_an_unknown_theme_is_refused() -> None:
    with pytest.raises(ValueError, match="high-contrast"):
        theme.style_sheet("neon")
