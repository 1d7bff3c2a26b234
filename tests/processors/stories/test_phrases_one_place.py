"""Blind set 14: talks covered from two capitals. The host's outlet names no town (بمقر الوزارة في العاصمة), the
guest's names the host's capital; they share the name of what the talks are about (الربط الكهربائي، وزير الكهرباء)
and few other words. Shared pairs of words count when one of two reports names no place and they share none, not
between two casualty reports that share only a formula of the toll (أودى بحياة سبعة أشخاص) and no country."""

from __future__ import annotations

from dataclasses import replace

from mediamon.processors.stories import StoryConfig, StoryIndex, assign
from mediamon.processors.stories.score import Entry, PairScorer
from tests.processors.stories.conftest import Make

HOST = (
    "2028-12-06T10:00:00+00:00",
    "وزير الطاقة يبحث مع نظيره العراقي تسريع مشروع الربط الكهربائي",
    "بحث وزير الطاقة والثروة المعدنية، الأربعاء في مقر الوزارة بالعاصمة، مع وزير الكهرباء العراقي والوفد المرافق"
    " له سبل تسريع تنفيذ مشروع الربط الكهربائي بين البلدين وزيادة الكميات المصدرة.\n\nواتفق الجانبان على تشكيل"
    " فريق فني يجتمع كل شهر لمتابعة سير الأعمال في محطات التحويل.",
)
GUEST = (
    "2028-12-06T14:30:00+00:00",
    "من عمان.. وزير الكهرباء يعلن اكتمال المرحلة الثانية من الربط الكهربائي الصيف المقبل",
    "أعلن وزير الكهرباء من عمان أن المرحلة الثانية من مشروع الربط الكهربائي مع الأردن ستكتمل الصيف المقبل، لترتفع"
    " الطاقة المستوردة إلى 500 ميغاواط.\n\nوأوضح الوزير أن الخط يغذي محافظة الأنبار، وأن وزارته سددت المستحقات"
    " المالية للجانب الأردني.",
)
CRASH_PLACELESS = (
    "2028-12-06T08:00:00+00:00",
    "حادث مروع يودي بحياة سبعة أشخاص",
    "أودى حادث سير مروع بحياة سبعة أشخاص فجر الأربعاء، إثر اصطدام شاحنة بسيارة أجرة على طريق سريع، وفق ما أفادت"
    " مصادر طبية.\n\nونقل المصابون إلى المستشفى القريب، وفتحت الشرطة تحقيقا في ملابسات الحادث.",
)
FIRE_NAMED = (
    "2028-12-06T16:00:00+00:00",
    "حريق في مصنع للنسيج بالمحلة الكبرى يودي بحياة سبعة أشخاص",
    "أودى حريق اندلع في مصنع للنسيج في المحلة الكبرى بحياة سبعة أشخاص، مساء الأربعاء، فيما تمكنت قوات الحماية"
    " المدنية من السيطرة على النيران.\n\nوقالت محافظة الغربية إن التحقيقات جارية لمعرفة سبب الحريق.",
)


def test_talks_from_two_capitals_match(make: Make, config: StoryConfig) -> None:
    host, guest = make("host", *HOST), make("guest", *GUEST)
    assert not host.places and not host.spots and guest.places  # only the guest names a town
    index = StoryIndex(config)
    assert assign(index, host) == "host"
    assert assign(index, guest) == "host"


def test_without_phrases_the_guests_report_starts_its_own_story(make: Make, config: StoryConfig) -> None:
    index = StoryIndex(config)
    assign(index, make("host", *HOST))
    assert assign(index, replace(make("guest", *GUEST), phrases=())) == "guest"


def test_a_toll_formula_ties_no_two_casualty_reports(make: Make, config: StoryConfig) -> None:
    crash, fire = Entry.of(make("crash", *CRASH_PLACELESS), ""), Entry.of(make("fire", *FIRE_NAMED), "")
    assert not crash.known and not crash.countries and fire.known
    assert len(crash.phrases & fire.phrases) >= config.min_phrases  # يودي بحياة سبعة أشخاص
    scorer = PairScorer(fire, config)
    assert scorer.score(crash, 0.1) == scorer.score(replace(crash, phrases=frozenset()), 0.1)  # no bonus
