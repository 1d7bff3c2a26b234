"""Articles per second of the analysis engine (``Engine.analyze``) on one core.

Run: ``.venv/bin/python bench/analysis_bench.py [--mode all|fast|langdetect|seeds] [--repeat 5]
[--seconds 2] [--articles 200] [--chars 3000]``.

Modes:
- ``fast``: generated articles (~3,000 characters each, assembled from original sentences written
  for this benchmark), language by the script fast path;
- ``langdetect``: the same articles with langdetect forced on every article;
- ``seeds``: the five real seed articles from ``../shared/corpus/seeds`` (beside the repository; read,
  never copied), whole file as text, fast path. Skipped with a note when the corpus is absent.

Each mode is timed ``--repeat`` times for ``--seconds`` each, in one thread; the best and the median
rate are printed with the article size in characters and in UTF-8 bytes (Arabic letters take two
bytes, so a 3,000-character article is about 5.5 KB).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

from analysis.engine import Engine

Article = tuple[str, str, str]

SEEDS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"

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


def make_articles(count: int, size: int = 3000, seed: int = 7) -> list[Article]:
    """``count`` articles of at least ``size`` characters of text, with a short title each."""
    rng = random.Random(seed)
    articles = []
    for i in range(count):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < size:
            parts.append(rng.choice(SENTENCES))
        articles.append((f"bench-{i}", rng.choice(SENTENCES)[:60], " ".join(parts)))
    return articles


def seed_articles(directory: Path = SEEDS_DIR) -> list[Article]:
    """The seed articles, whole file as text (title empty); [] when the corpus is not there."""
    if not directory.is_dir():
        return []
    return [(p.stem, "", p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.txt"))]


def rate(engine: Engine, articles: Sequence[Article], seconds: float) -> float:
    """Articles per second over whole passes of ``articles`` lasting at least ``seconds``."""
    done = 0
    start = time.perf_counter()
    while True:
        for id_, title, text in articles:
            engine.analyze(id_, title, text)
        done += len(articles)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / elapsed


def describe(articles: Sequence[Article]) -> str:
    chars = [len(t) + len(x) for _, t, x in articles]
    octets = [len(t.encode()) + len(x.encode()) for _, t, x in articles]
    return (
        f"{len(articles)} articles, title+text mean {statistics.mean(chars):,.0f} characters "
        f"= {statistics.mean(octets):,.0f} UTF-8 bytes (min {min(chars):,}, max {max(chars):,} characters)"
    )


def run_mode(label: str, engine: Engine, articles: Sequence[Article], repeat: int, seconds: float) -> None:
    for article in articles[:20]:
        engine.analyze(*article)  # warm the per-word caches
    rates = sorted(rate(engine, articles, seconds) for _ in range(repeat))
    print(f"{label}: {describe(articles)}")
    print(
        f"    best {rates[-1]:7,.0f} articles/s, median {statistics.median(rates):7,.0f} "
        f"({repeat} runs of {seconds:g} s, one thread)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--mode", choices=("all", "fast", "langdetect", "seeds"), default="all")
    parser.add_argument("--articles", type=int, default=200, help="generated articles")
    parser.add_argument("--chars", type=int, default=3000, help="characters of text per generated article")
    parser.add_argument("--seconds", type=float, default=2.0, help="length of one timed run")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per mode")
    parser.add_argument("--seeds", type=Path, default=SEEDS_DIR, help="directory of seed *.txt articles")
    args = parser.parse_args()
    generated = make_articles(args.articles, args.chars)
    if args.mode in ("all", "fast"):
        run_mode("fast path (generated)", Engine(force_langdetect=False), generated, args.repeat, args.seconds)
    if args.mode in ("all", "langdetect"):
        engine = Engine(force_langdetect=True)
        run_mode("langdetect forced (generated)", engine, generated, args.repeat, args.seconds)
    if args.mode in ("all", "seeds"):
        seeds = seed_articles(args.seeds)
        if seeds:
            run_mode("seed articles, fast path", Engine(force_langdetect=False), seeds, args.repeat, args.seconds)
        else:
            print(f"seed articles: skipped, {args.seeds} not found")


if __name__ == "__main__":
    main()
