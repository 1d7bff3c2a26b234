"""Kibana saved objects as NDJSON (dashboards/): reading them and the checks that hold for any file we import,
whether written here or exported from Kibana 8.19 by ops after an edit. Pure.

Kibana 8.x stamps each object with ``coreMigrationVersion`` (the core migrations it went through, ≤ the
Kibana version) and ``typeMigrationVersion``: for a type still on the old migrations a Kibana version (≤ the
Kibana version), for a type on model versions (dashboards, searches... in 8.10+) ``10.<model version>.0``.
Kibana refuses an object stamped newer than itself, so the checks refuse those too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

Object = dict[str, Any]
MODEL_VERSION_MAJOR = 10  # Kibana writes model version N as "10.N.0"
_VERSION = re.compile(r"^\d+\.\d+\.\d+$")


class SavedObjectsError(ValueError):
    """The NDJSON cannot be imported as it is; the message names the line or object."""


def version(text: str) -> tuple[int, ...]:
    if not _VERSION.match(text):
        raise SavedObjectsError(f"{text!r} is not a version (x.y.z)")
    return tuple(int(part) for part in text.split("."))


def importable_version(text: str, kibana: str) -> bool:
    """A migration version Kibana ``kibana`` accepts: a Kibana version up to its own, or a model version."""
    found = version(text)
    return found <= version(kibana) or found[0] == MODEL_VERSION_MAJOR


def parse(text: str, where: str = "NDJSON") -> list[Object]:
    """Objects of an NDJSON text; the export's summary line (``exportedCount``) is skipped."""
    objects: list[Object] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SavedObjectsError(f"{where} line {number}: not JSON ({exc.msg})") from exc
        if not isinstance(obj, dict):
            raise SavedObjectsError(f"{where} line {number}: not a JSON object")
        if "exportedCount" in obj:
            continue
        for key in ("id", "type", "attributes"):
            if key not in obj:
                raise SavedObjectsError(f"{where} line {number}: no {key!r}")
        objects.append(obj)
    return objects


def load(path: Path) -> list[Object]:
    return parse(path.read_text(encoding="utf-8"), str(path))


def problems(objects: Iterable[Object], kibana: str) -> list[str]:
    """What would stop an import: duplicate ids, dangling references, versions newer than ``kibana``."""
    found: list[str] = []
    listed = list(objects)
    keys = [(o["type"], o["id"]) for o in listed]
    for key in {k for k in keys if keys.count(k) > 1}:
        found.append(f"{key[0]} {key[1]} appears more than once")
    known = set(keys)
    for obj in listed:
        name = f"{obj['type']} {obj['id']}"
        refs = obj.get("references", [])
        ref_names = [ref["name"] for ref in refs]
        if len(ref_names) != len(set(ref_names)):
            found.append(f"{name}: duplicate reference names")
        for ref in refs:
            if (ref["type"], ref["id"]) not in known:
                found.append(f"{name} refers to {ref['type']} {ref['id']}, which is not in the file")
        for field in ("coreMigrationVersion", "typeMigrationVersion"):
            if field in obj:
                try:
                    ok = importable_version(obj[field], kibana)
                except SavedObjectsError as exc:
                    found.append(f"{name}: {field}: {exc}")
                    continue
                if not ok:
                    found.append(f"{name}: {field} {obj[field]} is newer than Kibana {kibana}")
        for type_name, legacy in (obj.get("migrationVersion") or {}).items():  # exports before 8.8
            if not importable_version(legacy, kibana):
                found.append(f"{name}: migrationVersion.{type_name} {legacy} is newer than Kibana {kibana}")
    return found


def title(obj: Object) -> str:
    attributes = obj["attributes"]
    return str(attributes.get("title") if obj["type"] != "index-pattern" else attributes.get("name")
               or attributes.get("title"))
