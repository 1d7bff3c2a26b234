from pathlib import Path

import pytest

from mediamon.analysis.rules import load_rules, load_rules_dir, parse_phrase, parse_term, phrase_variants
from mediamon.errors import ConfigError
from mediamon.settings import REPO_ROOT

GOOD = """
sets:
  truce: [هدنة, تهدئة]
rules:
  - id: truce
    labels: {ar: هدنة, en: Truce}
    severity: high
    patterns: ["@truce", "وقف ~2 إطلاق النار"]
    exclusions: [{phrase: "هدنة تجارية", near: ["تجارة"], window: 3}]
"""


def write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_default_rules_load_and_include_the_required_alerts() -> None:
    rules = load_rules_dir(REPO_ROOT / "rules")
    ids = {r.id for r in rules.alerts}
    assert {"ceasefire", "casualties", "displacement", "airstrikes", "hostages", "protests"} <= ids
    assert {"armed_conflict", "diplomacy", "humanitarian", "domestic_politics", "economy"} <= {
        r.id for r in rules.rules if r.kind == "topic"
    }


def test_good_file_parses_sets_gaps_and_near(tmp_path: Path) -> None:
    rule = load_rules([write(tmp_path, "a.yaml", GOOD)]).get("truce")
    first, second = rule.patterns
    assert {t.text for t in first.phrase.slots[0].terms} == {"هدنه", "تهديه"}
    assert [s.gap_before for s in second.phrase.slots] == [0, 2, 0]
    assert second.phrase.slots[2].terms[0].text == "نار"  # the article is dropped
    assert rule.exclusions[0].window == 3


def test_terms() -> None:
    assert parse_term("قتل*").stem
    assert parse_term("=الان").text == "الان"
    assert parse_term("=الان").exact
    with pytest.raises(ValueError):
        parse_term("*")
    with pytest.raises(ValueError):
        parse_term("two words")


@pytest.mark.parametrize(
    "phrase",
    [
        *("~2 وقف", "وقف ~2", "وقف ~9 نار", "وقف ~1 ~1 نار", "a||b", "@nosuch"),
        *("وقف? نار", "وقف نار?", "وقف ?", "وقف ~1? نار"),  # optional words: not at an edge, not a gap
    ],
)
def test_bad_phrases(phrase: str) -> None:
    with pytest.raises(ValueError):
        parse_phrase(phrase, {})


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (GOOD.replace("severity: high", "severity: high\n    colour: red"), "colour"),
        (GOOD.replace('["@truce", "وقف ~2 إطلاق النار"]', '[""]'), "phrase"),
        (GOOD.replace('["@truce", "وقف ~2 إطلاق النار"]', "[]"), "patterns"),
        (GOOD.replace("    severity: high\n", ""), "severity"),
        (GOOD.replace("@truce", "@nothing"), "@nothing"),
        (GOOD.replace("id: truce", "id: Truce!"), "id"),
        (GOOD.replace("severity: high", "severity: urgent"), "severity"),
        ("rules: {a: 1}", "rules"),
        ("- just a list", "mapping"),
        ("rules: [\n", "cannot read"),
    ],
)
def test_errors_name_file_and_rule(tmp_path: Path, body: str, needle: str) -> None:
    path = write(tmp_path, "bad.yaml", body)
    with pytest.raises(ConfigError) as err:
        load_rules([path])
    assert str(path) in str(err.value)
    assert needle in str(err.value)


def test_errors_name_the_rule(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", GOOD.replace("severity: high", "severity: high\n    extra: 1"))
    with pytest.raises(ConfigError, match="rule 'truce'"):
        load_rules([path])


def test_duplicate_ids_and_sets_across_files(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", GOOD)
    b = write(tmp_path, "b.yaml", GOOD.replace("truce: [", "other: ["))
    with pytest.raises(ConfigError, match="duplicate id"):
        load_rules([a, b])
    c = write(tmp_path, "c.yaml", "sets:\n  truce: [هدنة]\n")
    with pytest.raises(ConfigError, match="set 'truce'"):
        load_rules([a, c])


def test_empty_term_in_set(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", GOOD.replace("[هدنة, تهدئة]", "[هدنة, 'ـ']"))
    with pytest.raises(ConfigError, match="set 'truce'"):
        load_rules([path])


def test_missing_dir(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_rules_dir(tmp_path / "nope")
    with pytest.raises(ConfigError, match="no"):
        load_rules_dir(tmp_path)


def test_optional_words_and_their_variants() -> None:
    phrase = parse_phrase("قضى ~3 في? ~0 حريق|انفجار", {})
    assert [s.optional for s in phrase.slots] == [False, True, False]
    variants = phrase_variants(phrase)
    assert [[s.gap_before for s in v] for v in variants] == [[0, 3, 0], [0, 3]]  # without في: 3 + 0
    assert all(not s.optional for v in variants for s in v)


def test_several_optional_words_add_their_gaps() -> None:
    phrase = parse_phrase("أ ~1 ب? ~2 ج? ~1 د", {})
    variants = {tuple((s.terms[0].text, s.gap_before) for s in v) for v in phrase_variants(phrase)}
    assert variants == {
        (("ا", 0), ("ب", 1), ("ج", 2), ("د", 1)),
        (("ا", 0), ("ب", 1), ("د", 3)),
        (("ا", 0), ("ج", 3), ("د", 1)),
        (("ا", 0), ("د", 4)),
    }


def test_a_phrase_without_optional_words_is_its_only_variant() -> None:
    phrase = parse_phrase("وقف ~4 إطلاق النار", {})
    assert phrase_variants(phrase) == [phrase.slots]


def test_an_optional_word_at_an_edge_names_the_rule(tmp_path: Path) -> None:
    bad = GOOD.replace('"وقف ~2 إطلاق النار"', '"وقف ~2 إطلاق النار?"')
    with pytest.raises(ConfigError, match=r"a\.yaml: rule 'truce': optional word cannot end"):
        load_rules([write(tmp_path, "a.yaml", bad)])
