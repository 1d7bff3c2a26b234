"""Outlets on loopback for the fault scenarios: each serves an RSS feed whose newest items appear over time.

Articles are released at ``rate`` per second once ``open()`` is called; a feed lists its outlet's newest ``window``
released items, as a real outlet's feed scrolls. The producer must keep up (or catch up after a restart) before an
item scrolls out of the window, so a stalled producer shows up as articles missing in Elasticsearch.
"""

from __future__ import annotations

import html
import threading
import time
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

from mediamon.devstack.corpus import articles as generated
from mediamon.ids import article_id, canonical_url
from mediamon.schema import Article


class NewsSite:
    def __init__(self, count: int, *, outlets: int = 8, rate: float = 40.0, window: int = 150, tag: str = "f",
                 seed: int = 7) -> None:
        self.outlets, self.rate, self.window = outlets, rate, window
        self._opened: float | None = None
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                outlet = self.path.removeprefix("/feeds/").removesuffix(".xml")
                if not outlet.isdigit() or int(outlet) >= site.outlets:
                    self.send_error(404)
                    return
                body = site.feed(int(outlet)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, name="news-site", daemon=True).start()
        # Links on loopback (allowed in the feeds file): the producer resolves every link it is given.
        self.articles: list[Article] = []
        for i, a in enumerate(generated(count, tag=tag, seed=seed)):
            url = f"{self.base}/news{i % outlets}/{tag}/{i}.html"
            self.articles.append(a.model_copy(update={"url": url, "id": article_id(canonical_url(url)),
                                                      "source": f"news{i % outlets}"}))

    @property
    def ids(self) -> list[str]:
        return [a.id for a in self.articles]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def url(self, outlet: int) -> str:
        return f"{self.base}/feeds/{outlet}.xml"

    def open(self) -> None:
        with self._lock:
            self._opened = time.monotonic()

    def released(self) -> int:
        with self._lock:
            if self._opened is None:
                return 0
            return min(len(self.articles), int((time.monotonic() - self._opened) * self.rate))

    def wait_released(self, fraction: float, timeout_s: float = 600) -> None:
        deadline = time.monotonic() + timeout_s
        while self.released() < int(len(self.articles) * fraction):
            if time.monotonic() > deadline:
                raise AssertionError(f"only {self.released()} articles released")
            time.sleep(0.2)

    def feed(self, outlet: int) -> str:
        mine = [a for a in self.articles[:self.released()] if a.source == f"news{outlet}"][-self.window:]
        items = "".join(
            f"<item><title>{html.escape(a.title)}</title><link>{html.escape(a.url)}</link>"
            f"<guid isPermaLink=\"true\">{html.escape(a.url)}</guid>"
            f"<pubDate>{format_datetime(a.published) if a.published else ''}</pubDate>"
            f"<description>{html.escape(a.text)}</description></item>"
            for a in reversed(mine))
        return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                f"<title>news{outlet}</title><link>https://news{outlet}.example/</link><description>fault suite"
                f"</description><language>ar</language>{items}</channel></rss>")

    def write_feeds_file(self, path: Path, *, poll_interval: float = 0.5) -> Path:
        document = {
            "version": 1,
            "limits": {"max_items_per_feed": self.window, "total_timeout": 10},
            "backoff": {"factor": 2, "max_seconds": 4},
            "defaults": {"poll_interval": poll_interval, "jitter": 0.0, "fulltext": False,
                         "allow_networks": ["127.0.0.0/8"]},
            "feeds": [{"name": f"news{k}", "source": f"news{k}", "url": self.url(k)} for k in range(self.outlets)],
        }
        path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        return path

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
