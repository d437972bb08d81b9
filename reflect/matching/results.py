"""What reading a text gives: the pole it leans to, how sure, the words that placed it, and
the tensions a story touches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reflect.content.model import Catalogue


@dataclass(frozen=True)
class Evidence:
    """Words in the person's text that placed them, as a span of that text."""

    pole: str
    text: str
    start: int
    end: int
    negated: bool
    weight: float = 0.0


@dataclass(frozen=True)
class TensionScore:
    """How strongly a text touches a tension (0 to 1)."""

    id: str
    score: float


@dataclass(frozen=True)
class Match:
    """Where a text leans on one tension, how sure the matcher is, and why.

    ``pole`` is a pole id, "both" or "neither". ``lean`` runs from -1 (entirely the first
    pole) to +1 (entirely the second). ``tensions`` ranks every tension the text touches.
    """

    tension: str | None
    pole: str
    lean: float
    confidence: float
    evidence: tuple[Evidence, ...]
    tensions: tuple[TensionScore, ...]
    hedged: bool = False
    #: True when the conversation should ask rather than tell.
    unsure: bool = True
    #: How many characters of the text were read: all, or the first ``textsafe.MAX_TEXT``.
    read_chars: int = 0
    #: True when the text was longer than that and the rest was not read.
    truncated: bool = False


def story_tensions(catalogue: Catalogue, ranking: Sequence[TensionScore]) -> list[str]:
    """The tensions a conversation takes up from a story, most touched first: the core ones it
    touches (the conversations are built on them), or the further ones when it touches none."""
    ranked = [t.id for t in ranking]
    core = [t for t in ranked if catalogue.tension(t).is_core]
    return core or ranked
