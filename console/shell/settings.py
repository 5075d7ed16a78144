"""The console's persistent settings: a typed store over QSettings.

Each setting has one typed getter and setter, so no other module handles
QSettings keys or the strings an INI file turns every value into. A stored
value that cannot be used (edited by hand, written by another version, a
device that no longer makes sense) is never fatal: the getter returns the
default, and :attr:`Settings.problems` gets a sentence saying which setting
was ignored and what the console uses instead, for the window to show once.

Shortcut overrides are checked as a whole (:func:`shortcut_problems`)
against the list of actions the caller gives, so the store does not import
the action sets: a set of shortcuts with a duplicate, a key the
keyboard needs for moving between controls, or a key Qt cannot read is
refused before it is stored. Each role's window (interpreter, coordinator,
listener) has its own actions, so its own overrides.

Tokens of remembered meetings are stored only when the user asks for it:
the settings file is not encrypted, and a token is a key to the meeting
until it expires.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings
from PySide6.QtGui import QKeySequence

from audio.protection import (
    DEFAULT_SPL_AT_FULL_SCALE,
    MAX_SPL_AT_FULL_SCALE,
    MIN_SPL_AT_FULL_SCALE,
    ExposurePolicy,
    ProtectionSettings,
)

ORGANISATION: Final = "rsi-console"
APPLICATION: Final = "console"

THEMES: Final = ("light", "dark", "high-contrast")
DEFAULT_THEME: Final = "light"

QT_LOCALES: Final = {"ar": "ar", "en": "en", "es": "es", "fr": "fr", "ru": "ru", "zh": "zh_CN"}
"""The console's languages, the six of the UN (``zh`` in simplified characters), as Qt
names them. English is the sources' own: it has no translation file."""
SOURCE_LANGUAGE: Final = "en"
LANGUAGES: Final = ("system", *QT_LOCALES)
"""The language setting's values: "system" is the computer's language when the console
has it, else English."""
DEFAULT_LANGUAGE: Final = "system"

RESERVED_KEYS: Final = frozenset({"Tab", "Shift+Tab", "Backtab", "Shift+Backtab"})
"""Keys that move the focus between controls: taking them would cut the keyboard path."""

LOWEST_LIMIT_SPL: Final = 60.0
"""No protection level below this: quieter than conversation, it would only mute speech."""

CALIBRATED_BY_CHECK: Final = "headset check"
"""Calibration source: the headset check (a comfortable level, assumed 72 dB SPL)."""
CALIBRATED_BY_METER: Final = "measured"
"""Calibration source: a sound level meter's reading, or a value entered by hand."""

MAX_MEETINGS: Final = 20
"""Remembered meetings kept, most recently used first."""

ActionKeys = Sequence[tuple[str, str, str]]
"""(action id, label for the user, default key) of every action that may have a shortcut."""


@dataclass(frozen=True, slots=True)
class ProtectionLimits:
    """The three hearing-protection levels the user may lower, dB SPL (through the calibration).

    The defaults are the reference desk's (FIELD.md): an instant ceiling of
    100, a sustained limit of 94, an exposure warning at a 1-minute average
    of 80. They may be lowered (a sensitive ear), never raised above them.
    """

    ceiling_spl: float = 100.0
    sustained_spl: float = 94.0
    exposure_warning_spl: float = 80.0

    def problem(self) -> str | None:
        """A sentence when the levels cannot be used together, or None."""
        values = (self.ceiling_spl, self.sustained_spl, self.exposure_warning_spl)
        if not all(math.isfinite(v) for v in values):
            return QCoreApplication.translate(
                "Settings", "the hearing-protection levels must be numbers"
            )
        defaults = ProtectionLimits()
        if (
            self.ceiling_spl > defaults.ceiling_spl
            or self.sustained_spl > defaults.sustained_spl
            or self.exposure_warning_spl > defaults.exposure_warning_spl
        ):
            return QCoreApplication.translate(
                "Settings",
                "the hearing-protection levels may be lowered, but not raised above "
                "100 / 94 / 80 dB SPL",
            )
        if min(values) < LOWEST_LIMIT_SPL:
            return QCoreApplication.translate(
                "Settings", "the hearing-protection levels cannot be set below 60 dB SPL"
            )
        if not self.exposure_warning_spl <= self.sustained_spl <= self.ceiling_spl:
            return QCoreApplication.translate(
                "Settings",
                "the ceiling must be at least the sustained limit, and the sustained limit at "
                "least the exposure warning",
            )
        return None

    def protection_settings(self) -> ProtectionSettings:
        """The engine's settings with these levels (for :class:`audio.engine.EngineConfig`)."""
        return ProtectionSettings(
            ceiling_spl=self.ceiling_spl,
            sustained_limit_spl=self.sustained_spl,
            exposure=ExposurePolicy(warn_leq_spl=self.exposure_warning_spl),
        )


@dataclass(frozen=True, slots=True)
class RememberedMeeting:
    hub: str
    name: str
    """What the user sees in the list: the meeting's title, or the hub's address."""
    last_used: float
    """Unix time of the last successful connection."""
    token: str | None = None
    """Only when the user chose to keep it on this computer."""
    ca_file: str | None = None
    """The hub's own certificate authority (PEM file), for a hub not signed by a public one."""
    allow_insecure: bool = False
    """The user allowed plain ``ws://`` to this hub on another computer."""


@dataclass(frozen=True, slots=True)
class ShortcutProblem:
    action_id: str
    key: str
    sentence: str


class ShortcutError(ValueError):
    """A set of shortcuts that cannot be stored; ``problems`` says each reason."""

    def __init__(self, problems: list[ShortcutProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.sentence for p in problems))


def normalise_key(text: str) -> str | None:
    """The portable text of one key combination; "" for none; None when Qt cannot read it."""
    text = text.strip()
    if not text:
        return ""
    sequence = QKeySequence(text)
    portable = sequence.toString(QKeySequence.SequenceFormat.PortableText)
    if not portable or sequence.count() != 1:
        return None
    return portable


def shortcut_problems(actions: ActionKeys, overrides: Mapping[str, str]) -> list[ShortcutProblem]:
    """Why ``overrides`` (action id -> key text, "" = no key) cannot be used with ``actions``."""
    labels = {action_id: label for action_id, label, _ in actions}
    problems: list[ShortcutProblem] = []
    keys: dict[str, str] = {}
    # Defaults first: a clash is then told about the key the user chose, not the default.
    for action_id, label, default in sorted(actions, key=lambda a: a[0] in overrides):
        given = overrides.get(action_id, default)
        key = normalise_key(given)
        if key is None:
            problems.append(
                ShortcutProblem(
                    action_id,
                    given,
                    QCoreApplication.translate(
                        "Settings", "“{0}” for “{1}” is not a key combination: press the keys again"
                    ).format(given, label),
                )
            )
            continue
        if key in RESERVED_KEYS:
            problems.append(
                ShortcutProblem(
                    action_id,
                    key,
                    QCoreApplication.translate(
                        "Settings", "{0} moves between controls; choose another key for “{1}”"
                    ).format(key, label),
                )
            )
            continue
        if not key:
            continue
        other = keys.get(key)
        if other is not None:
            problems.append(
                ShortcutProblem(
                    action_id,
                    key,
                    QCoreApplication.translate(
                        "Settings", "{0} is already the key of “{1}”; choose another key for “{2}”"
                    ).format(key, labels[other], label),
                )
            )
            continue
        keys[key] = action_id
    for action_id in overrides:
        if action_id not in labels:
            problems.append(
                ShortcutProblem(
                    action_id,
                    overrides[action_id],
                    QCoreApplication.translate(
                        "Settings", "there is no action “{0}” any more"
                    ).format(action_id),
                )
            )
    return problems


def _shortcuts_key(role: str) -> str:
    """Where a role's keys are kept; the interpreter's console (role "") came first."""
    return f"shortcuts/{role}" if role and role != "interpreter" else "shortcuts/overrides"


class Settings:
    """Typed access to one QSettings store; see the module docstring."""

    def __init__(self, store: QSettings) -> None:
        self.store = store
        self._problems: dict[str, str] = {}

    @classmethod
    def user(cls, organisation: str = ORGANISATION, application: str = APPLICATION) -> Settings:
        """The user's settings, where the platform keeps them."""
        return cls(QSettings(organisation, application))

    @classmethod
    def at(cls, path: str | Path) -> Settings:
        """Settings in an INI file (tests, a portable install)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    @property
    def problems(self) -> list[str]:
        """Sentences about stored values that were ignored, one per setting."""
        return list(self._problems.values())

    def sync(self) -> None:
        self.store.sync()

    # -- the first-run check (console.shell.firstrun) ---------------------------------------

    @property
    def first_run(self) -> bool:
        """Nothing is stored yet, nor was the first-run check ever finished or skipped."""
        return not self.store.allKeys()

    def first_run_done(self) -> None:
        """The first-run check was finished or skipped: do not offer it again."""
        self.store.setValue("firstrun/done", True)
        self.store.sync()

    # -- audio devices ---------------------------------------------------------------------

    @property
    def input_device(self) -> str:
        """The microphone's device name ("" = the system's default, audio.devices)."""
        return self._text("audio/input", "")

    @input_device.setter
    def input_device(self, name: str) -> None:
        self.store.setValue("audio/input", name)

    @property
    def output_device(self) -> str:
        """The headset's device name ("" = the system's default)."""
        return self._text("audio/output", "")

    @output_device.setter
    def output_device(self, name: str) -> None:
        self.store.setValue("audio/output", name)

    # -- hearing protection ------------------------------------------------------------------

    @property
    def calibrated(self) -> bool:
        """The user has calibrated the headset (otherwise the conservative default holds)."""
        return self.store.contains("protection/spl_at_full_scale")

    @property
    def spl_at_full_scale(self) -> float:
        """dB SPL of a 0 dBFS sine in the headset (audio.protect.Calibration)."""
        key = "protection/spl_at_full_scale"
        value = self._number(key, DEFAULT_SPL_AT_FULL_SCALE)
        if not MIN_SPL_AT_FULL_SCALE <= value <= MAX_SPL_AT_FULL_SCALE:
            self._report(
                key,
                QCoreApplication.translate(
                    "Settings",
                    "The stored headset calibration ({0:g} dB SPL) is outside {1:g} to {2:g}; "
                    "the safe default of {3:g} dB SPL is used until you calibrate again.",
                ).format(
                    value, MIN_SPL_AT_FULL_SCALE, MAX_SPL_AT_FULL_SCALE, DEFAULT_SPL_AT_FULL_SCALE
                ),
            )
            return DEFAULT_SPL_AT_FULL_SCALE
        return value

    @spl_at_full_scale.setter
    def spl_at_full_scale(self, value: float) -> None:
        if not (math.isfinite(value) and MIN_SPL_AT_FULL_SCALE <= value <= MAX_SPL_AT_FULL_SCALE):
            raise ValueError(
                QCoreApplication.translate(
                    "Settings", "the calibration must be {0:g} to {1:g} dB SPL"
                ).format(MIN_SPL_AT_FULL_SCALE, MAX_SPL_AT_FULL_SCALE)
            )
        self.store.setValue("protection/spl_at_full_scale", float(value))

    @property
    def calibration_source(self) -> str:
        """How it was calibrated: :data:`CALIBRATED_BY_CHECK` or :data:`CALIBRATED_BY_METER`.

        A calibration stored without a source (before the headset check existed) was measured.
        """
        key = "protection/calibration_source"
        value = self._text(key, CALIBRATED_BY_METER)
        if value not in (CALIBRATED_BY_CHECK, CALIBRATED_BY_METER):
            self._report(
                key,
                QCoreApplication.translate(
                    "Settings",
                    "The stored calibration source ({0}) is unknown: “measured” is shown.",
                ).format(value),
            )
            return CALIBRATED_BY_METER
        return value

    def calibrate(self, spl_at_full_scale: float, source: str) -> None:
        """Store a calibration and how it was found (:attr:`calibration_source`)."""
        if source not in (CALIBRATED_BY_CHECK, CALIBRATED_BY_METER):
            raise ValueError(f"unknown calibration source {source!r}")
        self.spl_at_full_scale = spl_at_full_scale
        self.store.setValue("protection/calibration_source", source)

    def forget_calibration(self) -> None:
        """Back to the conservative default (a new headset)."""
        self.store.remove("protection/spl_at_full_scale")
        self.store.remove("protection/calibration_source")

    @property
    def limits(self) -> ProtectionLimits:
        default = ProtectionLimits()
        limits = ProtectionLimits(
            self._number("protection/ceiling_spl", default.ceiling_spl),
            self._number("protection/sustained_spl", default.sustained_spl),
            self._number("protection/exposure_warning_spl", default.exposure_warning_spl),
        )
        problem = limits.problem()
        if problem is not None:
            self._report(
                "protection/limits",
                QCoreApplication.translate(
                    "Settings",
                    "The stored hearing-protection levels are ignored ({0}); the defaults apply.",
                ).format(problem),
            )
            return default
        return limits

    @limits.setter
    def limits(self, limits: ProtectionLimits) -> None:
        problem = limits.problem()
        if problem is not None:
            raise ValueError(problem)
        self.store.setValue("protection/ceiling_spl", limits.ceiling_spl)
        self.store.setValue("protection/sustained_spl", limits.sustained_spl)
        self.store.setValue("protection/exposure_warning_spl", limits.exposure_warning_spl)

    # -- shortcuts -------------------------------------------------------------------------------

    def shortcut_overrides(self, actions: ActionKeys, role: str = "") -> dict[str, str]:
        """The stored overrides (action id -> portable key text) usable with ``actions``.

        When the stored set no longer fits (an action was removed, a new
        default now clashes with an override), the whole set is ignored and
        reported, so that every action keeps a key of its own. ``role``: whose
        window's keys (each role's window has its own actions and keys).
        """
        key = _shortcuts_key(role)
        raw = self._json(key, {})
        if not isinstance(raw, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in raw.items()
        ):
            self._report(
                key,
                QCoreApplication.translate(
                    "Settings", "The stored shortcuts are unreadable; the default keys apply."
                ),
            )
            return {}
        problems = shortcut_problems(actions, raw)
        if problems:
            self._report(
                key,
                QCoreApplication.translate(
                    "Settings", "Your shortcuts are ignored ({0}); the default keys apply."
                ).format(problems[0].sentence),
            )
            return {}
        return {k: normalise_key(v) or "" for k, v in raw.items()}

    def set_shortcut_overrides(
        self, actions: ActionKeys, overrides: Mapping[str, str], role: str = ""
    ) -> None:
        """Store ``overrides`` (raises :class:`ShortcutError` when they cannot be used)."""
        problems = shortcut_problems(actions, overrides)
        if problems:
            raise ShortcutError(problems)
        defaults = {action_id: default for action_id, _, default in actions}
        changed = {
            k: normalise_key(v) or ""
            for k, v in overrides.items()
            if normalise_key(v) != normalise_key(defaults[k])
        }
        self.store.setValue(_shortcuts_key(role), json.dumps(changed, sort_keys=True))

    # -- even levels (audio.leveller) --------------------------------------------------------------

    def levelled(self, input_name: str) -> bool:
        """Even levels on input ``input_name`` (floor, relay, partner): on unless switched off."""
        key = f"levels/{input_name}"
        value = self.store.value(key, True)
        if value in (True, "true"):
            return True
        if value in (False, "false"):
            return False
        self._report(
            key,
            QCoreApplication.translate(
                "Settings", "The stored value of “{0}” ({1}) is not on or off; even levels are on."
            ).format(key, value),
        )
        return True

    def set_levelled(self, input_name: str, on: bool) -> None:
        self.store.setValue(f"levels/{input_name}", bool(on))

    # -- theme -------------------------------------------------------------------------------------

    @property
    def theme(self) -> str:
        value = self._text("appearance/theme", DEFAULT_THEME)
        if value not in THEMES:
            self._report(
                "appearance/theme",
                QCoreApplication.translate(
                    "Settings", "The stored theme “{0}” does not exist; the light theme is used."
                ).format(value),
            )
            return DEFAULT_THEME
        return value

    @theme.setter
    def theme(self, name: str) -> None:
        if name not in THEMES:
            raise ValueError(f"theme must be one of {', '.join(THEMES)}, not {name!r}")
        self.store.setValue("appearance/theme", name)

    # -- attention: how requests, messages and alarms call the user --------------------------------

    @property
    def reduced_motion(self) -> bool:
        """Highlight what needs the user without flashing it (False: a few pulses first)."""
        return self._flag("attention/reduced_motion", False)

    @reduced_motion.setter
    def reduced_motion(self, on: bool) -> None:
        self.store.setValue("attention/reduced_motion", bool(on))

    @property
    def headset_chime(self) -> bool:
        """A soft chime in the interpreter's headset at a handover request or offer and at a
        coordinator's message (:class:`audio.commands.Chime`). On by default: an interpreter
        watches the speaker, not the screen, and the chime is well under the meeting's level."""
        return self._flag("attention/headset_chime", True)

    @headset_chime.setter
    def headset_chime(self, on: bool) -> None:
        self.store.setValue("attention/headset_chime", bool(on))

    @property
    def alarm_sound(self) -> bool:
        """The same chime at each new alarm in the coordinator's window. Off by default: a
        coordinator may be listening to a channel for a client, and sees the alarm list."""
        return self._flag("attention/alarm_sound", False)

    @alarm_sound.setter
    def alarm_sound(self, on: bool) -> None:
        self.store.setValue("attention/alarm_sound", bool(on))

    # -- language --------------------------------------------------------------------------------

    @property
    def language(self) -> str:
        """One of :data:`LANGUAGES`; the window takes it at the next start."""
        value = self._text("appearance/language", DEFAULT_LANGUAGE)
        if value not in LANGUAGES:
            self._report(
                "appearance/language",
                QCoreApplication.translate(
                    "Settings",
                    "The stored language “{0}” is not one of the console's; the computer's "
                    "language is used.",
                ).format(value),
            )
            return DEFAULT_LANGUAGE
        return value

    @language.setter
    def language(self, code: str) -> None:
        if code not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {code!r}")
        self.store.setValue("appearance/language", code)

    # -- meetings ----------------------------------------------------------------------------------

    def meetings(self) -> list[RememberedMeeting]:
        """Remembered meetings, most recently used first."""
        key = "meetings/list"
        raw = self._json(key, [])
        found: list[RememberedMeeting] = []
        if isinstance(raw, list):
            for item in raw:
                meeting = _meeting(item)
                if meeting is None:
                    break
                found.append(meeting)
            else:
                return sorted(found, key=lambda m: m.last_used, reverse=True)
        self._report(
            key,
            QCoreApplication.translate(
                "Settings", "The list of remembered meetings was unreadable and is not shown."
            ),
        )
        return []

    def remember(
        self,
        hub: str,
        name: str,
        token: str | None = None,
        *,
        ca_file: str | None = None,
        allow_insecure: bool = False,
        now: float | None = None,
    ) -> None:
        """Put ``hub`` first in the list; keep ``token`` only if given (the user's choice).

        Remembering without a token also forgets a token kept before; the CA file and
        the permission for plain ``ws://`` are kept as they were used this time.
        """
        used = time.time() if now is None else now
        entry = RememberedMeeting(hub, name or hub, used, token, ca_file, allow_insecure)
        kept = [m for m in self.meetings() if m.hub != hub]
        self._store_meetings([entry, *kept][:MAX_MEETINGS])

    def forget(self, hub: str) -> None:
        self._store_meetings([m for m in self.meetings() if m.hub != hub])

    def _store_meetings(self, meetings: list[RememberedMeeting]) -> None:
        rows = []
        for m in meetings:
            row: dict[str, object] = {"hub": m.hub, "name": m.name, "last_used": m.last_used}
            if m.token is not None:
                row["token"] = m.token
            if m.ca_file is not None:
                row["ca_file"] = m.ca_file
            if m.allow_insecure:
                row["allow_insecure"] = True
            rows.append(row)
        self.store.setValue("meetings/list", json.dumps(rows))
        self._problems.pop("meetings/list", None)

    # -- window ------------------------------------------------------------------------------------

    @property
    def geometry(self) -> QByteArray | None:
        """What ``QWidget.saveGeometry`` gave, for ``restoreGeometry``; None before the first."""
        value = self.store.value("window/geometry")
        if value is None:
            return None
        if isinstance(value, QByteArray | bytes):
            return QByteArray(value)
        self._report(
            "window/geometry",
            QCoreApplication.translate("Settings", "The stored window position was unreadable."),
        )
        return None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.store.setValue("window/geometry", value)

    # -- conversions -------------------------------------------------------------------------------

    def _text(self, key: str, default: str) -> str:
        value = self.store.value(key, default)
        if isinstance(value, str):
            return value
        self._report(
            key,
            QCoreApplication.translate(
                "Settings", "The stored value of “{0}” was unreadable and is ignored."
            ).format(key),
        )
        return default

    def _number(self, key: str, default: float) -> float:
        value = self.store.value(key, default)
        try:  # INI files give numbers back as text
            number = float(value) if isinstance(value, int | float | str) else math.nan
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            self._report(
                key,
                QCoreApplication.translate(
                    "Settings", "The stored value of “{0}” ({1}) is not a number; {2:g} is used."
                ).format(key, value, default),
            )
            return default
        return number

    def _flag(self, key: str, default: bool) -> bool:
        value = self.store.value(key, default)
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):  # from an INI file
            return value.lower() == "true"
        self._report(
            key,
            QCoreApplication.translate(
                "Settings", "The stored value of “{0}” ({1}) is not true or false; {2} is used."
            ).format(key, value, "true" if default else "false"),
        )
        return default

    def _json(self, key: str, default: object) -> object:
        text = self.store.value(key)
        if text is None:
            return default
        try:
            return json.loads(str(text))
        except ValueError:
            return None  # the caller reports it as unreadable

    def _report(self, key: str, sentence: str) -> None:
        self._problems[key] = sentence


def _meeting(item: object) -> RememberedMeeting | None:
    if not isinstance(item, dict):
        return None
    hub, name, used, token = (item.get(k) for k in ("hub", "name", "last_used", "token"))
    if not (isinstance(hub, str) and isinstance(name, str) and isinstance(used, int | float)):
        return None
    if token is not None and not isinstance(token, str):
        return None
    ca_file, insecure = item.get("ca_file"), item.get("allow_insecure", False)
    if (ca_file is not None and not isinstance(ca_file, str)) or not isinstance(insecure, bool):
        return None
    return RememberedMeeting(hub, name, float(used), token, ca_file, insecure)
