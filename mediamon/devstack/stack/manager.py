"""Bring the stack up, down, and report it. ``up`` is idempotent: a running stack is found, not doubled."""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mediamon.devstack.stack import elasticsearch, kafka
from mediamon.devstack.stack.config import StackConfig
from mediamon.devstack.stack.process import Service, port_open, tail
from mediamon.errors import StackError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServiceStatus:
    name: str
    pid: int | None
    healthy: bool
    address: str
    log_file: Path


@dataclass(frozen=True)
class _Spec:
    name: str
    service: Service
    start: Callable[[StackConfig], int]
    healthy: Callable[[StackConfig], bool]
    host: str
    port: int
    log_file: Path


def _specs(cfg: StackConfig) -> list[_Spec]:
    return [
        _Spec("kafka", kafka.service(cfg), kafka.start, kafka.healthy, cfg.host, cfg.kafka_port,
              kafka.log_file(cfg)),
        _Spec("elasticsearch", elasticsearch.service(cfg), elasticsearch.start, elasticsearch.healthy,
              cfg.host, cfg.es_port, elasticsearch.log_file(cfg)),
    ]


def _port_stays_open(host: str, port: int, grace_s: float) -> bool:
    """True if the port is still taken after ``grace_s`` (a process killed a moment ago needs time to
    release its sockets)."""
    deadline = time.monotonic() + grace_s
    while port_open(host, port):
        if time.monotonic() > deadline:
            return True
        time.sleep(0.25)
    return False


def status(cfg: StackConfig) -> list[ServiceStatus]:
    out = []
    for spec in _specs(cfg):
        pid = spec.service.pid()
        ok = pid is not None and spec.healthy(cfg)
        out.append(ServiceStatus(spec.name, pid, ok, f"{spec.host}:{spec.port}", spec.log_file))
    return out


def up(cfg: StackConfig) -> list[ServiceStatus]:
    """Start what is not running (both services start in parallel), then wait until both are healthy."""
    started: list[_Spec] = []
    for spec in _specs(cfg):
        if spec.service.pid() is not None:
            log.info("%s already running (pid %s)", spec.name, spec.service.pid())
            continue
        if _port_stays_open(spec.host, spec.port, grace_s=15.0):
            raise StackError(
                f"port {spec.host}:{spec.port} is taken by a process that is not this stack's {spec.name}; "
                f"stop it or choose another port (MEDIAMON_STACK_*_PORT)"
            )
        pid = spec.start(cfg)
        log.info("started %s (pid %s), log: %s", spec.name, pid, spec.log_file)
        started.append(spec)
    deadline = time.monotonic() + cfg.start_timeout_s
    pending = _specs(cfg)
    while pending:
        for spec in list(pending):
            if spec.healthy(cfg):
                pending.remove(spec)
            elif spec.service.pid() is None:
                raise StackError(f"{spec.name} exited during start; last log lines of {spec.log_file}:\n"
                                 f"{tail(spec.log_file)}")
        if pending and time.monotonic() > deadline:
            names = ", ".join(s.name for s in pending)
            raise StackError(f"{names} not healthy after {cfg.start_timeout_s:.0f}s; see "
                             + ", ".join(str(s.log_file) for s in pending))
        if pending:
            time.sleep(0.5)
    return status(cfg)


def clean(cfg: StackConfig) -> list[Path]:
    """Stop the stack and delete its data, logs and runtime files (the download cache stays)."""
    down(cfg)
    removed = []
    for path in (cfg.run_dir, cfg.es_runtime_dir.parent if os.geteuid() == 0 else cfg.es_runtime_dir):
        if path.exists():
            shutil.rmtree(path)
            removed.append(path)
    return removed


def down(cfg: StackConfig) -> list[str]:
    stopped = []
    for spec in reversed(_specs(cfg)):
        if spec.service.stop():
            stopped.append(spec.name)
    return stopped
