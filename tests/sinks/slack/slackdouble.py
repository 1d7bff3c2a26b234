"""The local Slack double the tests script (it lives in the package, so the demo can use it too)."""

from mediamon.sinks.slack.double import Request, Scripted, SlackDouble

__all__ = ["Request", "Scripted", "SlackDouble"]
