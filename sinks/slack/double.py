"""A local Slack double: an HTTP server on loopback that records what it is sent and answers as scripted.

It implements the two endpoints the sink uses:

- incoming webhooks, ``POST /hooks/<name>``: ``ok`` (200), or Slack's webhook errors as text (``invalid_payload``
  400, ``no_service`` 404, ``invalid_token`` 403...);
- ``POST /api/chat.postMessage`` with a bearer token: ``{"ok": true, "channel", "ts"}``, ``thread_ts`` and
  ``reply_broadcast`` recorded; ``{"ok": false, "error": "invalid_auth"}`` for a wrong token.

Scripted answers (``script``) apply to the next requests in order, whatever the endpoint: ``ok``, ``429``
(with ``retry_after``), ``500``, ``400`` (with ``error``), ``hang`` (no answer for ``seconds``). Used by the tests
(tests/sinks/slack) and by the demo, which prints each recorded message as text.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

Answer = Literal["ok", "429", "500", "400", "hang"]

WEBHOOK_ERROR_STATUS = {"invalid_payload": 400, "no_service": 404, "invalid_token": 403, "channel_not_found": 404,
                        "action_prohibited": 403, "no_text": 400}


@dataclass(frozen=True)
class Scripted:
    answer: Answer
    retry_after: float = 1.0
    error: str = "invalid_payload"
    seconds: float = 30.0


@dataclass(frozen=True)
class Request:
    """One request as the double saw it (the token is not kept)."""

    at: float  # time.monotonic() when it arrived
    path: str
    body: dict[str, Any]
    answered: str  # "ok" or what was scripted
    ts: str | None = None

    @property
    def accepted(self) -> bool:
        return self.answered == "ok"


@dataclass
class SlackDouble:
    """``with SlackDouble() as slack:`` serves on 127.0.0.1 at a free port until the block ends."""

    token: str = "xoxb-double-token"
    host: str = "127.0.0.1"
    port: int = 0
    requests: list[Request] = field(default_factory=list)
    _script: deque[Scripted] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ts: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _server: ThreadingHTTPServer | None = None
    _closing: threading.Event = field(default_factory=threading.Event)
    on_accept: Callable[[Request], None] | None = None  # called once an accepted answer is sent (crash tests)

    # -- life -----------------------------------------------------------------------------------------------

    def start(self) -> SlackDouble:
        double = self

        class Handler(_Handler):
            owner = double

        self._server = ThreadingHTTPServer((self.host, self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, name="slack-double", daemon=True).start()
        return self

    def stop(self) -> None:
        self._closing.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> SlackDouble:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- where -----------------------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def webhook_url(self, name: str = "alerts") -> str:
        return f"{self.url}/hooks/{name}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    # -- script and records -----------------------------------------------------------------------------------

    def script(self, *answers: Scripted) -> None:
        with self._lock:
            self._script.extend(answers)

    def scripted(self) -> int:
        """How many scripted answers are still to be given."""
        with self._lock:
            return len(self._script)

    def clear_script(self) -> None:
        """Forget the scripted answers not used yet: every later request is answered ``ok``."""
        with self._lock:
            self._script.clear()

    def accepted(self) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.accepted]

    def wait_for(self, count: int, timeout_s: float = 60.0) -> list[Request]:
        """The accepted requests once there are at least ``count`` (or when the time is up)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and len(self.accepted()) < count:
            time.sleep(0.05)
        return self.accepted()

    def transcript(self, *, show_marks: bool = False) -> str:
        """Every accepted message rendered as terminal text, numbered, with the count first (for the demo)."""
        from mediamon.sinks.slack.plaintext import render

        accepted = self.accepted()
        out = [f"Slack (local double): {len(accepted)} message{'s' if len(accepted) != 1 else ''} posted"]
        for number, request in enumerate(accepted, 1):
            where = request.body.get("channel") or request.path.removeprefix("/hooks/")
            thread = f", reply in thread {request.body['thread_ts']}" if request.body.get("thread_ts") else ""
            out.append(f"── {number}/{len(accepted)} · {where}{thread} ──")
            out.append(render(request.body, show_marks=show_marks))
        return "\n".join(out)

    def _next(self) -> Scripted:
        with self._lock:
            return self._script.popleft() if self._script else Scripted("ok")

    def _record(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)

    def _new_ts(self) -> str:
        return f"{int(time.time())}.{next(self._ts):06d}"


class _Handler(BaseHTTPRequestHandler):
    owner: SlackDouble
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the tests read the records
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body = _parse(raw, self.headers.get("Content-Type", ""))
        arrived = time.monotonic()
        step = self.owner._next()
        if step.answer == "hang":
            self.owner._record(Request(arrived, self.path, body, "hang"))
            self.owner._closing.wait(step.seconds)
            self.close_connection = True
            return
        if self.path.startswith("/hooks/"):
            self._webhook(arrived, body, step)
        elif self.path.rstrip("/").endswith("/chat.postMessage"):
            self._post_message(arrived, body, step)
        else:
            self._send(404, "text/plain", b"no_service")

    def _webhook(self, arrived: float, body: dict[str, Any], step: Scripted) -> None:
        if step.answer == "ok":
            request = Request(arrived, self.path, body, "ok")
            self.owner._record(request)
            self._send(200, "text/plain", b"ok")
            self._accepted(request)
        else:
            self.owner._record(Request(arrived, self.path, body, step.answer))
            status, text = _failure(step)
            self._send(status, "text/plain", text.encode(), step)

    def _post_message(self, arrived: float, body: dict[str, Any], step: Scripted) -> None:
        if self.headers.get("Authorization") != f"Bearer {self.owner.token}":
            self.owner._record(Request(arrived, self.path, body, "invalid_auth"))
            self._json(200, {"ok": False, "error": "invalid_auth"})
            return
        if step.answer != "ok":
            self.owner._record(Request(arrived, self.path, body, step.answer))
            status, text = _failure(step)
            if step.answer == "400":  # the Web API answers 200 with ok: false for a refused message
                self._json(200, {"ok": False, "error": step.error})
            else:
                self._send(status, "application/json", json.dumps({"ok": False, "error": text}).encode(), step)
            return
        ts = self.owner._new_ts()
        channel = str(body.get("channel", ""))
        channel_id = channel if channel.startswith("C") else f"C{zlib.crc32(channel.encode()):08X}"
        request = Request(arrived, self.path, body, "ok", ts)
        self.owner._record(request)
        self._json(200, {"ok": True, "channel": channel_id, "ts": ts, "message": {"ts": ts, "text": body.get("text")}})
        self._accepted(request)

    def _accepted(self, request: Request) -> None:
        self.wfile.flush()
        if self.owner.on_accept is not None:
            self.owner.on_accept(request)

    def _json(self, status: int, data: dict[str, Any]) -> None:
        self._send(status, "application/json; charset=utf-8", json.dumps(data).encode())

    def _send(self, status: int, content_type: str, data: bytes, step: Scripted | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        if step is not None and step.answer == "429":
            self.send_header("Retry-After", f"{step.retry_after:g}")
        self.end_headers()
        self.wfile.write(data)


def _failure(step: Scripted) -> tuple[int, str]:
    if step.answer == "429":
        return 429, "rate_limited"
    if step.answer == "500":
        return 500, "internal_error"
    return WEBHOOK_ERROR_STATUS.get(step.error, 400), step.error


def _parse(raw: bytes, content_type: str) -> dict[str, Any]:
    if "json" in content_type:
        try:
            data = json.loads(raw or b"{}")
            return data if isinstance(data, dict) else {"_": data}
        except ValueError:
            return {"_raw": raw.decode("utf-8", "replace")}
    from urllib.parse import parse_qsl

    form: dict[str, Any] = dict(parse_qsl(raw.decode("utf-8", "replace")))
    for key in ("blocks", "metadata"):
        if isinstance(form.get(key), str):
            with contextlib.suppress(ValueError):
                form[key] = json.loads(form[key])
    return form
