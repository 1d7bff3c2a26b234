"""What tells the tests and the benchmark whether the engine runs compiled, and whether that is stale."""

from __future__ import annotations

import importlib.machinery
import os
import sys
from pathlib import Path

from mediamon.analysis import build

REPO_ROOT = Path(__file__).resolve().parents[2]
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def _package(tmp_path: Path, *names: str) -> Path:
    for name in names:
        (tmp_path / f"{name}.py").write_text("X = 1\n", encoding="utf-8")
    return tmp_path


def _compiled(package: Path, name: str, seconds_after_source: float) -> Path:
    """A (dummy) compiled extension of ``name`` written that many seconds after its source."""
    compiled = package / f"{name}{SUFFIX}"
    compiled.write_bytes(b"")
    when = (package / f"{name}.py").stat().st_mtime + seconds_after_source
    os.utime(compiled, (when, when))
    return compiled


def test_a_module_without_a_compiled_file_is_pure_python(tmp_path: Path) -> None:
    package = _package(tmp_path, "matcher", "engine")
    assert build.compiled_modules(package) == []
    assert build.stale_modules(package) == []
    assert "pure Python" in build.describe(package)


def test_a_compiled_file_newer_than_its_source_is_fresh(tmp_path: Path) -> None:
    package = _package(tmp_path, "matcher", "engine")
    _compiled(package, "matcher", 10)
    assert build.compiled_modules(package) == ["matcher"]
    assert build.stale_modules(package) == []
    assert build.describe(package) == "engine: 1 modules compiled with Cython"


def test_a_source_edited_after_its_build_is_stale(tmp_path: Path) -> None:
    package = _package(tmp_path, "matcher")
    _compiled(package, "matcher", -10)
    assert build.SLACK_SECONDS < 10
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


def test_a_compiled_file_written_just_before_its_source_is_not_stale(tmp_path: Path) -> None:
    """pip writes a module's source and extension moments apart, in any order."""
    package = _package(tmp_path, "matcher")
    _compiled(package, "matcher", -0.5)
    assert build.stale_modules(package) == []


def test_importing_the_package_with_a_stale_module_fails_with_the_remedy(tmp_path: Path) -> None:
    """The package refuses to import when an engine module was edited after its build."""
    import shutil
    import subprocess

    package = tmp_path / "analysis"
    package.mkdir()
    shutil.copy(REPO_ROOT / "analysis" / "__init__.py", package / "__init__.py")
    shutil.copy(REPO_ROOT / "analysis" / "build.py", package / "build.py")
    (package / "matcher.py").write_text("X = 1\n", encoding="utf-8")
    _compiled(package, "matcher", -60)
    result = subprocess.run(
        [sys.executable, "-c", "import analysis"], cwd=tmp_path, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path)}, check=False,
    )
    assert result.returncode != 0
    assert "older than their source: matcher" in result.stderr and "make install" in result.stderr
