"""Operations commands: replay (reprocess, resink, reset-group) and the rule back-test (docs/replay.md)."""
