"""``mediamon dashboards import`` against a small HTTP server that checks the request the way Kibana's saved
objects import API does (path, overwrite, kbn-xsrf, auth, one multipart ``file`` part of NDJSON) and answers
like it: created the first time, overwritten after."""

from __future__ import annotations

import argparse
import base64
import email.parser
import json
import threading
from collections.abc import Iterator
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from pydantic import SecretStr

from mediamon import dashboards_cli
from mediamon.dashboards_cli import import_objects, story_url
from mediamon.errors import ConfigError, MediamonError
from mediamon.saved_objects import parse
from mediamon.settings import Settings

NDJSON = Path(__file__).resolve().parents[2] / "dashboards" / "mediamon.ndjson"
USER, PASSWORD = "ops", "kibana-test-password"


def _error(status: int, error: str, message: str) -> dict[str, Any]:
    return {"statusCode": status, "error": error, "message": message}


class FakeKibana:
    def __init__(self) -> None:
        self.saved: dict[tuple[str, str], dict[str, Any]] = {}
        self.requests: list[dict[str, Any]] = []
        self.fail_first = 0  # answer 503 (Kibana starting) this many times
        kibana = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                status, answer = kibana.handle(self.path, dict(self.headers), body)
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def handle(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
        lower = {k.lower(): v for k, v in headers.items()}
        self.requests.append({"path": path, "headers": lower})
        if self.fail_first:
            self.fail_first -= 1
            return 503, {"statusCode": 503, "error": "Service Unavailable", "message": "Kibana server is not ready"}
        url = urlsplit(path)
        if not url.path.endswith("/api/saved_objects/_import"):
            return 404, {"statusCode": 404, "error": "Not Found", "message": "Not Found"}
        if "kbn-xsrf" not in lower:
            return 400, _error(400, "Bad Request", "Request must contain a kbn-xsrf header.")
        expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        if lower.get("authorization") != expected:
            return 401, _error(401, "Unauthorized", "[security_exception]: unable to authenticate user")
        if parse_qs(url.query).get("overwrite") != ["true"]:
            return 400, {"statusCode": 400, "error": "Bad Request", "message": "expected overwrite=true"}
        content_type = lower.get("content-type", "")
        if not content_type.startswith("multipart/form-data; boundary="):
            return 415, {"statusCode": 415, "error": "Unsupported Media Type", "message": content_type}
        message = email.parser.BytesParser().parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + body)
        parts = message.get_payload()
        assert isinstance(parts, list)
        files = [p for p in parts if isinstance(p, Message)
                 and p.get_param("name", header="content-disposition") == "file"]
        if len(files) != 1 or not str(files[0].get_filename()).endswith(".ndjson"):
            return 400, _error(400, "Bad Request", "[request body.file]: expected an .ndjson file")
        raw = files[0].get_payload(decode=True)
        assert isinstance(raw, bytes)
        results = []
        for obj in parse(raw.decode("utf-8")):
            key = (obj["type"], obj["id"])
            result = {"type": obj["type"], "id": obj["id"], "meta": {"title": obj["attributes"].get("title")}}
            if key in self.saved:
                result["overwrite"] = True
            self.saved[key] = obj
            results.append(result)
        return 200, {"success": True, "successCount": len(results), "successResults": results, "warnings": []}

    def __enter__(self) -> FakeKibana:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()


@pytest.fixture
def kibana() -> Iterator[FakeKibana]:
    with FakeKibana() as server:
        yield server


def _settings(**kw: Any) -> Settings:
    return Settings(es_username=USER, es_password=SecretStr(PASSWORD), **kw)


def test_import_creates_then_updates_in_place(kibana: FakeKibana) -> None:
    objects = parse(NDJSON.read_text(encoding="utf-8"))
    first = import_objects(_settings(), kibana.url, NDJSON)
    assert [(i.type, i.id) for i in first] == [(o["type"], o["id"]) for o in objects]
    assert not any(i.overwritten for i in first)
    again = import_objects(_settings(), kibana.url, NDJSON)
    assert all(i.overwritten for i in again) and len(kibana.saved) == len(objects)  # idempotent
    assert kibana.requests[0]["headers"]["kbn-xsrf"]


def test_data_views_follow_the_index_prefix_and_spaces_are_honoured(kibana: FakeKibana) -> None:
    import_objects(_settings(index_prefix="newsdesk"), kibana.url, NDJSON, space="arabic-desk")
    assert kibana.requests[-1]["path"].startswith("/s/arabic-desk/api/saved_objects/_import?overwrite=true")
    titles = {o["attributes"]["title"] for (t, _), o in kibana.saved.items() if t == "index-pattern"}
    assert titles == {"newsdesk-articles-*", "newsdesk-alerts-*"}


def test_wrong_credentials_are_a_clear_error(kibana: FakeKibana) -> None:
    wrong = Settings(es_username=USER, es_password=SecretStr("nope"))
    with pytest.raises(ConfigError, match=r"refused user 'ops' \(401\)") as info:
        import_objects(wrong, kibana.url, NDJSON)
    assert "nope" not in str(info.value)


def test_waits_while_kibana_starts(kibana: FakeKibana) -> None:
    kibana.fail_first = 1
    with pytest.raises(MediamonError, match="503"):
        import_objects(_settings(), kibana.url, NDJSON)
    kibana.fail_first = 1
    assert import_objects(_settings(), kibana.url, NDJSON, wait_s=30)


def test_a_broken_file_is_refused_before_anything_is_sent(kibana: FakeKibana, tmp_path: Path) -> None:
    lines = NDJSON.read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "broken.ndjson"
    broken.write_text("\n".join(lines[2:]) + "\n", encoding="utf-8")  # the data views are missing
    with pytest.raises(ConfigError, match="refers to index-pattern mediamon-articles"):
        import_objects(_settings(), kibana.url, broken)
    assert kibana.requests == []


def test_the_command_reports_what_it_created(kibana: FakeKibana, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(dashboards_cli, "get_settings", _settings)
    parser = argparse.ArgumentParser()
    dashboards_cli.register(parser.add_subparsers())
    for _ in range(2):
        args = parser.parse_args(["dashboards", "import", "--kibana", kibana.url])
        assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "created dashboard" in out and "updated dashboard" in out
    assert "(17 created, 0 updated)" in out and "(0 created, 17 updated)" in out


def test_story_links_open_the_story_view_filtered_by_story_id() -> None:
    url = story_url("https://kibana.example.org/", "s-42")
    assert url.startswith("https://kibana.example.org/app/dashboards#/view/mediamon-story?")
    assert "query:'story_id:\"s-42\"'" in url
