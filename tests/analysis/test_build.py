"""What tells the tests and the benchmark whether the engine runs compiled, and whether that is stale."""

from __future__ import annotations

import importlib.machinery
import os
import sys
from pathlib import Path

from analysis import build

REPO_ROOT = Path(__file__).resolve().parents[2]
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def _package(tmp_path: Path, *names: str) -> Path:
    for name in names:
        (tmp_path / f"{name}.py").write_text("X = 1\n", encoding="utf-8")
    return tmp_path


def test_a_module_without_a_compiled_file_is_pure_python(tmp_path: Path) -> None:
    package = _package(tmp_path, "matcher", "engine")
    assert build.compiled_modules(package) == []
    assert build.stale_modules(package) == []
    assert "pure Python" in build.describe(package)


def test_a_compiled_file_newer_than_its_source_is_fresh(tmp_path: Path) -> None:
    package = _package(tmp_path, "matcher", "engine")
    compiled = package / f"matcher{SUFFIX}"
    compiled.write_bytes(b"")
    source_time = (package / "matcher.py").stat().st_mtime
    os.utime(compiled, (source_time + 10, source_time + 10))
    assert build.compiled_modules(package) == ["matcher"]
    assert build.stale_modules(package) == []
    assert build.describe(package) == "engine: 1 modules compiled with Cython"


def test_a_source_edited_after_its_build_is_stale(tmp_path: Path) -> None:
    package = _package(tmp_path, "matcher")
    compiled = package / f"matcher{SUFFIX}"
    compiled.write_bytes(b"")
    source_time = (package / "matcher.py").stat().st_mtime
    os.utime(compiled, (source_time - 10, source_time - 10))
    assert build.stale_modules(package) == ["matcher"]
    assert "STALE" in build.describe(package) and "matcher" in build.describe(package)


def test_setup_compiles_the_engine_but_not_the_loaders() -> None:
    sys.path.insert(0, str(REPO_ROOT))
    try:
        import setup as setup_module  # setup.py builds only when run as a script
    finally:
        sys.path.remove(str(REPO_ROOT))
    modules = setup_module.compiled_modules()
    assert "analysis/matcher.py" in modules and "analysis/engine.py" in modules
    assert not any(m.endswith(("/cli.py", "/rules.py", "/build.py", "/__init__.py")) for m in modules)
