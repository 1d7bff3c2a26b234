"""Fault scenarios 1 and 2 (issues 14 and 15): the Kafka broker restarts, then Elasticsearch is stopped for 60 s, then
for longer than the Elasticsearch sink's poll interval, while articles flow from the outlets through the producer,
the Faust worker and both sinks. Nobody restarts any process; at the end every article is indexed once and every
alert event reached Slack once."""

from __future__ import annotations

from pathlib import Path

from mediamon.settings import Settings
from mediamon.sinks.slack.double import SlackDouble

from .conftest import PrivateStack, full_length
from .newssite import NewsSite
from .pipeline import Pipeline, settle_and_check

N = 1000


def test_broker_restart_and_elasticsearch_outages_lose_and_double_nothing(
        fault_settings: Settings, private_stack: PrivateStack, slack: SlackDouble, tmp_path: Path) -> None:
    # The sink's consumer must call poll() within this interval or be evicted from its group; the long outage
    # outlasts it. Full length: Kafka's default 5 minutes against a 6-minute outage.
    poll_interval_s = 300 if full_length() else 40
    long_outage_s = 360 if full_length() else 60
    site = NewsSite(N, tag=tmp_path.name, rate=N / 150, window=40)
    env = {"MEDIAMON_SINK_MAX_POLL_INTERVAL_S": str(poll_interval_s)}
    with Pipeline(fault_settings, site, slack, tmp_path / "run", extra_env=env) as pipeline:
        pipeline.sleep(10)  # the workers join their groups
        site.open()
        site.wait_released(0.1)
        private_stack.stop_kafka()
        pipeline.sleep(15)
        private_stack.start_kafka()

        site.wait_released(0.3)
        private_stack.stop_es()
        pipeline.sleep(60)
        private_stack.start_es()

        site.wait_released(0.7)
        private_stack.stop_es()
        pipeline.sleep(long_outage_s)
        private_stack.start_es()

        outcome = settle_and_check(pipeline, site.ids)
        assert pipeline.restarts() == {}
    assert len(outcome.alerts) > 10
