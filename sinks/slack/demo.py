"""For ``make demo``: deliver the alerts on ``alerts`` to a local Slack double and render what was posted.

    from mediamon.sinks.slack.demo import post_to_double
    print(post_to_double(settings))          # after the pipeline summary

The sink runs in this process with a bot token (so updates show as thread replies) until ``alerts`` has been
idle for ``idle_exit_s``. The ledger remembers what was delivered: a second demo run on the same topics and
group posts only new alerts (say so, or give each demo run its own prefixes)."""

from __future__ import annotations

from pydantic import SecretStr

from mediamon.settings import Settings
from mediamon.sinks.slack.double import SlackDouble
from mediamon.sinks.slack.settings import SlackSettings
from mediamon.sinks.slack.sink import SlackSink


def post_to_double(settings: Settings, *, idle_exit_s: float = 5.0, min_interval_s: float = 0.0,
                   kibana_url: str = "http://127.0.0.1:5601", show_marks: bool = False) -> str:
    with SlackDouble() as double:
        slack = SlackSettings(mode="bot", bot_token=SecretStr(double.token), api_url=double.api_url,
                              channel="#alerts", min_interval_s=min_interval_s, kibana_url=kibana_url)
        sink = SlackSink(settings, slack)
        try:
            sink.run(idle_exit_s=idle_exit_s)
        finally:
            sink.close()
        skipped = sink.slack_stats
        note = (f"\n(not posted: {skipped.duplicates_suppressed} already delivered, {skipped.replay_skipped} replayed,"
                f" {skipped.unrouted} unrouted; dead-lettered {sink.stats.dead_lettered})")
        return double.transcript(show_marks=show_marks) + note
