"""The personal summary of trade-offs: built from a session's records and the catalogue.

For each tension: where the person stands and would prefer to be, the words that placed them,
what their lean gives and risks, what the other pole offers, the both-and positions, their
action step and early warning, and a question to carry. Across tensions: a few sentences that
name the overall pattern, each from a rule over the positions and each citing the research
it draws on. Pure: no I/O, no Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reflect.content.model import BothAnd, Catalogue, Tension
from reflect.conversation.lean import Settled, settled_side
from reflect.journal.snapshot import Snapshot, TensionRecord
from reflect.matching.quoting import pieces
from reflect.summary.patterns import patterns

#: What each answer in a tension's conversation was, in the order the flows ask them; the
#: probing question differs by kind of tension (see dialogues/tension.yaml).
REPLY_LABELS = (
    ("feeling", "How it felt"),
    ("grounds", "What tells you that"),
    ("cost", "What it costs you"),
    ("probe", ""),
    ("compromise", "When a compromise is acceptable"),
    ("others", "How others would see it"),
    ("again", "If you had the moment again"),
    ("action", "Your action step"),
    ("warning", "Your early-warning sign"),
    ("takeaway", "What you take from it"),
)
PROBE_LABELS = {
    "experienced": "Responses you have tried",
    "inherent": "What is under-served",
    "": "Looking at the other pole",
}
#: What the session-wide answers were (a story, a goal, a commitment).
REFLECTION_LABELS = {
    "goal": "What you wanted from the session",
    "story": "The moment you described",
    "feeling": "How it felt, then and now",
    "story2": "A second moment",
    "others": "How others would see it",
    "again": "If you had the moment again",
    "options": "The options you see",
    "action": "One step for the next month",
    "warning": "An early-warning sign",
    "commitment": "Your commitment",
    "when": "When",
    "who": "Who needs to know",
    "support": "The support you need",
    "confidence": "How confident you are (1-10)",
    "raise": "What would make that one point higher",
    "reached": "How far the session got you there",
}
#: How a lean is described, by kind: an experienced tension is lived through, not chosen;
#: an inherent one needs both sides; the others are two ways of acting, both good practice.
LEAN_LABELS = {
    "experienced": (
        "Towards {lean}: what it keeps for you",
        "What it risks",
        "What {other} would bring",
    ),
    "inherent": (
        "What {lean} gives the partnership",
        "What too much of it risks",
        "What {other} brings, which collaboration also needs",
    ),
    "": (
        "What leaning towards {lean} gives you",
        "What it risks when over-done",
        "What {other} offers",
    ),
}


@dataclass(frozen=True)
class TensionSummary:
    """One tension in the summary."""

    id: str
    title: str
    left: str
    right: str
    now: int | None
    preferred: int | None
    lean: Settled
    lean_name: str
    other_name: str
    words: tuple[str, ...]
    answer: str
    gives: tuple[str, ...]
    risks: tuple[str, ...]
    other_offers: tuple[str, ...]
    both_and: tuple[BothAnd, ...]
    question: str
    correction: str
    notes: tuple[str, ...]
    kind: str = ""
    #: the person's other answers about this tension, labelled, in the order asked
    replies: tuple[tuple[str, str], ...] = ()
    #: where, in ``answer``, the words that placed them lie (start, end), in order
    marks: tuple[tuple[int, int], ...] = ()

    @property
    def lean_labels(self) -> tuple[str, str, str]:
        """How to head what the lean gives, what it risks and what the other side offers."""
        gives, risks, offers = LEAN_LABELS.get(self.kind, LEAN_LABELS[""])
        lean, other = self.lean_name, self.other_name
        return gives.format(lean=lean), risks, offers.format(other=other)

    @property
    def gap(self) -> int | None:
        if self.now is None or self.preferred is None:
            return None
        return self.preferred - self.now


@dataclass(frozen=True)
class Summary:
    """The whole summary of one session."""

    dialogue: str
    name: str
    tensions: tuple[TensionSummary, ...]
    pattern: tuple[str, ...]
    notes: tuple[str, ...]
    finished: bool
    #: the full references of the research this summary draws on, by author
    references: tuple[str, ...] = ()
    #: what the person said for the session as a whole (a story, a goal, a commitment)
    reflections: tuple[tuple[str, str], ...] = ()


def _correction(data: TensionRecord, tension: Tension) -> str:
    reading = data.reading
    placed = data.placed
    if not data.corrected or not placed:
        return ""
    names = {p.id: p.name for p in tension.poles} | {"both": "both", "neither": "neither"}
    read = names.get(reading.pole if reading else "")
    own = names.get(placed, placed)
    if read is None or read == "neither" or (reading is not None and reading.unsure):
        return f"Your words did not clearly lean either way; you placed yourself at {own}."
    return f"Your words seemed to lean towards {read}; you placed yourself at {own}."


def tension_summary(data: TensionRecord, tension: Tension) -> TensionSummary:
    """One tension's part of the summary."""
    left, right = tension.poles
    now = data.now
    lean = settled_side(tension, now, data.placed or (data.reading.pole if data.reading else ""))
    pole = left if lean == "left" else right if lean == "right" else None
    other = right if lean == "left" else left if lean == "right" else None
    answer = str(data.get("answer") or "")
    evidence = data.reading.evidence if data.reading else ()
    spans = [(e.start, e.end, e.weight) for e in evidence if not e.negated]
    # the words that placed them, only when the reading stood: after a correction, the person
    # placed themselves and their words did not
    marks = tuple(pieces(spans, answer, limit=3)) if answer and not data.corrected else ()
    if pole is not None and other is not None:
        gives, risks, offers = pole.upsides, pole.downsides, other.upsides
    else:  # in the middle: what each end offers
        gives = (left.upsides[0], right.upsides[0])
        risks = (left.downsides[0], right.downsides[0])
        offers = ()
    return TensionSummary(
        id=tension.id,
        title=tension.title,
        left=left.name,
        right=right.name,
        now=now,
        preferred=data.preferred,
        lean=lean,
        lean_name=pole.name if pole else "both ends" if lean == "middle" else "",
        other_name=other.name if other else "",
        words=tuple(answer[a:b] for a, b in marks),
        answer=answer,
        marks=marks,
        gives=gives,
        risks=risks,
        other_offers=offers,
        both_and=tension.both_and,
        question=data.question or (tension.questions[0] if tension.questions else ""),
        correction=_correction(data, tension),
        notes=data.notes,
        kind=tension.kind,
        replies=tuple(
            (label or PROBE_LABELS.get(tension.kind, PROBE_LABELS[""]), str(data.get(key)))
            for key, label in REPLY_LABELS
            if data.get(key) not in (None, "")
        ),
    )


def build(snap: Snapshot | Mapping[str, Any], catalogue: Catalogue) -> Summary:
    """The summary of a session from its snapshot (plain data is read as one first)."""
    if not isinstance(snap, Snapshot):
        snap = Snapshot.read(snap)
    items: list[TensionSummary] = []
    for data in snap.tensions:
        try:
            tension = catalogue.tension(data.id)
        except KeyError:
            continue  # a tension no longer in the catalogue: nothing to say about it
        items.append(tension_summary(data, tension))
    by_id = {i.id: i for i in items}
    said = snap.reflections
    sources = {s.reference for item in items for s in catalogue.tension(item.id).sources}
    pattern = patterns(by_id)
    return Summary(
        dialogue=snap.dialogue,
        name=snap.name or "",
        tensions=tuple(items),
        pattern=pattern,
        notes=snap.notes,
        finished=snap.finished,
        references=tuple(sorted(sources, key=str.casefold)),
        reflections=tuple(
            (label, str(said[key])) for key, label in REFLECTION_LABELS.items() if said.get(key)
        ),
    )
