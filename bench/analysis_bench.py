"""Articles per second of the analysis engine (``Engine.analyze``) on one core, over 3 KB articles.

Run: ``make bench`` or ``.venv/bin/python bench/analysis_bench.py [--mode all|real|fast|langdetect|seeds]
[--repeat 5] [--seconds 2] [--articles 200] [--bytes 3072]``.

Modes:
- ``real``: real news text in pieces of about ``--bytes`` UTF-8 bytes (3 KB): the five seed articles of
  ``../shared/corpus/seeds`` (beside the repository; read, never copied) cut at the first sentence end
  past 3 KB, a short rest joining the piece before (9 pieces, 1.8-4.7 KB, mean 3.2 KB). Skipped with a
  note when the corpus is absent.
- ``fast``: generated articles of at least ``--bytes`` bytes, assembled from original sentences written
  for this benchmark, twelve of sixteen carrying an alert, a figure or a topic: a dense worst case
  (every article raises five alerts with about thirteen phrases and four casualty figures).
- ``langdetect``: both sets with langdetect forced on every article (no script fast path).
- ``seeds``: the five seed articles whole (5.8 KB on average).

Each mode is timed ``--repeat`` times for ``--seconds`` each, in one thread; the best and the median
rate are printed with the article size in characters and in UTF-8 bytes (an Arabic letter takes two
bytes: 3 KB is about 1,700 characters). The first line says whether the engine runs compiled
(``setup.py``, Cython) or as pure Python. On a shared machine the median moves with the load; the
best run is the figure least disturbed by other work.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

from mediamon.analysis.build import describe as describe_build
from mediamon.analysis.engine import Engine

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


def make_articles(count: int, size: int = 3072, seed: int = 7) -> list[Article]:
    """``count`` articles of at least ``size`` UTF-8 bytes (title and text), with a short title each."""
    rng = random.Random(seed)
    articles = []
    for i in range(count):
        title = rng.choice(SENTENCES)[:60]
        parts: list[str] = []
        used = len(title.encode())
        while used < size:
            parts.append(rng.choice(SENTENCES))
            used += len(parts[-1].encode()) + 1
        articles.append((f"bench-{i}", title, " ".join(parts)))
    return articles


def seed_articles(directory: Path = SEEDS_DIR) -> list[Article]:
    """The seed articles, whole file as text (title empty); [] when the corpus is not there."""
    if not directory.is_dir():
        return []
    return [(p.stem, "", p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.txt"))]


_SENTENCE_RE = re.compile(r"[^.!?؟\n]*(?:[.!?؟\n]+\s*|$)")


def real_pieces(directory: Path = SEEDS_DIR, size: int = 3072) -> list[Article]:
    """The seed articles cut at sentence ends into pieces of at least ``size`` UTF-8 bytes (a short last
    piece joins the one before); each piece is a stretch of the article as written. [] when the corpus
    is not there."""
    pieces: list[Article] = []
    for name, _, text in seed_articles(directory):
        chunks: list[str] = []
        current = ""
        for sentence in (m.group() for m in _SENTENCE_RE.finditer(text) if m.group()):
            current += sentence
            if len(current.encode()) >= size:
                chunks.append(current)
                current = ""
        if current.strip():
            if chunks and len(current.encode()) < size // 2:
                chunks[-1] += current
            else:
                chunks.append(current)
        pieces.extend((f"{name}-{k}", "", chunk) for k, chunk in enumerate(chunks))
    return pieces


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


def count_run(args: argparse.Namespace) -> None:
    """A warm-up pass over the set, then ``args.instructions`` articles cycling over it, untimed: run it
    under ``PYTHONHASHSEED=0 valgrind --tool=callgrind`` with N and with 0, and divide the difference
    of the instruction counts by N (docs/analysis.md, "Benchmark")."""
    if args.mode not in ("real", "fast"):
        raise SystemExit("--instructions needs --mode real or --mode fast")
    articles = real_pieces(args.seeds, args.bytes) if args.mode == "real" else make_articles(args.articles, args.bytes)
    if not articles:
        raise SystemExit(f"no articles: {args.seeds} not found")
    engine = Engine()
    for article in articles:
        engine.analyze(*article)
    for i in range(args.instructions):
        engine.analyze(*articles[i % len(articles)])


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--mode", choices=("all", "real", "fast", "langdetect", "seeds"), default="all")
    parser.add_argument("--articles", type=int, default=200, help="generated articles")
    parser.add_argument("--bytes", type=int, default=3072, help="least UTF-8 bytes per article (3 KB)")
    parser.add_argument("--seconds", type=float, default=2.0, help="length of one timed run")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per mode")
    parser.add_argument("--seeds", type=Path, default=SEEDS_DIR, help="directory of seed *.txt articles")
    parser.add_argument(
        "--instructions",
        type=int,
        metavar="N",
        help="no timing, for valgrind: one warm-up pass over the --mode set (real or fast), then N articles",
    )
    args = parser.parse_args()
    if args.instructions is not None:
        count_run(args)
        return
    print(describe_build())
    real = real_pieces(args.seeds, args.bytes)
    generated = make_articles(args.articles, args.bytes)
    if args.mode in ("all", "real", "langdetect") and not real:
        print(f"real articles: skipped, {args.seeds} not found")
    fast = Engine(force_langdetect=False)
    if args.mode in ("all", "real") and real:
        run_mode("real articles, fast path", fast, real, args.repeat, args.seconds)
    if args.mode in ("all", "fast"):
        run_mode("generated dense articles, fast path", fast, generated, args.repeat, args.seconds)
    if args.mode in ("all", "langdetect"):
        forced = Engine(force_langdetect=True)
        if real:
            run_mode("real articles, langdetect forced", forced, real, args.repeat, args.seconds)
        run_mode("generated dense articles, langdetect forced", forced, generated, args.repeat, args.seconds)
    if args.mode in ("all", "seeds"):
        seeds = seed_articles(args.seeds)
        if seeds:
            run_mode("seed articles whole, fast path", fast, seeds, args.repeat, args.seconds)
        else:
            print(f"seed articles: skipped, {args.seeds} not found")


if __name__ == "__main__":
    main()
