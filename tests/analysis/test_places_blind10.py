"""Places of blind set 10, on sentences written for these tests: Amman spelt with its shadda (عمّان) or named
with a word of Jordan is not Oman, and «الطريق الموصل إلى» ("the road leading to") is not Mosul."""

from __future__ import annotations

import pytest

from mediamon.analysis.engine import analyze


def countries(text: str, title: str = "") -> list[str]:
    return list(analyze("t", title, text).countries)


@pytest.mark.parametrize(
    ("title", "text", "present", "absent"),
    [
        ("إصابة 3 أشخاص بحادث في عمّان", "أصيب ثلاثة أشخاص بجروح في حادث سير.", "JO", "OM"),
        ("", "وصل الوفد المصري إلى عمَّان للقاء المسؤولين.", "JO", "OM"),
        ("", "افتتح مركز صحي جديد في عمان بحضور مدير الأمن العام.", "JO", "OM"),
        ("", "وقع حادث سير على الطريق الصحراوي شمال عمان وأغلق الطريق إلى إربد.", "JO", "OM"),
        ("", "أعلنت سلطنة عمان وقف الرحلات من مسقط بسبب الإعصار.", "OM", "JO"),
        ("", "استقبلت عمان وفداً إيرانياً لبحث الملف النووي.", "OM", "JO"),
        ("", "قال المدرب إن الطريق الموصل إلى النهائي صعب.", None, "IQ"),
        ("", "نزح آلاف من الموصل إلى أربيل.", "IQ", None),
    ],
)
def test_places_of_blind_set_ten(title: str, text: str, present: str | None, absent: str | None) -> None:
    found = countries(text, title)
    if present is not None:
        assert present in found
    if absent is not None:
        assert absent not in found
