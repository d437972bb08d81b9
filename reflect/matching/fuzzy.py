"""Fuzzy comparison of short phrases (rapidfuzz)."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz


def fold(phrase: str) -> str:
    """Lower-case, straight apostrophes, single spaces, no surrounding punctuation."""
    phrase = phrase.casefold().replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(phrase.split()).strip(" .,;:!?\"'()…")


def close_pairs(
    left: Sequence[str], right: Sequence[str], cutoff: float = 90.0
) -> list[tuple[int, int, float]]:
    """Pairs (i, j, score) where left[i] and right[j] are near-identical but not equal."""
    a = [fold(x) for x in left]
    b = [fold(x) for x in right]
    pairs = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            score = fuzz.ratio(x, y, score_cutoff=cutoff)
            if score and x != y:
                pairs.append((i, j, score))
    return pairs
