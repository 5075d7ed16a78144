"""The console's application: the engine on a sound card, and the window for a token's role.

The program around it (arguments, the demo meeting, the event loop, exit
codes) is :mod:`programs.console`. With no sound card (or no PortAudio),
the engine runs on a null port: the interpreter's window says so in a
banner, and the meters and the floor keep running.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import jwt
from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from audio.commands import UsePort
from audio.deviceport import DevicePort
from audio.devices import DeviceError, list_devices
from audio.engine import Engine, EngineConfig
from audio.fileport import NullPort
from audio.port import AudioPort
from audio.protection import Calibration
from console.coordinator.window import open_coordinator
from console.interpreter.actions import Actions
from console.interpreter.model import INPUTS, Severity, ViewModel
from console.interpreter.window import ConsoleWindow
from console.listener.window import open_listener
from console.shell.actions import EventLog
from console.shell.bridge import EngineBridge
from console.shell.settings import QT_LOCALES, SOURCE_LANGUAGE, Settings
from resources import I18N


def chosen_language(choice: str, system: QLocale | None = None) -> str:
    """The language the console speaks for the language setting (``Settings.language``).

    "system": the computer's (``system``, default ``QLocale.system()``) when the console
    has it (any Chinese reads the simplified characters), else English.
    """
    if choice != "system":
        return choice
    code = (system or QLocale.system()).name().split("_")[0]
    return code if code in QT_LOCALES else SOURCE_LANGUAGE


def install_language(app: QGuiApplication, code: str, folder: Path = I18N) -> bool:
    """Speak ``code`` (a key of ``QT_LOCALES``), before any window opens.

    Installs the console's translation (``folder``/rsi_<code>.qm, built by ``make``) and
    Qt's own (standard buttons), replacing those installed before, and lays the windows
    out right to left for Arabic. False when the console's translation is missing (the
    windows are then in English): run ``make`` (scripts/translations.py build).
    """
    for old in app.findChildren(QTranslator):
        QCoreApplication.removeTranslator(old)
        old.deleteLater()
    locale = QLocale(QT_LOCALES[code])
    app.setLayoutDirection(locale.textDirection())
    if code == SOURCE_LANGUAGE:
        return True
    qt_own = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(locale, "qtbase", "_", qt_folder):
        QCoreApplication.installTranslator(qt_own)
    ours = QTranslator(app)
    if not ours.load(str(folder / f"rsi_{code}.qm")):
        return False
    return QCoreApplication.installTranslator(ours)


def open_port(settings: Settings, null: bool) -> tuple[AudioPort, bool]:
    """The chosen sound card, or a null port when there is none (then True)."""
    if null:
        return NullPort(), True
    try:
        found = list_devices()
        if not any(d.input_channels for d in found) or not any(d.output_channels for d in found):
            return NullPort(), True
        return DevicePort(settings.input_device, settings.output_device), False
    except (DeviceError, OSError):
        return NullPort(), True


def use_devices(bridge: EngineBridge, model: ViewModel) -> Callable[[str, str], object]:
    """What the settings dialog calls to move to other sound cards at once."""

    def use(input_device: str, output_device: str) -> None:
        try:
            port = DevicePort(input_device, output_device)
        except (DeviceError, OSError, ValueError) as exc:
            model.notice(time.time(), Severity.ALARM, str(exc))
            return
        model.no_sound_card = False
        bridge.submit(UsePort(port))

    return use


def start_engine(settings: Settings, *, null_audio: bool) -> tuple[EngineBridge, ViewModel]:
    """The engine, started on the chosen sound card, and the interpreter's model.

    A sound card that will not open is replaced by a null port, and the model
    says why. Raises RuntimeError when the engine cannot start even so: stop
    with its sentence. ``bridge.stop()`` stops the engine.
    """
    port, no_card = open_port(settings, null_audio)
    model = ViewModel(no_sound_card=no_card)
    config = EngineConfig(
        inputs=INPUTS,
        calibration=Calibration(settings.spl_at_full_scale),
        protection=settings.limits.protection_settings(),
    )
    bridge = EngineBridge(Engine(port, config))
    try:
        bridge.start()
    except RuntimeError as exc:
        if isinstance(port, NullPort):
            raise
        # The sound card would not open: run without one, and say why.
        model.no_sound_card = True
        model.notice(time.time(), Severity.ALARM, str(exc))
        bridge = EngineBridge(Engine(NullPort(), config))
        bridge.start()
    return bridge, model


def token_role(token: str) -> str | None:
    """The role a token names, read without verifying it (the hub verifies)."""
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return None
    role = claims.get("role") if isinstance(claims, dict) else None
    return role if isinstance(role, str) else None


def console_window(
    bridge: EngineBridge,
    settings: Settings,
    log: EventLog | None,
    model: ViewModel,
    role: str | None,
    *,
    restore_geometry: bool = True,
) -> QWidget:
    """The window for the token's role: coordinator, listener, or the interpreter's console.

    ``restore_geometry``: the interpreter's window takes the size and place it was
    closed at (kept in ``settings``).
    """
    if role == "coordinator":
        return open_coordinator(bridge, log=log, settings=settings)
    if role == "listener":
        return open_listener(bridge, log=log, settings=settings)
    actions = Actions(bridge, model, log=log, settings=settings)
    window = ConsoleWindow(
        bridge, actions, model, settings=settings, use_devices=use_devices(bridge, model)
    )
    geometry = settings.geometry
    if geometry is not None and restore_geometry:
        window.restoreGeometry(geometry)
    return window


def save_screenshot(window: QWidget, path: str) -> None:
    """A real render of the window (QWidget.grab), as PNG, laid out as a user would see it.

    Posted events are delivered first, as the event loop would before the
    next paint: widgets added to a shown window appear (Qt shows them through a
    queued call), and a label whose text changed is laid out at its new width
    instead of being drawn cut short.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    QCoreApplication.sendPostedEvents()  # shows what was added, which requests a layout:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    if not window.grab().save(str(target), "PNG"):
        raise OSError(f"could not write the screenshot to {target}")
