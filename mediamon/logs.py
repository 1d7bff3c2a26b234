"""Quieter client logs outside ``-v``: one line per message and logger a minute, without the traceback.

The client libraries (kafka-python, aiokafka, elastic-transport) log every failed connection attempt while a broker
or Elasticsearch restarts; our own components log each change of state (unavailable, back) once."""

from __future__ import annotations

import logging

CLIENT_LOGGERS = ("kafka", "aiokafka", "elastic_transport")


class QuietClientLogs(logging.Filter):
    def __init__(self, every_s: float = 60.0) -> None:
        super().__init__()
        self.every_s = every_s
        self._last: dict[tuple[str, str], float] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(CLIENT_LOGGERS):
            return True
        record.exc_info, record.exc_text = None, None
        key = (record.name, str(record.msg))
        now = record.created
        if now - self._last.get(key, float("-inf")) < self.every_s:
            return False
        self._last[key] = now
        return True


def quiet_client_loggers(every_s: float = 60.0) -> QuietClientLogs:
    """Attach one filter to every client logger that exists now (they are created when their modules are imported),
    so it holds whatever handlers a framework installs later (Faust's worker sets up its own)."""
    quiet = QuietClientLogs(every_s)
    for name, logger in list(logging.Logger.manager.loggerDict.items()):
        if name.startswith(CLIENT_LOGGERS) and isinstance(logger, logging.Logger):
            logger.addFilter(quiet)
    return quiet
