"""``rsi-console``: the interpreter's console.

    rsi-console --url wss://hub.example:8765/v1 --token TOKEN
    rsi-console --url wss://edge1.example/v1 --url wss://edge2.example/v1 --token TOKEN
                                          a cluster's edges, tried in turn
    rsi-console demo                      an embedded demo meeting, with partner and booths
    rsi-console demo --screenshot out.png --quit-after 5
    rsi-console --event-log session.jsonl ...   usability log (JSON lines)
    rsi-console --study FOLDER --url URL --token TOKEN   a usability study's participant
                                          (started by rsi-study run: docs/study.md)

With no sound card (or no PortAudio), the console runs on a null port: it
says so in a notice, and the meters and the floor keep running. The token's
role chooses the window (:func:`console.app.console_window`).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from audio.commands import Connect
from console.app import (
    chosen_language,
    console_window,
    install_language,
    save_screenshot,
    start_engine,
    token_role,
)
from console.interpreter.window import ConsoleWindow
from console.shell import links, theme
from console.shell.actions import EventLog
from console.shell.links import LinkError
from console.shell.settings import LANGUAGES, THEMES, Settings
from console.study.folder import ACTIONS, StudyFolderError, read_brief
from console.study.session import StudyLog, StudySession


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="rsi-console", description=__doc__.split("\n")[0])
    parser.add_argument(
        "mode", nargs="?", choices=("connect", "demo"), default="connect",
        help="demo: start an embedded demo meeting and join it as an interpreter",
    )  # fmt: skip
    parser.add_argument("--booth", default="en", help="demo: the booth you sit in (default en)")
    parser.add_argument(
        "--url", action="append",
        help="the hub's address, wss://host:port/v1; a cluster's edges: repeat it, or separate "
        "the addresses with commas (tried in turn, also when reconnecting)",
    )  # fmt: skip
    parser.add_argument("--token", help="your token for the meeting")
    parser.add_argument(
        "--ca", metavar="FILE", help="the hub's own certificate authority (PEM), for wss://"
    )
    parser.add_argument(
        "--allow-insecure", action="store_true",
        help="send the token over plain ws:// to another computer (it travels in clear)",
    )  # fmt: skip
    parser.add_argument("--event-log", metavar="FILE", help="append every action to FILE (JSON)")
    parser.add_argument(
        "--study", metavar="FOLDER", type=Path,
        help="a study participant's folder made by rsi-study run: consent, recording, questions",
    )  # fmt: skip
    parser.add_argument("--screenshot", metavar="FILE", help="save the window as PNG at exit")
    parser.add_argument(
        "--quit-after", metavar="S", type=float, help="quit after S seconds (with --screenshot)"
    )
    parser.add_argument("--size", default="1280x720", help="window size, WxH (default 1280x720)")
    parser.add_argument(
        "--null-audio", action="store_true", help="do not open a sound card (a null port)"
    )
    parser.add_argument("--theme", choices=THEMES, help="this time only (Settings keeps one)")
    parser.add_argument(
        "--language",
        choices=LANGUAGES,
        help="this time only (Settings keeps one; system: the computer's)",
    )
    parser.add_argument("--settings", metavar="FILE", help="an INI file instead of your settings")
    args = parser.parse_args(argv)
    if args.url is not None:
        try:
            args.url = links.check_hub(",".join(args.url))
        except LinkError as err:
            parser.error(f"--url: {err}")
    if (args.url is None) != (args.token is None):
        parser.error("give both --url and --token (or neither, and connect from the window)")
    if args.mode == "demo" and args.url is not None:
        parser.error("demo starts its own meeting: leave out --url and --token")
    if args.study is not None and (args.url is None or args.event_log is not None):
        parser.error("--study needs --url and --token (rsi-study run gives them), no --event-log")
    if args.ca is not None and not Path(args.ca).is_file():
        parser.error(f"--ca {args.ca}: no such file; give the PEM file of the hub's authority")
    try:
        width, height = (int(x) for x in args.size.lower().split("x"))
    except ValueError:
        parser.error(f"--size must look like 1280x720, not {args.size!r}")
    args.width, args.height = width, height
    return args


@contextlib.contextmanager
def meeting(args: argparse.Namespace) -> Iterator[tuple[str, str] | None]:
    """Where to connect: the command line's hub, or a demo meeting started here."""
    if args.mode != "demo":
        yield (args.url, args.token) if args.url is not None else None
        return
    from programs.demo import DemoMeeting

    with DemoMeeting(booth=args.booth) as demo:
        yield demo.url, demo.token("interpreter")


def run(args: argparse.Namespace, app: QApplication) -> int:
    settings = Settings.at(args.settings) if args.settings else Settings.user()
    theme.apply(app, args.theme or settings.theme)
    language = chosen_language(args.language or settings.language)
    if not install_language(app, language):
        print(
            f"rsi-console: the {language} translation is missing, the window is in English: "
            "run make (it builds resources/i18n/*.qm)",
            file=sys.stderr,
        )
    brief = None
    log: EventLog | None = None
    if args.study is not None:
        try:
            brief = read_brief(args.study)
        except StudyFolderError as exc:
            print(f"rsi-console: {exc}", file=sys.stderr)
            return 2
        log = StudyLog(args.study / ACTIONS)
    elif args.event_log:
        log = EventLog(args.event_log)
    study: StudySession | None = None
    try:
        bridge, model = start_engine(settings, null_audio=args.null_audio)
    except RuntimeError as exc:
        print(f"rsi-console: {exc}", file=sys.stderr)
        if log is not None:
            log.close()
        return 1
    try:
        with meeting(args) as target:
            role = token_role(target[1]) if target is not None else None
            window = console_window(
                bridge, settings, log, model, role, restore_geometry=not args.screenshot
            )
            if args.screenshot or settings.geometry is None:
                window.resize(args.width, args.height)
            if isinstance(window, ConsoleWindow) and not args.screenshot:
                window.fit_screen()  # e.g. 1280x720 on a 1920x1080 screen at 200 %
            window.show()
            connect = None
            if target is not None:
                connect = Connect(*target, ca_file=args.ca, allow_insecure=args.allow_insecure)
            if brief is not None and isinstance(log, StudyLog):  # consent first, then connect
                study = StudySession(
                    args.study,
                    brief,
                    window,
                    bridge.submit,
                    bridge.arrived,
                    log,
                    connect,
                    settings.spl_at_full_scale,
                )
                study.begin()
            else:
                if isinstance(window, ConsoleWindow) and not args.screenshot:
                    window.offer_first_run()  # the sound check at first run, else the headset check
                if connect is not None:
                    bridge.submit(connect)

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
        if study is not None:
            study.close()
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
