"""Turn one raw message into an enriched article: decode, check, analyse, and encode within the size we produce.
No I/O here."""

from __future__ import annotations

from collections.abc import Callable

from mediamon.codec import decode
from mediamon.errors import PoisonMessage, TooLarge
from mediamon.ids import article_id
from mediamon.processors.decisions import background_facts
from mediamon.schema import Analysis, Article, Casualty, EnrichedArticle

Analyzer = Callable[[str, str, str], Analysis]

# What the engine reads of one article, and how many of each finding an article keeps: a dense but valid long
# text must not make a message Kafka refuses (issue 14). The full text is kept once, in the article itself.
MAX_ANALYZED_CHARS = 100_000
MAX_MATCHES_PER_ALERT = 20
MAX_CASUALTIES = 40
MAX_MENTIONS = 10
MAX_PLACES = 50


def decode_article(value: bytes | None, key: bytes | None = None) -> Article:
    """Parse a raw message; anything we cannot trust is a PoisonMessage with the reason."""
    article = decode(value, Article, "article")
    try:
        expected = article_id(article.url)
    except ValueError as exc:  # mediamon.ids.BadUrl: no canonical form (too long, malformed)
        raise PoisonMessage(f"url has no canonical form: {exc}") from exc
    if article.id != expected:
        raise PoisonMessage(f"article id {article.id} is not the hash of its canonical url")
    if key is not None and key != article.id.encode():
        raise PoisonMessage(f"message key {key[:80]!r} is not the article id {article.id}")
    return article


def bounded(analysis: Analysis) -> Analysis:
    """The analysis with every list capped (matches, facts, mentions, places)."""
    alerts = [a.model_copy(update={"matches": a.matches[:MAX_MATCHES_PER_ALERT]}) for a in analysis.alerts]
    facts: list[Casualty] = [c.model_copy(update={"mentions": c.mentions[:MAX_MENTIONS]})
                             for c in analysis.casualties[:MAX_CASUALTIES]]
    return analysis.model_copy(update={"alerts": alerts, "casualties": facts, "places": analysis.places[:MAX_PLACES]})


def enrich(value: bytes | None, analyzer: Analyzer, *, key: bytes | None = None,
           replay: bool = False) -> EnrichedArticle:
    article = decode_article(value, key)
    analysis = bounded(analyzer(article.id, article.title, article.text[:MAX_ANALYZED_CHARS]))
    background = background_facts(article.title, article.text, analysis.casualties,
                                  article.published or article.fetched)
    return EnrichedArticle.build(article, analysis, replay=replay, background=background)


def encode_bounded(article: EnrichedArticle, max_bytes: int) -> tuple[EnrichedArticle, bytes]:
    """The article as JSON within ``max_bytes``: when too big, its text is cut (and the cut recorded in
    ``repairs``); TooLarge when even that does not fit."""
    body = article.model_dump_json().encode()
    if len(body) <= max_bytes:
        return article, body
    excess = len(body) - max_bytes
    text = article.text.encode()
    keep = len(text) - excess - 1024
    if keep > 0:
        cut = text[:keep].decode("utf-8", "ignore")
        note = f"text cut from {len(article.text)} to {len(cut)} characters to fit the {max_bytes}-byte message limit"
        smaller = article.model_copy(update={"text": cut, "repairs": [*article.repairs, note]})
        body = smaller.model_dump_json().encode()
        if len(body) <= max_bytes:
            return smaller, body
    raise TooLarge(f"enriched article {article.id} is {len(body)} bytes even without its text "
                   f"(limit {max_bytes})")
