"""Keeping the webhook URLs and the bot token out of every log line and error text."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

MASK = "[redacted]"


class Redactor:
    """Replaces each secret, and the path of each secret URL (which is the secret part of a webhook), by a mask."""

    def __init__(self, secrets: list[str]) -> None:
        needles: set[str] = set()
        for secret in secrets:
            if not secret:
                continue
            needles.add(secret)
            path = urlsplit(secret).path
            if len(path) > 8:
                needles.add(path)
        self._needles = sorted(needles, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for needle in self._needles:
            text = text.replace(needle, MASK)
        return text


class RedactingFilter(logging.Filter):
    """A logging filter that formats the record and redacts the result (args are dropped once formatted)."""

    def __init__(self, redact: Redactor) -> None:
        super().__init__()
        self._redact = redact

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self._redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None and self._redact(str(record.exc_info[1])) != str(
                record.exc_info[1]):
            record.exc_info, record.exc_text = None, None  # a traceback that would show a secret is dropped
        return True


def sdk_logger(redact: Redactor) -> logging.Logger:
    """The logger handed to slack_sdk: WARNING at least (its DEBUG lines print the URL and headers), redacting."""
    logger = logging.getLogger("mediamon.sinks.slack.sdk")
    logger.setLevel(logging.WARNING)
    logger.filters.clear()
    logger.addFilter(RedactingFilter(redact))
    return logger
