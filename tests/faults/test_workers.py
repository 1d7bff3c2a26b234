"""Fault scenarios 4, 5 and 8 (issue 15): the Faust worker is SIGKILLed mid-batch and restarted; its store is wiped
while it is down and rebuilt from the changelog; two workers share the group and one is killed for good. No story
is split or lost: every article's story equals what the one ordered story log gives through the pure assigner."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from mediamon.settings import Settings
from mediamon.sinks.slack.double import SlackDouble
from mediamon.topics import Names

from .newssite import NewsSite
from .pipeline import Pipeline, assignment_matches_story_log, settle_and_check, worker_holding

N = 1000


def test_a_killed_worker_and_a_wiped_store_lose_and_double_nothing(
        fault_settings: Settings, slack: SlackDouble, tmp_path: Path) -> None:
    site = NewsSite(N, tag=tmp_path.name, rate=N / 90, window=60)
    with Pipeline(fault_settings, site, slack, tmp_path / "run") as pipeline:
        worker = pipeline["processor-w1"]
        pipeline.sleep(10)
        site.open()
        site.wait_released(0.3)
        worker.kill()  # SIGKILL mid-stream: batches in flight, nothing acked for them
        time.sleep(3)
        worker.start()

        site.wait_released(0.6)
        worker.stop()  # down, and its disk is lost
        store = pipeline.data_dir("processor-w1")
        assert store.exists() and any(store.iterdir()), "the worker kept no store to wipe"
        shutil.rmtree(store)
        worker.start()  # the story tables come back from their changelog topics

        settle_and_check(pipeline, site.ids)
        assert pipeline.restarts() == {"processor-w1": 2}  # only what the scenario did itself
    assignment_matches_story_log(fault_settings, site.ids)


def test_two_workers_one_killed_the_other_takes_over_partitions_and_stories(
        fault_settings: Settings, slack: SlackDouble, tmp_path: Path) -> None:
    site = NewsSite(N, tag=tmp_path.name, rate=N / 90, window=60)
    with Pipeline(fault_settings, site, slack, tmp_path / "run", workers=2) as pipeline:
        pipeline.sleep(15)  # both workers joined: the partitions are split between them
        site.open()
        site.wait_released(0.4)
        # The victim is the worker that holds the story log (one partition), so the survivor must take over the
        # story state itself, not only some article partitions.
        victim = pipeline.children.pop(worker_holding(pipeline, Names.from_settings(fault_settings).stories))
        victim.kill()  # for good
        settle_and_check(pipeline, site.ids)
        assert pipeline.restarts() == {}
    assignment_matches_story_log(fault_settings, site.ids)
