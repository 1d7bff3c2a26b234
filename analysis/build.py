"""Which engine modules run compiled (Cython, see setup.py) and whether any compiled one is stale.

An editable install keeps each compiled module beside its source (``matcher.py`` and
``matcher.cpython-311-x86_64-linux-gnu.so``); Python imports the compiled file first. After an edit
of the source and before a rebuild (``make install``), the old compiled code would run: the tests
and the benchmark ask ``stale_modules`` and refuse to go on.
"""

from __future__ import annotations

import importlib.machinery
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _compiled_file(source: Path) -> Path | None:
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        candidate = source.with_name(source.stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def compiled_modules(package_dir: Path = PACKAGE_DIR) -> list[str]:
    """Names of the modules of ``package_dir`` that have a compiled extension beside their source."""
    return sorted(p.stem for p in package_dir.glob("*.py") if _compiled_file(p) is not None)


SLACK_SECONDS = 2.0
"""An installer writes a module's source and its extension moments apart, in either order: only a
source newer than its extension by more than this counts as edited since the build."""


def stale_modules(package_dir: Path = PACKAGE_DIR) -> list[str]:
    """Modules whose compiled extension is older than their source (edited since the last build)."""
    stale = []
    for source in sorted(package_dir.glob("*.py")):
        compiled = _compiled_file(source)
        if compiled is not None and source.stat().st_mtime > compiled.stat().st_mtime + SLACK_SECONDS:
            stale.append(source.stem)
    return stale


def describe(package_dir: Path = PACKAGE_DIR) -> str:
    """One line for people: how the engine runs here."""
    compiled = compiled_modules(package_dir)
    if not compiled:
        return "engine: pure Python (no compiled modules; `make install` compiles them with Cython)"
    stale = stale_modules(package_dir)
    line = f"engine: {len(compiled)} modules compiled with Cython"
    return line + (f", STALE (source edited since the build): {', '.join(stale)}" if stale else "")
