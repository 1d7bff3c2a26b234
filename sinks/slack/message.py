"""An alert event as a Slack message: Block Kit blocks and the ``text`` fallback. Pure.

Layout (docs/slack.md): a title section (kind, severity, the linked headline), a details section (rules,
phrases, figures, the change for updates, where), an outlets section ("reported by N outlets" with links), and a
context line with the Kibana link. Every Arabic line starts with RLM; Latin runs, digits next to Arabic and URLs
are isolated (LRI…PDI); ``& < >`` are escaped. Slack's limits hold: at most 50 blocks, 3,000 characters per
section text; what is cut ends with an ellipsis and the links stay.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mediamon.schema import AlertEvent, Figure, FigureChange, Spike
from mediamon.sinks.slack.bidi import RLM, clean, cut, escape, isolate_latin, ltr, mrkdwn_link
from mediamon.sinks.slack.kibana import story_url
from mediamon.sinks.slack.words import (
    KIND_AR,
    KIND_EN,
    NOUNS,
    OUTLETS,
    QUALIFIER_AR,
    REPORTS,
    SEVERITY_AR,
    SEVERITY_ICON,
    agree,
    count_en,
    country_ar,
    figure_en,
    figure_parts_ar,
)

MAX_BLOCKS = 50
MAX_SECTION_CHARS = 3000
MAX_LINE_CHARS = 1000  # one line of details (a long list of phrases or places) before it is cut
MAX_FALLBACK_CHARS = 300  # the notification text: a phone shows its first line or two
MAX_PHRASES = 12
MAX_URL_IN_LINK = 2000  # a longer headline URL is dropped from the title (the Kibana link stays)

Block = dict[str, Any]


@dataclass(frozen=True)
class MessageOptions:
    kibana_url: str = "http://127.0.0.1:5601"
    kibana_data_view: str = ""
    max_outlets: int = 8


@dataclass(frozen=True)
class Message:
    text: str
    blocks: list[Block]

    def payload(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": self.blocks}


def build_message(alert: AlertEvent, options: MessageOptions | None = None) -> Message:
    opts = options or MessageOptions()
    blocks = [_title(alert)]
    details = _spike_lines(alert.spike) if alert.spike is not None else _detail_lines(alert)
    if details:
        blocks.append(_section(details))
    if alert.outlets:
        blocks.append(_section([_outlets_line(alert, opts.max_outlets)]))
    blocks.append(_context(alert, opts))
    return Message(text=_fallback(alert), blocks=blocks[:MAX_BLOCKS])


# -- the blocks -----------------------------------------------------------------------------------------------


def _section(lines: list[str]) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _fit_lines(lines, MAX_SECTION_CHARS)}}


def _fit_lines(lines: list[str], limit: int) -> str:
    """Whole lines while they fit; then an ellipsis line. A line too long on its own is cut."""
    lines = [cut(line, MAX_LINE_CHARS) for line in lines]
    text = "\n".join(lines)
    while len(text) > limit and len(lines) > 1:
        lines = lines[:-1]
        text = "\n".join([*lines, f"{RLM}…"])
    return cut(text, limit)


def _title(alert: AlertEvent) -> Block:
    sev = alert.severity
    first = f"{RLM}{SEVERITY_ICON[sev]} *{KIND_AR[alert.kind]}* · {ltr(KIND_EN[alert.kind])}"
    if alert.resurgence:
        first += f" · عودة القصة · {ltr('resurgence')}"
    first += f" — الخطورة: {SEVERITY_AR[sev]} · {ltr(sev)}"
    if alert.replay:
        first += f" · إعادة تشغيل · {ltr('replay')}"
    headline = clean(alert.headline) or "(بلا عنوان)"
    url = alert.headline_url if len(alert.headline_url) <= MAX_URL_IN_LINK else ""
    overhead = len(first) + len(url) + 8  # "\n", RLM, "<", "|", ">" and the cut's marks
    label = cut(escape(isolate_latin(headline)), MAX_SECTION_CHARS - overhead)
    second = f"{RLM}{mrkdwn_link(url, label)}" if url else f"{RLM}{label}"
    return {"type": "section", "text": {"type": "mrkdwn", "text": f"{first}\n{second}"}}


def _detail_lines(alert: AlertEvent) -> list[str]:
    lines: list[str] = []
    if alert.rules:
        rules = "، ".join(f"{escape(r.label_ar)} {ltr('(' + escape(r.label_en) + ')')}" for r in alert.rules)
        lines.append(f"{RLM}القواعد · {ltr('Rules')}: {rules}")
    new_rules = [r for r in alert.rules if r.rule in set(alert.new_rules)]
    if alert.kind == "update" and new_rules:
        names = "، ".join(f"{escape(r.label_ar)} {ltr('(' + escape(r.label_en) + ')')}" for r in new_rules)
        lines.append(f"{RLM}🆕 قاعدة جديدة · {ltr('New rule')}: {names}")
    if alert.changes:
        lines.append(f"{RLM}التغيير · {ltr('Change')}:")
        lines += [_change_line(change) for change in alert.changes]
    if alert.figures:
        lines.append(f"{RLM}الحصيلة · {ltr('Toll')}:")
        lines += [f"{RLM}• {_figure_ar(f)} · {ltr(escape(figure_en(f)))}" for f in alert.figures]
    if alert.matches:
        phrases = " · ".join(f"«{escape(isolate_latin(clean(m)))}»" for m in alert.matches[:MAX_PHRASES])
        more = len(alert.matches) - MAX_PHRASES
        lines.append(f"{RLM}العبارات · {ltr('Matched')}: {phrases}" + (f" · +{ltr(str(more))}" if more > 0 else ""))
    where = _where(alert)
    if where:
        lines.append(f"{RLM}المكان · {ltr('Where')}: {where}")
    return lines


def _figure_ar(figure: Figure) -> str:
    qualifier, number, noun = figure_parts_ar(figure)
    return " ".join(part for part in (qualifier, ltr(number), noun) if part)


def _count_ar(figure: Figure | None) -> str:
    if figure is None or figure.count is None:
        return "؟"
    return " ".join(part for part in (QUALIFIER_AR[figure.qualifier], ltr(str(figure.count))) if part)


def _change_line(change: FigureChange) -> str:
    noun = NOUNS[change.kind]
    english = _change_en(change)
    if change.before is None:
        arabic = f"{noun.definite}: {_count_ar(change.after)} (جديد)"
    else:
        arabic = f"{noun.definite}: من {_count_ar(change.before)} إلى {_count_ar(change.after)}"
    return f"{RLM}• {arabic} · {ltr(escape(english))}"


def _change_en(change: FigureChange) -> str:
    """``32 → about 100 killed``; a first figure of its kind: ``more than 200 injured (new)``."""
    if change.before is None:
        return f"{figure_en(change.after)} (new)"
    return f"{count_en(change.before)} → {count_en(change.after)} {NOUNS[change.kind].english}"


def _where(alert: AlertEvent) -> str:
    countries = [f"{escape(country_ar(c))} {ltr('(' + escape(c) + ')')}" if country_ar(c) != c else ltr(escape(c))
                 for c in alert.countries]
    places = [escape(isolate_latin(clean(p))) for p in alert.places]
    return " — ".join(part for part in ("، ".join(countries), "، ".join(places)) if part)


def _outlets_line(alert: AlertEvent, max_shown: int) -> str:
    first_by_source: dict[str, str] = {}
    for outlet in alert.outlets:
        first_by_source.setdefault(outlet.source, outlet.url)
    n = len(first_by_source)
    number, noun = agree(OUTLETS, n)
    arabic = f"تنقله {ltr(number)} {noun}" if number else f"تنقله {noun}"
    english = f"reported by {n} outlet{'s' if n != 1 else ''}"
    links = [ltr(mrkdwn_link(url, escape(clean(source)))) for source, url in list(first_by_source.items())[:max_shown]]
    more = n - max_shown
    tail = f" · +{ltr(str(more))}" if more > 0 else ""
    return f"{RLM}{arabic} · {ltr(english)}: {' · '.join(links)}{tail}"


def _spike_lines(spike: Spike) -> list[str]:
    english = (f"{spike.dimension} {spike.value}: {spike.count} in the window, baseline {spike.baseline:.1f}, "
               f"×{spike.factor:.1f}")
    lines = [f"{RLM}{ltr(escape(english))}"]
    for story in spike.top_stories:
        number, noun = agree(REPORTS, story.size)
        size = f"{ltr(number)} {noun}" if number else noun
        lines.append(f"{RLM}• {escape(isolate_latin(clean(story.headline)))} ({size})")
    return lines


def _context(alert: AlertEvent, opts: MessageOptions) -> Block:
    url = story_url(opts.kibana_url, alert.story_id, alert.event_time, data_view=opts.kibana_data_view)
    link = mrkdwn_link(url, f"القصة في {ltr('Kibana')} · {ltr('story in Kibana')}")
    when = alert.event_time.strftime("%Y-%m-%d %H:%M UTC")
    text = f"{RLM}{link} · {ltr(when)} · {ltr('story ' + escape(alert.story_id[:12]))}"
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def _fallback(alert: AlertEvent) -> str:
    """The notification: kind, headline, the first figure; short, escaped, RLM first."""
    parts = [f"{SEVERITY_ICON[alert.severity]} {KIND_AR[alert.kind]} · {ltr(KIND_EN[alert.kind])}"]
    if alert.headline:
        parts.append(escape(isolate_latin(clean(alert.headline))))
    if alert.changes:
        parts.append(ltr(escape(_change_en(alert.changes[0]))))
    elif alert.figures:
        parts.append(ltr(escape(figure_en(alert.figures[0]))))
    return cut(RLM + " — ".join(parts), MAX_FALLBACK_CHARS)
