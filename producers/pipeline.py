"""One poll of one feed: fetch, parse, turn new items into articles, deliver, then remember.

Order matters for exactly-once: an id is marked seen only after the broker acknowledged its message
(or after it was rejected for good), and the feed's validators are saved only when every new item of
the document was settled, so a 304 can never hide an item that failed to reach Kafka.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import httpx

from mediamon.ids import article_id, canonical_url
from mediamon.producers.config import FeedConfig, FeedsConfig
from mediamon.producers.fetch import FetchError, FetchResult, fetch
from mediamon.producers.fulltext import extract_main_text
from mediamon.producers.kafka_out import ArticleWriter
from mediamon.producers.language import detect_language
from mediamon.producers.metrics import ProducerMetrics
from mediamon.producers.parse import FeedItem, FeedParseError, decode_document, parse_feed
from mediamon.producers.safety import ResolveFailed, UnsafeUrl, UrlPolicy
from mediamon.producers.state import StateStore
from mediamon.producers.summary import FeedSummary
from mediamon.schema import Article, TextSource, utcnow

log = logging.getLogger(__name__)

MAX_SUMMARY_CHARS = 4000
MAX_TEXT_CHARS = 200_000


@dataclass
class Candidate:
    """A new item turned into an article, or rejected with a reason."""

    article: Article | None
    reject_reason: str | None = None
    transient_error: str | None = None


class FeedPoller:
    def __init__(
        self,
        config: FeedsConfig,
        client: httpx.Client,
        state: StateStore,
        writer: ArticleWriter,
        metrics: ProducerMetrics,
        rejected_topic: str | None = None,
    ) -> None:
        self.config = config
        self.client = client
        self.state = state
        self.writer = writer
        self.metrics = metrics
        self.rejected_topic = rejected_topic

    # -- fetching ---------------------------------------------------------------------------------
    def _fetch(
        self, feed: FeedConfig, url: str, kind: str, policy: UrlPolicy, conditional: bool
    ) -> FetchResult:
        validators = self.state.validators(feed.name, url) if conditional else None
        started = time.monotonic()
        try:
            result = fetch(self.client, url, self.config.limits, policy, validators)
        finally:
            self.metrics.fetch_seconds.labels(feed.name, kind).observe(time.monotonic() - started)
        self.metrics.bytes.labels(feed.name, kind).inc(len(result.content))
        return result

    def _page_text(self, feed: FeedConfig, link: str, title: str, policy: UrlPolicy) -> str | None:
        try:
            page = self._fetch(feed, link, "page", policy, conditional=False)
        except (FetchError, UnsafeUrl, ResolveFailed) as exc:
            log.info("feed %s: article page %s not used (%s); falling back to summary", feed.name, link, exc)
            self.metrics.errors.labels(feed.name, "page_fetch").inc()
            return None
        html, _ = decode_document(page.content, page.charset, None, feed.fallback_encoding)
        try:
            return extract_main_text(html, page.url, title)
        except Exception as exc:  # trafilatura on hostile HTML: never let one page stop the feed
            log.warning("feed %s: extraction failed for %s: %s", feed.name, link, exc)
            return None

    # -- items ------------------------------------------------------------------------------------
    def _candidate(self, feed: FeedConfig, item: FeedItem, aid: str, policy: UrlPolicy) -> Candidate:
        try:
            policy.check(item.link)
        except UnsafeUrl as exc:
            return Candidate(None, reject_reason=exc.reason)
        except ResolveFailed as exc:
            return Candidate(None, transient_error=str(exc))
        summary = item.summary or item.content
        feed_text = item.content if len(item.content) > len(item.summary) else item.summary
        page_text = self._page_text(feed, item.link, item.title, policy) if feed.fulltext else None
        text = page_text or feed_text or item.title
        source: TextSource = "fulltext" if page_text else "summary"
        if not item.title and not text:
            return Candidate(None, reject_reason="empty")
        language = detect_language(f"{item.title}\n{text}")
        article = Article(
            id=aid, url=canonical_url(item.link), source=feed.source, title=item.title,
            text=text[:MAX_TEXT_CHARS], summary=summary[:MAX_SUMMARY_CHARS], text_source=source,
            language=language, published=item.published, fetched=utcnow(),
        )
        if language not in feed.languages:
            log.debug("feed %s: %s rejected, language %s", feed.name, item.link, language)
            return Candidate(article, reject_reason=f"language:{language}")
        return Candidate(article)

    def _settle(self, feed: FeedConfig, summary: FeedSummary, articles: list[Article]) -> bool:
        """Deliver; mark acknowledged ids seen. True when every article was acknowledged."""
        if not articles:
            return True
        deliveries = self.writer.deliver(articles)
        acked = [d.article_id for d in deliveries if d.ok]
        self.state.mark_seen((aid, feed.name, "emitted") for aid in acked)
        by_id = {a.id: a for a in articles}
        for delivery in deliveries:
            if delivery.ok:
                summary.emitted += 1
                summary.emitted_ids.append(delivery.article_id)
                summary.fulltext += by_id[delivery.article_id].text_source == "fulltext"
                self.metrics.items.labels(feed.name, "emitted").inc()
            else:
                summary.error("delivery", f"article {delivery.article_id}: {delivery.error}")
                self.metrics.errors.labels(feed.name, "delivery").inc()
        return len(acked) == len(articles)

    def _process_items(self, feed: FeedConfig, items: tuple[FeedItem, ...], summary: FeedSummary) -> bool:
        policy = UrlPolicy(feed.allow_networks)
        articles: list[Article] = []
        rejected: list[tuple[str, str, str]] = []
        rejected_articles: list[Article] = []
        batch: set[str] = set()
        complete = True
        for item in items[: self.config.limits.max_items_per_feed]:
            if not item.link:
                summary.reject("no_link")
                continue
            aid = article_id(item.link)
            if aid in batch or self.state.is_seen(aid):
                summary.already_seen += 1
                continue
            batch.add(aid)
            summary.new += 1
            candidate = self._candidate(feed, item, aid, policy)
            if candidate.reject_reason is not None:
                summary.reject(candidate.reject_reason)
                self.metrics.items.labels(feed.name, f"rejected:{candidate.reject_reason}").inc()
                rejected.append((aid, feed.name, f"rejected:{candidate.reject_reason}"))
                if candidate.article is not None:
                    rejected_articles.append(candidate.article)
            elif candidate.article is not None:
                articles.append(candidate.article)
            else:
                summary.error("unresolvable", candidate.transient_error)
                complete = False
        self._audit_rejected(feed, rejected_articles)
        self.state.mark_seen(rejected)
        return self._settle(feed, summary, articles) and complete

    def _audit_rejected(self, feed: FeedConfig, articles: list[Article]) -> None:
        """Best effort: rejected items on the optional rejected topic, for auditing the filters."""
        if not self.rejected_topic or not articles:
            return
        for delivery in self.writer.deliver(articles, topic=self.rejected_topic):
            if not delivery.ok:
                self.metrics.errors.labels(feed.name, "rejected_topic").inc()

    # -- one poll ---------------------------------------------------------------------------------
    def poll(self, feed: FeedConfig) -> FeedSummary:
        summary = FeedSummary(feed.name)
        policy = UrlPolicy(feed.allow_networks)
        try:
            result = self._fetch(feed, feed.url, "feed", policy, conditional=True)
            if result.not_modified:
                summary.not_modified = True
            else:
                parsed = parse_feed(result.content, result.charset, feed.encoding, feed.fallback_encoding)
                summary.seen = len(parsed.items)
                if parsed.bozo:
                    log.info("feed %s: not well-formed (%s); kept %d items",
                             feed.name, parsed.bozo_reason, len(parsed.items))
                if self._process_items(feed, parsed.items, summary):
                    self.state.save_validators(feed.name, feed.url, result.validators)
        except (FetchError, UnsafeUrl, FeedParseError) as exc:
            summary.error(exc.reason, str(exc))
        except ResolveFailed as exc:
            summary.error("unresolvable", str(exc))
        for reason, count in summary.errors.items():
            if reason not in ("delivery",):
                self.metrics.errors.labels(feed.name, reason).inc(count)
        if summary.errors:
            log.warning("feed %s: %s", feed.name, summary.error_detail)
        result_label = "error" if summary.errors else ("not_modified" if summary.not_modified else "ok")
        self.metrics.polls.labels(feed.name, result_label).inc()
        self.metrics.items.labels(feed.name, "already_seen").inc(summary.already_seen)
        self.state.record_poll(
            feed.name, seen=summary.seen, emitted=summary.emitted, rejected=summary.rejected,
            error=summary.error_detail if summary.errors else None,
        )
        return summary
