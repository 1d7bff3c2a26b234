from __future__ import annotations

import time

import pytest

from mediamon.producers.parse import FeedParseError, decode_document, parse_feed, strip_declarations
from tests.producers.samples import ARABIC, atom, rss1, rss2

LINK = "https://news.example/a/1"


def test_decoding_precedence() -> None:
    text = "وقف إطلاق النار"
    cp = text.encode("cp1256")
    assert decode_document(cp, None, None, "cp1256") == (text, "cp1256")  # nothing declared, not UTF-8
    assert decode_document(cp, "windows-1256", None, "utf-8") == (text, "cp1256")  # HTTP header
    declared = b'<?xml version="1.0" encoding="windows-1256"?>' + cp
    assert decode_document(declared, None, None, "utf-8")[1] == "cp1256"  # XML declaration
    assert decode_document(text.encode(), None, None, "cp1256") == (text, "utf-8")
    assert decode_document(cp, "utf-8", "windows-1256", "utf-8") == (text, "windows-1256")  # override wins
    lying = b'<?xml version="1.0" encoding="utf-8"?>' + cp  # declaration lies: fall back
    assert decode_document(lying, None, None, "cp1256")[1] == "cp1256"


def test_windows_1256_feed_with_override_against_a_wrong_header() -> None:
    body = rss2([(ARABIC[0], LINK)], encoding=None).encode("cp1256")
    parsed = parse_feed(body, "iso-8859-1", override="windows-1256")
    assert parsed.items[0].title == ARABIC[0].title


@pytest.mark.parametrize("builder", [rss2, rss1, atom])
def test_formats(builder: object) -> None:
    entries = [(ARABIC[0], LINK), (ARABIC[1], LINK + "2")]
    parsed = parse_feed(builder(entries).encode())  # type: ignore[operator]
    assert [(i.title, i.link, i.summary) for i in parsed.items] == [
        (ARABIC[0].title, LINK, ARABIC[0].summary), (ARABIC[1].title, LINK + "2", ARABIC[1].summary)
    ]
    assert not parsed.bozo


def test_declarations_are_stripped_even_when_nested_or_tricky() -> None:
    doc = '<!DOCTYPE rss [<!ENTITY a "]>"><!ENTITY b "x">]><rss>&a;&b;</rss>'
    stripped = strip_declarations(doc)
    assert "<!DOCTYPE" not in stripped.upper() and "<!ENTITY" not in stripped.upper()
    assert strip_declarations('<!DOCTYPE rss PUBLIC "-//N//DTD RSS 0.91//EN" "x.dtd"><rss/>') == "<rss/>"


def test_billion_laughs_is_inert_and_fast() -> None:
    levels = "".join(f'<!ENTITY l{i} "{(f"&l{i - 1};") * 10}">' for i in range(1, 12))
    doc = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "ha">{levels}]><rss version="2.0">'
           f"<channel><item><title>&l11;</title><link>{LINK}</link></item></channel></rss>")
    started = time.monotonic()
    parsed = parse_feed(doc.encode())
    assert time.monotonic() - started < 1
    assert parsed.items[0].title == "&l11;" and parsed.items[0].link == LINK


def test_html_in_titles_and_summaries_becomes_text() -> None:
    doc = rss2([(ARABIC[0], LINK)]).replace(
        "<description>&lt;p&gt;",
        "<description>&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;عاجل&lt;/b&gt; ", 1)
    item = parse_feed(doc.encode()).items[0]
    assert item.summary.startswith("عاجل") and "<" not in item.summary and "alert" not in item.summary


@pytest.mark.parametrize("body", [b"", b"\x00\x01\xff", b"<html><body>x</body></html>", b"{\"json\": 1}"])
def test_not_a_feed(body: bytes) -> None:
    with pytest.raises(FeedParseError) as caught:
        parse_feed(body)
    assert caught.value.reason == "not_a_feed"


def test_one_stray_byte_keeps_the_declared_utf8() -> None:
    text = "وقف إطلاق النار في غزة " * 20
    data = text.encode()
    broken = data[:100] + b"\xff" + data[100:]
    for header, body in ((None, broken), ("utf-8", broken),
                         (None, b'<?xml version="1.0" encoding="utf-8"?>' + broken)):
        decoded, encoding = decode_document(body, header, None, "cp1256")
        assert encoding == "utf-8" and decoded.count("\ufffd") == 1
        assert decoded.replace("\ufffd", "").endswith(text)
    # A genuine U+FFFD in the text is not a decoding error.
    assert decode_document("\ufffd".encode() * 10, None, None, "cp1256")[1] == "utf-8"


def test_broad_failure_falls_back() -> None:
    text = "وقف إطلاق النار في غزة " * 20
    lying = b'<?xml version="1.0" encoding="utf-8"?>' + text.encode("cp1256")
    decoded, encoding = decode_document(lying, "utf-8", None, "cp1256")
    assert encoding == "cp1256" and text in decoded


def test_stray_byte_feed_items_stay_arabic() -> None:
    body = rss2([(ARABIC[0], LINK), (ARABIC[1], LINK + "2")]).encode()
    at = body.index(ARABIC[1].title.encode()) + 2  # inside the second title's first letter
    parsed = parse_feed(body[:at] + b"\xff" + body[at:])
    assert parsed.encoding == "utf-8"
    assert parsed.items[0].title == ARABIC[0].title
    assert "\ufffd" in parsed.items[1].title and parsed.items[1].summary == ARABIC[1].summary


@pytest.mark.parametrize("unit", ["<!DOCTYPE[", "<!ENTITY a '", "<!DOCTYPE rss [<!ENTITY a '"])
def test_ten_mib_of_unterminated_declarations_is_refused_in_under_a_second(unit: str) -> None:
    feed = rss2([(ARABIC[0], LINK)])
    head, _, rest = feed.partition("\n")
    body = (head + "\n" + unit * (10 * 1024 * 1024 // len(unit)) + rest).encode()
    started = time.monotonic()
    with pytest.raises(FeedParseError) as caught:
        parse_feed(body)
    assert caught.value.reason == "doctype_refused"
    assert time.monotonic() - started < 1.0


def test_ten_mib_of_entity_openings_costs_under_a_second() -> None:
    # Ends at the first ">" outside quotes (the <rss ...> tag): one declaration, stripped in one scan.
    assert strip_declarations("<!ENTITY" * 1_300_000 + '<rss version="2.0">x') == "x"
    started = time.monotonic()
    strip_declarations("<!ENTITY" * 1_300_000 + '<rss version="2.0">x')
    assert time.monotonic() - started < 1.0


def test_many_closed_declarations_are_stripped_in_linear_time() -> None:
    doc = '<!DOCTYPE rss [<!ENTITY a "x">]>' * 200_000 + "<rss/>"  # 6.4 MB
    started = time.monotonic()
    assert strip_declarations(doc) == "<rss/>"
    assert time.monotonic() - started < 1.0


def test_references_to_impossible_code_points_become_replacement_characters() -> None:
    refs = "&#xD800; &#55296; &#x110000; &#0; &#x0627;"
    doc = rss2([(ARABIC[0], LINK)]).replace(ARABIC[0].title, f"{ARABIC[0].title} {refs}", 1)
    title = parse_feed(doc.encode()).items[0].title
    assert title == f"{ARABIC[0].title} \ufffd \ufffd \ufffd \ufffd ا"
    title.encode("utf-8")  # no lone surrogate survives
