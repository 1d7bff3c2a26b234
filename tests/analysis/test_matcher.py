from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mediamon.analysis.matcher import Matcher
from mediamon.analysis.normalize import normalize
from mediamon.analysis.rules import RuleSet, load_rules, load_rules_dir
from mediamon.settings import REPO_ROOT

MATCHER = Matcher(load_rules_dir(REPO_ROOT / "rules"))


def fired(text: str, rule: str) -> list[str]:
    norm = normalize(text)
    return [norm[m.start : m.end] for m in MATCHER.find(norm) if m.rule.id == rule]


@pytest.mark.parametrize(
    "text",
    [
        "وافق الطرفان على وقف إطلاق النار",
        "أُعلن وقفٌ فوريٌّ لإطلاقِ النار",
        "يسود وقف هش لإطلاق النار منذ أمس",
        "صمدت الهدنة أسبوعا",
        "والهدنة لم تصمد",
        "تمسك الوسطاء بالهدنة",
        "لوقف إطلاق نار شامل",
        "دعوة إلى وقف الأعمال العدائية",
        "وقـــف القتال في المدينة",
    ],
)
def test_ceasefire_phrasings(text: str) -> None:
    assert fired(text, "ceasefire")


@pytest.mark.parametrize(
    "text",
    [
        "تقرر إطلاق سراح الصحفيين",
        "أطلق الجيش صاروخا تجريبيا",
        "أطلقت البلدية حملة نظافة",
        "قررت الحكومة وقف الدعم عن الوقود",
        "وقف الطالب أمام اللجنة بثبات",
        "اتفق البلدان على هدنة تجارية مؤقتة",
    ],
)
def test_ceasefire_look_alikes(text: str) -> None:
    assert not fired(text, "ceasefire")


@pytest.mark.parametrize(
    "text",
    ["قتيل في انفجار", "سقط قتيلاً", "ارتفع عدد القتلى", "قتلوا في الهجوم", "أعلن مقتل قائد", "وللقتلى ذكرى"],
)
def test_inflections_of_killed(text: str) -> None:
    assert fired(text, "casualties")


@pytest.mark.parametrize(
    "text",
    [
        "ارتفعت الإصابات بكورونا إلى مئة",
        "تأكدت إصابة اللاعب في الكاحل",
        "قضينا المساء نقتل الوقت",
        "قتلوا الفكرة نقاشاً",
    ],
)
def test_casualty_look_alikes(text: str) -> None:
    assert not fired(text, "casualties")


def test_gap_is_bounded() -> None:
    assert fired("وقف فوري شامل لإطلاق النار", "ceasefire")
    assert not fired("وقف الرجل طويلا ثم غادر قبل سماع صوت إطلاق النار", "ceasefire")


def test_phrase_does_not_cross_a_sentence() -> None:
    assert not fired("قررت اللجنة وقف. إطلاق النار استمر", "ceasefire")


def test_explain_keeps_suppressed_matches() -> None:
    norm = normalize("قتل الوقت")
    matches = MATCHER.find(norm, keep_suppressed=True)
    assert matches and all(m.suppressed_by for m in matches)
    assert MATCHER.find(norm) == []


def test_words_inside_other_words_do_not_match() -> None:
    assert not fired("المهادنة سياسة قديمة", "ceasefire")
    assert not fired("دينار", "ceasefire")


def test_empty_rule_set() -> None:
    assert Matcher(RuleSet(())).find("هدنه") == []


MARKS = st.lists(st.sampled_from(list("\u064e\u064f\u0650\u0651\u0652\u064b\u0640")), max_size=2)
SENTENCES = st.sampled_from(
    [
        "أعلن الجيش وقف إطلاق النار بعد مقتل خمسة مدنيين",
        "صمدت الهدنة رغم إصابة ثلاثة أشخاص بجروح",
        "قتل الوقت ليس جريمة، والتهدئة مطلوبة",
        "فر آلاف السكان من منازلهم بعد القصف",
    ]
)


@settings(max_examples=200)
@given(SENTENCES, st.data())
def test_matches_invariant_under_diacritics_and_tatweel(sentence: str, data: st.DataObject) -> None:
    decorated = "".join(
        ch + ("".join(data.draw(MARKS)) if "\u0621" <= ch <= "\u064a" else "") for ch in sentence
    )
    plain = [(m.rule.id, m.pattern) for m in MATCHER.find(normalize(sentence))]
    marked = [(m.rule.id, m.pattern) for m in MATCHER.find(normalize(decorated))]
    assert plain == marked
    assert plain


@pytest.mark.parametrize("limit", [0, 1, 2, 3])
def test_limits_stop_a_rule_once_it_has_enough(limit: int) -> None:
    norm = normalize("قتل جندي. وقتل مدني. ثم قتل شرطي في الهجوم، وأصيب آخر")
    full = {rule.id: matches for rule, matches in MATCHER.find_by_rule(norm, keep_suppressed=True)}
    assert len(full["casualties"]) >= 3
    limited = {
        rule.id: matches
        for rule, matches in MATCHER.find_by_rule(norm, keep_suppressed=True, limits={"casualties": limit})
    }
    assert len(limited.get("casualties", [])) == min(limit, len(full["casualties"]))
    assert all(m.suppressed_by is None for m in limited.get("casualties", []))
    assert {k: v for k, v in limited.items() if k != "casualties"} == {
        k: v for k, v in full.items() if k != "casualties"
    }


def matcher_of(tmp_path: Path, patterns: list[str], exclusions: list[str]) -> Matcher:
    body = {
        "rules": [
            {
                "id": "r",
                "labels": {"ar": "ق", "en": "r"},
                "severity": "low",
                "patterns": patterns,
                "exclusions": exclusions,
            }
        ]
    }
    path = tmp_path / "r.yaml"
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    return Matcher(load_rules([path]))


def spans(matcher: Matcher, text: str, keep_suppressed: bool = False) -> list[tuple[str, str | None]]:
    norm = normalize(text)
    return [(norm[m.start : m.end], m.suppressed_by) for m in matcher.find(norm, keep_suppressed=keep_suppressed)]


def test_an_exclusion_is_tried_with_every_way_it_can_end(tmp_path: Path) -> None:
    # "إنذار ~3 حريق" first completes on the first حريق, which does not overlap the second one;
    # it also completes on the second, which does.
    matcher = matcher_of(tmp_path, ["حريق"], ["إنذار ~3 حريق"])
    assert spans(matcher, "دوى إنذار حريق ثم حريق في المبنى") == []
    assert spans(matcher, "إنذار حريق كاذب. ثم حريق في المبنى") == [("حريق", None)]  # another sentence


def test_an_exclusion_with_a_near_phrase_is_tried_at_every_end(tmp_path: Path) -> None:
    matcher = matcher_of(tmp_path, ["حريق"], [{"phrase": "إنذار ~3 حريق", "near": ["تدريب"], "window": 1}])
    # ending on the first حريق the near word is out of the window; ending on the second it is in
    assert spans(matcher, "إنذار حريق ثم حريق تدريب") == []


def test_an_optional_word(tmp_path: Path) -> None:
    matcher = matcher_of(tmp_path, ["قضى ~3 في? ~0 حريق|انفجار"], [])
    assert spans(matcher, "قضى أربعة عمال في حريق") == [(normalize("قضى اربعه عمال في حريق"), None)]
    assert spans(matcher, "قضى أربعة عمال بانفجار") == [(normalize("قضى اربعه عمال بانفجار"), None)]
    # without في the two gaps add up (3 + 0): at most three words between قضى and حريق
    assert spans(matcher, "قضى أربعة عمال مهرة حريق") == [(normalize("قضى اربعه عمال مهره حريق"), None)]
    assert spans(matcher, "قضى أربعة عمال مهرة جدا حريق") == []
    assert spans(matcher, "قضى أربعة عمال في المصنع") == []


def test_words_around_an_optional_word_are_all_needed(tmp_path: Path) -> None:
    # the old reading of "a ~1 b|c ~0 d" (all three words) stays when nothing is marked optional
    matcher = matcher_of(tmp_path, ["أجبر ~2 على|إلى ~0 النزوح"], [])
    assert spans(matcher, "أجبر القصف السكان على النزوح")
    assert spans(matcher, "أجبر القصف السكان النزوح") == []


def test_an_optional_word_in_an_exclusion(tmp_path: Path) -> None:
    matcher = matcher_of(tmp_path, ["حرب"], ["حرب ~0 على? ~0 الفساد"])
    assert spans(matcher, "حرب على الفساد") == []
    assert spans(matcher, "حرب الفساد") == []
    assert spans(matcher, "حرب في الجنوب") == [("حرب", None)]
