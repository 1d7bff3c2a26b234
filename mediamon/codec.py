"""Decoding of versioned JSON messages; anything untrustworthy is a PoisonMessage naming why. Pure."""

from __future__ import annotations

import json
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from mediamon.errors import PoisonMessage
from mediamon.schema import SCHEMA_VERSION

M = TypeVar("M", bound=BaseModel)


def decode(value: bytes | None, model: type[M], what: str) -> M:
    """Parse one message body into ``model``; ``what`` names the message in the reason."""
    if value is None:
        raise PoisonMessage(f"empty message (tombstone) where {what} was expected")
    try:
        payload = json.loads(value.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise PoisonMessage(f"not UTF-8: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise PoisonMessage(f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    if not isinstance(payload, dict):
        raise PoisonMessage(f"expected a JSON object, got {type(payload).__name__}")
    version = payload.get("schema_version")
    if version != SCHEMA_VERSION:
        raise PoisonMessage(f"unknown schema_version {version!r} (this reader knows {SCHEMA_VERSION})")
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        raise PoisonMessage(f"invalid {what}: {exc.error_count()} errors: {exc.errors()[:3]}") from exc
