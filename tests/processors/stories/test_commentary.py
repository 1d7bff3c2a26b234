"""Opinion and analysis pieces (blind set 6): a column about truce talks is not a report of the talks."""

from __future__ import annotations

from mediamon.processors.stories import ArticleFeatures, StoryConfig, StoryIndex, assign
from mediamon.processors.stories.commentary import is_commentary
from tests.processors.stories.conftest import Make


def test_commentary_labels() -> None:
    assert is_commentary("رأي: لماذا تفشل كل جولة تفاوض؟", "")
    assert is_commentary("تحليل إخباري | ما الذي تريده إسرائيل من الهدنة؟", "")
    assert is_commentary("مقال - الهدنة التي لا تأتي", "")
    assert is_commentary("الهدنة التي لا تأتي | رأي", "")
    assert is_commentary("الهدنة التي لا تأتي (وجهة نظر)", "")
    assert is_commentary("الهدنة التي لا تأتي", "بقلم: سامر خليل\n\nكلما اقتربت المفاوضات من نهايتها")
    assert not is_commentary("تحليل عينات المياه بعد الفيضانات في درنة", "")  # a label stands apart
    assert not is_commentary("وفد حماس في القاهرة لبحث مقترح الهدنة", "")
    assert not is_commentary("مصادر: تقدم في محادثات الهدنة", "")  # "sources:" is a news label
    assert not is_commentary("استطلاع رأي: أغلبية تؤيد الهدنة", "")  # a poll is news


def test_features_keep_the_cue(make: Make) -> None:
    opinion = make("o", "2026-05-06T20:00:00+00:00", "رأي: هدنة القاهرة", "كلما اقتربت المفاوضات من نهايتها عادت.")
    assert opinion.commentary
    assert ArticleFeatures.from_dict(opinion.to_dict()) == opinion
    row = opinion.to_dict()
    del row["commentary"]  # a row stored before the field
    assert not ArticleFeatures.from_dict(row).commentary


TALKS_1 = (
    "2026-05-05T10:00:00+00:00",
    "وفد حماس يصل القاهرة لبحث مقترح هدنة في غزة",
    "وصل وفد من حركة حماس إلى القاهرة الثلاثاء لبحث مقترح مصري جديد لوقف إطلاق النار في غزة وتبادل الأسرى، "
    "يتضمن هدنة لمدة 60 يوما يفرج خلالها عن رهائن مقابل أسرى فلسطينيين.",
)
TALKS_2 = (
    "2026-05-06T09:00:00+00:00",
    "مصادر: تقدم في مفاوضات القاهرة بشأن هدنة غزة",
    "قالت مصادر مصرية إن محادثات وفد حماس في القاهرة حققت تقدما بشأن مقترح الهدنة في غزة، "
    "وإن المقترح المعدل يتضمن وقفا لإطلاق النار لمدة 60 يوما وتبادلا للأسرى.",
)
OPINION = (
    "2026-05-06T20:00:00+00:00",
    "رأي: لماذا تتعثر مفاوضات هدنة غزة في القاهرة كل مرة؟",
    "كلما اقتربت مفاوضات وقف إطلاق النار في غزة من نهايتها عادت إلى الصفر. فالوسطاء في القاهرة يعرضون هدنة "
    "لمدة 60 يوما وتبادلا للأسرى، وحماس تريد ضمانات لوقف الحرب لا يملك أحد أن يقدمها.",
)


def test_an_opinion_piece_stays_out_of_the_story_it_discusses(make: Make, config: StoryConfig) -> None:
    index = StoryIndex(config)
    first = assign(index, make("talks-1", *TALKS_1))
    assert assign(index, make("talks-2", *TALKS_2)) == first
    assert assign(index, make("opinion", *OPINION)) == "opinion"
