"""The bundled demo feed: original articles (demo/articles.yaml) served as RSS 2.0 and HTML on loopback."""

from __future__ import annotations

import html
import threading
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

from mediamon.settings import REPO_ROOT

ARTICLES_FILE = REPO_ROOT / "demo" / "articles.yaml"
# Lines an outlet appends to every page; the producers must drop them.
BOILERPLATE = ["شارك المقال", "اقرأ أيضًا: نشرتنا الصباحية", "العودة إلى الأعلى"]


@dataclass(frozen=True)
class DemoArticle:
    slug: str
    title: str
    published: datetime
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def load_articles(path: Path = ARTICLES_FILE) -> tuple[str, list[DemoArticle]]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    articles = [
        DemoArticle(a["slug"], a["title"], datetime.fromisoformat(a["published"]), tuple(a["paragraphs"]))
        for a in data["articles"]
    ]
    return str(data["outlet"]), articles


def render_rss(outlet: str, base_url: str, articles: list[DemoArticle]) -> str:
    items = "".join(
        f"<item><title>{html.escape(a.title)}</title><link>{base_url}/articles/{a.slug}.html?utm_source=rss</link>"
        f"<guid isPermaLink=\"false\">{a.slug}</guid><pubDate>{format_datetime(a.published)}</pubDate>"
        f"<description>{html.escape(a.paragraphs[0])}</description></item>"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{html.escape(outlet)}</title><link>{base_url}/</link>"
        f"<description>demo</description><language>ar</language>{items}</channel></rss>"
    )


def render_page(outlet: str, article: DemoArticle) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs)
    chrome = "".join(f"<div class=\"share\">{html.escape(line)}</div>" for line in BOILERPLATE)
    return (
        f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{html.escape(article.title)}'
        f"</title></head><body><header><nav>{html.escape(outlet)} | الرئيسية | سياسة | اقتصاد</nav></header>"
        f"<main><article><h1>{html.escape(article.title)}</h1>{body}{chrome}</article></main>"
        "<footer>جميع الحقوق محفوظة</footer></body></html>"
    )


class DemoFeedServer:
    """Serves ``/feed.xml`` and ``/articles/<slug>.html`` on 127.0.0.1 until closed."""

    def __init__(self, port: int = 0, articles_file: Path = ARTICLES_FILE) -> None:
        self.outlet, self.articles = load_articles(articles_file)
        by_slug = {a.slug: a for a in self.articles}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                if path == "/feed.xml":
                    self._send(render_rss(server.outlet, server.base_url, server.articles),
                               "application/rss+xml; charset=utf-8")
                elif path.startswith("/articles/") and path.endswith(".html") and path[10:-5] in by_slug:
                    self._send(render_page(server.outlet, by_slug[path[10:-5]]), "text/html; charset=utf-8")
                else:
                    self.send_error(404)

            def _send(self, body: str, ctype: str) -> None:
                data = body.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def feed_url(self) -> str:
        return f"{self.base_url}/feed.xml"

    def write_feeds_file(self, path: Path) -> Path:
        """A feeds file for the producers with this server as the only feed (loopback allowed)."""
        doc = {
            "version": 1,
            "defaults": {"poll_interval": 60, "fulltext": True},
            "feeds": [{"name": "demo", "url": self.feed_url, "source": self.outlet,
                       "allow_networks": ["127.0.0.0/8"]}],
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        return path

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> DemoFeedServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
