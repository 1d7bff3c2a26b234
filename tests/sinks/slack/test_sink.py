"""The Slack sink on the real Kafka, against the local Slack double."""

from __future__ import annotations

import base64
import itertools
import json
import time

from pydantic import SecretStr

from mediamon.settings import Settings
from mediamon.sinks.base import Backoff
from mediamon.sinks.slack.settings import Route, SlackSettings
from mediamon.topics import Names

from .conftest import alert, headline_numbers, read_topic, running, send, tweak, until
from .slackdouble import Scripted, SlackDouble


def _dlq(settings: Settings, expect: int = 1) -> list[dict]:  # type: ignore[type-arg]
    names = Names.from_settings(settings)
    return [json.loads(m.value) for m in read_topic(settings, names.dlq(names.alerts), expect=expect)]


def test_each_alert_once_in_order_poison_to_dlq_and_redelivery_skipped(
        settings: Settings, double: SlackDouble, webhook: SlackSettings) -> None:
    alerts = [alert(i, story="s" * 32, kind="update" if i > 1 else "new", revision=i) if i else alert(i)
              for i in range(5)]
    send(settings, alerts, raw=[(b"bad", b'{"schema_version": 2, "kind": "new"}')])
    with running(settings, webhook) as sink:
        assert len(double.wait_for(5, 30)) == 5
        send(settings, [alerts[2]])  # redelivered (a replayed decision with the same alert id)
        until(lambda: sink.slack_stats.duplicates_suppressed == 1)
        time.sleep(0.5)
    assert headline_numbers(double.accepted()) == [0, 1, 2, 3, 4]
    assert sink.slack_stats.posted == 5 and sink.slack_stats.duplicates_suppressed == 1
    [letter] = _dlq(settings)
    assert letter["stage"] == "sink-slack" and "invalid alert" in letter["reason"]
    ledger = read_topic(settings, Names.from_settings(settings).slack_ledger)
    delivered = {m.key.decode() for m in ledger if json.loads(m.value)["state"] == "delivered"}
    assert delivered == {a.alert_id for a in alerts}


def test_a_burst_of_20_takes_at_least_19_seconds_at_one_per_second(
        settings: Settings, double: SlackDouble, webhook: SlackSettings) -> None:
    # Four stories of five alerts each (revisions 1..5), interleaved: order holds per story (one partition each).
    burst = [alert(i, story=f"{i % 4:032x}", kind="update" if i >= 4 else "new", revision=i // 4 + 1)
             for i in range(20)]
    send(settings, burst)
    with running(settings, tweak(webhook, min_interval_s=1.0)):
        posted = double.wait_for(20, 60)
        time.sleep(1.5)
    numbers = headline_numbers(double.accepted())
    assert sorted(numbers) == list(range(20))  # none dropped, none repeated
    for story in range(4):
        assert [n for n in numbers if n % 4 == story] == list(range(story, 20, 4))  # in order per story
    gaps = [b.at - a.at for a, b in itertools.pairwise(posted)]
    assert posted[-1].at - posted[0].at >= 19.0
    assert min(gaps) >= 0.95


def test_429_retry_after_delays_the_next_attempt(settings: Settings, double: SlackDouble,
                                                 webhook: SlackSettings) -> None:
    double.script(Scripted("429", retry_after=2))
    send(settings, [alert(1), alert(2)])
    with running(settings, webhook):
        double.wait_for(2, 30)
    first, second = double.requests[0], double.requests[1]
    assert first.answered == "429" and second.accepted
    assert second.at - first.at >= 2.0
    assert headline_numbers(double.accepted()) == [1, 2]


def test_a_long_run_of_429s_is_retried_at_the_named_wait_not_a_growing_backoff(
        settings: Settings, double: SlackDouble, webhook: SlackSettings) -> None:
    # Ten 429s in a row, each asking for 1 s. A backoff grown over them (here up to 30 s) would sleep through the
    # moment Slack is back; the named wait is kept instead, so no gap between attempts is much above a second.
    double.script(*[Scripted("429", retry_after=1)] * 10)
    send(settings, [alert(1)])
    with running(settings, webhook, backoff=Backoff(initial=4.0, maximum=30.0)):
        double.wait_for(1, 60)
    answered = [r.answered for r in double.requests]
    assert answered == ["429"] * 10 + ["ok"]
    gaps = [b.at - a.at for a, b in itertools.pairwise(double.requests)]
    assert min(gaps) >= 0.95 and max(gaps) <= 3.0, gaps


def test_a_long_retry_after_holds_the_channel_without_blocking_the_consumer(
        settings: Settings, double: SlackDouble, webhook: SlackSettings) -> None:
    double.script(Scripted("429", retry_after=4), Scripted("429", retry_after=4))  # beyond the inline wait
    send(settings, [alert(1)])
    with running(settings, tweak(webhook, max_inline_wait_s=1.0)) as sink:
        double.wait_for(1, 30)
    assert [r.answered for r in double.requests] == ["429", "429", "ok"]
    assert double.requests[2].at - double.requests[1].at >= 4.0
    assert sink.slack_stats.rate_limited == 2 and sink.slack_stats.posted == 1


def test_three_500s_then_200_delivers_one(settings: Settings, double: SlackDouble, webhook: SlackSettings) -> None:
    double.script(*[Scripted("500")] * 3)
    send(settings, [alert(1)])
    with running(settings, webhook) as sink:
        double.wait_for(1, 30)
        until(lambda: sink.stats.written == 1)
    assert [r.answered for r in double.requests] == ["500", "500", "500", "ok"]
    assert len(double.accepted()) == 1 and sink.stats.retries >= 3


def test_a_hang_times_out_and_is_retried(settings: Settings, double: SlackDouble, webhook: SlackSettings) -> None:
    double.script(Scripted("hang", seconds=10))
    send(settings, [alert(1), alert(2)])
    with running(settings, tweak(webhook, timeout_s=1.0)):
        double.wait_for(2, 30)
    assert [r.answered for r in double.requests[:1]] == ["hang"]
    assert headline_numbers(double.accepted()) == [1, 2]


def test_400_goes_to_the_dlq_with_slacks_error_and_the_next_is_delivered(
        settings: Settings, double: SlackDouble, webhook: SlackSettings) -> None:
    double.script(Scripted("400", error="invalid_payload"))
    bad, good = alert(1), alert(2)
    send(settings, [bad, good])
    with running(settings, webhook) as sink:
        double.wait_for(1, 30)
        until(lambda: sink.stats.dead_lettered == 1)
    assert headline_numbers(double.accepted()) == [2]
    [letter] = _dlq(settings)
    assert "invalid_payload" in letter["reason"] and letter["key"] == bad.story_id
    assert json.loads(base64.b64decode(letter["original_b64"]))["alert_id"] == bad.alert_id
    assert sink.stats.dead_lettered == 1


def test_replay_alerts_are_counted_not_posted_unless_asked(settings: Settings, double: SlackDouble,
                                                           webhook: SlackSettings) -> None:
    send(settings, [alert(1, replay=True), alert(2), alert(3, replay=True)])
    with running(settings, webhook) as sink:
        double.wait_for(1, 30)
        until(lambda: sink.slack_stats.replay_skipped == 2)
    assert headline_numbers(double.accepted()) == [2]
    assert sink.slack_stats.replay_skipped == 2 and sink.stats.skipped == 2
    # With --notify-replay (a fresh group), they are posted.
    again = settings.model_copy(update={"consumer_group_prefix": settings.consumer_group_prefix + "x"})
    with running(again, tweak(webhook, notify_replay=True)) as sink2:
        double.wait_for(3, 30)
        until(lambda: sink2.slack_stats.duplicates_suppressed == 1)
    assert sorted(headline_numbers(double.accepted())) == [1, 2, 3]  # 2 was in the ledger already
    assert sink2.slack_stats.duplicates_suppressed == 1


def test_routes_per_rule_and_severity_and_updates_follow_the_first_message(
        settings: Settings, double: SlackDouble, webhook: SlackSettings) -> None:
    slack = tweak(webhook, webhooks={"#protests": double.webhook_url("protests")},
                  routes=[Route(rule="protests", min_severity="medium", channel="#protests"),
                          Route(rule="protests", channel=None)])
    story = "p" * 32
    send(settings, [
        alert(1, story=story, rules=("protests",), severity="medium"),
        alert(2, rules=("protests",), severity="low"),  # dropped by the second route
        alert(3),  # casualties: the default channel
        alert(4, story=story, kind="update", revision=2, rules=("protests", "casualties"), severity="low"),
    ])
    with running(settings, slack) as sink:
        double.wait_for(3, 30)
        until(lambda: sink.slack_stats.unrouted == 1)
    paths = {tuple(headline_numbers([r])): r.path for r in double.accepted()}
    assert paths == {(1,): "/hooks/protests", (3,): "/hooks/alerts", (4,): "/hooks/protests"}
    assert sink.slack_stats.unrouted == 1


def test_bot_threads_updates_under_the_first_message_across_a_restart(
        settings: Settings, double: SlackDouble, bot: SlackSettings) -> None:
    story = "b" * 32
    send(settings, [alert(1, story=story), alert(2, story=story, kind="update", revision=2, killed=9)])
    with running(settings, bot):
        double.wait_for(2, 30)
    send(settings, [alert(3, story=story, kind="update", revision=3, killed=50, severity="critical"), alert(4)])
    with running(settings, bot):  # a new sink: the thread comes from the ledger
        double.wait_for(4, 30)
    first, second, third, other = double.accepted()
    assert first.body["channel"] == "#desk" and "thread_ts" not in first.body
    assert first.body["metadata"]["event_payload"]["alert_id"] == f"{story}-r1"
    assert second.body["thread_ts"] == first.ts and "reply_broadcast" not in second.body
    assert third.body["thread_ts"] == first.ts and third.body["reply_broadcast"] is True  # a critical rise
    assert second.body["channel"] == third.body["channel"] != "#desk"  # the channel id Slack answered
    assert "thread_ts" not in other.body


def test_a_deleted_thread_gets_a_new_top_level_message(settings: Settings, double: SlackDouble,
                                                      bot: SlackSettings) -> None:
    story = "d" * 32
    send(settings, [alert(1, story=story)])
    with running(settings, bot):
        double.wait_for(1, 30)
    double.script(Scripted("400", error="thread_not_found"))
    send(settings, [alert(2, story=story, kind="update", revision=2)])
    with running(settings, bot) as sink:
        double.wait_for(2, 30)
    assert "thread_ts" not in double.accepted()[1].body
    assert sink.slack_stats.thread_fallbacks == 1


def test_secrets_appear_in_no_log_line_error_or_dead_letter(
        settings: Settings, double: SlackDouble, all_logs: list[str]) -> None:
    secret_hook = double.webhook_url("T0SECRET/B0SECRET/hookhookhookhook")
    slack = SlackSettings(webhook_url=SecretStr(secret_hook), min_interval_s=0.0, timeout_s=1.0)
    double.script(Scripted("500"), Scripted("hang", seconds=3), Scripted("400", error="no_service"),
                  Scripted("429", retry_after=1))
    send(settings, [alert(1), alert(2)])
    with running(settings, slack):
        double.wait_for(1, 30)
        time.sleep(1)
    bot = SlackSettings(bot_token=SecretStr("xoxb-TOPSECRET-token"), api_url=double.api_url, min_interval_s=0.0)
    other = settings.model_copy(update={"consumer_group_prefix": settings.consumer_group_prefix + "b"})
    send(settings, [alert(3)])
    with running(other, bot) as sink:  # a wrong token: invalid_auth for every alert, dead-lettered
        deadline = time.monotonic() + 60
        while sink.stats.dead_lettered < 2 and time.monotonic() < deadline:  # alerts 1 and 3 (2 is in the ledger)
            time.sleep(0.2)
    letters = _dlq(settings, expect=3)
    assert sorted(x["reason"].rsplit(": ", 1)[-1] for x in letters) == ["invalid_auth"] * 2 + ["no_service"]
    assert len(all_logs) > 10  # the capture works (DEBUG of every logger)
    everything = [*all_logs, json.dumps(letters)]
    for secret in (secret_hook, "T0SECRET/B0SECRET/hookhookhookhook", "xoxb-TOPSECRET-token", "TOPSECRET"):
        leaks = [line for line in everything if secret in line]
        assert not leaks, (secret, leaks[:3])
    assert repr(slack).count("hookhook") == 0 and "TOPSECRET" not in repr(bot)


def test_demo_helper_renders_what_was_posted_with_a_count(settings: Settings) -> None:
    from mediamon.sinks.slack.demo import post_to_double

    story = "e" * 32
    send(settings, [alert(1, story=story), alert(2, story=story, kind="update", revision=2, killed=40)])
    text = post_to_double(settings, idle_exit_s=3)
    lines = text.splitlines()
    assert lines[0] == "Slack (local double): 2 messages posted"
    assert lines[1] == "── 1/2 · #alerts ──"
    assert any(line.startswith("── 2/2 · C") and "reply in thread" in line for line in lines)
    assert "1 → 40 killed" in text and "already delivered" in text
