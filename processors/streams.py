"""Faust topic and table handles of the processor (names come from the registry in mediamon.topics)."""

from __future__ import annotations

from mediamon.processors.app import app, names

raw_topic = app.topic(names.raw, key_type=bytes, value_type=bytes)
replay_topic = app.topic(names.replay, key_type=bytes, value_type=bytes)
enriched_topic = app.topic(names.enriched, key_type=bytes, value_type=bytes)
alerts_topic = app.topic(names.alerts, key_type=bytes, value_type=bytes)
raw_dlq_topic = app.topic(names.dlq(names.raw), key_type=bytes, value_type=bytes)
# One partition: every story decision is taken in one ordered place, whichever worker enriched the article.
stories_topic = app.topic(names.stories, key_type=bytes, value_type=bytes, partitions=1)

# Tables of the story agent (one partition, like its topic). Values are JSON bytes.
story_articles = app.Table("story-articles", default=None, partitions=1, key_type=bytes, value_type=bytes)
stories = app.Table("stories", default=None, partitions=1, key_type=bytes, value_type=bytes)
spike_marks = app.Table("spike-marks", default=None, partitions=1, key_type=bytes, value_type=bytes)

story_features = app.Table("story-features", default=None, partitions=1, key_type=bytes, value_type=bytes)
