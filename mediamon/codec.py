"""Decoding of versioned JSON messages; anything untrustworthy is a PoisonMessage naming why. Pure.

Tolerant reader: the current and the previous schema version are accepted (the previous one upcast), unknown
fields are ignored. Our own output stays strict: the models forbid unknown fields when we build them.
"""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from mediamon.errors import PoisonMessage
from mediamon.schema import READABLE_VERSIONS, SCHEMA_VERSION
from mediamon.upcast import upcast

M = TypeVar("M", bound=BaseModel)

# json.loads joins an escaped surrogate pair into one code point, so any surrogate left in a string is lone: valid
# JSON, but no UTF-8 writer can encode it. Readers replace it with U+FFFD and say so in ``repairs``.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _mend(value: Any, path: str, mended: list[str]) -> Any:
    if isinstance(value, str):
        if _LONE_SURROGATE.search(value):
            mended.append(path or "<root>")
            return _LONE_SURROGATE.sub("\ufffd", value)
        return value
    if isinstance(value, dict):
        return {k: _mend(v, f"{path}.{k}" if path else str(k), mended) for k, v in value.items()}
    if isinstance(value, list):
        return [_mend(v, f"{path}[{i}]", mended) for i, v in enumerate(value)]
    return value


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
    except RecursionError as exc:
        raise PoisonMessage("JSON nested too deeply") from exc
    if not isinstance(payload, dict):
        raise PoisonMessage(f"expected a JSON object, got {type(payload).__name__}")
    version = payload.get("schema_version")
    if type(version) is not int or version not in READABLE_VERSIONS:
        raise PoisonMessage(
            f"unknown schema_version {version!r} (this reader knows versions "
            f"{', '.join(map(str, READABLE_VERSIONS))})"
        )
    if version != SCHEMA_VERSION:
        payload = upcast(payload, model.__name__, SCHEMA_VERSION)
    if b"\\ud" in value or b"\\uD" in value:
        mended: list[str] = []
        payload = _mend(payload, "", mended)
        if mended and "repairs" in model.model_fields:
            payload["repairs"] = [*payload.get("repairs", []),
                                  *(f"lone surrogate replaced with U+FFFD in {p}" for p in mended[:20])]
    try:
        return model.model_validate(payload, extra="ignore")
    except ValidationError as exc:
        raise PoisonMessage(f"invalid {what}: {exc.error_count()} errors: {_brief(exc)}") from exc


def _brief(exc: ValidationError) -> str:
    """The first errors, with where and why but without the (possibly huge) input values."""
    return "; ".join(f"{'.'.join(map(str, e['loc'])) or '<root>'}: {e['msg']}" for e in exc.errors()[:3])
