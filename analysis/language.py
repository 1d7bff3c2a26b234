"""Language of a text as an ISO 639-1 code.

Fast path: letters that only one Arabic-script language uses decide without a model — Urdu (ٹ ڈ ڑ ں ے ھ),
Pashto (ټ ډ ړ ښ ږ ځ څ ڼ), Sorani Kurdish (ڕ ڵ ۆ ێ ە), Persian (پ چ ژ گ and the Persian ی ک) against
Arabic (ة ى ي ك ؤ and the article ال). Persian and Urdu are therefore never taken for Arabic.
Other scripts fall to langdetect with a fixed seed. ``"und"`` when there is nothing to decide on.
Counting is done with ``str.count``/``str.translate`` on a bounded sample (C speed, no Python loops).
"""

from __future__ import annotations

import os
import re

from langdetect import DetectorFactory, LangDetectException, detect

DetectorFactory.seed = 0

UNDETERMINED = "und"
SAMPLE_CHARS = 4000
FORCE_ENV = "MEDIAMON_FORCE_LANGDETECT"

_ARABIC_BLOCK = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LETTER = re.compile(r"[^\W\d_]")

_URDU = "ٹڈڑںےۓھہۃ"
_PASHTO = "ټډړښږځڅڼۍې"
_KURDISH = "ڕڵۆێەڤ"
_PERSIAN_STRONG = "پچژگ"
_PERSIAN_WEAK = "یک"  # Arabic typed on a Persian keyboard carries these too
_ARABIC_STRONG = "ةىؤ"
_ARABIC_WEAK = "يك"  # Persian typed on an Arabic keyboard carries these too

# Function words: frequent, short, and distinctive between Persian and Arabic.
_FA_WORDS = re.compile(
    r"(?<!\w)(?:در|که|كه|از|این|اين|است|را|می|براى|برای|براي|شد|شده|کرد|كرد|بود|آن|ها|تا|هم|نیز|نيز|یک|يك)(?!\w)"
)
_AR_WORDS = re.compile(
    r"(?<!\w)(?:في|على|إلى|الى|عن|التي|الذي|الذين|أن|إن|هذا|هذه|كان|كانت|قد|لم|حيث|ذلك|منذ|بعد|وقال|قال)(?!\w)"
)
_AR_ARTICLE = re.compile(r"(?<!\w)[وفبلك]?ال\w")

_LANGDETECT_MAP = {"zh-cn": "zh", "zh-tw": "zh"}


def _count(text: str, letters: str) -> int:
    return sum(text.count(c) for c in letters)


def _arabic_script(sample: str) -> str:
    """Decide among the Arabic-script languages from letters and function words only one of them uses."""
    urdu, pashto, kurdish = _count(sample, _URDU), _count(sample, _PASHTO), _count(sample, _KURDISH)
    persian = _count(sample, _PERSIAN_STRONG) + len(_FA_WORDS.findall(sample))
    arabic = _count(sample, _ARABIC_STRONG) + len(_AR_WORDS.findall(sample))
    arabic += len(_AR_ARTICLE.findall(sample))
    best = max(urdu, pashto, kurdish)
    if best >= 2 or (best and best * 20 >= persian + arabic):
        if best == urdu:
            return "ur"
        return "ps" if best == pashto else "ku"
    if persian == arabic:
        persian, arabic = _count(sample, _PERSIAN_WEAK), _count(sample, _ARABIC_WEAK)
    if persian > arabic:
        return "fa"
    if arabic > persian:
        return "ar"
    return _langdetect(sample, fallback="ar")


def _langdetect(text: str, fallback: str = UNDETERMINED) -> str:
    try:
        code = str(detect(text))
    except LangDetectException:
        return fallback
    return _LANGDETECT_MAP.get(code, code)


def detect_language(text: str, *, force_langdetect: bool | None = None) -> str:
    """ISO 639-1 code of ``text``'s language, ``"und"`` if empty or undecidable.

    ``force_langdetect`` (or env ``MEDIAMON_FORCE_LANGDETECT=1``) skips the script fast path, for benchmarks.
    """
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if letters == 0:
        return UNDETERMINED
    if force_langdetect is None:
        force_langdetect = os.environ.get(FORCE_ENV, "") not in ("", "0")
    if force_langdetect:
        return _langdetect(sample)
    arabic_script = len(_ARABIC_BLOCK.findall(sample))
    if arabic_script * 2 >= letters:
        return _arabic_script(sample)
    return _langdetect(sample)
