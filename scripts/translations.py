"""The console's translations: extract, list what is missing, fill, build (Qt's own tools).

    python scripts/translations.py update     lupdate: the sources' strings into resources/i18n/*.ts
    python scripts/translations.py pending    what is untranslated, per language, as JSON
    python scripts/translations.py fill FILE  put the translations of FILE (JSON) into the .ts
    python scripts/translations.py build      lrelease: resources/i18n/*.ts -> *.qm
    python scripts/translations.py            update, build, then pending (``make translations``)

``pending`` prints ``{"fr": {"Context": {"English source": ""}}}``; write each
translation in place of "" and give the file to ``fill`` (the same shape; one language or
several). The sources are every ``.py`` of ``console/`` and ``programs/console.py``;
``.ts`` files are written without line numbers (``-locations none``) so that editing code
does not change them. English is the language of the sources and has no ``.ts``.
``build`` skips a ``.qm`` newer than its ``.ts`` unless given ``--force``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Final

ROOT: Final = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from a checkout: the project's packages

from console.shell.settings import QT_LOCALES, SOURCE_LANGUAGE  # noqa: E402
from resources import I18N  # noqa: E402

LANGUAGES: Final = {code: qt for code, qt in QT_LOCALES.items() if code != SOURCE_LANGUAGE}
"""Those translated: our code (the file name rsi_<code>.ts) -> the .ts language (Qt's)."""

Messages = dict[str, dict[str, str]]
"""context -> English source -> translation ("" while untranslated)."""


VALIDATED_ONLY: Final = (ROOT / "console" / "study" / "questionnaires.py",)
"""Standardised questionnaires (SUS, NASA-TLX): in another language they must be asked in a
published, validated translation, never ours. Not extracted: until such a translation is
added to the .ts by hand (context ``Questionnaire``), they are asked in English
(docs/study.md)."""


def sources() -> list[Path]:
    """The files whose tr() / QCoreApplication.translate / QT_TRANSLATE_NOOP strings we ship."""
    found = [*sorted((ROOT / "console").rglob("*.py")), ROOT / "programs" / "console.py"]
    return [path for path in found if path not in VALIDATED_ONLY]


def ts_path(code: str, folder: Path = I18N) -> Path:
    return folder / f"rsi_{code}.ts"


def tool(name: str) -> str:
    """A Qt tool shipped with PySide6 (``pyside6-lupdate``): beside this Python, or on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: run make setup (it installs PySide6 in .venv)")
    return found


def extract(targets: list[Path]) -> None:
    """lupdate: the sources' strings into each of ``targets`` (.ts files, kept translations,
    new strings unfinished, vanished ones dropped), in one pass over the sources."""
    for target in targets:  # a new file takes its language from LANGUAGES, not its name
        if not target.exists():
            code = target.stem.removeprefix("rsi_")
            target.write_text(
                f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                f'<TS version="2.1" language="{LANGUAGES.get(code, code)}"></TS>\n',
                encoding="utf-8",
            )
    subprocess.run(
        [tool("pyside6-lupdate"), "-silent", "-locations", "none", "-no-obsolete",
         *map(str, sources()), "-ts", *map(str, targets)],
        check=True,
    )  # fmt: skip


def update(folder: Path = I18N) -> None:
    """Bring each language's .ts in ``folder`` up to date with the sources."""
    folder.mkdir(parents=True, exist_ok=True)
    extract([ts_path(code, folder) for code in LANGUAGES])


def build(folder: Path = I18N, *, force: bool = False) -> list[Path]:
    """lrelease: each .ts of ``folder`` to its .qm beside it; the .qm files made (a .qm newer
    than its .ts is kept, unless ``force``)."""
    stale = [
        ts_path(code, folder)
        for code in LANGUAGES
        if force
        or not ts_path(code, folder).with_suffix(".qm").exists()
        or ts_path(code, folder).with_suffix(".qm").stat().st_mtime
        < ts_path(code, folder).stat().st_mtime
    ]
    if stale:
        subprocess.run([tool("pyside6-lrelease"), "-silent", *map(str, stale)], check=True)
    return [ts.with_suffix(".qm") for ts in stale]


def read(ts: Path) -> tuple[Messages, set[tuple[str, str]]]:
    """The messages of a .ts, and those (context, source) still unfinished or empty."""
    messages: Messages = {}
    unfinished = set()
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            text = "" if translation is None else (translation.text or "")
            messages.setdefault(name, {})[source] = text
            if not text or (translation is not None and translation.get("type") == "unfinished"):
                unfinished.add((name, source))
    return messages, unfinished


def pending(folder: Path = I18N) -> dict[str, Messages]:
    """Per language, the messages without a finished translation (translation "")."""
    found: dict[str, Messages] = {}
    for code in LANGUAGES:
        _, unfinished = read(ts_path(code, folder))
        for context, source in sorted(unfinished):
            found.setdefault(code, {}).setdefault(context, {})[source] = ""
    return found


def fill(given: Mapping[str, Messages], folder: Path = I18N) -> list[str]:
    """Write ``given`` (language -> context -> source -> translation) into the .ts files.

    Returns what could not be placed (a source not in the .ts: run update first).
    """
    missed = []
    for code, contexts in given.items():
        path = ts_path(code, folder)
        tree = ET.parse(path)
        for context in tree.getroot().iter("context"):
            texts = contexts.get(context.findtext("name", ""), {})
            for message in context.iter("message"):
                text = texts.get(message.findtext("source", ""))
                translation = message.find("translation")
                if text and translation is not None:
                    translation.text = text
                    translation.attrib.pop("type", None)
        have, _ = read(path)
        missed += [
            f"{code}: {context}: {source}"
            for context, texts in contexts.items()
            for source in texts
            if source not in have.get(context, {})
        ]
        tree.write(path, encoding="utf-8", xml_declaration=True)
    update(folder)  # lupdate writes the files back in its own layout
    return missed


def sources_of(messages: Messages) -> set[tuple[str, str]]:
    return {(context, source) for context, texts in messages.items() for source in texts}


def main(argv: Iterable[str]) -> int:
    args = list(argv)
    command = args[0] if args else "all"
    if command in ("update", "all"):
        update()
    if command in ("build", "all"):
        for qm in build(force="--force" in args):
            print(f"translations: built {qm.relative_to(ROOT)}", file=sys.stderr)
    if command == "fill":
        if len(args) != 2:
            raise SystemExit("usage: translations.py fill FILE.json")
        missed = fill(json.loads(Path(args[1]).read_text(encoding="utf-8")))
        for line in missed:
            print(f"translations: not in the sources (run update): {line}", file=sys.stderr)
        build()
    if command in ("pending", "all"):
        left = pending()
        json.dump(left, sys.stdout, ensure_ascii=False, indent=1)
        print()
        counts = {code: len(sources_of(messages)) for code, messages in left.items()}
        print(f"translations: untranslated per language: {counts or 'none'}", file=sys.stderr)
    if command not in ("update", "build", "fill", "pending", "all"):
        raise SystemExit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
