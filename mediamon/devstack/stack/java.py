"""Find a JDK new enough for Kafka and Elasticsearch (17+)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from mediamon.errors import StackError

MIN_JAVA = 17


def _major(java: Path) -> int | None:
    try:
        out = subprocess.run([str(java), "-version"], capture_output=True, text=True, timeout=30).stderr
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def find_java_home(preferred: Path | None = None) -> Path:
    """JAVA_HOME if given and new enough, else the JDK of ``java`` on PATH, else one under /usr/lib/jvm.
    Among candidates under /usr/lib/jvm the oldest that qualifies is taken (17 is what both services
    are tested on here)."""
    candidates: list[Path] = []
    if preferred:
        candidates.append(preferred)
    if os.environ.get("JAVA_HOME"):
        candidates.append(Path(os.environ["JAVA_HOME"]))
    on_path = shutil.which("java")
    if on_path:
        candidates.append(Path(on_path).resolve().parent.parent)
    jvm = Path("/usr/lib/jvm")
    if jvm.is_dir():
        candidates.extend(sorted(p for p in jvm.iterdir() if (p / "bin" / "java").exists()))
    for home in candidates:
        java = home / "bin" / "java"
        if java.exists() and (_major(java) or 0) >= MIN_JAVA:
            return home
    raise StackError(f"no JDK {MIN_JAVA}+ found (JAVA_HOME, PATH, /usr/lib/jvm); install OpenJDK {MIN_JAVA}")
