"""A stream of generated Arabic articles for the fault scenarios: many distinct events (so many stories), written
from templates of our own, with casualty figures, places and days."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from mediamon.ids import article_id
from mediamon.schema import Article

CITIES = [("حلب", "سوريا"), ("الموصل", "العراق"), ("غزة", "فلسطين"), ("صنعاء", "اليمن"), ("طرابلس", "ليبيا"),
          ("الخرطوم", "السودان"), ("بيروت", "لبنان"), ("درعا", "سوريا"), ("تعز", "اليمن"), ("الفاشر", "السودان"),
          ("كركوك", "العراق"), ("خان يونس", "فلسطين"), ("بنغازي", "ليبيا"), ("إدلب", "سوريا"), ("عدن", "اليمن")]
EVENTS = [
    ("مقتل {n} أشخاص بقصف على {city}", "قتل {n} أشخاص وأصيب {m} آخرون في قصف استهدف حياً سكنياً في مدينة {city} في "
     "{country} {day}، بحسب مصادر طبية محلية."),
    ("انفجار في سوق {city} يوقع {n} قتلى", "أسفر انفجار سيارة مفخخة في سوق شعبي بمدينة {city} في {country} عن مقتل "
     "{n} أشخاص وإصابة {m} {day}، وفق ما أعلنته السلطات."),
    ("دعوات لوقف إطلاق النار في {city}", "دعت أطراف دولية إلى وقف فوري لإطلاق النار في مدينة {city} في {country} "
     "بعد معارك عنيفة {day} أدت إلى نزوح {m} عائلة."),
    ("افتتاح مستشفى جديد في {city}", "افتتحت السلطات في {city} في {country} مستشفى جديداً بسعة {m} سريراً {day}، "
     "في إطار خطة لتحسين الخدمات الصحية."),
]
DAYS = ["صباح الإثنين", "مساء الثلاثاء", "فجر الأربعاء", "ظهر الخميس", "ليل الجمعة", "صباح السبت", "مساء الأحد"]


def articles(count: int, *, seed: int = 7, start: datetime | None = None, tag: str = "f") -> list[Article]:
    rng = random.Random(seed)
    begin = start or datetime(2025, 6, 1, tzinfo=UTC)
    out = []
    for i in range(count):
        city, country = CITIES[rng.randrange(len(CITIES))]
        title_t, text_t = EVENTS[rng.randrange(len(EVENTS))]
        fields = {"n": rng.randint(2, 60), "m": rng.randint(3, 300), "city": city, "country": country,
                  "day": DAYS[rng.randrange(len(DAYS))]}
        url = f"https://outlet{i % 40}.example/{tag}/{i}"
        out.append(Article(id=article_id(url), url=url, source=f"outlet{i % 40}", title=title_t.format(**fields),
                           text=f"{text_t.format(**fields)} الخبر رقم {i}.",
                           published=begin + timedelta(minutes=7 * i)))
    return out
