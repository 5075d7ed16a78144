"""Light, dark and high-contrast themes: a QPalette, a style sheet, and named colour roles.

Standard widgets take their colours from the palette and the style sheet
(``resources/styles/<theme>.qss``). Widgets that paint themselves (the air
button, meters) ask :func:`roles` for the colours of the current theme
instead of writing their own, so that one place decides them.

The states an interpreter must never misread have the same colours in every
theme, told by words and icons too: on air (white on red), cough (black on
amber), taking the air (white on brown), off air (white on slate), channel
engaged (white on purple), live (white on green). Every text colour pair
reaches WCAG AAA (7:1) in the high-contrast theme, and AA (4.5:1) in the
others; tests/console/test_theme.py measures every rule of every style sheet.

Style sheet hooks for console widgets (dynamic properties; call
:func:`restyle` after changing one):

========================  ====================================================
``air="on|off|cough|taking"``  the on-air state of a label or frame
``muted="true"``          a label or button whose value is not current (grey italic)
``engaged="true"``        an output channel another booth is speaking on
``live="true"``           a channel with sound on it now
``severity="info|warning|alarm"``  notices, link quality, floor warnings,
                          dialog errors (matches ``console.interpreter.model.Severity``)
``unread="true"``         the messages button while messages are unread
========================  ====================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from resources import STYLES

THEME_PROPERTY: Final = "rsiTheme"
"""QApplication property holding the name of the applied theme."""


@dataclass(frozen=True, slots=True)
class Roles:
    """The colours of one theme, by what they mean (``#rrggbb``)."""

    window: str
    text: str
    muted_text: str
    base: str
    """Background of text fields and lists."""
    button: str
    highlight: str
    highlighted_text: str
    focus: str
    link: str
    on_air: tuple[str, str] = ("#b00000", "#ffffff")
    """(background, text) of every state below, the same in all themes."""
    cough: tuple[str, str] = ("#ffbf00", "#000000")
    taking: tuple[str, str] = ("#7a4b00", "#ffffff")
    off_air: tuple[str, str] = ("#3a3f47", "#ffffff")
    engaged: tuple[str, str] = ("#5b2a86", "#ffffff")
    live: tuple[str, str] = ("#1b5e20", "#ffffff")
    warning: tuple[str, str] = ("#ffbf00", "#000000")
    alarm: tuple[str, str] = ("#b00000", "#ffffff")


THEMES: Final[dict[str, Roles]] = {
    "light": Roles(
        window="#f4f5f7",
        text="#1a1d21",
        muted_text="#4a5058",
        base="#ffffff",
        button="#e4e7eb",
        highlight="#0b57d0",
        highlighted_text="#ffffff",
        focus="#0b57d0",
        link="#0b57d0",
    ),
    "dark": Roles(
        window="#1b1e23",
        text="#e8eaed",
        muted_text="#b0b6be",
        base="#111317",
        button="#2b3038",
        highlight="#8ab4f8",
        highlighted_text="#0b1220",
        focus="#8ab4f8",
        link="#8ab4f8",
    ),
    "high-contrast": Roles(
        window="#000000",
        text="#ffffff",
        muted_text="#c0c0c0",
        base="#000000",
        button="#000000",
        highlight="#ffff00",
        highlighted_text="#000000",
        focus="#ffff00",
        link="#00ffff",
    ),
}


def style_sheet(name: str) -> str:
    """The text of ``resources/styles/<name>.qss``."""
    if name not in THEMES:
        raise ValueError(f"theme must be one of {', '.join(THEMES)}, not {name!r}")
    return (STYLES / f"{name}.qss").read_text(encoding="utf-8")


def palette(name: str) -> QPalette:
    """A QPalette for widgets and styles that ignore style sheets."""
    r = THEMES[name]
    pal = QPalette()
    role = QPalette.ColorRole
    for which, colour in (
        (role.Window, r.window),
        (role.WindowText, r.text),
        (role.Base, r.base),
        (role.AlternateBase, r.window),
        (role.Text, r.text),
        (role.Button, r.button),
        (role.ButtonText, r.text),
        (role.ToolTipBase, r.base),
        (role.ToolTipText, r.text),
        (role.PlaceholderText, r.muted_text),
        (role.Highlight, r.highlight),
        (role.HighlightedText, r.highlighted_text),
        (role.Link, r.link),
        (role.BrightText, r.text),
    ):
        pal.setColor(which, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for which in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(disabled, which, QColor(r.muted_text))
    return pal


def apply(app: QApplication, name: str) -> None:
    """Make ``name`` the theme of every window of ``app`` (at once, also for open windows)."""
    sheet = style_sheet(name)
    app.setPalette(palette(name))
    app.setStyleSheet(sheet)
    app.setProperty(THEME_PROPERTY, name)


def current(app: QApplication) -> str:
    """The theme :func:`apply` last set ("light" before any)."""
    name = app.property(THEME_PROPERTY)
    return name if isinstance(name, str) and name in THEMES else "light"


def roles(app: QApplication) -> Roles:
    """The colours of the current theme, for widgets that paint themselves."""
    return THEMES[current(app)]


def restyle(widget: QWidget) -> None:
    """Re-read the style sheet after a dynamic property (``air``, ``severity``...) changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _luminance(colour: str) -> float:
    c = QColor(colour)

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF())
