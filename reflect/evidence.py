"""Choosing which of the person's words to quote back: merged, strongest first, in order."""

from __future__ import annotations

from collections.abc import Iterable


def quotes(spans: Iterable[tuple[int, int, float]], text: str, limit: int = 2) -> list[str]:
    """The strongest pieces of ``text`` among ``spans`` (start, end, weight), quoted in order.

    Spans a word or two apart in the same sentence are quoted as one ("bidding against"), and a
    piece already inside another quote is not repeated.
    """
    merged: list[list[float]] = []
    for start, end, weight in sorted((float(a), float(b), float(w)) for a, b, w in spans):
        if (
            merged
            and start - merged[-1][1] <= 12
            and "." not in text[int(merged[-1][1]) : int(start)]
        ):
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2] += weight
        else:
            merged.append([start, end, weight])
    best = sorted(merged, key=lambda m: -m[2])[:limit]
    chosen: list[str] = []
    for start, end, _ in sorted(best):
        piece = text[int(start) : int(end)].strip()
        if piece and not any(piece.lower() in q.lower() for q in chosen):
            chosen.append(piece)
    return chosen
