"""Settings of story clustering: the window, MinHash size and the weights of the similarity score."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class StoryConfig:
    """How articles are grouped into stories (docs/stories.md explains each knob).

    The score of an article against an earlier one is

        text_weight * J + place_weight * P + country_weight * C + figure_weight * F - figure_conflict * X
            - place_conflict * L + phrase_weight * N + craft_weight * S

    where J is the MinHash estimate of the Jaccard similarity of their word shingles (title + lead),
    P the cosine similarity of their place sets (halved when they share one place), C the Jaccard
    similarity of their countries, F 1 when they state the same toll (the highest count of a kind) and X 1 when
    the later one states a lower toll (tolls only rise; not counted when it says the toll rose) and L 1 when each
    names a place the other does not (two strikes in neighbouring towns, or in two quarters of one city), and N 1
    when they share no place, one of them (or both) names none and they share ``min_phrases`` pairs of adjacent
    content words (a national story; talks told from two capitals; not a toll's formula of two casualty reports
    without a common country),
    S 1 when they name the same ship (craft.py; then no country need be shared: the flag state, the coast and the
    port of one attack).
    Anniversary pieces only match anniversary pieces, opinion and analysis pieces only commentary; reports of a
    periodic statement only match reports of the same statement, less than ``periodic_gap`` apart.
    An article joins the best-scoring story whose score reaches ``threshold`` and whose text similarity
    reaches ``min_text``, among the articles within ``window`` of its event time.
    """

    window: timedelta = timedelta(hours=72)
    num_perm: int = 128
    seed: int = 1  # MinHash seed: fixed so that every worker computes the same signatures
    lead_words: int = 50  # words of the text, after the title, that form the lead (shingled; its places and figures)
    shingle_size: int = 1  # words per shingle
    lsh_threshold: float = 0.15  # MinHashLSH candidate threshold (recall matters; scoring decides)
    text_weight: float = 1.0
    place_weight: float = 0.3
    country_weight: float = 0.1
    figure_weight: float = 0.15
    figure_conflict: float = 0.15
    place_conflict: float = 0.3
    phrase_weight: float = 0.2  # two reports that name no place and share ``min_phrases`` pairs of words
    min_phrases: int = 2
    craft_weight: float = 0.2  # two reports that name the same ship (craft.py)
    threshold: float = 0.28
    min_text: float = 0.06
    min_text_spot: float = 0.03  # the minimum text similarity of two reports that name the same spot
    periodic_gap: timedelta = timedelta(hours=12)  # reports of one daily statement are closer than half a day
    max_candidates: int = 200  # most recent candidates scored per article (bounds the cost of busy places)

    def __post_init__(self) -> None:
        if self.window <= timedelta(0):
            raise ValueError("window must be positive")
        if self.num_perm < 16:
            raise ValueError("num_perm must be at least 16")
        if self.shingle_size < 1 or self.lead_words < 1:
            raise ValueError("shingle_size and lead_words must be at least 1")
