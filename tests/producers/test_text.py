from __future__ import annotations

from mediamon.producers.text import html_to_text, tidy_lines


def test_html_becomes_plain_text_lines() -> None:
    html = ("<div><h2>عنوان</h2><p>فقرة <b>أولى</b>&nbsp;هنا</p><script>var x = '<p>';</script>"
            "<style>p{}</style><p>فقرة&#x20;ثانية &amp; أخيرة</p></div>")
    assert html_to_text(html) == "عنوان\nفقرة أولى هنا\nفقرة ثانية & أخيرة"


def test_plain_text_is_tidied() -> None:
    assert tidy_lines("  سطر\t  أول \x07\n\n\nسطر ثان  ") == "سطر أول\nسطر ثان"
    assert html_to_text("بلا وسوم") == "بلا وسوم"


def test_unclosed_and_broken_markup() -> None:
    assert html_to_text("<p>نص <i>مائل<p>تال</b></div>") == "نص مائل\nتال"
    assert html_to_text("<script>never closed ذلك") == ""
