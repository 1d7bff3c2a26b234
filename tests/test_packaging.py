"""The distribution installs one import package, `mediamon`, and the command line loads only what it runs."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_holds_mediamon_alone(tmp_path: Path) -> None:
    env = {**os.environ, "MEDIAMON_PURE_PYTHON": "1"}
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(tmp_path),
         str(REPO_ROOT)], check=True, env=env, capture_output=True,
    )
    [wheel] = tmp_path.glob("mediamon-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        [top_level] = [n for n in names if n.endswith(".dist-info/top_level.txt")]
        assert archive.read(top_level).decode().split() == ["mediamon"]
    tops = {name.split("/")[0] for name in names}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"mediamon"}
    for module in ("mediamon/analysis/engine.py", "mediamon/producers/runner.py", "mediamon/processors/agents.py",
                   "mediamon/sinks/base.py", "mediamon/analysis/data/gazetteer/countries.yaml"):
        assert module in names


def test_the_production_image_leaves_the_dev_shell_out() -> None:
    ignored = (REPO_ROOT / ".dockerignore").read_text().split()
    assert "mediamon/devstack" in ignored


def _imported_by(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
                         check=True, capture_output=True, text=True).stdout
    return set(out.split())


def test_help_imports_no_command_module() -> None:
    modules = _imported_by("from mediamon.cli import build_parser; build_parser([])")
    assert not {"faust", "elasticsearch", "kafka", "mediamon.analysis.engine", "mediamon.devstack.stack"} & modules


def test_a_command_imports_its_own_module_only() -> None:
    modules = _imported_by("from mediamon.cli import build_parser; build_parser(['setup'])")
    assert "mediamon.setup_cli" in modules
    assert not {"faust", "mediamon.processors.cli", "mediamon.devstack.stack.cli"} & modules


def test_verbose_works_after_the_command_and_process_help_shows_options() -> None:
    from mediamon.cli import build_parser

    args = build_parser(["setup", "-v"]).parse_args(["setup", "-v"])
    assert args.verbose is True
    out = subprocess.run([sys.executable, "-m", "mediamon.cli", "process", "--help"], check=True,
                         capture_output=True, text=True).stdout
    assert "--verbose" in out and "--data-dir" in out
