"""A fault injector on the path to the real Elasticsearch (not a double: every request it passes is answered by
Elasticsearch itself). It can answer 429 for chosen documents of a bulk request, the first few times they come,
while the rest of the request goes through; or refuse a whole bulk request that holds a chosen id with a 400,
as Elasticsearch does for an id over 512 bytes; or hold a bulk request that holds a chosen id for a while before
passing it on (a slow request among concurrent ones); or be "down" (connections refused by closing at once)."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx


class FaultyProxy:
    def __init__(self, upstream: str, auth: tuple[str, str] | None) -> None:
        self.upstream = upstream.rstrip("/")
        self.auth = auth
        self.throttle: dict[str, int] = {}  # doc id -> how many more times to answer 429
        self.refuse_request_with: set[str] = set()  # a bulk holding one of these ids gets a request-level 400
        self.hold: dict[str, float] = {}  # doc id -> seconds to hold the next bulk request holding it
        self.held = threading.Event()  # set once a request is being held
        self.bulk_requests = 0
        self.down = False  # while set, every connection is closed unanswered (Elasticsearch unreachable)
        self.sent: Counter[str] = Counter()  # doc id -> times it reached Elasticsearch
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _relay(self) -> None:
                if proxy.down:
                    self.close_connection = True
                    return
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                status, headers, payload = proxy.handle(self.command, self.path, dict(self.headers), body)
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_HEAD = do_DELETE = _relay

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.client = httpx.Client(timeout=30)

    def __enter__(self) -> FaultyProxy:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.client.close()

    def _forward(self, method: str, path: str, headers: dict[str, str], body: bytes) -> httpx.Response:
        keep = {k: v for k, v in headers.items() if k.lower() in ("content-type", "accept", "authorization")}
        return self.client.request(method, self.upstream + path, headers=keep, content=body)

    def handle(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, str],
                                                                                             bytes]:
        if method in ("POST", "PUT") and path.split("?")[0].endswith("/_bulk"):
            return self._bulk(method, path, headers, body)
        resp = self._forward(method, path, headers, body)
        return resp.status_code, _headers(resp), resp.content

    def _bulk(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, str],
                                                                                          bytes]:
        lines = [line for line in body.split(b"\n") if line.strip()]
        pairs = [(json.loads(lines[i]), lines[i + 1]) for i in range(0, len(lines), 2)]
        ids = [next(iter(action.values()))["_id"] for action, _ in pairs]
        with self._lock:
            self.bulk_requests += 1
            if self.refuse_request_with & set(ids):
                error = {"error": {"root_cause": [], "type": "action_request_validation_exception",
                                   "reason": "Validation Failed: 1: id is too long"}, "status": 400}
                return 400, {"content-type": "application/json"}, json.dumps(error).encode()
            throttled = {doc_id for doc_id in ids if self.throttle.get(doc_id, 0) > 0}
            for doc_id in throttled:
                self.throttle[doc_id] -= 1
            hold = sum(self.hold.pop(doc_id, 0.0) for doc_id in ids)
        if hold:
            self.held.set()
            time.sleep(hold)
        passed = [(a, d) for (a, d), doc_id in zip(pairs, ids, strict=True) if doc_id not in throttled]
        upstream_items: list[dict[str, Any]] = []
        took = 0
        if passed:
            payload = b"".join(json.dumps(a).encode() + b"\n" + d + b"\n" for a, d in passed)
            resp = self._forward(method, path, headers, payload)
            answer = resp.json()
            upstream_items, took = answer["items"], answer.get("took", 0)
            with self._lock:
                self.sent.update(next(iter(a.values()))["_id"] for a, _ in passed)
        items = iter(upstream_items)
        merged = []
        for (action, _), doc_id in zip(pairs, ids, strict=True):
            op = next(iter(action))
            if doc_id in throttled:
                merged.append({op: {"_index": action[op].get("_index"), "_id": doc_id, "status": 429,
                                    "error": {"type": "es_rejected_execution_exception", "reason": "injected"}}})
            else:
                merged.append(next(items))
        errors = any("error" in next(iter(item.values())) for item in merged)
        return 200, {"content-type": "application/json", "x-elastic-product": "Elasticsearch"}, json.dumps(
            {"took": took, "errors": errors, "items": merged}).encode()


def _headers(resp: httpx.Response) -> dict[str, str]:
    return {k: v for k, v in resp.headers.items() if k.lower() in ("content-type", "x-elastic-product")}
