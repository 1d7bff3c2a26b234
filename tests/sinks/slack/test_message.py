"""The Block Kit message, exactly: blocks, RTL marks, isolates, escaping, figures, links; and Slack's limits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mediamon.schema import AlertEvent, Figure
from mediamon.sinks.slack.bidi import ELLIPSIS, LRI, PDI, RLM, cut, escape, isolate_latin, mrkdwn_link
from mediamon.sinks.slack.message import MAX_BLOCKS, MAX_SECTION_CHARS, MessageOptions, build_message
from mediamon.sinks.slack.plaintext import render
from mediamon.sinks.slack.words import OUTLETS, agree, figure_en, figure_parts_ar

DATA = Path(__file__).parent / "data"
OPTS = MessageOptions(kibana_url="https://kibana.example.org/")


def _alert(name: str, **changes: object) -> AlertEvent:
    alert = AlertEvent.model_validate_json((DATA / name).read_text("utf-8"))
    return alert.model_copy(update=changes) if changes else alert


def L(text: str) -> str:
    return f"{LRI}{text}{PDI}"


KIBANA_NEW = ("https://kibana.example.org/app/discover#/?_g=(time:(from:'2023-09-19T10:00:00Z',to:now))&amp;"
              "_a=(query:(language:kuery,query:'story_id:%228c1f0e5a9b7d4c3e2f1a0b9c8d7e6f5a%22'))")
KIBANA_UPDATE = KIBANA_NEW.replace("2023-09-19T10:00:00Z", "2023-09-20T08:30:00Z")


def test_new_story_payload_exactly() -> None:
    payload = build_message(_alert("alert_new.json"), OPTS).payload()
    assert payload == {
        "text": f"{RLM}🟠 خبر جديد · {L('New story')} — مقتل {L('32')} شخصاً وإصابة أكثر من {L('200')} في قصف على "
                f"مدينة &amp; &lt;ريف&gt; {L('UN')} — {L('32 killed')}",
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text":
                f"{RLM}🟠 *خبر جديد* · {L('New story')} — الخطورة: عالية · {L('high')}\n"
                f"{RLM}<https://example.org/news?id=1&amp;lang=ar|مقتل {L('32')} شخصاً وإصابة أكثر من {L('200')} "
                f"في قصف على مدينة &amp; &lt;ريف&gt; {L('UN')}>"}},
            {"type": "section", "text": {"type": "mrkdwn", "text": "\n".join([
                f"{RLM}القواعد · {L('Rules')}: وقف إطلاق النار {L('(Ceasefire)')}، ضحايا {L('(Casualties)')}",
                f"{RLM}الحصيلة · {L('Toll')}:",
                f"{RLM}• {L('32')} قتيلاً · {L('32 killed')}",
                f"{RLM}• أكثر من {L('200')} جريح · {L('more than 200 injured')}",
                f"{RLM}العبارات · {L('Matched')}: «وقفًا لإطلاق النار» · «{L('32')} قتيلاً»",
                f"{RLM}المكان · {L('Where')}: السودان {L('(SD)')} — الخرطوم",
            ])}},
            {"type": "section", "text": {"type": "mrkdwn", "text":
                f"{RLM}تنقله وسيلتا إعلام · {L('reported by 2 outlets')}: "
                f"{L('<https://aljazeera.net/a|aljazeera>')} · {L('<https://alarabiya.net/b|alarabiya>')}"}},
            {"type": "context", "elements": [{"type": "mrkdwn", "text":
                f"{RLM}<{KIBANA_NEW}|القصة في {L('Kibana')} · {L('story in Kibana')}> · "
                f"{L('2023-09-20 10:00 UTC')} · {L('story 8c1f0e5a9b7d')}"}]},
        ],
    }


def test_update_payload_exactly() -> None:
    payload = build_message(_alert("alert_update.json"), OPTS).payload()
    assert payload == {
        "text": f"{RLM}🔴 تحديث · {L('Update')} — ارتفاع حصيلة القتلى إلى نحو {L('100')} في غارات على "
                f"&lt;الخرطوم&gt; — {L('32 → about 100 killed')}",
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text":
                f"{RLM}🔴 *تحديث* · {L('Update')} — الخطورة: حرجة · {L('critical')}\n"
                f"{RLM}<https://example.org/news/2|ارتفاع حصيلة القتلى إلى نحو {L('100')} في غارات على "
                f"&lt;الخرطوم&gt;>"}},
            {"type": "section", "text": {"type": "mrkdwn", "text": "\n".join([
                f"{RLM}القواعد · {L('Rules')}: وقف إطلاق النار {L('(Ceasefire)')}، ضحايا {L('(Casualties)')}",
                f"{RLM}🆕 قاعدة جديدة · {L('New rule')}: ضحايا {L('(Casualties)')}",
                f"{RLM}التغيير · {L('Change')}:",
                f"{RLM}• القتلى: من {L('32')} إلى نحو {L('100')} · {L('32 → about 100 killed')}",
                f"{RLM}الحصيلة · {L('Toll')}:",
                f"{RLM}• نحو {L('100')} قتيل · {L('about 100 killed')}",
                f"{RLM}العبارات · {L('Matched')}: «نحو {L('100')} قتيل»",
                f"{RLM}المكان · {L('Where')}: السودان {L('(SD)')} — الخرطوم، أم درمان",
            ])}},
            {"type": "section", "text": {"type": "mrkdwn", "text":  # two outlets: aljazeera's first link, bbc
                f"{RLM}تنقله وسيلتا إعلام · {L('reported by 2 outlets')}: "
                f"{L('<https://aljazeera.net/a|aljazeera>')} · {L('<https://bbc.com/arabic/x?a=1&amp;b=2|bbc>')}"}},
            {"type": "context", "elements": [{"type": "mrkdwn", "text":
                f"{RLM}<{KIBANA_UPDATE}|القصة في {L('Kibana')} · {L('story in Kibana')}> · "
                f"{L('2023-09-21 08:30 UTC')} · {L('story 8c1f0e5a9b7d')}"}]},
        ],
    }


@pytest.mark.parametrize(("kind", "count", "qualifier", "arabic", "english"), [
    ("injured", 200, "more_than", "أكثر من 200 جريح", "more than 200 injured"),
    ("killed", 32, "exact", "32 قتيلاً", "32 killed"),
    ("killed", 5, "at_least", "ما لا يقل عن 5 قتلى", "at least 5 killed"),
    ("killed", 1, "exact", "قتيل واحد", "1 killed"),
    ("killed", 2, "exact", "قتيلان", "2 killed"),
    ("killed", 1500, "about", "نحو 1500 قتيل", "about 1,500 killed"),
    ("killed", 103, "exact", "103 قتلى", "103 killed"),
    ("killed_or_injured", 13, "exact", "13 بين قتيل وجريح", "13 killed or injured"),
    ("displaced", None, "vague", "عدد غير محدد من النازحين", "an unknown number displaced"),
])
def test_figures_read_as_a_reader_expects(kind: str, count: int | None, qualifier: str, arabic: str,
                                          english: str) -> None:
    figure = Figure.model_validate({"kind": kind, "count": count, "qualifier": qualifier})
    assert " ".join(p for p in figure_parts_ar(figure) if p) == arabic
    assert figure_en(figure) == english


def test_outlet_counts_agree() -> None:
    assert agree(OUTLETS, 1) == ("", "وسيلة إعلام واحدة")
    assert agree(OUTLETS, 5) == ("5", "وسائل إعلام")
    assert agree(OUTLETS, 12) == ("12", "وسيلة إعلام")


def test_escaping_isolates_and_links() -> None:
    assert escape("a & <b> c") == "a &amp; &lt;b&gt; c"
    assert isolate_latin("قصف في Gaza قتل 5") == f"قصف في {L('Gaza')} قتل {L('5')}"
    assert mrkdwn_link("javascript:alert(1)", "x") == "x"  # only http(s) becomes a link
    assert mrkdwn_link("https://e.org/a|b>c", "t") == "<https://e.org/a%7Cb%3Ec|t>"
    # Bidi controls in the input are dropped: they would unbalance ours.
    alert = _alert("alert_new.json", headline=f"{LRI}{LRI}عنوان\u202e مقلوب")
    title = build_message(alert, OPTS).blocks[0]["text"]["text"]
    assert "\u202e" not in title and title.count(LRI) == title.count(PDI)


def test_cut_never_breaks_an_entity_an_isolate_or_a_link() -> None:
    assert cut("abc &amp; def", 7) == "abc " + ELLIPSIS
    text = f"{RLM}عدد {L('1234567')}"
    out = cut(text, 9)
    assert out.endswith(ELLIPSIS) and out.count(LRI) == out.count(PDI) and len(out) <= 9
    assert cut("see <https://x.org/long|label> now", 15) == "see " + ELLIPSIS


def test_a_huge_alert_stays_within_slack_limits_and_keeps_the_links() -> None:
    alert = _alert(
        "alert_new.json",
        headline="خبر " * 2000,
        matches=[f"عبارة {i} " * 30 for i in range(200)],
        places=[f"مكان {i}" for i in range(500)],
        outlets=_alert("alert_new.json").outlets * 40,
    )
    message = build_message(alert, OPTS)
    assert len(message.blocks) <= MAX_BLOCKS
    for block in message.blocks:
        text = block["text"]["text"] if "text" in block else block["elements"][0]["text"]
        assert len(text) <= MAX_SECTION_CHARS
        assert text.count(LRI) == text.count(PDI)
    title = message.blocks[0]["text"]["text"]
    assert title.startswith(RLM) and "<https://example.org/news?id=1&amp;lang=ar|" in title
    assert title.endswith(f"{ELLIPSIS}>")  # cut inside the link label: the link stays
    assert ELLIPSIS in message.blocks[1]["text"]["text"]
    assert "https://kibana.example.org/app/discover" in message.blocks[-1]["elements"][0]["text"]
    assert len(message.text) <= 300 and message.text.startswith(RLM)
    assert json.dumps(message.payload(), ensure_ascii=False)  # serialisable


def test_a_headline_url_too_long_for_a_link_is_dropped_not_the_message() -> None:
    alert = _alert("alert_new.json", headline_url="https://example.org/" + "a" * 4000)
    message = build_message(alert, OPTS)
    assert "example.org/aaaa" not in message.blocks[0]["text"]["text"]
    assert "kibana.example.org" in message.blocks[-1]["elements"][0]["text"]


def test_spike_and_replay_render() -> None:
    spike = {"dimension": "country", "value": "SD", "window_start": "2023-09-20T10:00:00Z",
             "window_end": "2023-09-20T11:00:00Z", "count": 30, "baseline": 2.5, "factor": 12.0,
             "top_stories": [{"story_id": "s1", "headline": "قصف <عنيف>", "size": 12}]}
    alert = AlertEvent.model_validate({**_alert("alert_new.json").model_dump(), "kind": "spike", "replay": True,
                                       "spike": spike})
    text = render(build_message(alert, OPTS).payload())
    assert "ارتفاع مفاجئ · Spike" in text and "replay" in text
    assert "country SD: 30 in the window, baseline 2.5, ×12.0" in text
    assert "قصف <عنيف> (12 تقريراً)" in text


def test_plain_text_rendering_for_preview() -> None:
    text = render(build_message(_alert("alert_new.json"), OPTS).payload())
    lines = text.splitlines()
    assert lines[0] == "🟠 خبر جديد · New story — الخطورة: عالية · high"
    assert lines[1] == ("مقتل 32 شخصاً وإصابة أكثر من 200 في قصف على مدينة & <ريف> UN "
                        "(https://example.org/news?id=1&lang=ar)")
    assert "أكثر من 200 جريح · more than 200 injured" in text
    marked = render(build_message(_alert("alert_new.json"), OPTS).payload(), show_marks=True)
    assert marked.startswith("[RLM]🟠") and "[LRI]32 killed[PDI]" in marked


def test_a_first_figure_of_its_kind_in_an_update_reads_as_new() -> None:
    change = {"kind": "injured", "before": None, "after": {"kind": "injured", "count": 200, "qualifier": "more_than"}}
    alert = _alert("alert_update.json", changes=[])
    alert = AlertEvent.model_validate({**alert.model_dump(), "changes": [change]})
    details = build_message(alert, OPTS).blocks[1]["text"]["text"]
    assert f"{RLM}• الجرحى: أكثر من {L('200')} (جديد) · {L('more than 200 injured (new)')}" in details.splitlines()


def test_a_real_seed_update_from_the_story_decisions() -> None:
    """The 2023 seed story's update as the processor's decisions raise it (generated from the five seeds)."""
    alert = _alert("seed_update_2023.json")
    message = build_message(alert, OPTS)
    text = render(message.payload())
    assert "القتلى: من 4 إلى نحو 100 · 4 → about 100 killed" in text
    assert "الجرحى: أكثر من 200 (جديد) · more than 200 injured (new)" in text
    assert "تنقله 3 وسائل إعلام · reported by 3 outlets" in text
    for block in message.blocks:
        body = block["text"]["text"] if "text" in block else block["elements"][0]["text"]
        assert len(body) <= MAX_SECTION_CHARS and body.count(LRI) == body.count(PDI)
        assert all(line.startswith(RLM) for line in body.splitlines())
