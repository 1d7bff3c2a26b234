"""A single-node Elasticsearch with security on and a generated password for the ``elastic`` user.

The integ-test-zip has no bundled JDK and refuses to run as root: when we are root, it runs as an
unprivileged system user created here, from a runtime directory that user owns.
"""

from __future__ import annotations

import logging
import os
import pwd
import secrets
import shutil
import subprocess
from pathlib import Path

import httpx

from mediamon.devstack.stack.config import StackConfig
from mediamon.devstack.stack.fetch import elasticsearch_zip, unpack_elasticsearch
from mediamon.devstack.stack.java import find_java_home
from mediamon.devstack.stack.process import Service
from mediamon.errors import StackError

log = logging.getLogger(__name__)

ES_USERNAME = "elastic"


def service(cfg: StackConfig) -> Service:
    # Both the CLI launcher and the server JVM it forks carry the home path on their command line.
    home = cfg.es_runtime_dir / f"elasticsearch-{cfg.es_version}"
    return Service("elasticsearch", cfg.run_dir / "elasticsearch.pid", marker=f"{home}/")


def log_file(cfg: StackConfig) -> Path:
    return cfg.es_runtime_dir / "logs" / "mediamon.log"


def password_file(cfg: StackConfig) -> Path:
    # Read by pydantic-settings as the secret MEDIAMON_ES_PASSWORD (see mediamon.settings).
    return cfg.secrets_dir / "mediamon_es_password"


def _ensure_user(name: str) -> tuple[int, int]:
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        entry = None
    if entry is None:
        useradd = shutil.which("useradd") or "/usr/sbin/useradd"
        proc = subprocess.run(
            [useradd, "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
            capture_output=True, text=True, check=False,
        )
        if proc.returncode != 0:
            raise StackError(f"could not create user {name!r} for Elasticsearch: {proc.stderr.strip()}")
        log.info("created system user %s to run Elasticsearch (it refuses to run as root)", name)
        entry = pwd.getpwnam(name)
    return entry.pw_uid, entry.pw_gid


def _chown_tree(path: Path, uid: int, gid: int) -> None:
    os.chown(path, uid, gid)
    for root, dirs, files in os.walk(path):
        for name in dirs + files:
            os.lchown(os.path.join(root, name), uid, gid)


def _password(cfg: StackConfig) -> str:
    pw_file = password_file(cfg)
    if pw_file.exists():
        return pw_file.read_text().strip()
    cfg.secrets_dir.mkdir(parents=True, exist_ok=True)
    cfg.secrets_dir.chmod(0o700)
    value = secrets.token_urlsafe(24)
    fd = os.open(pw_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(value)
    (cfg.secrets_dir / "mediamon_es_username").write_text(ES_USERNAME)
    return value


def _settings_yaml(cfg: StackConfig, rt: Path) -> str:
    return "\n".join(
        [
            "cluster.name: mediamon",
            "node.name: mediamon-1",
            f"path.data: {rt / 'data'}",
            f"path.logs: {rt / 'logs'}",
            f"network.host: {cfg.host}",
            f"http.port: {cfg.es_port}",
            f"transport.port: {cfg.es_transport_port}",
            "discovery.type: single-node",
            "xpack.security.enabled: true",
            # Loopback only: plain HTTP with basic auth. Production (docker-compose) is where TLS belongs.
            "xpack.security.http.ssl.enabled: false",
            "xpack.security.transport.ssl.enabled: false",
            # A developer disk can be nearly full; do not turn indices read-only in a local stack.
            "cluster.routing.allocation.disk.threshold_enabled: false",
            "action.destructive_requires_name: false",
            "",
        ]
    )


def prepare(cfg: StackConfig) -> tuple[list[str], dict[str, str], int | None, int | None]:
    zip_path = elasticsearch_zip(cfg)
    rt = cfg.es_runtime_dir
    rt.mkdir(parents=True, exist_ok=True)
    home = unpack_elasticsearch(zip_path, rt, cfg.es_version)
    conf = rt / "config"
    if not conf.exists():
        shutil.copytree(home / "config", conf)
    (conf / "elasticsearch.yml").write_text(_settings_yaml(cfg, rt))
    for sub in ("data", "logs", "tmp"):
        (rt / sub).mkdir(exist_ok=True)
    password = _password(cfg)
    java_home = find_java_home(cfg.java_home)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "ES_JAVA_HOME": str(java_home),
        "ES_PATH_CONF": str(conf),
        "ES_TMPDIR": str(rt / "tmp"),
        "ES_JAVA_OPTS": f"-Xms{cfg.es_heap} -Xmx{cfg.es_heap}",
        "LANG": "C.UTF-8",
    }
    uid = gid = None
    if os.geteuid() == 0:
        uid, gid = _ensure_user(cfg.es_user)
        _chown_tree(rt, uid, gid)
        # The runtime dir's ancestors (under /var/tmp) must be traversable by the service user.
        for parent in list(rt.parents)[:2]:
            parent.chmod(parent.stat().st_mode | 0o711)
        env["HOME"] = str(rt)
    _set_bootstrap_password(home, env, password, uid, gid)
    return [str(home / "bin" / "elasticsearch")], env, uid, gid


def _set_bootstrap_password(home: Path, env: dict[str, str], password: str,
                            uid: int | None, gid: int | None) -> None:
    """Store the generated password as ``bootstrap.password`` in the keystore (idempotent)."""
    keystore = home / "bin" / "elasticsearch-keystore"
    conf = Path(env["ES_PATH_CONF"])
    if not (conf / "elasticsearch.keystore").exists():
        _run_as([str(keystore), "create"], env, uid, gid)
    _run_as([str(keystore), "add", "-f", "-x", "bootstrap.password"], env, uid, gid, stdin=password)


def _run_as(cmd: list[str], env: dict[str, str], uid: int | None, gid: int | None, stdin: str = "") -> None:
    proc = subprocess.run(cmd, input=stdin, env=env, capture_output=True, text=True, user=uid, group=gid,
                          check=False)
    if proc.returncode != 0:
        raise StackError(f"{Path(cmd[0]).name} {cmd[1]} failed: {(proc.stdout + proc.stderr).strip()[-800:]}")


def start(cfg: StackConfig) -> int:
    cmd, env, uid, gid = prepare(cfg)
    return service(cfg).start(cmd, log_file=log_file(cfg), env=env, cwd=cfg.es_runtime_dir, user=uid, group=gid)


def healthy(cfg: StackConfig) -> bool:
    pw_file = password_file(cfg)
    if not pw_file.exists():
        return False
    try:
        resp = httpx.get(
            f"{cfg.es_url}/_cluster/health",
            params={"wait_for_status": "yellow", "timeout": "2s"},
            auth=(ES_USERNAME, pw_file.read_text().strip()),
            timeout=5.0,
        )
    except httpx.HTTPError:
        return False
    return resp.status_code == 200 and resp.json().get("status") in ("yellow", "green")
