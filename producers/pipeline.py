"""One poll of one feed: fetch, parse, turn new items into articles, queue them, then remember.

Order matters for exactly-once: an accepted article is queued in the state's outbox (durable, in the
same SQLite file) and leaves it only when the broker acknowledged it (:mod:`~mediamon.producers.kafka_out`);
a rejected item is marked seen only when the reason cannot change, or with the stamp of the policy that
decided it (:data:`REJECTION_POLICY`, the feed's languages and networks), so a fix or a new option judges
it again. The feed's validators are saved only when every new item of the document was settled, so a 304
can never hide an item.

Sizes are bounded before anything reaches Kafka: the title at :data:`MAX_TITLE_CHARS`, the summary at
:data:`MAX_SUMMARY_CHARS`, the text at :data:`MAX_TEXT_BYTES` of UTF-8 (cut at a line or word boundary,
counted as ``cut`` and said in the article's ``repairs``), the URL at :data:`~mediamon.schema.MAX_URL_CHARS`.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from dataclasses import dataclass

import httpx

from mediamon.analysis.language import detect_language
from mediamon.errors import BrokerUnavailable
from mediamon.ids import BadUrl, article_id, canonical_url
from mediamon.producers.config import FeedConfig, FeedsConfig
from mediamon.producers.fetch import FetchError, FetchResult, fetch
from mediamon.producers.fulltext import PageRefused, extract_main_text
from mediamon.producers.kafka_out import encode
from mediamon.producers.metrics import ProducerMetrics
from mediamon.producers.parse import FeedItem, FeedParseError, decode_document, parse_feed
from mediamon.producers.safety import ResolveFailed, UnsafeUrl, UrlPolicy
from mediamon.producers.state import Queued, StateStore
from mediamon.producers.summary import FeedSummary
from mediamon.schema import Article, TextSource, utcnow

log = logging.getLogger(__name__)

MAX_TITLE_CHARS = 1000
MAX_SUMMARY_CHARS = 4000
# 200 KiB of UTF-8 text (about 100 000 Arabic letters): longer texts are cut, and counted as ``cut``.
MAX_TEXT_BYTES = 200 * 1024
# Documents decoded and parsed, or pages extracted, at once, whatever the number of poll threads: each
# can take about 100 MB on a hostile 10 MiB document, so this bounds the producer's peak memory. The
# waiting (network) part of a poll is not limited by it.
HEAVY_SLOTS = 2
_heavy_slots = threading.BoundedSemaphore(HEAVY_SLOTS)
# Bump when the decoder or the language detector changes: items rejected under an older policy are judged
# again (an item rejected as Urdu because of a decoding bug is retried after the fix).
REJECTION_POLICY = "2"
# Rejections that no fix can change for the same URL: marked seen for good. (A URL refused by
# mediamon.ids, too long or malformed, has no id to remember; it is refused again, cheaply, each poll.)
FINAL_REJECTIONS = frozenset({"bad_scheme", "no_host", "credentials_in_url"})
# Rejections that are worth trying again at the next poll: never marked seen.
RETRY_REJECTIONS = frozenset({"encoding_error"})


def cut_text(text: str, max_bytes: int = MAX_TEXT_BYTES) -> tuple[str, bool]:
    """``text`` at most ``max_bytes`` of UTF-8, cut at the last line break (else space) in the final
    tenth; True if it was cut."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data) <= max_bytes:
        return text, False
    head = data[:max_bytes].decode("utf-8", "ignore")
    floor = len(head) * 9 // 10
    for sep in ("\n", " "):
        at = head.rfind(sep, floor)
        if at > 0:
            return head[:at].rstrip(), True
    return head, True


def policy_stamp(feed: FeedConfig) -> str:
    """What decided a revocable rejection: the code's policy version and the feed's options."""
    basis = f"{REJECTION_POLICY}|{sorted(feed.languages)}|{sorted(str(n) for n in feed.allow_networks)}"
    return hashlib.sha256(basis.encode()).hexdigest()[:12]


@dataclass
class Candidate:
    """A new item turned into an article, or rejected with a reason."""

    article: Article | None
    reject_reason: str | None = None
    transient_error: str | None = None
    cut: bool = False


class FeedPoller:
    """Polls one feed at a time; safe to use from several threads at once (one per feed)."""

    def __init__(
        self,
        config: FeedsConfig,
        client: httpx.Client,
        state: StateStore,
        metrics: ProducerMetrics,
        raw_topic: str,
        rejected_topic: str | None = None,
    ) -> None:
        self.config = config
        self.client = client
        self.state = state
        self.metrics = metrics
        self.raw_topic = raw_topic
        self.rejected_topic = rejected_topic
        # Ids some poll thread is working on: the same article in two feeds polled at once is built once.
        self._claims: set[str] = set()
        self._claims_lock = threading.Lock()

    def _claim(self, aid: str) -> bool:
        with self._claims_lock:
            if aid in self._claims:
                return False
            self._claims.add(aid)
            return True

    def _release(self, ids: set[str]) -> None:
        with self._claims_lock:
            self._claims -= ids

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
        try:
            with _heavy_slots:
                html, _ = decode_document(page.content, page.charset, None, feed.fallback_encoding)
                final_url = page.url
                del page  # the bytes are not needed once decoded
                text: str | None = extract_main_text(html, final_url, title)
            return text
        except PageRefused as exc:
            log.info("feed %s: article page %s not extracted (%s); falling back to summary", feed.name, link, exc)
            self.metrics.errors.labels(feed.name, f"page_{exc.reason}").inc()
            return None
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
        repairs: list[str] = []
        title = item.title[:MAX_TITLE_CHARS]
        if len(item.title) > MAX_TITLE_CHARS:
            repairs.append(f"title cut from {len(item.title)} to {MAX_TITLE_CHARS} characters by the producer")
        summary = (item.summary or item.content)[:MAX_SUMMARY_CHARS]
        feed_text = item.content if len(item.content) > len(item.summary) else item.summary
        page_text = self._page_text(feed, item.link, title, policy) if feed.fulltext else None
        full = page_text or feed_text or title
        text, cut = cut_text(full)
        if cut:
            repairs.append(f"text cut from {len(full.encode('utf-8', 'surrogatepass'))} to "
                           f"{len(text.encode())} bytes by the producer (limit {MAX_TEXT_BYTES})")
        source: TextSource = "fulltext" if page_text else "summary"
        if not title and not text:
            return Candidate(None, reject_reason="empty")
        language = detect_language(f"{title}\n{text}")
        article = Article(
            id=aid, url=canonical_url(item.link), source=feed.source, title=title, text=text,
            summary=summary, text_source=source, language=language, published=item.published,
            fetched=utcnow(), repairs=repairs,
        )
        if language not in feed.languages:
            if "\ufffd" in title or "\ufffd" in text:
                # Bytes the decoder could not read: the language call is not to be trusted, and the item
                # is tried again at the next poll, never dropped as "not Arabic".
                log.info("feed %s: %s has undecodable bytes (detected %s); not judged, retried later",
                         feed.name, item.link, language)
                return Candidate(article, reject_reason="encoding_error")
            log.debug("feed %s: %s rejected, language %s", feed.name, item.link, language)
            return Candidate(article, reject_reason=f"language:{language}", cut=cut)
        return Candidate(article, cut=cut)

    def _process_items(self, feed: FeedConfig, items: tuple[FeedItem, ...], summary: FeedSummary) -> bool:
        """Queue new articles, remember rejections; True when every new item was settled."""
        claimed: set[str] = set()
        try:
            return self._settle_items(feed, items, summary, claimed)
        finally:
            self._release(claimed)

    def _settle_items(
        self, feed: FeedConfig, items: tuple[FeedItem, ...], summary: FeedSummary, claimed: set[str]
    ) -> bool:
        policy = UrlPolicy(feed.allow_networks)
        stamp = policy_stamp(feed)
        queued: list[Queued] = []
        final: list[tuple[str, str, str]] = []
        revocable: list[tuple[str, str, str]] = []
        batch: set[str] = set()
        complete = True
        for item in items[: self.config.limits.max_items_per_feed]:
            if not item.link:
                summary.reject("no_link")
                continue
            try:
                aid = article_id(item.link)
            except BadUrl as exc:
                summary.reject(exc.reason)
                self.metrics.items.labels(feed.name, f"rejected:{exc.reason}").inc()
                log.info("feed %s: item link refused: %s", feed.name, exc)
                continue  # no id to remember it by; refused again, cheaply, at the next poll
            if aid in batch or not self._claim(aid):
                summary.already_seen += 1
                continue
            claimed.add(aid)
            if self.state.is_seen(aid, stamp):
                summary.already_seen += 1
                continue
            batch.add(aid)
            summary.new += 1
            candidate = self._candidate(feed, item, aid, policy)
            if candidate.cut:
                summary.cut += 1
                self.metrics.items.labels(feed.name, "cut").inc()
                log.info("feed %s: text of %s cut to %d bytes", feed.name, aid, MAX_TEXT_BYTES)
            reason = candidate.reject_reason
            if reason is not None:
                summary.reject(reason)
                self.metrics.items.labels(feed.name, f"rejected:{reason}").inc()
                entry = (aid, feed.name, f"rejected:{reason}")
                if reason in FINAL_REJECTIONS:
                    final.append(entry)
                elif reason in RETRY_REJECTIONS:
                    complete = False
                else:
                    revocable.append(entry)
                if candidate.article is not None and self.rejected_topic and reason not in RETRY_REJECTIONS:
                    queued.append(self._queued(candidate.article, feed, self.rejected_topic))
            elif candidate.article is not None:
                queued.append(self._queued(candidate.article, feed, self.raw_topic))
                summary.queued_ids.append(aid)
                summary.fulltext += candidate.article.text_source == "fulltext"
            else:
                summary.error("unresolvable", candidate.transient_error)
                complete = False
        self.state.enqueue(queued)
        self.state.mark_seen(final)
        self.state.mark_seen(revocable, policy=stamp)
        return complete

    @staticmethod
    def _queued(article: Article, feed: FeedConfig, topic: str) -> Queued:
        _key, value = encode(article)
        return Queued(article.id, topic, feed.name, value)

    # -- one poll ---------------------------------------------------------------------------------
    def poll(self, feed: FeedConfig) -> FeedSummary:
        summary = FeedSummary(feed.name)
        policy = UrlPolicy(feed.allow_networks)
        try:
            result = self._fetch(feed, feed.url, "feed", policy, conditional=True)
            if result.not_modified:
                summary.not_modified = True
            else:
                with _heavy_slots:
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
        except BrokerUnavailable:
            raise
        except Exception as exc:  # a bug on one hostile document must not stop the other feeds
            log.exception("feed %s: poll failed", feed.name)
            summary.error("internal", f"{type(exc).__name__}: {exc}")
        for reason, count in summary.errors.items():
            self.metrics.errors.labels(feed.name, reason).inc(count)
        if summary.errors:
            log.warning("feed %s: %s", feed.name, summary.error_detail)
        result_label = "error" if summary.errors else ("not_modified" if summary.not_modified else "ok")
        self.metrics.polls.labels(feed.name, result_label).inc()
        self.metrics.items.labels(feed.name, "already_seen").inc(summary.already_seen)
        self.state.record_poll(
            feed.name, seen=summary.seen, emitted=0, rejected=summary.rejected,
            error=summary.error_detail if summary.errors else None,
        )
        return summary
