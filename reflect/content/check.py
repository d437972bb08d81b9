"""Checks of content against its sources and its readers' eyes: verbatim quotes, and wording
that would show the inside (ids, file names) to the person."""

from __future__ import annotations

import re

from reflect.base.messages import did_you_mean
from reflect.base.problems import Problem
from reflect.content.model import Tension
from reflect.content.yamldoc import Document, Key


def quote_problems(
    tension: Tension, doc: Document, seeds: dict[str, str], folder: str
) -> list[Problem]:
    """Errors for quotes and sources naming unknown seeds; warnings for quotes not verbatim."""
    problems: list[Problem] = []
    folded = {name: " ".join(text.split()) for name, text in seeds.items()}
    named = [(("quotes", i, "seed"), q.seed) for i, q in enumerate(tension.quotes)]
    named += [(("sources", i, "seed"), s.seed) for i, s in enumerate(tension.sources)]
    for key, seed in named:
        if seed not in folded:
            problems.append(
                doc.problem(
                    key,
                    "unknown-seed",
                    seed=seed,
                    folder=folder,
                    hint=did_you_mean(seed, list(seeds)),
                )
            )
    for i, quote in enumerate(tension.quotes):
        if quote.seed in folded and " ".join(quote.text.split()) not in folded[quote.seed]:
            excerpt = quote.text if len(quote.text) <= 60 else quote.text[:57] + "..."
            problems.append(
                doc.warning(
                    ("quotes", i, "text"), "quote-not-found", seed=quote.seed, excerpt=excerpt
                )
            )
    return problems


INSIDE = re.compile(
    r"\bseeds?\s*(?:file\s*)?0\d\d\b|\bthe seeds?\b|\d{3}_[0-9a-f]{16}(?:\.txt)?|\bmatcher\b",
    re.IGNORECASE,
)
#: Keys whose values are never shown to a person (a quote's or source's seed file name).
NOT_SHOWN = frozenset({"seed"})


def wording_problems(doc: Document) -> list[Problem]:
    """Errors for any text a person would read that names a seed file or the program's parts."""
    problems: list[Problem] = []

    def walk(value: object, key: Key) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                if k not in NOT_SHOWN:
                    walk(v, (*key, k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, (*key, i))
        elif isinstance(value, str):
            found = INSIDE.search(value)
            if found:
                problems.append(doc.problem(key, "inside-words", found=found.group(0)))

    walk(doc.data, ())
    return problems
