"""A single-node Kafka in KRaft mode (broker and controller in one process)."""

from __future__ import annotations

import base64
import logging
import os
import subprocess
import uuid
from pathlib import Path

from mediamon.devstack.stack.config import StackConfig
from mediamon.devstack.stack.fetch import kafka_libs
from mediamon.devstack.stack.java import find_java_home
from mediamon.devstack.stack.process import Service
from mediamon.errors import StackError

log = logging.getLogger(__name__)


def kafka_dir(cfg: StackConfig) -> Path:
    return cfg.run_dir / "kafka"


def service(cfg: StackConfig) -> Service:
    return Service("kafka", kafka_dir(cfg) / "kafka.pid", marker=str(kafka_dir(cfg) / "server.properties"))


def log_file(cfg: StackConfig) -> Path:
    return kafka_dir(cfg) / "logs" / "server.log"


def _server_properties(cfg: StackConfig, data: Path) -> str:
    h = cfg.host
    return "\n".join(
        [
            "process.roles=broker,controller",
            "node.id=1",
            f"controller.quorum.voters=1@{h}:{cfg.kafka_controller_port}",
            f"listeners=PLAINTEXT://{h}:{cfg.kafka_port},CONTROLLER://{h}:{cfg.kafka_controller_port}",
            f"advertised.listeners=PLAINTEXT://{h}:{cfg.kafka_port}",
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "inter.broker.listener.name=PLAINTEXT",
            f"log.dirs={data}",
            "num.partitions=3",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=10",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            # Topics are created by `mediamon setup`; Faust creates its own internal topics explicitly.
            "auto.create.topics.enable=false",
            "delete.topic.enable=true",
            "",
        ]
    )


_LOG4J2 = """status = warn
appender.file.type = RollingFile
appender.file.name = file
appender.file.fileName = {log}
appender.file.filePattern = {log}.%i
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 50MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 3
rootLogger.level = info
rootLogger.appenderRef.file.ref = file
logger.state.name = state.change.logger
logger.state.level = warn
"""


def _java_cmd(cfg: StackConfig, libs: Path, main: str, *args: str) -> list[str]:
    java = find_java_home(cfg.java_home) / "bin" / "java"
    return [
        str(java),
        f"-Xms{cfg.kafka_heap}",
        f"-Xmx{cfg.kafka_heap}",
        "-XX:+UseG1GC",
        "-Djava.awt.headless=true",
        f"-Dlog4j2.configurationFile={kafka_dir(cfg) / 'log4j2.properties'}",
        "-cp",
        f"{libs}/*",
        main,
        *args,
    ]


def new_cluster_id() -> str:
    """A random KRaft cluster id: 16 bytes in URL-safe base64 without padding, as Kafka makes them, and like Kafka
    never one that starts with "-" (the storage tool would read it as an option and refuse to format: one start
    in 64 failed that way)."""
    while True:
        cid = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cid.startswith("-"):
            return cid


def prepare(cfg: StackConfig) -> list[str]:
    """Fetch, write the configuration and format the storage once. Returns the broker command line."""
    libs = kafka_libs(cfg)
    home = kafka_dir(cfg)
    data = home / "data"
    props = home / "server.properties"
    home.mkdir(parents=True, exist_ok=True)
    props.write_text(_server_properties(cfg, data))
    (home / "log4j2.properties").write_text(_LOG4J2.format(log=log_file(cfg)))
    if not (data / "meta.properties").exists():
        cid = new_cluster_id()
        cmd = _java_cmd(cfg, libs, "kafka.tools.StorageTool", "format", "-t", cid, "-c", str(props))
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise StackError(f"formatting Kafka storage failed: {proc.stdout}{proc.stderr}")
        log.info("formatted Kafka storage in %s (cluster id %s)", data, cid)
    return _java_cmd(cfg, libs, "kafka.Kafka", str(props))


def start(cfg: StackConfig) -> int:
    cmd = prepare(cfg)
    env = dict(os.environ)
    return service(cfg).start(cmd, log_file=kafka_dir(cfg) / "logs" / "stdout.log", env=env, cwd=kafka_dir(cfg))


def healthy(cfg: StackConfig) -> bool:
    """The broker answers a metadata request (through kafka-python, as our producers will)."""
    from kafka import KafkaAdminClient
    from kafka.errors import KafkaError

    try:
        admin = KafkaAdminClient(bootstrap_servers=cfg.kafka_bootstrap, request_timeout_ms=3000)
    except (KafkaError, OSError, ValueError):
        return False
    try:
        admin.list_topics()
        return True
    except (KafkaError, OSError):
        return False
    finally:
        admin.close()
