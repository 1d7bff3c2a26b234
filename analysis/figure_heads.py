"""Counts far from their casualty noun, after "the number of <casualty noun>" (عدد القتلى، حصيلة الضحايا).

ارتفع عدد قتلى الانفجار الذي وقع في مرفأ المدينة إلى 23، بلغ عدد ضحايا السيول في الولاية 18: the
count stands after إلى or a reaching verb, up to ``FAR_HEAD_GAP`` words from its head.
"""

from __future__ import annotations

from bisect import bisect_left

from mediamon.analysis.figure_count_words import CLAUSE_STARTS, REACH_WORDS, RELATIVES
from mediamon.analysis.figure_tallies import bare_tally
from mediamon.analysis.figure_text import FigureText
from mediamon.analysis.figure_words import bare
from mediamon.analysis.figures_lexicon import Kind
from mediamon.analysis.numbers import parse_amount

FAR_HEAD_GAP = 16  # words between "the number of <casualty noun>" and a count it reached (إلى 23)


def head_far_before(text: FigureText, qstart: int, first: int) -> tuple[Kind, int] | None:
    """"The number of <casualty noun>" up to ``FAR_HEAD_GAP`` words before a count it reached:
    the count after إلى or a reaching verb, or عدد after such a verb with no clause between. The kind
    of the casualty noun, and its index."""
    heads = text.heads()
    at = bisect_left(heads, qstart)
    if at == 0 or qstart - heads[at - 1] > FAR_HEAD_GAP:
        return None  # no عدد / حصيلة near: the common case, answered without a walk
    words, facts, breaks = text.words, text.f, text.breaks
    reached = (qstart < first and words[qstart] in REACH_WORDS) or (  # (the qualifier: يناهز 40)
        qstart > 0 and breaks[qstart] == 0 and words[qstart - 1] in REACH_WORDS  # إلى أكثر من 40
    )
    relative: int | None = None  # the first relative pronoun before the count (الذي، التي)
    for k in range(qstart - 1, max(-1, qstart - 1 - FAR_HEAD_GAP), -1):
        if breaks[k + 1] == 2 or words[k] in CLAUSE_STARTS:
            return None
        fact = facts[k]
        if fact.numberish and k + 1 < qstart and facts[k + 1].unit and not breaks[k + 1]:
            continue  # قبل ثلاثة أسابيع، خلال خمسة أيام: a duration between, not another count
        if fact.numberish and not fact.articled and parse_amount(words, k) is not None:
            return None  # another count between (not الأحد)
        if not fact.count_head:
            relative = k if words[k] in RELATIVES else relative
            continue
        found = _head_noun(text, k) or bare_tally(text, k, qstart)
        if found is None:
            return None  # the number of something else (عدد حالات الإصابة، عدد المفقودين)
        if reached or (
            k > 0
            and not breaks[k]
            and bare(words[k - 1]) in REACH_WORDS
            and (relative is None or relative < found[1] or _closed(words, relative, qstart))
        ):  # (بلغ عدد الذين قتلوا: the head's own relative; … التي تضرب المخيمات في شمال سوريا ثمانية)
            return found
        return None
    return None


_PLACE_PREPOSITIONS = frozenset({"في", "قرب", "بمدينة", "بمنطقة", "بولاية", "بمحافظة", "بلدة", "ببلدة", "بقرية"})


def _closed(words: list[str], relative: int, qstart: int) -> bool:
    """Whether the relative clause at ``relative`` (after the casualty noun) ends with where it happened
    before the count, so the count is the reaching verb's, not the clause's: بلغ عدد القتلى جراء موجة البرد
    التي تضرب المخيمات في شمال غرب سوريا ثمانية — not … الذي نفذه 3 مسلحين (the count right in the clause)."""
    return not _PLACE_PREPOSITIONS.isdisjoint(words[relative + 2 : qstart])


def _head_noun(text: FigureText, k: int) -> tuple[Kind, int] | None:
    """The casualty noun after عدد / حصيلة at ``k`` (عدد القتلى، حصيلة ضحايا، عدد الذين قتلوا)."""
    facts, breaks = text.f, text.breaks
    nxt = k + 1
    if nxt >= text.n or breaks[nxt]:
        return None
    found = facts[nxt].trigger
    if found is not None and found.role == "noun":
        return found.kind, nxt
    if found is None and text.words[nxt] in ("الذين", "من") and nxt + 1 < text.n and breaks[nxt + 1] == 0:
        found = facts[nxt + 1].trigger
        if found is not None and found.role == "post" and not found.confirm:
            return found.kind, nxt + 1
    return None
