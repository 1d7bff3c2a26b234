"""The one exception root of mediamon and its families. Every error we raise on purpose is one of these:

    MediamonError
    ├── ConfigError                 a settings, rules, feeds or gazetteer file is invalid (names file and item)
    ├── StackError                  the local Kafka/Elasticsearch stack could not be fetched, started or reached
    ├── ReplayError                 a replay range or group cannot be used as asked (empty, before retention, busy)
    └── StageError                  something went wrong while a stage handled a message; the stage's policy
        │                           is decided by the branch, never by the message text:
        ├── TransientError          may succeed if tried again later: retry with backoff, do not commit
        │   ├── BrokerUnavailable       Kafka cannot be reached or did not acknowledge
        │   ├── SinkUnavailable         Elasticsearch or Slack cannot be reached, or answered 429/5xx
        │   └── RateLimited             the destination asked us to wait (``retry_after`` seconds)
        └── PermanentError          will fail the same way every time: dead-letter with the reason, go on
            ├── PoisonMessage           a Kafka message that cannot be decoded or validated
            ├── TooLarge                a message or document over the size we produce or the destination takes
            └── Rejected                the destination refused this one item (a 4xx other than 429)

``SinkError`` is kept as an alias of ``StageError`` for code that predates the split.
"""

from __future__ import annotations


class MediamonError(Exception):
    """Root of every error mediamon raises on purpose."""


class ConfigError(MediamonError):
    """A settings, rules, feeds or gazetteer file is invalid; the message names the file and the item."""


class StackError(MediamonError):
    """The local Kafka/Elasticsearch stack could not be fetched, started or reached."""


class ReplayError(MediamonError):
    """A replay cannot run as asked; the message says why and what to do."""


class StageError(MediamonError):
    """A stage could not handle a message; see TransientError and PermanentError."""


class TransientError(StageError):
    """Retry later with backoff; the batch is not committed meanwhile."""


class BrokerUnavailable(TransientError):
    """Kafka cannot be reached or did not acknowledge in time."""


class SinkUnavailable(TransientError):
    """The sink's destination cannot be reached now, or answered 429/5xx."""


class RateLimited(TransientError):
    """The destination asked us to wait ``retry_after`` seconds before the next attempt."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentError(StageError):
    """The same input fails the same way every time: dead-letter it with the reason and go on."""


class PoisonMessage(PermanentError):
    """A Kafka message that cannot be decoded or validated: it goes to a dead-letter topic, never retried."""


class TooLarge(PermanentError):
    """Over the size we produce, or the destination accepts."""


class Rejected(PermanentError):
    """The destination refused this item for good (a 4xx other than 429); the reason is the destination's."""


SinkError = StageError
