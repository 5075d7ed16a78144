"""Icons from resources/icons/, loaded so that a missing or unreadable file never breaks a window.

Every control carries its meaning in colour and text first; an icon only adds
to it. So a file that is missing (an incomplete install) or a Qt without its
SVG plug-in gives an empty icon and a logged warning, not an error.
"""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtGui import QIcon

from resources import ICONS

log = logging.getLogger(__name__)


@cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg``, or an empty icon when it cannot be read."""
    path = ICONS / f"{name}.svg"
    if not path.is_file():
        log.warning("icon %s is missing (%s): the control shows its text only", name, path)
        return QIcon()
    loaded = QIcon(str(path))
    if loaded.isNull() or loaded.pixmap(16, 16).isNull():
        log.warning("icon %s could not be read (no SVG support?): text only", name)
        return QIcon()
    return loaded
