"""Articles per second of the analysis engine on one core, over ~3 KB Arabic articles.

Run: ``.venv/bin/python bench/analysis_bench.py [--articles N] [--seconds S]``. Prints the figure with
the script fast path for language detection and with langdetect forced on every article.
The articles are assembled from original sentences written for this benchmark.
"""

from __future__ import annotations

import argparse
import random
import time

from analysis.engine import Engine

SENTENCES = [
    "أعلنت الأطراف المتنازعة وقفًا فوريًّا لإطلاق النار في الإقليم الجنوبي اعتبارًا من منتصف الليل.",
    "وقالت مصادر طبية إن القصف المدفعي على الأحياء الشرقية أسفر عن مقتل ثلاثة مدنيين وإصابة أحد عشر آخرين.",
    "ودعا وزير الخارجية نظيره إلى الالتزام بالهدنة وفتح ممرات آمنة لإدخال المساعدات الإنسانية.",
    "وفرّ أكثر من ألفي شخص من منازلهم باتجاه الحدود خلال الأسبوع الماضي هربًا من المعارك.",
    "وتتواصل المفاوضات غير المباشرة بوساطة إقليمية للتوصل إلى اتفاق دائم لتبادل الأسرى.",
    "وارتفعت أسعار الوقود في الأسواق المحلية بعد تراجع قيمة العملة أمام الدولار.",
    "وخرج مئات المتظاهرين إلى الشوارع للمطالبة بتحسين الخدمات الأساسية وإطلاق سراح المعتقلين.",
    "وقال المتحدث باسم الحكومة إن البرلمان سيناقش مشروع الموازنة الجديدة الأسبوع المقبل.",
    "وشهدت العاصمة هدوءًا حذرًا بعد ليلة من الاشتباكات العنيفة بين الجيش والفصائل المسلحة.",
    "ونقل الجرحى إلى المستشفى الميداني الذي يعاني نقصًا حادًّا في الأدوية والمستلزمات الطبية.",
    "وأكد الأمين العام للأمم المتحدة أن الحل السياسي هو الطريق الوحيد لإنهاء النزاع.",
    "ولقي عاملان حتفهما إثر انهيار مبنى قيد الإنشاء في ضواحي المدينة صباح اليوم.",
    "وأشار التقرير إلى أن معدلات البطالة بين الشباب بلغت مستويات قياسية هذا العام.",
    "وأطلقت الوزارة حملة وطنية لتشجير الحدائق العامة بمشاركة طلاب المدارس.",
    "وسجلت السلطات الصحية عشرين إصابة جديدة بالحمى في المحافظات الشمالية.",
    "وأعلن النادي أن مهاجمه سيغيب عن الملاعب شهرًا بسبب إصابة في الركبة.",
]


def make_articles(count: int, size: int = 3000, seed: int = 7) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    articles = []
    for i in range(count):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < size:
            parts.append(rng.choice(SENTENCES))
        articles.append((f"bench-{i}", rng.choice(SENTENCES)[:60], " ".join(parts)))
    return articles


def rate(engine: Engine, articles: list[tuple[str, str, str]], seconds: float) -> tuple[float, int]:
    done = 0
    start = time.perf_counter()
    while True:
        for id_, title, text in articles:
            engine.analyze(id_, title, text)
            done += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / elapsed, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    articles = make_articles(args.articles)
    mean = sum(len(t) for _, _, t in articles) / len(articles)
    print(f"{len(articles)} articles, mean {mean:.0f} characters of text")
    for label, forced in (("script fast path", False), ("langdetect forced", True)):
        engine = Engine(force_langdetect=forced)
        engine.analyze(*articles[0])  # warm caches
        per_second, done = rate(engine, articles, args.seconds)
        print(f"{label:>18}: {per_second:8.0f} articles/s  ({done} analysed, one core)")


if __name__ == "__main__":
    main()
