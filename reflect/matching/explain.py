"""Which of the person's words drove a reading: the spans quoted back to them.

Each word feature is anchored to its tokens, so the direction model's score splits into what
each token added. The tokens that pushed hardest towards the chosen pole are joined into
spans of the person's own text; a word that only nudged
the score is never quoted.
"""

from __future__ import annotations

from reflect.matching.cues import Analysis
from reflect.matching.lexicon import GENERIC
from reflect.matching.results import Evidence

#: A token is quoted when it adds at least this much to the chosen side (log-odds) ...
MIN_PUSH = 0.12
#: ... and at least this share of the strongest token's push.
SHARE_OF_BEST = 0.3
#: Pushing tokens this close together in one clause are quoted as one span ("I say what the
#: families tell us", rather than "I say" and "tell us").
GAP = 3
#: At most this many spans per pole.
SPANS = 3


def _spans(analysis: Analysis, push: list[float], pole: str) -> list[Evidence]:
    tokens = analysis.tokens
    best = max(push, default=0.0)
    if best < MIN_PUSH:
        return []
    keep = [p >= max(MIN_PUSH, SHARE_OF_BEST * best) for p in push]
    scope = analysis.scope
    spans: list[tuple[int, int]] = []
    for i, kept in enumerate(keep):
        if not kept:
            continue
        if spans and spans[-1][1] >= i - GAP and tokens[spans[-1][1]].clause == tokens[i].clause:
            spans[-1] = (spans[-1][0], i)
        else:
            spans.append((i, i))
    out = []
    plain = [s for s in spans if not all(tokens[k].word in GENERIC for k in range(s[0], s[1] + 1))]
    if not plain and spans:  # only common words decided ("I say ... tell us"): quote the most
        plain = [max(spans, key=lambda s: sum(push[s[0] : s[1] + 1]))]
    for a, b in plain:  # "I", "our", "them" alone place nobody, whatever their weight
        if a in scope:  # quote the negation with what it negates: "don't rely on them"
            while a > 0 and (a - 1) in scope and tokens[a - 1].clause == tokens[a].clause:
                a -= 1
            if a > 0 and tokens[a - 1].clause == tokens[a].clause:
                a -= 1
        weight = sum(push[a : b + 1])
        start, end = tokens[a].start, tokens[b].end
        out.append(Evidence(pole, analysis.text[start:end], start, end, False, round(weight, 3)))
    out.sort(key=lambda e: -e.weight)
    return out[:SPANS]


def explain(
    analysis: Analysis, push: list[float], poles: tuple[str, str], pole: str
) -> tuple[Evidence, ...]:
    """The spans that drove the reading ``pole`` of tension ``ti``, in text order, from
    what each token pushed towards the second pole."""
    if pole == "neither":
        return ()
    first, second = poles
    found: list[Evidence] = []
    if pole in (second, "both"):
        found += _spans(analysis, push, second)
    if pole in (first, "both"):
        found += _spans(analysis, [-p for p in push], first)
    return tuple(sorted(found, key=lambda e: e.start))
