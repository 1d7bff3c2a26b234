"""Countries and places: clitics, nisba adjectives, ambiguous words, data validation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediamon.analysis.gazetteer import find_places, find_places_in, load_gazetteer
from mediamon.analysis.gazetteer_data import DEFAULT_DIR, load_data, load_file
from mediamon.analysis.normalize import PreparedText
from mediamon.errors import ConfigError

# ISO 3166-1 alpha-2 (all 249 assigned codes) plus XK, the code in common use for Kosovo.
ISO_3166_1 = frozenset(
    """AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV
    BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET
    FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM
    IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD
    ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE
    PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST
    SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS
    YE YT ZA ZM ZW XK""".split()  # noqa: SIM905
)


def places_of(text: str) -> tuple[list[str], list[str]]:
    places, countries = find_places(PreparedText.of(text))
    return [p.name for p in places], countries


# --- data -------------------------------------------------------------------------------------------


def test_every_iso_country_is_present_once() -> None:
    codes = [c.iso2 for c in load_data().countries]
    assert len(codes) == len(set(codes))
    assert set(codes) == ISO_3166_1


def test_every_place_has_a_known_country_and_coordinates() -> None:
    gazetteer = load_gazetteer()
    assert len(gazetteer.places) >= 300
    for place in gazetteer.places:
        assert place.country in ISO_3166_1, place.name
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180


def test_data_files_load_without_duplicate_keys() -> None:
    files = sorted(DEFAULT_DIR.glob("*.yaml"))
    assert len(files) >= 2
    for file in files:
        load_file(file)  # the loader rejects duplicate YAML keys


def test_duplicate_yaml_key_is_an_error_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("countries:\n  - {iso2: FR, name: فرنسا, name: فرنسة}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.yaml.*duplicate key"):
        load_file(bad)


def test_unknown_key_names_file_and_entry(tmp_path: Path) -> None:
    bad = tmp_path / "places.yaml"
    bad.write_text(
        "places:\n  - {name: غزة, country: PS, lat: 31.5, lon: 34.4, population: 1}\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match=r"places\.yaml: places\[0\] \(غزة\)"):
        load_file(bad)


def test_duplicate_country_across_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("countries:\n  - {iso2: FR, name: فرنسا}\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("countries:\n  - {iso2: FR, name: فرنسة}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"b\.yaml: countries \(FR\)"):
        load_data(tmp_path)


def test_place_of_unknown_country_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "countries:\n  - {iso2: FR, name: فرنسا}\n"
        "places:\n  - {name: روما, country: IT, lat: 41.9, lon: 12.5}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="روما"):
        load_data(tmp_path)


def test_custom_gazetteer_path(tmp_path: Path) -> None:
    (tmp_path / "g.yaml").write_text(
        "countries:\n  - {iso2: FR, name: فرنسا, adjectives: [فرنسي]}\n", encoding="utf-8"
    )
    gazetteer = load_gazetteer(tmp_path)
    assert gazetteer.codes == frozenset({"FR"})


# --- countries, clitics and nisba ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("وصل الوفد إلى روسيا مساء أمس", "RU"),
        ("اتفاق بين باريس وروسيا", "RU"),
        ("سافر الوزير لأرمينيا صباحا", "AM"),
        ("بعث رسالة إلى الحكومة الأرمنية والأرمينية معا", "AM"),
        ("وأعلنت وزارة الدفاع الأذربيجانية بدء العملية", "AZ"),
        ("قالت المصادر الأذريّة إن الهدوء عاد", "AZ"),
        ("نقلت الوكالة عن مسؤولين أمريكيين قولهم", "US"),
        ("ذكرت الخارجية الأميركية في بيان", "US"),
        ("أعلن البيت الأبيض دعمه للمبادرة", "US"),
        ("تقدّمت القوات الروسيّة في الشرق", "RU"),
        ("صرح المستشار الألماني للصحفيين", "DE"),
        ("رفضت الحكومة الألبانية الاقتراح", "AL"),
        ("زار الرئيس الجزائر الأسبوع الماضي", "DZ"),
        ("أرسلت الحكومة مساعدات للجزائر وتونس", "DZ"),
        ("وصل ٣ وزراء من الولايات المتحدة", "US"),
        ("اجتماع في الإمارات العربية المتحدة", "AE"),
        ("تجدد القتال في جنوب السودان", "SS"),
        ("أطلقت كوريا الشمالية صاروخا جديدا", "KP"),
        ("اتهم الجيش الإسرائيلي بقصف المستشفى", "IL"),
        ("قال مسؤول فلسطيني إن المفاوضات توقفت", "PS"),
        ("هاجم متمردون مواقع للجيش في مالي قرب باماكو", "ML"),
        ("اندلع حريق في غابة بولاية بجاية", "DZ"),  # Algerian wilaya
        ("انقلبت حافلة على طريق سوهاج الصحراوي", "EG"),  # Egyptian governorate
        ("فيضانات في إقليم أزيلال", "MA"),  # Moroccan province
        ("غرق قارب قبالة جزيرة قرقنة", "TN"),  # Tunisian island
        ("حادث مروري في منطقة تبوك", "SA"),  # Saudi region
        ("تستضيف جدة جولة جديدة من المحادثات", "SA"),  # جدة without a Saudi word nearby
    ],
)
def test_country_is_found(text: str, code: str) -> None:
    assert code in places_of(text)[1]


@pytest.mark.parametrize(
    "text",
    [
        "أطلقت الشرطة الغازات المسيلة للدموع على المحتجين",  # المسيلة: tear gas, not the wilaya
        "وجده الأهالي ملقى على جانب الطريق",  # وجده: found him, not Oujda
        "زار الوزير الأحمدي المستشفى الميداني",  # a surname, not the Kuwaiti governorate
        "أكد النواب التزامهم باتفاق الطائف",  # the Taif Agreement in Lebanese politics
    ],
)
def test_province_look_alikes_make_no_place(text: str) -> None:
    assert places_of(text) == ([], [])


def test_longest_name_wins() -> None:
    _, countries = places_of("تجدد القتال في جنوب السودان أمس")
    assert countries == ["SS"]
    _, countries = places_of("وصل وفد من غينيا بيساو إلى داكار")
    assert countries[0] == "GW" and "GN" not in countries


def test_countries_in_order_of_first_mention_without_duplicates() -> None:
    _, countries = places_of("قالت تركيا إن روسيا وإيران وتركيا اتفقت مع الأتراك والروس")
    assert countries == ["TR", "RU", "IR"]


def test_diacritics_and_tatweel_do_not_hide_a_name() -> None:
    assert places_of("قصفت القواتُ الرّوسـيّةُ مدينةَ خاركيف")[1] == ["RU", "UA"]


# --- places -----------------------------------------------------------------------------------------


def test_place_implies_its_country_and_keeps_canonical_name() -> None:
    places, countries = places_of("اشتباكات عنيفة في كاراباخ وقصف على ستيباناكرت وخانكندي")
    assert places == ["ناغورني قره باغ", "ستيباناكيرت"]
    assert countries == ["AZ"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("وصلت المساعدات إلى قرة باغ", "ناغورني قره باغ"),
        ("الوضع في ناجورنو كاراباخ متوتر", "ناغورني قره باغ"),
        ("غارات على خان يونس ورفح", "خان يونس"),
        ("وفي غزة أعلنت وزارة الصحة", "غزة"),
        ("قصف مدفعي على بموسكو؟ لا، بل على كييف", "كييف"),
        ("عاد الهدوء إلى زابوريجيا", "زابوريجيا"),
        ("اقتحمت القوات مخيم جنين فجرا", "جنين"),
        ("اشتباكات في الفاشر بإقليم دارفور", "الفاشر"),
        ("وصلت قافلة إلى الخرطوم", "الخرطوم"),
        ("هجوم على قاعدة في غاو شمال مالي", "غاو"),
        ("انفجار في مقديشو", "مقديشو"),
        ("مظاهرات في واشنطن", "واشنطن"),
        ("انعقد اللقاء في العاصمة الأردنية عمان", "عمان"),
        ("غارة على مدينة صور", "صور"),
        ("قصف على طرابلس في شمال لبنان", "طرابلس اللبنانية"),
    ],
)
def test_place_is_found(text: str, place: str) -> None:
    assert place in places_of(text)[0]


def test_oman_and_amman_are_told_apart() -> None:
    assert places_of("زار الوزير سلطنة عمان")[1] == ["OM"]
    places, countries = places_of("قال وزير الخارجية الأردني في عمان إن الحدود مغلقة")
    assert countries == ["JO"] and places == ["عمان"]


def test_tripoli_defaults_to_libya() -> None:
    places, countries = places_of("اشتباكات مسلحة في طرابلس بين فصيلين")
    assert countries == ["LY"] and places == ["طرابلس"]


# --- ambiguous words that must not make places --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "قال مراسل الجزيرة إن الوضع هادئ",
        "نشر الناشطون صورا وصور الدمار انتشرت",
        "التقط صور الجرحى بهاتفه",
        "قدمت الحكومة دعما ماليا والدعم المالي مستمر",
        "تعاني الشركة من عجز مالي كبير",
        "نقل الجنين إلى الحاضنة",
        "حماة الوطن يحرسون الحدود",
        "عاد إلى مسقط رأسه بعد غياب طويل",
        "ألغيت الرحلة بسبب القوة القاهرة",
        "ارتفعت الأسعار في أمريكا اللاتينية",
        "طلاء باللون الرمادي على الجدران",
        "زارت جدته المستشفى أمس",
        "قال إن رياض الأطفال مغلقة",
        "تحقيق مآرب سياسية ضيقة",
        "سرت شائعات عن استقالته",
        "يعاني من ألم في العيون",
        "وقعت الحادثة على الضفة الأخرى من النهر",
        "كيف حالك اليوم",
        "شمالي المدينة ساد الهدوء",
    ],
)
def test_ambiguous_word_is_not_a_place(text: str) -> None:
    assert places_of(text) == ([], [])


def test_empty_and_non_arabic_text() -> None:
    assert places_of("") == ([], [])
    assert places_of("Russia and France met in Paris") == ([], [])


def _automaton_of_all_names(gazetteer: Any) -> Any:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for first, entries in gazetteer.index.items():
        for tail, cands, _ in entries:
            automaton.add_word(first + "".join(tail), cands)
    automaton.make_automaton()
    return automaton


NAMES = st.sampled_from(
    ["روسيا", "الأرمنية", "قره باغ", "ناغورني قره باغ", "جنوب السودان", "السودان", "طرابلس", "لبنان",
     "دمشق", "بموسكو", "والجزائر", "للجزائر", "الجزيرة", "صور", "جدة", "مالي", "حكومة مالي", "غزة"]
)  # fmt: skip
FILLER = st.sampled_from(["قال", "في", "و", "ال", "ب", "-", " ", "، ", ". ", "\n", "ة"])


@settings(max_examples=200)
@given(st.lists(NAMES | FILLER, max_size=30))
def test_word_by_word_equals_an_automaton_over_all_names(parts: list[str]) -> None:
    from mediamon.analysis.gazetteer import _automaton_hits, _chosen, _leftmost_longest
    from mediamon.analysis.normalize import normalize
    from mediamon.analysis.tokens import Words

    gazetteer = load_gazetteer()
    norm = normalize(" ".join(parts))
    expected = _leftmost_longest(_automaton_hits(_automaton_of_all_names(gazetteer), norm))
    assert _chosen(gazetteer, Words.of(norm)) == expected


def test_names_that_are_not_word_aligned_still_match(tmp_path: Path) -> None:
    (tmp_path / "g.yaml").write_text(
        "countries:\n  - {iso2: YE, name: اليمن, names: [يمن]}\n"
        "places:\n  - {name: صنعاء, country: YE, lat: 15.35, lon: 44.2, names: ['صنعاء.القديمة.']}\n",
        encoding="utf-8",
    )
    gazetteer = load_gazetteer(tmp_path)
    assert gazetteer.automaton is not None
    places, countries = find_places_in(gazetteer, "زرنا صنعاء.القديمة. في اليمن")
    assert [p.name for p in places] == ["صنعاء"] and countries == ["YE"]
