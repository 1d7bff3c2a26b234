"""Detached service processes with pid files; stale pid files from a killed stack are recognised."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Service:
    name: str
    pid_file: Path
    marker: str  # a string that appears in the command line of our process

    def pid(self) -> int | None:
        """The pid of our running process, or None. A pid file whose process is gone or is not ours
        (the pid was reused) is stale and is removed; a process of ours whose launcher was killed
        is still found by its command line."""
        try:
            pid: int | None = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            pid = None
        if pid is not None and self.marker in (_cmdline(pid) or ""):
            return pid
        self.pid_file.unlink(missing_ok=True)
        survivors = self.orphans()
        return survivors[0] if survivors else None

    def orphans(self) -> list[int]:
        """Every live process whose command line carries our marker."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and self.marker in (_cmdline(int(entry.name)) or ""):
                found.append(int(entry.name))
        return sorted(found)

    def start(
        self,
        argv: Sequence[str],
        *,
        log_file: Path,
        env: Mapping[str, str],
        cwd: Path,
        user: int | None = None,
        group: int | None = None,
    ) -> int:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        with open(log_file, "ab") as out:
            proc = subprocess.Popen(
                list(argv),
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=cwd,
                env=dict(env),
                start_new_session=True,
                user=user,
                group=group,
            )
        self.pid_file.parent.mkdir(parents=True, exist_ok=True)
        self.pid_file.write_text(str(proc.pid))
        return proc.pid

    def stop(self, timeout_s: float = 60.0) -> bool:
        """SIGTERM, then SIGKILL after ``timeout_s``. True if a process was stopped."""
        pid = self.pid()
        if pid is None:
            return False
        _signal_group(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and _cmdline(pid) is not None:
            _reap(pid)
            time.sleep(0.2)
        for left in [pid, *self.orphans()]:
            if _cmdline(left) is not None:
                _signal_group(left, signal.SIGKILL)
        time.sleep(0.5)
        _reap(pid)
        self.pid_file.unlink(missing_ok=True)
        return True


def _cmdline(pid: int) -> str | None:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None
    if state == "Z":  # a zombie is dead
        return None
    return raw.replace(b"\0", b" ").decode("utf-8", "replace")


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def _signal_group(pid: int, sig: signal.Signals) -> None:
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)


def port_open(host: str, port: int, timeout_s: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout_s):
            return True
    except OSError:
        return False


def tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return f"(no log at {path})"
