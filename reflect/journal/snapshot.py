"""A session's records as one typed, versioned value: what the journal keeps, and what the
summary, the exports and compare read.

``Snapshot.data()`` is the one place its plain-data form (JSON in the journal and the exports)
is written, and ``Snapshot.read()`` the one place it is read back: forgiving, so that an older
or hand-made snapshot gives what it has and defaults for the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any, overload

from reflect.content.model import Catalogue
from reflect.conversation.fill import carried_question
from reflect.conversation.values import Record, State

#: The version of this data's shape (in the journal and in JSON exports).
SCHEMA = 1
#: The person's answers about one tension that a snapshot keeps, in the order the flows ask.
KEPT = (
    "answer",
    "agreed",
    "feeling",
    "grounds",
    "cost",
    "probe",
    "compromise",
    "others",
    "again",
    "action",
    "warning",
    "takeaway",
)
#: One kept answer: text, a choice's id, or a number from a scale.
Answer = str | int | None


@dataclass(frozen=True)
class Quoted:
    """Words of the answer that placed the person, as a span of it."""

    pole: str
    text: str
    start: int
    end: int
    negated: bool = False
    weight: float = 0.5


@dataclass(frozen=True)
class Reading:
    """How the answer was read: the pole, the lean (-1 to +1), how sure, and which words."""

    pole: str
    lean: float
    confidence: float
    #: the conversation asked rather than told: the summary must not claim a reading
    unsure: bool
    evidence: tuple[Quoted, ...] = ()


@dataclass(frozen=True)
class TensionRecord:
    """One tension as the session recorded it."""

    id: str
    title: str = ""
    poles: tuple[str, ...] = ()
    now: int | None = None
    preferred: int | None = None
    placed: str | None = None
    corrected: bool = False
    notes: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    done: bool = False
    #: the question the conversation offered to carry forward, so the summary repeats it
    question: str = ""
    #: the person's answers, by the names in ``KEPT``
    answers: Mapping[str, Answer] = field(default_factory=dict)
    reading: Reading | None = None

    def get(self, key: str) -> Answer:
        """One kept answer, or None."""
        return self.answers.get(key)


@dataclass(frozen=True)
class Snapshot:
    """Everything a session has recorded."""

    dialogue: str = ""
    name: str | None = None
    finished: bool = False
    quit: bool = False
    notes: tuple[str, ...] = ()
    #: what a script asked once for the whole session (a story, a goal, a commitment); the
    #: summary decides which of them to show, and how to name them
    reflections: Mapping[str, str] = field(default_factory=dict)
    tensions: tuple[TensionRecord, ...] = ()
    schema: int = SCHEMA

    def data(self) -> dict[str, Any]:
        """The snapshot as plain data, as the journal stores it."""
        return {
            "schema": self.schema,
            "dialogue": self.dialogue,
            "name": self.name,
            "finished": self.finished,
            "quit": self.quit,
            "notes": list(self.notes),
            "reflections": dict(self.reflections),
            "tensions": [_tension_data(t) for t in self.tensions],
        }

    @classmethod
    def read(cls, data: Mapping[str, Any]) -> Snapshot:
        """A snapshot from plain data (see ``data``); what is missing or malformed is left
        at its default."""
        said = data.get("reflections")
        return cls(
            dialogue=_text(data.get("dialogue")),
            name=_text(data.get("name")) or None,
            finished=bool(data.get("finished")),
            quit=bool(data.get("quit")),
            notes=_texts(data.get("notes")),
            reflections={str(k): str(v) for k, v in said.items()}
            if isinstance(said, Mapping)
            else {},
            tensions=tuple(
                _read_tension(t)
                for t in data.get("tensions") or ()
                if isinstance(t, Mapping) and isinstance(t.get("id"), str)
            ),
            schema=_scale(data.get("schema")) or SCHEMA,
        )


def snapshot(state: State, catalogue: Catalogue) -> Snapshot:
    """Everything a session has recorded, from its state."""
    return Snapshot(
        dialogue=state.dialogue,
        name=state.variables.get("name") or None,
        finished=state.finished,
        quit=state.quit,
        notes=tuple(state.notes),
        reflections={
            k: str(v) for k, v in state.variables.items() if k != "name" and v not in (None, "")
        },
        tensions=tuple(_record(r, catalogue, state.seed) for r in state.visited),
    )


@overload
def without_notes(snap: Snapshot) -> Snapshot: ...
@overload
def without_notes(snap: Mapping[str, Any]) -> dict[str, Any]: ...
def without_notes(snap: Snapshot | Mapping[str, Any]) -> Snapshot | dict[str, Any]:
    """The snapshot with every coach's note left out (for an export without them); plain
    data stays plain data, with everything else in it kept as it is."""
    if isinstance(snap, Snapshot):
        tensions = tuple(replace(t, notes=()) for t in snap.tensions)
        return replace(snap, notes=(), tensions=tensions)
    kept = [{**t, "notes": []} for t in snap.get("tensions", []) if isinstance(t, dict)]
    return {**snap, "notes": [], "tensions": kept}


def _record(record: Record, catalogue: Catalogue, seed: int) -> TensionRecord:
    tension = catalogue.tension(record.tension)
    reading = record.reading
    return TensionRecord(
        id=record.tension,
        title=tension.title,
        poles=tuple(p.id for p in tension.poles),
        now=record.now,
        preferred=record.preferred,
        placed=record.placed or None,
        corrected=record.corrected,
        notes=tuple(record.notes),
        skipped=tuple(record.skipped),
        done=record.done,
        question=carried_question(tension, seed),
        answers={k: record.get(k) for k in KEPT},
        reading=None
        if reading is None
        else Reading(
            pole=reading.pole,
            lean=reading.lean,
            confidence=reading.confidence,
            unsure=reading.unsure,
            evidence=tuple(
                Quoted(e.pole, e.text, e.start, e.end, e.negated, e.weight)
                for e in reading.evidence
            ),
        ),
    )


def _tension_data(t: TensionRecord) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": t.id,
        "title": t.title,
        "poles": list(t.poles),
        "now": t.now,
        "preferred": t.preferred,
        "placed": t.placed,
        "corrected": t.corrected,
        "notes": list(t.notes),
        "skipped": list(t.skipped),
        "done": t.done,
        "question": t.question,
    }
    data.update({k: t.answers.get(k) for k in KEPT})
    r = t.reading
    # the reading and its words, field by field in the order declared above
    data["reading"] = (
        None if r is None else {**asdict(r), "evidence": [asdict(e) for e in r.evidence]}
    )
    return data


def _read_tension(data: Mapping[str, Any]) -> TensionRecord:
    reading = data.get("reading")
    return TensionRecord(
        id=data["id"],
        title=_text(data.get("title")),
        poles=_texts(data.get("poles")),
        now=_scale(data.get("now")),
        preferred=_scale(data.get("preferred")),
        placed=data.get("placed") if isinstance(data.get("placed"), str) else None,
        corrected=bool(data.get("corrected")),
        notes=_texts(data.get("notes")),
        skipped=_texts(data.get("skipped")),
        done=bool(data.get("done")),
        question=_text(data.get("question")),
        answers={k: _answer(data.get(k)) for k in KEPT},
        reading=_read_reading(reading) if isinstance(reading, Mapping) else None,
    )


def _read_reading(data: Mapping[str, Any]) -> Reading:
    evidence = data.get("evidence")
    return Reading(
        pole=_text(data.get("pole")),
        lean=_number(data.get("lean")),
        confidence=_number(data.get("confidence")),
        unsure=bool(data.get("unsure")),
        evidence=tuple(
            Quoted(
                pole=_text(e.get("pole")),
                text=_text(e.get("text")),
                start=int(e["start"]),
                end=int(e["end"]),
                negated=bool(e.get("negated")),
                weight=_number(e.get("weight", 0.5)),
            )
            for e in (evidence if isinstance(evidence, list) else ())
            if isinstance(e, Mapping)
            and isinstance(e.get("start"), int)
            and isinstance(e.get("end"), int)
        ),
    )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _texts(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()


def _scale(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _answer(value: object) -> Answer:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return str(value)
