"""The stack script on its own ports and directories: from nothing, and again after SIGKILL."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from mediamon.devstack.stack import elasticsearch, manager
from mediamon.devstack.stack.config import StackConfig
from tests.tcpgate import free_ports


@pytest.fixture
def private_stack(tmp_path: Path) -> StackConfig:
    kafka, controller, es, transport = free_ports(4)
    cfg = StackConfig(
        kafka_port=kafka, kafka_controller_port=controller, es_port=es, es_transport_port=transport,
        run_dir=tmp_path / "run", secrets_dir=tmp_path / "secrets", kafka_heap="256m", es_heap="512m",
    )
    yield cfg
    manager.down(cfg)
    shutil.rmtree(cfg.es_runtime_dir.parent, ignore_errors=True)


def test_up_from_nothing_then_after_sigkill(private_stack: StackConfig) -> None:
    cfg = private_stack
    assert not any(row.pid for row in manager.status(cfg))

    rows = manager.up(cfg)
    assert [r.name for r in rows] == ["kafka", "elasticsearch"]
    assert all(r.healthy for r in rows)
    assert elasticsearch.password_file(cfg).stat().st_mode & 0o077 == 0  # secret readable by us only
    first_pids = {r.name: r.pid for r in rows}

    # A second `up` finds the running stack instead of starting another.
    assert {r.name: r.pid for r in manager.up(cfg)} == first_pids

    # Kill everything hard: the launcher and the server JVMs, as an OOM killer or a crash would.
    for spec_service in (manager.kafka.service(cfg), manager.elasticsearch.service(cfg)):
        for pid in spec_service.orphans():
            os.kill(pid, signal.SIGKILL)
    for row in manager.status(cfg):
        assert not row.healthy

    rows = manager.up(cfg)
    assert all(r.healthy for r in rows)
    assert {r.name: r.pid for r in rows} != first_pids

    assert set(manager.down(cfg)) == {"kafka", "elasticsearch"}
    assert not any(row.pid for row in manager.status(cfg))


def test_a_cluster_id_never_starts_with_a_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    """The storage tool reads "-t -x…" as an option: one fresh start in 64 failed to format Kafka's storage."""
    import uuid

    from mediamon.devstack.stack import kafka

    dashed, plain = uuid.UUID(bytes=b"\xf8" + bytes(15)), uuid.UUID(bytes=b"\x10" + bytes(15))
    made = iter([dashed, plain])
    monkeypatch.setattr(kafka.uuid, "uuid4", lambda: next(made))
    cid = kafka.new_cluster_id()
    assert not cid.startswith("-") and len(cid) == 22
    assert cid == kafka.base64.urlsafe_b64encode(plain.bytes).decode().rstrip("=")
