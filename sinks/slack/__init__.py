"""Slack delivery of alert events: ``mediamon sink slack`` and ``mediamon slack preview`` (docs/slack.md)."""
