"""Filling a script's texts: the names a text can use, and the templates that use them."""

from __future__ import annotations

import random
import re
from typing import Any

from reflect.content.model import Catalogue, Tension
from reflect.content.script import TEMPLATE
from reflect.conversation.lean import leaning
from reflect.conversation.values import State
from reflect.matching.quoting import quotes
from reflect.matching.results import Match


def pick(options: tuple[str, ...] | list[str], state: State, salt: str) -> str:
    """One of several wordings, chosen at random but the same for the same state and seed."""
    if not options:
        return ""
    rng = random.Random(f"{state.seed}:{state.counter}:{salt}")
    return options[rng.randrange(len(options))]


def evidence_words(reading: Match | None, text: str, limit: int = 2) -> str:
    """The strongest evidence, quoted in the person's own words and in their order."""
    if reading is None or not reading.evidence:
        return ""
    own = [e for e in reading.evidence if not e.negated] or list(reading.evidence)
    pieces = quotes(((e.start, e.end, e.weight) for e in own), text, limit)
    return ", ".join(f"\u201c{q}\u201d" for q in pieces)


def carried_question(tension: Tension, seed: int) -> str:
    """The question to carry forward: the same in the conversation and in the summary."""
    if not tension.questions:
        return ""
    rng = random.Random(f"{seed}:question:{tension.id}")
    return tension.questions[rng.randrange(len(tension.questions))]


def quote_line(tension: Tension, state: State) -> str:
    """One thing someone in the research said, with who said it and where it is published.

    A quote that speaks for the other end from where the person leans comes first: hearing
    the side they are not on is the point of showing it.
    """
    if not tension.quotes:
        return ""
    lean = leaning(state.record(tension.id), tension)
    other = {"left": tension.poles[1].id, "right": tension.poles[0].id}.get(lean, "")
    chosen = [q for q in tension.quotes if other and q.pole == other] or list(tension.quotes)
    quote = chosen[random.Random(f"{state.seed}:quote:{tension.id}").randrange(len(chosen))]
    source = next((s for s in tension.sources if s.seed == quote.seed), None)
    said = f"\u201c{quote.text}\u201d - {quote.speaker}"
    if source is None or _cites(quote.speaker, source.citation):
        return said
    return f"{said}; {source.citation}"


def _cites(speaker: str, citation: str) -> bool:
    """Whether a speaker's description already names the source (its first author and year)."""
    first = citation.split(" ")[0].rstrip(",")
    year = citation.rsplit("(", 1)[-1].rstrip(")")
    return first in speaker and year in speaker


def names(state: State, catalogue: Catalogue, tension_id: str) -> dict[str, Any]:
    """Every name a text can use: session variables, and the tension in hand with its record."""
    values: dict[str, Any] = dict(state.variables)
    if not tension_id:
        return values
    tension = catalogue.tension(tension_id)
    record = state.record(tension_id)
    left, right = tension.poles
    lean = leaning(record, tension)
    lean_pole = left if lean == "left" else right if lean == "right" else None
    other = right if lean == "left" else left if lean == "right" else None
    values.update({k: v for k, v in record.values.items() if v is not None})
    values.update(
        {
            "tension.id": tension.id,
            "tension.title": tension.title,
            "tension.summary": tension.summary,
            "tension.idea": tension.gist,
            "tension.opening": tension.opening_question,
            "tension.kind": tension.kind,
            "left.name": left.name,
            "right.name": right.name,
            "left.in_practice": left.in_practice,
            "right.in_practice": right.in_practice,
            "left.upside": pick(left.upsides, state, "left.upside"),
            "right.upside": pick(right.upsides, state, "right.upside"),
            "left.downside": pick(left.downsides, state, "left.downside"),
            "right.downside": pick(right.downsides, state, "right.downside"),
            "lean.name": lean_pole.name if lean_pole else "both" if lean == "both" else "",
            "other.name": other.name if other else "",
            "other.upside": pick(other.upsides, state, "other.upside") if other else "",
            "other.downside": pick(other.downsides, state, "other.downside") if other else "",
            "evidence": evidence_words(record.reading, str(record.get("answer") or "")),
            "question": carried_question(tension, state.seed),
            "both_and": f"{tension.both_and[0].name}: {tension.both_and[0].description}"
            if tension.both_and
            else "",
            "quote": quote_line(tension, state),
            "reading": lean_pole.name if lean_pole else lean,
        }
    )
    return values


def fill(text: str, values: dict[str, Any]) -> str:
    """Replace ``{name}`` and ``{name|default}``; ``{{`` and ``}}`` are literal braces."""

    def one(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        value = values.get(match.group(1))
        if value is None or value == "":
            return match.group(2) or ""
        return str(value)

    return TEMPLATE.sub(one, text)
