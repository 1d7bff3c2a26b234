# The mediamon image: producer, processor, sinks and setup are sub-commands of the `mediamon` entrypoint.
# docker-compose.yml builds it and mounts config/ and rules/ read-only over the copies baked in here, so ops
# change feeds and rules without a rebuild (docs/deploy.md).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore

# An unprivileged user. Its home is the working directory; the producer keeps its seen-ids state and the sink its
# heartbeat in state/, and the processor its Faust table store in faust/ (volumes in compose, owned by this user:
# a new named volume takes the ownership of the image's directory).
RUN groupadd --system --gid 10001 mediamon \
 && useradd --system --uid 10001 --gid mediamon --home-dir /var/lib/mediamon --shell /usr/sbin/nologin mediamon \
 && mkdir -p /var/lib/mediamon/state /var/lib/mediamon/faust \
 && chown -R mediamon:mediamon /var/lib/mediamon

# Only the distribution's own files (pyproject.toml lists the packages); every dependency has a wheel for
# CPython 3.11 on Linux except langdetect, which is pure Python. setup.py compiles the analysis engine's
# hot modules with Cython, which needs a C compiler for the build only: it is removed in the same layer.
COPY pyproject.toml setup.py README.md /usr/src/mediamon/
COPY mediamon/ /usr/src/mediamon/mediamon/
COPY analysis/ /usr/src/mediamon/analysis/
COPY producers/ /usr/src/mediamon/producers/
COPY processors/ /usr/src/mediamon/processors/
COPY sinks/ /usr/src/mediamon/sinks/
RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc libc6-dev \
 && pip install /usr/src/mediamon \
 && apt-get purge -y --auto-remove gcc libc6-dev \
 && rm -rf /var/lib/apt/lists/* /usr/src/mediamon \
 && python -c "from mediamon.analysis.build import describe; print(describe())"

# Default feeds and rules (compose mounts the repository's directories over them), and the desk's Kibana objects
# for `mediamon dashboards import`. The development shell (mediamon/devstack) stays out: .dockerignore.
COPY config/ /etc/mediamon/config/
COPY rules/ /etc/mediamon/rules/
COPY dashboards/ /usr/share/mediamon/dashboards/
ENV MEDIAMON_FEEDS_FILE=/etc/mediamon/config/feeds.yaml \
    MEDIAMON_RULES_DIR=/etc/mediamon/rules \
    MEDIAMON_STATE_DIR=/var/lib/mediamon/state

USER mediamon
WORKDIR /var/lib/mediamon
ENTRYPOINT ["mediamon"]
CMD ["--help"]
