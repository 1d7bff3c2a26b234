"""The five seed articles through the real Faust worker to the Slack double (bot token, threads per story)."""

from __future__ import annotations

from pathlib import Path

from mediamon.settings import Settings
from mediamon.sinks.slack.settings import SlackSettings
from tests.processors.harness import Processor, names, produce, read_all, seed_articles

from .conftest import running
from .slackdouble import SlackDouble


def test_seeds_give_two_story_messages_and_updates_threaded_under_them(settings: Settings, tmp_path: Path,
                                                                        double: SlackDouble, bot: SlackSettings,
                                                                        ) -> None:
    topics = names(settings)
    seeds = seed_articles()
    with Processor(settings, tmp_path):
        for article in seeds:  # in publication order, one at a time
            produce(settings, topics.raw, [article])
            read_all(settings, topics.enriched, want=seeds.index(article) + 1, settle_s=1)
        alerts = [a for _, a in read_all(settings, topics.alerts, want=2)]
        with running(settings, bot):
            posted = double.wait_for(len(alerts))
        # Every alert event is delivered exactly once: two top-level story messages, the updates as replies.
        assert len(posted) == len(alerts) == len({a["alert_id"] for a in alerts})
        top = [r for r in posted if not r.body.get("thread_ts")]
        replies = [r for r in posted if r.body.get("thread_ts")]
        assert len(top) == 2
        assert len(replies) == len(alerts) - 2 >= 2
        story_ts = {r.ts for r in top}
        assert {r.body["thread_ts"] for r in replies} <= story_ts
        assert all("\u200f" in r.body["text"] or "\u200f" in str(r.body["blocks"]) for r in posted)

        # The same articles again: no alert event, so no message.
        produce(settings, topics.raw, seeds)
        read_all(settings, topics.alerts, want=len(alerts), settle_s=6)
        with running(settings, bot):
            again = double.wait_for(len(posted) + 1, timeout_s=10)
        assert len(again) == len(posted)
