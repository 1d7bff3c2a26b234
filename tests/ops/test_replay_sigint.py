"""A real Ctrl-C (SIGINT) to a running `replay reprocess` process: it stops cleanly, says how to resume, and the
resume copies the rest, each message once."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

from kafka import KafkaProducer

from mediamon.devstack.pipeline import env_for
from mediamon.settings import Settings
from mediamon.topics import Names

from .helpers import end_offsets, iso, replay

MESSAGES = 60_000


def test_sigint_stops_cleanly_and_the_resume_copies_the_rest_once(settings: Settings) -> None:
    names = Names.from_settings(settings)
    since = datetime.now(UTC) - timedelta(seconds=1)
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks=1, linger_ms=20, batch_size=256_000)
    for i in range(MESSAGES):
        producer.send(names.raw, key=f"{i:032x}".encode(), value=b"x" * 200)
    producer.flush()
    producer.close()
    runs = settings.state_dir / "replay"
    proc = subprocess.Popen(
        [sys.executable, "-m", "mediamon.ops.cli", "replay", "reprocess", "--since", iso(since), "--plain"],
        env=env_for(settings), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        files = list(runs.glob("*.json")) if runs.is_dir() else []
        if files and json.loads(files[0].read_text()).get("positions"):
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, (out, err)
    assert "Traceback" not in err
    assert "stopped cleanly" in err and "mediamon replay reprocess --resume reprocess-" in err
    assert "(interrupted)" in out and "read:" in out
    run_id = err.split("--resume ", 1)[1].split()[0]
    copied = end_offsets(settings, names.replay)[names.replay]
    assert 0 < copied < MESSAGES
    assert replay(settings, "reprocess", "--resume", run_id, "--plain") == 0
    assert end_offsets(settings, names.replay)[names.replay] == MESSAGES  # the rest, each once
