"""``mediamon dashboards import``: post dashboards/*.ndjson to Kibana's saved objects import API.

``POST <kibana>/api/saved_objects/_import?overwrite=true`` with the file as multipart form field ``file`` and the
``kbn-xsrf`` header Kibana requires. Objects keep their ids, so a second import updates them in place
(idempotent). The file is checked first (it parses, ids are unique, references resolve, no version newer than
the target Kibana); data view patterns follow the deployment's ``MEDIAMON_INDEX_PREFIX``. Auth comes from
settings: ``MEDIAMON_KIBANA_USERNAME``/``_PASSWORD`` or ``MEDIAMON_KIBANA_API_KEY`` when set, else the
Elasticsearch credentials (Kibana authenticates against Elasticsearch).
"""

from __future__ import annotations

import argparse
import base64
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from mediamon.elastic import EsOptions
from mediamon.errors import ConfigError, MediamonError
from mediamon.saved_objects import Object, SavedObjectsError, load, problems
from mediamon.settings import REPO_ROOT, Settings, get_settings

log = logging.getLogger(__name__)

KIBANA_VERSION = "8.19.21"  # the version the objects are written for (the stack's, see docs/deploy.md)
DEFAULT_FILES = (REPO_ROOT / "dashboards" / "mediamon.ndjson", Path("/usr/share/mediamon/dashboards/mediamon.ndjson"))
DEFAULT_PREFIX = "mediamon"


@dataclass(frozen=True)
class Imported:
    type: str
    id: str
    title: str
    overwritten: bool


def story_url(kibana_url: str, story_id: str) -> str:
    """The story view filtered to one story (what Slack messages link to)."""
    query = f"story_id:\"{story_id}\"".replace("'", "!'")
    return (f"{kibana_url.rstrip('/')}/app/dashboards#/view/mediamon-story?_g=(time:(from:now-30d,to:now))"
            f"&_a=(query:(language:kuery,query:'{query}'))")


def for_prefix(objects: list[Object], index_prefix: str) -> list[Object]:
    """The objects with data view patterns renamed from the default prefix to ``index_prefix``."""
    if index_prefix == DEFAULT_PREFIX:
        return objects
    out = []
    for obj in objects:
        if obj["type"] == "index-pattern":
            attributes = dict(obj["attributes"])
            attributes["title"] = str(attributes["title"]).replace(f"{DEFAULT_PREFIX}-", f"{index_prefix}-", 1)
            obj = {**obj, "attributes": attributes}
        out.append(obj)
    return out


def _basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")}


def _auth(settings: Settings) -> tuple[dict[str, str], str]:
    """The Authorization header and a description of who we are (never the secret)."""
    user, password, api_key = settings.kibana_username, settings.kibana_password, settings.kibana_api_key
    if api_key is not None:
        return {"Authorization": f"ApiKey {api_key.get_secret_value()}"}, "the Kibana API key"
    if user and password is not None:
        return _basic(user, password.get_secret_value()), f"Kibana user {user!r}"
    es_key = EsOptions.of(settings).api_key
    if es_key is not None:
        return {"Authorization": f"ApiKey {es_key.get_secret_value()}"}, "the Elasticsearch API key"
    if (basic := settings.es_basic_auth()) is not None:
        return _basic(*basic), f"user {basic[0]!r}"
    return {}, "no credentials"


def import_objects(settings: Settings, kibana_url: str, path: Path, *, space: str | None = None,
                   wait_s: float = 0.0, client: httpx.Client | None = None) -> list[Imported]:
    """Import the file with overwrite; returns what Kibana created or updated. Raises ConfigError for a file that
    would not import or refused credentials, MediamonError when Kibana is not reachable within ``wait_s``."""
    try:
        objects = for_prefix(load(path), settings.index_prefix)
    except (OSError, SavedObjectsError) as exc:
        raise ConfigError(f"dashboards file {path}: {exc}") from exc
    found = problems(objects, KIBANA_VERSION)
    if found:
        raise ConfigError(f"dashboards file {path} would not import: " + "; ".join(found[:5]))
    body = "".join(json.dumps(o, ensure_ascii=False, separators=(",", ":")) + "\n" for o in objects).encode()
    base = kibana_url.rstrip("/") + (f"/s/{space}" if space else "")
    headers, who = _auth(settings)
    http = client or httpx.Client(timeout=60)
    deadline = time.monotonic() + wait_s
    try:
        while True:
            try:
                resp = http.post(f"{base}/api/saved_objects/_import", params={"overwrite": "true"},
                                 headers={"kbn-xsrf": "mediamon", **headers},
                                 files={"file": (path.name, body, "application/ndjson")})
            except httpx.TransportError as exc:
                if time.monotonic() < deadline:
                    log.info("Kibana at %s not reachable yet (%s); waiting", kibana_url, type(exc).__name__)
                    time.sleep(5)
                    continue
                raise MediamonError(f"Kibana at {kibana_url} is not reachable: {exc}") from exc
            if resp.status_code == 503 and time.monotonic() < deadline:  # Kibana is starting
                time.sleep(5)
                continue
            break
    finally:
        if client is None:
            http.close()
    if resp.status_code in (401, 403):
        raise ConfigError(f"Kibana at {kibana_url} refused {who} ({resp.status_code}): {resp.text[:200]}")
    if resp.status_code != 200:
        raise MediamonError(f"Kibana import failed ({resp.status_code}): {resp.text[:500]}")
    return _report(resp.json())


def _report(answer: dict[str, Any]) -> list[Imported]:
    imported = [Imported(r["type"], r["id"], str(r.get("meta", {}).get("title", "")), bool(r.get("overwrite")))
                for r in answer.get("successResults", [])]
    if not answer.get("success", False):
        errors = "; ".join(f"{e.get('type')} {e.get('id')}: {e.get('error', {}).get('type')}"
                           f" {e.get('error', {}).get('message', '')}".strip() for e in answer.get("errors", []))
        raise MediamonError(f"Kibana refused some objects ({len(imported)} imported): {errors}")
    return imported


def _import(args: argparse.Namespace) -> int:
    settings = get_settings()
    path = args.file or next((p for p in DEFAULT_FILES if p.is_file()), DEFAULT_FILES[0])
    kibana_url = args.kibana or EsOptions.of(settings).kibana_url
    done = import_objects(settings, kibana_url, path, space=args.space, wait_s=args.wait)
    for item in done:
        print(f"{'updated' if item.overwritten else 'created'} {item.type:<14} {item.id:<32} {item.title}")
    created = sum(not i.overwritten for i in done)
    print(f"imported {len(done)} objects into {kibana_url} ({created} created, {len(done) - created} updated)")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    dashboards = sub.add_parser("dashboards", help="Kibana saved objects of the desk")
    actions = dashboards.add_subparsers(dest="action", required=True)
    imp = actions.add_parser("import", help="import dashboards/mediamon.ndjson into Kibana (overwrite, idempotent)")
    imp.add_argument("--kibana", metavar="URL", help="Kibana's base URL (default: MEDIAMON_KIBANA_URL)")
    imp.add_argument("--file", type=Path, help="NDJSON to import (default: dashboards/mediamon.ndjson)")
    imp.add_argument("--space", help="Kibana space id (default: the default space)")
    imp.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                     help="keep trying this long while Kibana is not up yet (for a setup job)")
    imp.set_defaults(func=_import)
