"""``rsi-console``: the interpreter's console.

    rsi-console --url wss://hub.example:8765/v1 --token TOKEN
    rsi-console demo                      an embedded demo meeting, with partner and booths
    rsi-console demo --screenshot out.png --quit-after 5
    rsi-console --event-log session.jsonl ...   usability log (JSON lines)

With no sound card (or no PortAudio), the console runs on a null port: it
says so in a banner, and the meters and the floor keep running.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import jwt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from audio.commands import Connect, UsePort
from audio.deviceport import DevicePort
from audio.devices import DeviceError, list_devices
from audio.engine import Engine, EngineConfig
from audio.fileport import NullPort
from audio.port import AudioPort
from audio.protect import Calibration
from console import theme
from console.actions import Actions
from console.actionset import EventLog
from console.bridge import EngineBridge
from console.coordinator import open_coordinator
from console.listener import open_listener
from console.mainwindow import ConsoleWindow
from console.settings import THEMES, Settings
from console.viewmodel import INPUTS, Severity, ViewModel


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="rsi-console", description=__doc__.split("\n")[0])
    parser.add_argument(
        "mode", nargs="?", choices=("connect", "demo"), default="connect",
        help="demo: start an embedded demo meeting and join it as an interpreter",
    )  # fmt: skip
    parser.add_argument("--booth", default="en", help="demo: the booth you sit in (default en)")
    parser.add_argument("--url", help="the hub's address, wss://host:port/v1")
    parser.add_argument("--token", help="your token for the meeting")
    parser.add_argument(
        "--ca", metavar="FILE", help="the hub's own certificate authority (PEM), for wss://"
    )
    parser.add_argument(
        "--allow-insecure", action="store_true",
        help="send the token over plain ws:// to another computer (it travels in clear)",
    )  # fmt: skip
    parser.add_argument("--event-log", metavar="FILE", help="append every action to FILE (JSON)")
    parser.add_argument("--screenshot", metavar="FILE", help="save the window as PNG at exit")
    parser.add_argument(
        "--quit-after", metavar="S", type=float, help="quit after S seconds (with --screenshot)"
    )
    parser.add_argument("--size", default="1280x720", help="window size, WxH (default 1280x720)")
    parser.add_argument(
        "--null-audio", action="store_true", help="do not open a sound card (a null port)"
    )
    parser.add_argument("--theme", choices=THEMES, help="this time only (Settings keeps one)")
    parser.add_argument("--settings", metavar="FILE", help="an INI file instead of your settings")
    args = parser.parse_args(argv)
    if (args.url is None) != (args.token is None):
        parser.error("give both --url and --token (or neither, and connect from the window)")
    if args.mode == "demo" and args.url is not None:
        parser.error("demo starts its own meeting: leave out --url and --token")
    if args.ca is not None and not Path(args.ca).is_file():
        parser.error(f"--ca {args.ca}: no such file; give the PEM file of the hub's authority")
    try:
        width, height = (int(x) for x in args.size.lower().split("x"))
    except ValueError:
        parser.error(f"--size must look like 1280x720, not {args.size!r}")
    args.width, args.height = width, height
    return args


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


def token_role(token: str) -> str | None:
    """The role a token names, read without verifying it (the hub verifies)."""
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return None
    role = claims.get("role") if isinstance(claims, dict) else None
    return role if isinstance(role, str) else None


@contextlib.contextmanager
def meeting(args: argparse.Namespace) -> Iterator[tuple[str, str] | None]:
    """Where to connect: the command line's hub, or a demo meeting started here."""
    if args.mode != "demo":
        yield (args.url, args.token) if args.url is not None else None
        return
    from programs.demo import DemoMeeting

    with DemoMeeting(booth=args.booth) as demo:
        yield demo.url, demo.token("interpreter")


def save_screenshot(window: QWidget, path: str) -> None:
    """A real render of the window (QWidget.grab), as PNG."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(target), "PNG"):
        raise OSError(f"could not write the screenshot to {target}")


def console_window(
    args: argparse.Namespace, bridge: EngineBridge, settings: Settings, log: EventLog | None,
    model: ViewModel, role: str | None,
) -> QWidget:  # fmt: skip
    """The window for the token's role: coordinator, listener, or the interpreter's console."""
    if role == "coordinator":
        return open_coordinator(bridge, log=log, settings=settings)
    if role == "listener":
        return open_listener(bridge, log=log, settings=settings)
    actions = Actions(bridge, model, log=log)
    window = ConsoleWindow(
        bridge, actions, model, settings=settings, use_devices=use_devices(bridge, model)
    )
    geometry = settings.geometry
    if geometry is not None and not args.screenshot:
        window.restoreGeometry(geometry)
    return window


def run(args: argparse.Namespace, app: QApplication) -> int:
    settings = Settings.at(args.settings) if args.settings else Settings.user()
    theme.apply(app, args.theme or settings.theme)
    port, no_card = open_port(settings, args.null_audio)
    log = EventLog(args.event_log) if args.event_log else None
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
            print(f"rsi-console: {exc}", file=sys.stderr)
            return 1
        # The sound card would not open: run without one, and say why.
        model.no_sound_card = True
        model.notice(time.time(), Severity.ALARM, str(exc))
        bridge = EngineBridge(Engine(NullPort(), config))
        bridge.start()
    try:
        with meeting(args) as target:
            role = token_role(target[1]) if target is not None else None
            window = console_window(args, bridge, settings, log, model, role)
            if args.screenshot or settings.geometry is None:
                window.resize(args.width, args.height)
            window.show()
            if target is not None:
                bridge.submit(Connect(*target, ca_file=args.ca, allow_insecure=args.allow_insecure))

            def finish() -> None:
                if args.screenshot:
                    save_screenshot(window, args.screenshot)
                app.quit()

            if args.quit_after is not None:
                QTimer.singleShot(int(args.quit_after * 1000), finish)
            signal.signal(signal.SIGINT, lambda *_: app.quit())
            wake = QTimer(window)  # lets Python see Ctrl+C while Qt's loop runs
            wake.start(250)
            wake.timeout.connect(lambda: None)
            code = app.exec()
            window.close()
            return code
    finally:
        bridge.stop()
        if not bridge.wait_stopped(3.0):
            print("rsi-console: the engine did not stop in time", file=sys.stderr)
        if log is not None:
            log.close()


def no_display() -> str | None:
    """Why no window can open here, or None: Qt would only abort with a plugin error."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "rsi-console: no display here (neither DISPLAY nor WAYLAND_DISPLAY is set). Run it on a "
        "desktop, or headless with QT_QPA_PLATFORM=offscreen and --screenshot FILE --quit-after S."
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    problem = no_display()
    if problem is not None and QApplication.instance() is None:
        print(problem, file=sys.stderr)
        return 1
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    return run(args, app)


if __name__ == "__main__":
    sys.exit(main())
