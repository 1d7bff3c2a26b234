"""Named craft: a ship or tanker named in quotation marks after its noun (سفينة الشحن «أوريا ستار»).

An attack on a ship is told from the coast it sailed off, from the capital of the group that claims it, from the
flag state or the owner's country and from the port it is towed to: reports of one event name other countries and
other places, and few words in common. What they share is the ship's name, which no other event of the week has
(blind set 14). A name in quotation marks or brackets right after such a noun (and at most two definite words
that qualify it: ناقلة البضائع السائبة; not a word of the clause: السفينة وطاقمها «بخير») is kept, normalised and
stemmed. Not a company's, a group's, an operation's or a platform's name, nor a warship's: شركة «أرامكو», حركة
«حماس», عملية «درع الفرات», منصة «إكس» (where statements are posted) and حاملة الطائرات «أيزنهاور» are in the news
for weeks, in many events.
"""

from __future__ import annotations

import re

from mediamon.analysis.normalize import normalize
from mediamon.processors.stories.shingles import joined_words, stem

# The nouns of named craft, normalised (ة is ه after normalize), with the article and one clitic allowed.
_NOUNS = ("سفينه", "ناقله", "باخره", "يخت", "مركب")
_CRAFT_RE = re.compile(
    r"(?<![^\W_])[وفبل]?(?:ال)?(?:" + "|".join(_NOUNS) + r")"
    r"(?:\s+ال[^\W\d_]+){0,2}?\s*[«\"“(]([^»\"”«“()\n.،,:؛]{2,40})[»\"”)]"
)


def craft_names(told: str) -> list[str]:
    """The names of the craft named in ``told`` (a title and lede), as their stemmed words, distinct, in order."""
    names: list[str] = []
    for match in _CRAFT_RE.finditer(normalize(told)):
        name = " ".join(stem(word) for word in joined_words(match.group(1)))
        if name and name not in names:
            names.append(name)
    return names
