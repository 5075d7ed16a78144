"""What the package is made of: libraries below the programs, scripts that resolve, data shipped.

The library packages never import the programs (``programs/``), the test rig
(``tests/``) or the benchmarks (``bench/``): the programs import the libraries,
and the rig is not installed. Every script names a function of a program, and
every file of ``resources/`` is in the package data that setuptools installs.
"""

from __future__ import annotations

import ast
import importlib
import tomllib
from pathlib import Path
from typing import Any

from tests.rig import ROOT

LIBRARIES = ("audio", "channels", "console", "relay", "resources")
ABOVE = {"programs", "tests", "bench"}
"""What a library module must not import."""
PYPROJECT: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SCRIPTS: dict[str, str] = PYPROJECT["project"]["scripts"]


def imported(path: Path) -> set[str]:
    """The top-level packages a module imports, anywhere in it (at the top or in a function)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def test_no_library_imports_a_program_the_rig_or_a_benchmark() -> None:
    modules = [path for package in LIBRARIES for path in sorted((ROOT / package).rglob("*.py"))]
    assert len(modules) > 50, "the library packages were not found"
    wrong = {
        module_name(path): sorted(imported(path) & ABOVE)
        for path in modules
        if imported(path) & ABOVE
    }
    assert not wrong, f"library modules importing what is above them: {wrong}"


def test_every_script_names_a_function_of_a_program() -> None:
    assert {"rsi-hub", "rsi-bot", "rsi-console"} <= set(SCRIPTS)
    for script, target in SCRIPTS.items():
        module, _, function = target.partition(":")
        assert module.startswith("programs."), f"{script}: {module} is not in programs/"
        assert callable(getattr(importlib.import_module(module), function)), script


def test_every_data_file_is_installed() -> None:
    folder = ROOT / "resources"
    patterns: list[str] = PYPROJECT["tool"]["setuptools"]["package-data"]["resources"]
    shipped = {path for pattern in patterns for path in folder.glob(pattern) if path.is_file()}
    data = {
        path
        for path in folder.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    }
    assert data, "no data files found under resources/"
    assert sorted(data - shipped) == [], "data files the package would not install"
