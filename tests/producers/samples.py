"""Original sample articles (written for these tests) and builders for RSS 2.0, RSS 1.0, Atom and
article pages."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Sample:
    slug: str
    title: str
    summary: str
    paragraphs: tuple[str, ...]
    published: str = "Tue, 04 Mar 2025 08:30:00 GMT"
    published_iso: str = "2025-03-04T08:30:00Z"


ARABIC = (
    Sample(
        "bridge",
        "افتتاح جسر جديد فوق النيل يختصر الطريق بين ضفتي المدينة",
        "افتتحت السلطات المحلية صباح اليوم جسراً جديداً يربط ضفتي النيل بعد ثلاث سنوات من العمل.",
        (
            "افتتحت السلطات المحلية صباح اليوم جسراً جديداً يربط ضفتي نهر النيل، بعد ثلاث سنوات من أعمال"
            " البناء التي شارك فيها مئات المهندسين والعمال.",
            "ويبلغ طول الجسر نحو كيلومترين، ويتسع لست حارات للسيارات إضافة إلى ممر للمشاة والدراجات،"
            " ويتوقع المسؤولون أن يخفف الازدحام في وسط المدينة بشكل ملحوظ.",
            "وقال محافظ المدينة في كلمة خلال حفل الافتتاح إن المشروع جزء من خطة أوسع لتحديث شبكة الطرق"
            " وربط الأحياء الجديدة بالمراكز التجارية القديمة.",
        ),
    ),
    Sample(
        "heat",
        "الأرصاد الجوية تحذر من موجة حر شديدة خلال الأيام المقبلة",
        "حذرت هيئة الأرصاد الجوية من ارتفاع كبير في درجات الحرارة قد يتجاوز خمساً وأربعين درجة.",
        (
            "حذرت هيئة الأرصاد الجوية من موجة حر شديدة تبدأ غداً وتستمر حتى نهاية الأسبوع، مع توقعات بأن"
            " تتجاوز درجات الحرارة خمساً وأربعين درجة مئوية في المناطق الداخلية.",
            "ودعت الهيئة المواطنين إلى تجنب التعرض المباشر لأشعة الشمس في ساعات الظهيرة، والإكثار من شرب"
            " الماء، والانتباه إلى كبار السن والأطفال.",
            "وأعلنت وزارة التربية تقديم موعد انتهاء الدوام المدرسي ساعة واحدة طوال فترة الموجة.",
        ),
    ),
    Sample(
        "books",
        "معرض الكتاب يستقبل آلاف الزوار في يومه الأول",
        "شهد معرض الكتاب إقبالاً واسعاً في يومه الأول بمشاركة أكثر من أربعمئة دار نشر عربية وأجنبية.",
        (
            "شهد معرض الكتاب السنوي إقبالاً واسعاً في يومه الأول، إذ توافد آلاف الزوار على أجنحة أكثر من"
            " أربعمئة دار نشر عربية وأجنبية.",
            "ويتضمن برنامج المعرض هذا العام ندوات عن الترجمة والرواية العربية الحديثة، إلى جانب ورش"
            " للأطفال عن القراءة والرسم.",
            "وقال مدير المعرض إن الدورة الحالية تخصص جناحاً للكتب الرقمية للمرة الأولى.",
        ),
    ),
    Sample(
        "truce",
        "محادثات جديدة لوقف إطلاق النار بعد مقتل خمسة مدنيين في قصف",
        "بدأت جولة جديدة من المحادثات لوقف إطلاق النار بعد قصف أسفر عن مقتل خمسة مدنيين.",
        (
            "بدأت في العاصمة جولة جديدة من المحادثات غير المباشرة بهدف التوصل إلى وقف لإطلاق النار، بعد"
            " قصف استهدف حياً سكنياً أمس وأسفر عن مقتل خمسة مدنيين وإصابة اثني عشر آخرين.",
            "وقال الوسطاء إن الطرفين أبديا استعداداً مبدئياً لهدنة إنسانية مدتها ثلاثة أيام تسمح بإدخال"
            " المساعدات الطبية والغذائية.",
            "ودعت منظمات إغاثية إلى فتح ممرات آمنة لإجلاء الجرحى من المناطق المتضررة.",
        ),
    ),
    Sample(
        "wheat",
        "ارتفاع أسعار القمح في الأسواق المحلية بعد تراجع المحصول",
        "ارتفعت أسعار القمح في الأسواق المحلية بنسبة عشرة في المئة بعد موسم جفاف طويل.",
        (
            "ارتفعت أسعار القمح في الأسواق المحلية بنسبة عشرة في المئة خلال الشهر الماضي، بعد موسم جفاف"
            " طويل أدى إلى تراجع المحصول في المحافظات الزراعية.",
            "وأعلنت وزارة الزراعة أنها ستستورد كميات إضافية لتعويض النقص والحفاظ على استقرار أسعار الخبز.",
            "ويرى خبراء أن تنويع مصادر الاستيراد وتحسين أنظمة الري سيخففان أثر الجفاف في المواسم المقبلة.",
        ),
    ),
)

PERSIAN = Sample(
    "tehran-books",
    "نمایشگاه کتاب تهران با حضور ناشران خارجی آغاز شد",
    "نمایشگاه بین‌المللی کتاب تهران امروز با حضور صدها ناشر ایرانی و خارجی کار خود را آغاز کرد.",
    (
        "نمایشگاه بین‌المللی کتاب تهران امروز با حضور صدها ناشر ایرانی و خارجی کار خود را آغاز کرد و"
        " بازدیدکنندگان زیادی از همان ساعت‌های نخست به سالن‌ها آمدند.",
        "برگزارکنندگان می‌گویند امسال بخش ویژه‌ای برای کتاب‌های کودکان و نوجوانان در نظر گرفته شده است"
        " و چند نشست درباره ترجمه ادبیات معاصر برگزار می‌شود.",
    ),
)

BOILERPLATE_LINES = ("زر الذهاب إلى الأعلى", "شاهد أيضاً", "مشاركة :", "احصل على النشرة الإخبارية")


def article_text(sample: Sample) -> str:
    return "\n".join(sample.paragraphs)


def _rss_item(sample: Sample, link: str) -> str:
    return (
        f"<item><title>{escape(sample.title)}</title><link>{escape(link)}</link>"
        f"<guid isPermaLink=\"false\">{sample.slug}</guid>"
        f"<description>{escape('<p>' + sample.summary + '</p>')}</description>"
        f"<pubDate>{sample.published}</pubDate></item>"
    )


def rss2(entries: list[tuple[Sample, str]], encoding: str | None = "utf-8", title: str = "أخبار") -> str:
    decl = f'<?xml version="1.0" encoding="{encoding}"?>\n' if encoding else ""
    items = "".join(_rss_item(s, link) for s, link in entries)
    return (f'{decl}<rss version="2.0"><channel><title>{title}</title><link>http://example.org/</link>'
            f"<description>{title}</description>{items}</channel></rss>")


def rss1(entries: list[tuple[Sample, str]]) -> str:
    seq = "".join(f'<rdf:li rdf:resource="{escape(link)}"/>' for _, link in entries)
    items = "".join(
        f'<item rdf:about="{escape(link)}"><title>{escape(s.title)}</title><link>{escape(link)}</link>'
        f"<description>{escape(s.summary)}</description><dc:date>{s.published_iso}</dc:date></item>"
        for s, link in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<channel rdf:about="http://example.org/"><title>أخبار</title><link>http://example.org/</link>'
        f"<description>أخبار</description><items><rdf:Seq>{seq}</rdf:Seq></items></channel>{items}</rdf:RDF>"
    )


def atom(entries: list[tuple[Sample, str]]) -> str:
    items = "".join(
        f'<entry><title type="html">{escape(s.title)}</title><link rel="alternate" href="{escape(link)}"/>'
        f"<id>urn:sample:{s.slug}</id><updated>{s.published_iso}</updated>"
        f'<summary type="html">{escape("<b>" + s.summary + "</b>")}</summary></entry>'
        for s, link in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>أخبار</title><id>urn:sample:feed</id><updated>2025-03-04T08:30:00Z</updated>"
        f"{items}</feed>"
    )


def article_page(sample: Sample, boilerplate: tuple[str, ...] = BOILERPLATE_LINES) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in sample.paragraphs)
    tail = "".join(f"<p>{escape(line)}</p>" for line in boilerplate)
    return (
        '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        f"<title>{escape(sample.title)}</title></head><body>"
        '<nav><a href="/">الرئيسية</a> | <a href="/world">العالم</a> | <a href="/sport">رياضة</a></nav>'
        f"<main><article><h1>{escape(sample.title)}</h1>{body}{tail}</article></main>"
        '<footer><p>جميع الحقوق محفوظة</p><a href="/privacy">سياسة الخصوصية</a></footer>'
        "</body></html>"
    )
