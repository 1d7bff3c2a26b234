"""A loopback HTTP server for producer tests: feeds, pages, ETags, redirects, trickles, huge bodies."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None  # sent, and answered with 304 when If-None-Match matches
    redirect_to: str | None = None  # path or URL for a 302
    trickle_seconds: float | None = None  # send the body one byte at a time with this pause
    filler_bytes: int | None = None  # stream this many bytes of filler, no Content-Length
    header_trickle_seconds: float | None = None  # send the status line and headers one byte at a time
    hang_seconds: float | None = None  # accept, then say nothing for this long
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    status: int


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        route = self.server.routes.get(self.path)
        headers = {k.lower(): v for k, v in self.headers.items()}
        if route is None:
            self._record(404, headers)
            self.send_error(404)
            return
        if route.etag and headers.get("if-none-match") == route.etag:
            self._record(304, headers)
            self.send_response(304)
            self.send_header("ETag", route.etag)
            self.end_headers()
            return
        self._record(route.status, headers)
        try:
            self._answer(route)
        except (BrokenPipeError, ConnectionResetError):
            return

    def _record(self, status: int, headers: dict[str, str]) -> None:
        with self.server.lock:
            self.server.hits.append(Hit(self.path, headers, status))

    def _answer(self, route: Route) -> None:
        if route.hang_seconds is not None:
            time.sleep(route.hang_seconds)
            return
        if route.header_trickle_seconds is not None:
            head = (f"HTTP/1.1 {route.status} OK\r\nContent-Type: {route.content_type}\r\n"
                    f"X-Padding: {'p' * 200}\r\nContent-Length: {len(route.body)}\r\n\r\n").encode()
            for byte in head:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(route.header_trickle_seconds)
            self.wfile.write(route.body)
            return
        if route.redirect_to is not None:
            self.send_response(302)
            self.send_header("Location", route.redirect_to)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(route.status)
        self.send_header("Content-Type", route.content_type)
        if route.etag:
            self.send_header("ETag", route.etag)
        for name, value in route.headers.items():
            self.send_header(name, value)
        if route.filler_bytes is not None:
            self.send_header("Connection", "close")
            self.end_headers()
            self._filler(route.filler_bytes)
            return
        if route.trickle_seconds is not None:
            self.send_header("Connection", "close")
            self.end_headers()
            for byte in route.body:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(route.trickle_seconds)
            return
        self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        self.wfile.write(route.body)

    def _filler(self, total: int) -> None:
        chunk = b'<rss version="2.0"><channel>' + b"<title>x</title>" * 4096
        sent = 0
        while sent < total:
            piece = chunk[: total - sent]
            self.wfile.write(piece)
            sent += len(piece)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, Route]
    hits: list[Hit]
    lock: threading.Lock


class FeedServer:
    """``with FeedServer() as server: server.add("/feed", Route(body=...)); server.url("/feed")``."""

    def __init__(self) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.routes = {}
        self._server.hits = []
        self._server.lock = threading.Lock()
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, route: Route) -> str:
        self._server.routes[path] = route
        return self.url(path)

    def hits(self, path: str | None = None) -> list[Hit]:
        with self._server.lock:
            return [h for h in self._server.hits if path is None or h.path == path]

    def start(self) -> FeedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
