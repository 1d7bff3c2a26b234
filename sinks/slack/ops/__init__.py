"""Ops alerts: the health of the sources and of the pipeline, to their own Slack webhook or channel."""
