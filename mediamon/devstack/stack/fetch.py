"""Fetch Kafka and Elasticsearch from Maven Central with Maven, once, into the git-ignored cache."""

from __future__ import annotations

import logging
import shutil
import subprocess
import zipfile
from pathlib import Path

from mediamon.devstack.stack.config import StackConfig
from mediamon.errors import StackError

log = logging.getLogger(__name__)

SLF4J_VERSION = "2.0.17"
LOG4J_VERSION = "2.24.3"

_KAFKA_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>mediamon.stack</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>{kafka}</version>
    </dependency>
    <!-- Kafka logs through SLF4J; route it to Log4j 2 writing to a file we name. -->
    <dependency>
      <groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>{slf4j}</version>
    </dependency>
    <dependency>
      <groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j2-impl</artifactId>
      <version>{log4j}</version>
    </dependency>
    <dependency>
      <groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>{log4j}</version>
    </dependency>
  </dependencies>
</project>
"""


def _mvn(args: list[str], cwd: Path) -> None:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise StackError("Maven ('mvn') is not on PATH; it is needed to fetch Kafka and Elasticsearch")
    proc = subprocess.run([mvn, "-B", "-q", *args], cwd=cwd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        detail = "\n".join((proc.stdout + proc.stderr).splitlines()[-15:])
        raise StackError(f"mvn {' '.join(args[:1])} failed in {cwd}:\n{detail}")


def kafka_libs(cfg: StackConfig) -> Path:
    """Directory of Kafka's runtime jars (kafka_2.13 and its runtime dependencies plus a log binding)."""
    home = cfg.cache_dir / f"kafka-{cfg.kafka_version}"
    libs = home / "libs"
    done = home / ".complete"
    if done.exists():
        return libs
    log.info("fetching Kafka %s and its runtime dependencies from Maven Central", cfg.kafka_version)
    home.mkdir(parents=True, exist_ok=True)
    (home / "pom.xml").write_text(
        _KAFKA_POM.format(kafka=cfg.kafka_version, slf4j=SLF4J_VERSION, log4j=LOG4J_VERSION)
    )
    shutil.rmtree(libs, ignore_errors=True)
    _mvn(["dependency:copy-dependencies", f"-DoutputDirectory={libs}", "-DincludeScope=runtime"], home)
    if not any(libs.glob(f"kafka_2.13-{cfg.kafka_version}.jar")):
        raise StackError(f"Kafka jar missing in {libs} after the Maven fetch")
    done.touch()
    return libs


def elasticsearch_zip(cfg: StackConfig) -> Path:
    """The integ-test-zip distribution of Elasticsearch (no bundled JDK)."""
    target = cfg.cache_dir / f"elasticsearch-{cfg.es_version}.zip"
    if target.exists():
        return target
    log.info("fetching Elasticsearch %s (integ-test-zip) from Maven Central", cfg.es_version)
    cfg.cache_dir.mkdir(parents=True, exist_ok=True)
    artifact = f"org.elasticsearch.distribution.integ-test-zip:elasticsearch:{cfg.es_version}:zip"
    _mvn(["dependency:copy", f"-Dartifact={artifact}", f"-DoutputDirectory={cfg.cache_dir}"], cfg.cache_dir)
    if not target.exists():
        raise StackError(f"{target} missing after the Maven fetch")
    return target


def unpack_elasticsearch(zip_path: Path, dest: Path, version: str) -> Path:
    """Unpack once; keep file modes (the bin/ scripts must stay executable)."""
    home = dest / f"elasticsearch-{version}"
    if (home / ".complete").exists():
        return home
    shutil.rmtree(home, ignore_errors=True)
    dest.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path) as zf:
        for info in zf.infolist():
            extracted = Path(zf.extract(info, dest))
            mode = (info.external_attr >> 16) & 0o777
            if mode:
                extracted.chmod(mode)
    (home / ".complete").touch()
    return home
