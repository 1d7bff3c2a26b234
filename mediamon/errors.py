"""The one exception root of mediamon and its stream-boundary families."""

from __future__ import annotations


class MediamonError(Exception):
    """Root of every error mediamon raises on purpose."""


class ConfigError(MediamonError):
    """A settings, rules, feeds or gazetteer file is invalid; the message names the file and the item."""


class StackError(MediamonError):
    """The local Kafka/Elasticsearch stack could not be fetched, started or reached."""


class PoisonMessage(MediamonError):
    """A Kafka message that cannot be decoded or validated: it goes to a dead-letter topic, never retried."""


class SinkError(MediamonError):
    """A sink could not write; retried with backoff, then dead-lettered with the reason."""
