"""The project's data files, installed with its packages: style sheets, icons, meetings, speech,
translations.

Take a folder from here, never a path built from a module's own file, so that an
installed package finds its own copy::

    from resources import SPEECH
    clip = SPEECH / "en.ogg"

Each folder is found through :func:`importlib.resources.files`. setuptools installs the
package as plain files, so each is a :class:`pathlib.Path` whose files have names that
Qt, soundfile and a meeting file's relative key paths can use.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Final


def _folder(name: str) -> Path:
    found = files(__name__) / name
    if not isinstance(found, Path) or not found.is_dir():
        raise RuntimeError(
            f"the data folder resources/{name} is missing ({found}): reinstall the package "
            "(pip install rsi-console), or run from a complete checkout"
        )
    return found


I18N: Final = _folder("i18n")
"""The console's translations: ``rsi_<language>.ts`` (sources) and ``.qm`` (built by make)."""
ICONS: Final = _folder("icons")
"""The console's SVG icons, ``<name>.svg``."""
MEETINGS: Final = _folder("meetings")
"""Meeting files: ``demo.toml``, the demo meeting."""
SPEECH: Final = _folder("speech")
"""One speech clip per language, ``<language>.ogg`` at 48 kHz, and the texts they read."""
STUDIES: Final = _folder("studies")
"""Usability-study scenarios: ``example.toml``, a worked example (``rsi-study check``)."""
STYLES: Final = _folder("styles")
"""The themes' Qt style sheets, ``<theme>.qss``."""
