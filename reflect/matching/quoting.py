"""Choosing which of the person's words to quote back: merged, strongest first, in order."""

from __future__ import annotations

from collections.abc import Iterable


def pieces(
    spans: Iterable[tuple[int, int, float]], text: str, limit: int = 2
) -> list[tuple[int, int]]:
    """Where the strongest pieces of ``text`` among ``spans`` (start, end, weight) lie, in
    order, trimmed of spaces: spans a word or two apart in the same sentence are one piece
    ("bidding against"), and a piece inside another is not repeated."""
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
    chosen: list[tuple[int, int]] = []
    for start, end, _ in sorted(best):
        a, b = int(start), int(end)
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        piece = text[a:b].lower()
        if piece and not any(piece in text[x:y].lower() for x, y in chosen):
            chosen.append((a, b))
    return chosen


def quotes(spans: Iterable[tuple[int, int, float]], text: str, limit: int = 2) -> list[str]:
    """The strongest pieces of ``text`` among ``spans``, quoted in order (see ``pieces``)."""
    return [text[a:b] for a, b in pieces(spans, text, limit)]


def segments(text: str, marks: Iterable[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``text`` cut into runs, each marked or not: the marked runs are the ``marks``."""
    out: list[tuple[str, bool]] = []
    at = 0
    for start, end in sorted(marks):
        start, end = max(start, at), min(end, len(text))
        if start >= end:
            continue
        if start > at:
            out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    if at < len(text):
        out.append((text[at:], False))
    return out
