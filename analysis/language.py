"""Language of a text as an ISO 639-1 code (ISO 639-3 where a language has none: Sorani Kurdish is ``ckb``).

Fast path: letters that only one Arabic-script language uses decide without a model — Urdu (ٹ ڈ ڑ ں ے ھ),
Pashto (ټ ډ ړ ښ ږ ځ څ ڼ), Sorani Kurdish (ڕ ڵ ۆ ێ ە → ``ckb``), Persian (پ چ ژ گ and the Persian ی ک) against
Arabic (ة ى ي ك ؤ and the article ال). Persian and Urdu are therefore never taken for Arabic.
Other scripts fall to langdetect with a fixed seed. ``"und"`` when there is nothing to decide on.
Counting is done with ``str.count`` and ``bytes.count`` on a bounded sample (C speed, no Python loops).
"""

from __future__ import annotations

import os
import re

from langdetect import DetectorFactory, LangDetectException, detect

DetectorFactory.seed = 0

UNDETERMINED = "und"
SAMPLE_CHARS = 1500
FORCE_ENV = "MEDIAMON_FORCE_LANGDETECT"

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

# Script counts from the UTF-8 encoding, whose lead bytes name the block of every character (one C
# pass to encode, then ``bytes.count``): U+0600-06FF lead with D8-DB, U+0740-077F with DD (of which
# U+0740-074F are Syriac), U+00C0-00FF with C3, U+0100-023F with C4-C8, U+0240-027F with C9.
_LATIN_LEADS = (b"\xc3", b"\xc4", b"\xc5", b"\xc6", b"\xc7", b"\xc8")
_ASCII_LETTERS = bytes([*range(0x41, 0x5B), *range(0x61, 0x7B)])
_SYRIAC = re.compile(b"\xdd[\x80-\x8f]")
_LATIN_C9 = re.compile(b"\xc9[\x80-\x8f]")
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_OTHER_ARABIC_SCRIPT = re.compile(f"[{_URDU}{_PASHTO}{_KURDISH}{_PERSIAN_STRONG}]")


def script_counts(sample: str, *, arabic_only_if_decisive: bool = False) -> tuple[int, int]:
    """Characters of the Arabic script (U+0600-06FF, 0750-077F, FB50-FDFF, FE70-FEFF) and of Latin
    letters (A-Z, a-z, U+00C0-024F) in ``sample``.

    With ``arabic_only_if_decisive``, when the Arabic script is more than twice all the rest the Latin
    count is not made: the number of other characters is returned in its place.
    """
    return _script_counts(sample, sample.encode("utf-8", "surrogatepass"), arabic_only_if_decisive)


def _script_counts(sample: str, data: bytes, arabic_only_if_decisive: bool) -> tuple[int, int]:
    """``script_counts`` of ``sample`` whose UTF-8 encoding is ``data``."""
    arabic = data.count(b"\xd8") + data.count(b"\xd9") + data.count(b"\xda") + data.count(b"\xdb")
    if b"\xdd" in data:
        arabic += data.count(b"\xdd") - len(_SYRIAC.findall(data))
    if b"\xef" in data:
        arabic += len(_PRESENTATION_FORMS.findall(sample))
    if arabic_only_if_decisive and arabic > 2 * (len(sample) - arabic):
        return arabic, len(sample) - arabic
    latin = len(data) - len(data.translate(None, _ASCII_LETTERS))
    latin += sum(data.count(lead) for lead in _LATIN_LEADS)
    if b"\xc9" in data:
        latin += len(_LATIN_C9.findall(data))
    return arabic, latin


def mostly_arabic_script(sample: str) -> bool:
    """Whether ``sample`` has more than twice as many Arabic-script characters as Latin letters."""
    arabic, latin = script_counts(sample, arabic_only_if_decisive=True)
    return arabic > 2 * latin


def _no_other_arabic_script(sample: str, data: bytes) -> bool:
    """Certainly no letter of ``_OTHER_ARABIC_SCRIPT`` in ``sample`` (``data``: its UTF-8), by a few C
    searches: they are ٹ ټ پ (U+0679, 067C, 067E) and letters whose UTF-8 begins with DA or DB.
    False: maybe some."""
    return b"\xda" not in data and b"\xdb" not in data and "ٹ" not in sample and "ټ" not in sample and "پ" not in sample


def _count(text: str, letters: str) -> int:
    return sum(text.count(c) for c in letters)


def _arabic_script(sample: str, data: bytes | None = None) -> str:
    """Decide among the Arabic-script languages from letters and function words only one of them uses
    (``data``: the sample in UTF-8, if at hand)."""
    arabic_letters = sample.count("ة") + sample.count("ى") + sample.count("ؤ")
    if arabic_letters >= 5 and (
        (data is not None and _no_other_arabic_script(sample, data)) or not _OTHER_ARABIC_SCRIPT.search(sample)
    ):
        return "ar"  # the common case, decided by a few byte searches (or one regex scan)
    urdu, pashto, kurdish = _count(sample, _URDU), _count(sample, _PASHTO), _count(sample, _KURDISH)
    persian_letters = _count(sample, _PERSIAN_STRONG)
    if not (urdu or pashto or kurdish or persian_letters) and arabic_letters >= 5:
        return "ar"  # ة ى ؤ throughout and no letter of another Arabic-script language
    persian = persian_letters + len(_FA_WORDS.findall(sample))
    arabic = arabic_letters + len(_AR_WORDS.findall(sample)) + len(_AR_ARTICLE.findall(sample))
    best = max(urdu, pashto, kurdish)
    if best >= 2 or (best and best * 20 >= persian + arabic):
        if best == urdu:
            return "ur"
        return "ps" if best == pashto else "ckb"  # Arabic-script Kurdish is Sorani (ISO 639-3: no 639-1 code)
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
    if force_langdetect is None:
        force_langdetect = os.environ.get(FORCE_ENV, "") not in ("", "0")
    if not force_langdetect:
        data = sample.encode("utf-8", "surrogatepass")
        arabic, latin = _script_counts(sample, data, True)
        if arabic > 2 * latin:
            return _arabic_script(sample, data)
    if not _LETTER.search(sample):
        return UNDETERMINED
    return _langdetect(sample)
